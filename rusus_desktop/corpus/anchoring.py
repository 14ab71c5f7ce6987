"""Re-anchoring: finding where an annotation's passage went after the document's text changed.

An annotation is anchored twice over (the W3C Web Annotation selectors): by code-point offsets
into one exact text (``text_sha256``) and by its quote with up to 32 characters of context on each
side. When a document is re-added from an edited file the offsets no longer hold, so
:func:`reanchor` places each annotation again in the new text:

1. **unchanged**: the diff between old and new text maps the offsets to a place where the quote
   still stands, with its context;
2. **exact**: the quote occurs verbatim; among several occurrences the one whose surrounding text
   best matches the stored prefix/suffix (and lies nearest the mapped position) wins;
3. **fuzzy**: the passage itself was edited (a typo fixed, a tone mark moved, a word added):
   ``prefix + quote + suffix`` is aligned against candidate windows and the quote's ends are
   carried across the alignment; accepted only when the found text is close to the quote.

Anything else is *not placed*: the caller keeps the annotation with status ``orphaned`` for
the analyst to review. Nothing here drops an annotation. Pure stdlib; offsets are code points.
"""
from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rusus_desktop.corpus.text import is_boundary

#: minimum similarity between the stored quote and the text found by fuzzy matching
FUZZY_THRESHOLD = 0.75
_MAX_OCCURRENCES = 5000
_MAX_CANDIDATE_WINDOWS = 40
_PROBE = 16  # characters of a quote or context searched verbatim to find candidate windows


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a passage now stands. ``method`` is ``unchanged``, ``exact`` or ``fuzzy``."""

    start: int
    end: int
    method: str
    score: float = 1.0


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How much of the stored context surrounds ``text[start:end]`` (0..1)."""
    parts = []
    if prefix:
        parts.append(_common_suffix(prefix, text[max(0, start - len(prefix)):start]) / len(prefix))
    if suffix:
        parts.append(_common_prefix(suffix, text[end:end + len(suffix)]) / len(suffix))
    if not parts:  # the quote is the whole old text: no context to compare
        return 1.0
    return sum(parts) / len(parts)


