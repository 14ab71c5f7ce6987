"""Split canonical text into sentence ranges without losing a single offset.

The CRF models were trained on single sentences, and tagging a document sentence by
sentence is what lets a caller report progress and cancel inside a long article. The
splitter only ever returns ``(start, end)`` ranges into the text it was given, so no
character can be dropped, moved or rewritten on the way.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from rusus_desktop.corpus.text import is_boundary

# Longest range handed to the tagger in one piece. Real sentences are far shorter; this
# only bounds the cost of a run-on "sentence" (a table flattened into one line, a list
# without full stops) and keeps progress reports coming.
MAX_SENTENCE_CHARS = 1200

# A period after one of these words does not end a sentence ("TP. Hồ Chí Minh",
# "ThS. Nguyễn Văn A"). Compared lowercased.
_ABBREVIATIONS = frozenset({
    "tp", "tt", "q", "p", "th", "ths", "ts", "pgs", "gs", "bs", "ks", "ls", "nsnd", "nsưt",
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "co", "ltd", "corp", "no",
    "vs", "etc", "e.g", "i.e", "v.v", "tr", "ct", "ubnd", "hđnd",
})

# A run of terminal punctuation, the closing quotes/brackets that belong to it, and the
# whitespace after it. The sentence boundary sits at the end of the whitespace.
_TERMINATOR = re.compile(r"[.!?…]+[\"”’'»)\]]*[ \t\u00a0]+")
_WORD_BEFORE = re.compile(r"[\w.]*$")
_PARAGRAPH = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the sentence ranges of ``text``.

    Lines are split first (a newline always ends a sentence), then each line at
    sentence-final punctuation, then any range still longer than
    :data:`MAX_SENTENCE_CHARS` at its last comma, semicolon or space before the limit.
    Ranges are half-open, in order, non-overlapping, trimmed of surrounding whitespace
    and never empty; only whitespace falls between them.

    Args:
        text: Canonical text (any string works; offsets are code points into it).

    Returns:
        ``(start, end)`` code-point ranges into ``text``.
    """
    return [span for line in _PARAGRAPH.finditer(text)
            for span in _split_line(text, line.start(), line.end())]


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        boundary = match.end()
        if boundary >= end or not _starts_sentence(text[boundary]):
            continue
        if text[match.start()] == "." and _is_abbreviation(text, piece_start, match.start()):
            continue
        yield from _bounded(text, piece_start, boundary)
        piece_start = boundary
    yield from _bounded(text, piece_start, end)


def _starts_sentence(char: str) -> bool:
    # A lowercase letter after "." is a continuation ("3 p.m. hôm qua"), anything else
    # (capital, digit, quote, dash, emoji) may open a new sentence.
    return not char.islower()


def _is_abbreviation(text: str, piece_start: int, period: int) -> bool:
    word = _WORD_BEFORE.search(text, piece_start, period).group()
    if not word:
        return False
    # Single letters are initials ("Vladimir V. Putin", "J. Biden").
    return (len(word) == 1 and word.isalpha()) or word.lower() in _ABBREVIATIONS


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Trim ``[start, end)`` and cut it into pieces of at most MAX_SENTENCE_CHARS."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + MAX_SENTENCE_CHARS)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _cut_point(text: str, start: int, limit: int) -> int:
    """Best place to cut ``text[start:limit]``: after ``;``/``,`` + space, else at a space."""
    window = text[start:limit]
    for separator in ("; ", ", "):
        found = window.rfind(separator)
        if found > len(window) // 2:
            return start + found + len(separator)
    space = max(window.rfind(" "), window.rfind("\t"))
    if space > 0:
        return start + space + 1
    # No whitespace at all (a huge URL or a run of symbols): cut blindly, which can
    # split a token but never loses or moves a character. Stay off combining marks.
    cut = limit
    while cut > start + 1 and not is_boundary(text, cut):
        cut -= 1
    return cut
