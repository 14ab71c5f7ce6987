"""Map underthesea's (possibly rewritten) words back to exact source offsets.

underthesea never reports offsets, and the words it returns are not always substrings
of its input: ``word_tokenize`` first NFC-normalises the sentence and maps ``ð``/``Ð``
to ``đ``/``Đ`` (same length), then cuts it with one big regex, then rewrites short
tokens through a spelling table (``"Hoà"`` -> ``"Hòa"``, ``"nghành"`` -> ``"ngành"``,
sometimes changing their length), and finally joins the tokens of a multi-syllable
word with single spaces whatever whitespace separated them in the source.

Instead of fuzzy-matching the rewritten words, this module replays the two steps that
decide *where* tokens are (character normalisation and the regex) with the match
positions kept. Every word is a run of consecutive regex tokens, so its source range
runs from its first token's start to its last token's end.
"""
from __future__ import annotations

import unicodedata
from functools import cache

# One match of underthesea's tokenizer regex: (start, end, text), the range in the source
# and the matched text after character normalisation, before token_normalize. A plain
# tuple because there is one per token and building them is on the hot path.
RegexToken = tuple[int, int, str]


@cache
def tokenizer_pattern():
    """underthesea's word-tokenizer regex, compiled privately.

    ``regex_tokenize.tokenize(..., fixed_words=[...])`` overwrites the module's shared
    ``patterns`` and never restores it, so reading that global would let any other
    caller's fixed words change our tokens. The source string and flags are unchanged.
    """
    import re

    from underthesea.pipeline.word_tokenize import regex_tokenize

    return re.compile(regex_tokenize.regex_patterns_combine, re.VERBOSE | re.UNICODE)


@cache
def _character_map() -> dict[str, str]:
    from underthesea.pipeline.text_normalize.text_normalizer import character_map

    # Same-length single-character replacements today (ð -> đ, Ð -> Đ); checked here
    # because the offset bookkeeping below relies on it.
    if not all(len(k) == 1 and len(v) == 1 for k, v in character_map.items()):
        raise RuntimeError("underthesea's character map is no longer one character to one")
    return dict(character_map)


def normalize_characters(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """Apply underthesea's character normalisation, keeping track of offsets.

    Args:
        text: A sentence of canonical text.

    Returns:
        ``(normalized, source_ranges)``. ``source_ranges`` is ``None`` when every
        character of ``normalized`` sits at the same index in ``text``, which is always
        the case for canonical (NFC) input. Otherwise ``source_ranges[i]`` is the
        ``[start, end)`` range of ``text`` that character ``i`` of ``normalized`` came from.
    """
    if unicodedata.is_normalized("NFC", text):
        normalized, source_ranges = text, None
    else:
        normalized, source_ranges = _nfc_with_ranges(text)
    for old, new in _character_map().items():
        normalized = normalized.replace(old, new)
    return normalized, source_ranges


def _nfc_with_ranges(text: str) -> tuple[str, list[tuple[int, int]]]:
    # NFC only composes a starter with the combining marks that follow it, so normalising
    # each "starter + marks" segment on its own gives the same string in practice, and
    # tells us where every output character came from.
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    segment_start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        segment = text[segment_start:index]
        composed = unicodedata.normalize("NFC", segment)
        parts.append(composed)
        if composed == segment:
            ranges.extend((i, i + 1) for i in range(segment_start, index))
        else:
            ranges.extend((segment_start, index) for _ in composed)
        segment_start = index
    return "".join(parts), ranges


def regex_tokens(text: str) -> list[RegexToken]:
    """Tokenize ``text`` exactly as underthesea's ``regex_tokenize.tokenize`` would.

    Args:
        text: A sentence of canonical text.

    Returns:
        The tokens in order, as ``(start, end, text)``: the range in ``text`` and the
        text after character normalisation (``token_normalize`` is not applied here).
    """
    normalized, source_ranges = normalize_characters(text)
    matches = tokenizer_pattern().finditer(normalized)
    if source_ranges is None:
        return [(m.start(), m.end(), m.group()) for m in matches]
    return [(source_ranges[m.start()][0], source_ranges[m.end() - 1][1], m.group())
            for m in matches]


def word_token_counts(words: list[str]) -> list[int]:
    """How many regex tokens each underthesea word was joined from.

    ``word_tokenize`` joins the tokens of a word with one space and no token contains
    a space (they come from a regex that never matches whitespace), so the count is
    the number of spaces plus one.
    """
    return [word.count(" ") + 1 for word in words]


def word_ranges(words: list[str], tokens: list[RegexToken]) -> list[tuple[int, int]]:
    """Source ranges of underthesea's ``words``, given the regex tokens they came from.

    Args:
        words: Words as underthesea returned them for one sentence.
        tokens: :func:`regex_tokens` of the same sentence.

    Returns:
        One ``(start, end)`` range per word.

    Raises:
        ValueError: If the words do not consume exactly the given tokens, which means
            underthesea tokenized differently (for example after someone called
            ``word_tokenize`` with ``fixed_words``, which changes its regex for good).
    """
    ranges = []
    position = 0
    for count in word_token_counts(words):
        last = position + count - 1
        if last >= len(tokens):
            break
        ranges.append((tokens[position][0], tokens[last][1]))
        position = last + 1
    if position != len(tokens) or len(ranges) != len(words):
        raise ValueError(f"{len(words)} words do not cover the {len(tokens)} regex tokens")
    return ranges
