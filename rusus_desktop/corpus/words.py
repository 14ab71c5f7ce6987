"""Snapping a selection to whole words (Vietnamese syllables are space-separated words).

Used when the analyst selects with the mouse: a drag that starts or ends inside a word is widened
to the whole word, and whitespace at the ends is dropped, so annotations do not start with
"ng Putin" or end with a space. Holding Alt keeps the exact selection. Pure; code points.
"""
from __future__ import annotations

import unicodedata

from rusus_desktop.corpus.text import is_boundary


def is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks (a tone mark in NFD text belongs to its letter)."""
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and trim surrounding whitespace.

    Hyphens and slashes separate words ("Nga-Mỹ" is two names). A range with no word characters
    is only trimmed (a selected punctuation mark stays selectable). The result never splits a
    character sequence and is never empty unless the input was.
    """
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if start > end:
        start, end = end, start
    if start == end:
        while start > 0 and not is_boundary(text, start):
            start -= 1
        return start, start
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s == e:
        s, e = start, end  # only whitespace: leave it to the caller
    if s < e and is_word_char(text[s]):
        while s > 0 and is_word_char(text[s - 1]):
            s -= 1
    if s < e and is_word_char(text[e - 1]):
        while e < n and is_word_char(text[e]):
            e += 1
    while s > 0 and not is_boundary(text, s):
        s -= 1
    while e < n and not is_boundary(text, e):
        e += 1
    return s, e


__all__ = ["is_word_char", "snap_to_words"]
