"""The word units the entity rules walk over, with the signals each one carries.

A unit is a run of letters and digits, joined through inner hyphens, apostrophes, dots
and ampersands ("Jong-un", "Mát-xcơ-va", "TP.HCM", "d'Ivoire", "T&T"), plus the period of an initial
("V."). Units are cut straight from the canonical text, so their offsets are exact;
underthesea's tokens are only consulted for their POS and NER tags.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rusus_desktop.nlp.lexicon import Lexicon, fold
from rusus_desktop.nlp.types import Token

_UNIT = re.compile(r"[^\W_]+(?:[-'’.&][^\W_]+)*|&")
# A period after these is part of the word ("Vladimir V. Putin", "Ferdinand Marcos Jr.").
_DOTTED = frozenset({"jr", "sr", "st", "dr", "mr", "mrs", "ms"})
# After these characters a capital letter says nothing about names: a new sentence,
# heading, quotation or parenthesis starts there.
_OPENERS = frozenset(":“\"‘'([–—-|…•*>")
_SENTENCE_END = frozenset(".!?")
# Name particles written in lowercase inside foreign names ("Ursula von der Leyen",
# "Mohammed bin Salman", "Khalil al-Hayya").
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "dos", "del", "la", "le",
                            "bin", "ibn", "al", "el", "ben"})


@dataclass(slots=True)
class Unit:
    """One word of the text (see the module docstring)."""

    start: int
    end: int
    text: str
    key: str  # fold(text): lowercase, tone placement normalised
    cap: bool  # starts with an uppercase letter (or is a particle-led name part like "al-Hayya")
    upper: bool  # an acronym: two or more letters, all uppercase ("NATO", "TTXVN")
    gap: str  # the text between the previous unit and this one
    initial: bool  # opens a sentence, line, quotation or parenthesis
    pos: str = ""  # POS of the underthesea token covering it ("" without tokens)
    ner: str = ""  # entity label of that token's BIO tag ("PER", ...; "" for O)

    @property
    def joined(self) -> bool:
        """Separated from the previous unit by exactly one space: the two can share a name."""
        return self.gap in (" ", "\u00a0")


def _is_cap(word: str) -> bool:
    first = word[0]
    if first.isupper():
        return True
    head, _, rest = word.partition("-")
    return bool(rest) and head.lower() in NAME_PARTICLES and rest[:1].isupper()


def _is_upper(word: str) -> bool:
    # str.isupper() is the cheap test (all cased characters uppercase); most words fail it.
    return word.isupper() and sum(1 for c in word if c.isalpha()) >= 2


def scan_units(text: str, tokens: Sequence[Token] = (), lexicon: Lexicon | None = None) -> list[Unit]:
    """Cut ``text`` into units, attaching the POS/NER of ``tokens`` where they cover a unit.

    When ``lexicon`` is given, a hyphenated unit made only of known single-word names
    ("Nga-Mỹ", "Mỹ-Israel") is split into its parts, each of which is then its own name.
    """
    units: list[Unit] = []
    prev_end = 0
    for match in _UNIT.finditer(text):
        start, end = match.span()
        word = match.group()
        # Initials are plain Latin capitals: "Á" or "Ý" before a period end a sentence
        # ("Đông Nam Á."), they are not initials.
        if end < len(text) and text[end] == "." and (
                (len(word) == 1 and "A" <= word <= "Z") or word.lower() in _DOTTED):
            end += 1
            word += "."
        pieces = _split_known_compound(word, lexicon) if lexicon is not None and "-" in word else None
        if pieces:
            offset = start
            for n, piece in enumerate(pieces):
                if n:
                    offset += 1  # the hyphen
                units.append(_unit(text, offset, offset + len(piece), prev_end))
                prev_end = offset + len(piece)
                offset += len(piece)
            continue
        units.append(_unit(text, start, end, prev_end))
        prev_end = end
    if tokens:
        _attach_tags(units, tokens)
    return units


def _unit(text: str, start: int, end: int, prev_end: int) -> Unit:
    word = text[start:end]
    gap = text[prev_end:start]
    return Unit(start, end, word, fold(word), _is_cap(word), _is_upper(word), gap,
                _opens(text, start, gap))


def _opens(text: str, start: int, gap: str) -> bool:
    if start == 0 or "\n" in gap:
        return True
    stripped = gap.strip()
    if not stripped:
        return False
    return stripped[-1] in _OPENERS or stripped[-1] in _SENTENCE_END or stripped[-1] in "”»)"


def _split_known_compound(word: str, lexicon: Lexicon) -> list[str] | None:
    parts = word.split("-")
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return None
    known = sum(1 for p in parts if lexicon.gazetteer.get((fold(p),)) is not None)
    return parts if known == len(parts) else None


def _attach_tags(units: list[Unit], tokens: Sequence[Token]) -> None:
    ti = 0
    for unit in units:
        while ti < len(tokens) and tokens[ti].end <= unit.start:
            ti += 1
        if ti < len(tokens) and tokens[ti].start <= unit.start < tokens[ti].end:
            token = tokens[ti]
            unit.pos = token.pos
            unit.ner = token.ner[2:] if token.ner[:2] in ("B-", "I-") else ""