def _occurrences(text: str, needle: str, limit: int = _MAX_OCCURRENCES) -> list[int]:
    found: list[int] = []
    if not needle:
        return found
    i = text.find(needle)
    while i != -1 and len(found) < limit:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ends off combining marks (widen) so a placement never splits a character."""
    while start > 0 and not is_boundary(text, start):
        start -= 1
    while end < len(text) and not is_boundary(text, end):
        end += 1
    return start, end


def _exact(text: str, quote: str, prefix: str, suffix: str, hint: int | None) -> Placement | None:
    # An occurrence that ends before a combining mark is another word ("yêu" is not "yêú").
    hits = [i for i in _occurrences(text, quote)
            if is_boundary(text, i) and is_boundary(text, i + len(quote))]
    if not hits:
        return None
    n = len(text) or 1
    best: tuple[float, int] | None = None
    for i in hits:
        ctx = context_score(text, i, i + len(quote), prefix, suffix)
        near = 0.0 if hint is None else 1.0 - min(1.0, abs(i - hint) / n)
        # Context dominates; nearness to where the diff says the passage went breaks ties.
        score = ctx + 0.25 * near
        if best is None or score > best[0]:
            best = (score, i)
    assert best is not None
    i = best[1]
    ctx = context_score(text, i, i + len(quote), prefix, suffix)
    close = hint is not None and abs(i - hint) <= max(32, len(quote))
    unique_enough = len(hits) == 1 and len(quote.strip()) >= 4
    if ctx >= 0.2 or close or unique_enough:
        return Placement(i, i + len(quote), "exact", round(min(1.0, 0.5 + ctx / 2), 3))
    return None


def _map_start(idx: int, opcodes: Sequence[tuple[str, int, int, int, int]]) -> int | None:
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "insert" or not (i1 <= idx < i2):
            continue
        if tag == "equal":
            return j1 + (idx - i1)
        if tag == "replace":
            return j1 + round((idx - i1) * (j2 - j1) / (i2 - i1))
        return j1  # deleted: the passage now starts where the deletion was
    return None


def _map_end(idx: int, opcodes: Sequence[tuple[str, int, int, int, int]]) -> int | None:
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "insert" or not (i1 < idx <= i2):
            continue
        if tag == "equal":
            return j1 + (idx - i1)
        if tag == "replace":
            return j1 + round((idx - i1) * (j2 - j1) / (i2 - i1))
        return j1
    return None


def _align_in_window(text: str, lo: int, hi: int, quote: str, prefix: str,
                     suffix: str) -> Placement | None:
    window = text[lo:hi]
    pattern = prefix + quote + suffix
    ops = difflib.SequenceMatcher(None, pattern, window, autojunk=False).get_opcodes()
    s = _map_start(len(prefix), ops)
    e = _map_end(len(prefix) + len(quote), ops)
    if s is None or e is None or e <= s:
        return None
    found = window[s:e]
    # Trim whitespace the alignment dragged in at the ends (the quote's own ends are kept).
    while found and found[0].isspace() and not quote[:1].isspace():
        s += 1
        found = found[1:]
    while found and found[-1].isspace() and not quote[-1:].isspace():
        e -= 1
        found = found[:-1]
    if not found:
        return None
    ratio = difflib.SequenceMatcher(None, quote, found, autojunk=False).ratio()
    if ratio < FUZZY_THRESHOLD:
        return None
    if len(quote) < 8 and ratio < 0.8:
        return None  # a short quote matches too much by accident
    start, end = _snap(text, lo + s, lo + e)
    return Placement(start, end, "fuzzy", round(ratio, 3))


def _fuzzy(text: str, quote: str, prefix: str, suffix: str, hint: int | None) -> Placement | None:
    if not quote.strip():
        return None
    reach = len(prefix) + len(quote) + len(suffix) + max(32, len(quote) // 2)
    centres: list[int] = []
    if hint is not None:
        centres.append(hint)
    if len(quote) <= 4000:  # long passages are only searched where the diff puts them
        probes = [(prefix[-_PROBE:], len(prefix[-_PROBE:])), (suffix[:_PROBE], -len(quote)),
                  (quote[:_PROBE], 0), (quote[-_PROBE:], -(len(quote) - len(quote[-_PROBE:])))]
        for probe, shift in probes:
            if len(probe.strip()) < 4:
                continue
            for i in _occurrences(text, probe, limit=_MAX_CANDIDATE_WINDOWS):
                centres.append(i + shift)

    def rank(p: Placement) -> float:
        ctx = context_score(text, p.start, p.end, prefix, suffix)
        near = 0.0 if hint is None else 1.0 - min(1.0, abs(p.start - hint) / (len(text) or 1))
        return p.score + 0.2 * ctx + 0.05 * near

    best: tuple[float, Placement] | None = None
    seen: set[int] = set()
    for c in centres[:_MAX_CANDIDATE_WINDOWS * 2]:
        key = c // 16
        if key in seen:
            continue
        seen.add(key)
        lo, hi = max(0, c - reach), min(len(text), c + reach)
        placed = _align_in_window(text, lo, hi, quote, prefix, suffix)
        if placed is not None and (best is None or rank(placed) > best[0]):
            best = (rank(placed), placed)
    return best[1] if best else None


def locate(text: str, quote: str, prefix: str = "", suffix: str = "", hint: int | None = None
           ) -> Placement | None:
    """Find ``quote`` (with its context) in ``text``; ``None`` when it cannot be placed.

    Args:
        text: the new canonical text.
        quote, prefix, suffix: the stored W3C TextQuoteSelector fields.
        hint: where the passage is expected to start (e.g. the old offset carried through a diff).
    """
    if not quote:
        return None
    if hint is not None and text[hint:hint + len(quote)] == quote \
            and is_boundary(text, hint) and is_boundary(text, hint + len(quote)) \
            and context_score(text, hint, hint + len(quote), prefix, suffix) == 1.0:
        return Placement(hint, hint + len(quote), "unchanged")
    return _exact(text, quote, prefix, suffix, hint) or _fuzzy(text, quote, prefix, suffix, hint)


def offset_mapper(old: str, new: str) -> Callable[[int], int]:
    """A function carrying a code-point offset in ``old`` to the corresponding one in ``new``.

    Lines are diffed first (cheap on long articles); changed runs of lines up to 20k characters
    are diffed character by character, longer ones mapped proportionally.
    """
    old_lines = old.split("\n")
    new_lines = new.split("\n")
    old_pos = [0]
    for line in old_lines:
        old_pos.append(old_pos[-1] + len(line) + 1)
    new_pos = [0]
    for line in new_lines:
        new_pos.append(new_pos[-1] + len(line) + 1)
    # Segments (old_lo, old_hi, new_lo, new_hi, exact): offsets inside map linearly or exactly.
    segments: list[tuple[int, int, int, int, bool]] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_lo, a_hi = old_pos[i1], min(old_pos[i2], len(old) + 1)
        b_lo, b_hi = new_pos[j1], min(new_pos[j2], len(new) + 1)
        if tag == "equal":
            segments.append((a_lo, a_hi, b_lo, b_hi, True))
            continue
        a_text, b_text = old[a_lo:a_hi], new[b_lo:b_hi]
        if a_text and b_text and len(a_text) + len(b_text) <= 20000:
            sub = difflib.SequenceMatcher(None, a_text, b_text, autojunk=False)
            for t, x1, x2, y1, y2 in sub.get_opcodes():
                segments.append((a_lo + x1, a_lo + x2, b_lo + y1, b_lo + y2, t == "equal"))
        else:
            segments.append((a_lo, a_hi, b_lo, b_hi, False))
    starts = [s[0] for s in segments]

    def carry(offset: int) -> int:
        if not segments:
            return 0
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        a_lo, a_hi, b_lo, b_hi, exact = segments[k]
        if a_hi == a_lo:
            return min(b_lo, len(new))
        if exact:
            return min(b_lo + (offset - a_lo), len(new))
        return min(b_lo + round((offset - a_lo) * (b_hi - b_lo) / (a_hi - a_lo)), len(new))

    return carry


@dataclass(frozen=True, slots=True)
class Anchor:
    """What :func:`reanchor` needs of an annotation: its id, offsets and stored selectors."""

    id: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


def reanchor(old_text: str, new_text: str, anchors: Sequence[Anchor]) -> dict[str, Placement | None]:
    """Place each anchor in ``new_text``; the value is ``None`` for those that cannot be placed."""
    carry = offset_mapper(old_text, new_text) if old_text else None
    placed: dict[str, Placement | None] = {}
    for a in anchors:
        hint = carry(a.start) if carry is not None else None
        placed[a.id] = locate(new_text, a.quote, a.prefix, a.suffix, hint)
    return placed


__all__ = ["Anchor", "Placement", "FUZZY_THRESHOLD", "context_score", "locate", "offset_mapper", "reanchor"]
