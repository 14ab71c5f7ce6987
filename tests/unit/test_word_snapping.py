"""Selections snap to whole Vietnamese syllables/words."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from rusus_desktop.corpus.text import is_boundary
from rusus_desktop.corpus.words import snap_to_words

T = "Tổng thống Nga-Mỹ Vladimir Putin phát biểu 😀 hôm 16/6."


def _snap(sub_start, sub_end):
    s, e = snap_to_words(T, sub_start, sub_end)
    return T[s:e]


def test_partial_words_widen():
    i = T.index("ổng thố")
    assert _snap(i, i + len("ổng thố")) == "Tổng thống"


def test_whitespace_trimmed():
    i = T.index(" Vladimir Putin ")
    assert _snap(i, i + len(" Vladimir Putin ")) == "Vladimir Putin"


def test_hyphen_and_slash_separate_words():
    i = T.index("Mỹ")
    assert _snap(i, i + 1) == "Mỹ"
    j = T.index("16/6")
    assert _snap(j, j + 1) == "16"


def test_emoji_and_punctuation_kept_when_selected():
    i = T.index("😀")
    assert _snap(i, i + 1) == "😀"


def test_nfd_marks_belong_to_their_letter():
    text = unicodedata.normalize("NFD", "Hoà bình")
    s, e = snap_to_words(text, 0, 2)
    assert text[s:e] == unicodedata.normalize("NFD", "Hoà")


@given(st.text("ab cđ\u0301😀-/ .", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_property_snapped_range_is_valid(text, a, b):
    s, e = snap_to_words(text, a, b)
    assert 0 <= s <= e <= len(text)
    assert is_boundary(text, s) and is_boundary(text, e)
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    if text[lo:hi].strip():
        assert s < e
        # Trimmed, unless a mark sits on the space itself (the space is then part of a character).
        assert text[s:e].strip() == text[s:e] or not is_boundary(text, s + 1) or not is_boundary(text, e - 1)
