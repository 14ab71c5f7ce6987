"""Canonical text and offset conversion.

Every offset stored or exported by Rusus Desktop is a half-open ``[start, end)``
range of Unicode code points into the *canonical* text of a document: NFC,
``\\n`` line ends, no byte-order mark. Qt speaks UTF-16 code units; the
:class:`OffsetMap` here is the one place where the two are converted.
"""
from __future__ import annotations

import bisect
import hashlib
import unicodedata

QUOTE_CONTEXT = 32


def canonicalize(text: str) -> str:
    """Return the canonical form of ``text``: no BOM, ``\\n`` line ends, NFC."""
    # A BOM is only meaningful at the start, but concatenated files carry them inside too (as
    # invisible "zero-width no-break spaces"); U+2060 does that job now, so drop every one.
    text = text.replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # U+2028/U+2029 would become extra Qt blocks and shift nothing in Python; keep them as newlines.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def text_sha256(text: str) -> str:
    """Hex sha256 of the UTF-8 bytes of ``text`` (callers pass canonical text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def quote_context(text: str, start: int, end: int, width: int = QUOTE_CONTEXT) -> tuple[str, str, str]:
    """Return ``(prefix, exact, suffix)`` around ``text[start:end]`` (W3C TextQuoteSelector fields)."""
    return text[max(0, start - width):start], text[start:end], text[end:end + width]


def is_boundary(text: str, index: int) -> bool:
    """True when ``index`` does not split a user-perceived character.

    Code points are already whole (Python strings have no surrogate halves), so a character is
    split by cutting before a combining mark (any Unicode mark, e.g. a Vietnamese tone mark in NFD
    text), a variation selector or an emoji skin-tone modifier, on either side of a zero-width
    joiner (emoji sequences such as a family), or between the two regional indicators of a flag.
    """
    if index <= 0 or index >= len(text):
        return 0 <= index <= len(text)
    ch = text[index]
    if unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == "\u200d":
        return False
    if "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef" or "\U0001f3fb" <= ch <= "\U0001f3ff":
        return False
    if text[index - 1] == "\u200d":
        return False
    if _is_regional(ch) and _is_regional(text[index - 1]):
        run = 0  # flags pair up regional indicators from the start of the run
        i = index - 1
        while i >= 0 and _is_regional(text[i]):
            run += 1
            i -= 1
        return run % 2 == 0
    return True


def _is_regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


class OffsetMap:
    """Convert between code-point offsets and UTF-16 code-unit positions (Qt's).

    Identity (and O(1)) when the text is all in the Basic Multilingual Plane, which
    nearly all Vietnamese news is; otherwise a sorted table of astral characters.
    """

    __slots__ = ("_astral", "_astral_qt", "length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # Qt position of each astral char = its code-point index + astral chars before it.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        """Code-point offset -> UTF-16 position."""
        if not self._astral:
            return index
        return index + bisect.bisect_left(self._astral, index)

    def from_qt(self, position: int) -> int:
        """UTF-16 position -> code-point offset (a position inside a surrogate pair rounds down)."""
        if not self._astral:
            return position
        n = bisect.bisect_right(self._astral_qt, position - 1)
        # If position points at the low surrogate of an astral char, round down to its start.
        if n and self._astral_qt[n - 1] == position - 1:
            return self._astral[n - 1]
        return position - n
