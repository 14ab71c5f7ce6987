"""Word lists for the entity rules: gazetteers, cue words and the Vietnamese dictionary.

The lists are data (``resources/gazetteers/*.txt``, ``resources/lexicons/*.txt``), loaded
once per process and shared read-only between threads. Entries are stored as tuples of
folded syllables (:func:`fold`), so lookups ignore letter case and the two tone-mark
placements Vietnamese text mixes freely ("Thuỵ Sĩ" / "Thụy Sĩ", "Hoà" / "Hòa").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Old-style tone placement (on the second vowel of oa/oe/uy) -> new style, syllable-final.
_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE = re.compile("(" + "|".join(_TONE_PLACEMENT) + r")(?![^\W\d_])")
_SYLLABLE = re.compile(r"[^\W_]+(?:[-'’.&][^\W_]+)*\.?|&")

GAZETTEER_FILES = {
    "countries.txt": "LOC",
    "places.txt": "LOC",
    "organisations.txt": "ORG",
    "media.txt": "ORG",
    "misc.txt": "MISC",
    "people.txt": "PER",
}


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case- and tone-placement-insensitive key of a word or phrase."""
    return _OLD_TONE.sub(lambda m: _TONE_PLACEMENT[m.group(1)], word.lower()).replace("’", "'")


def split_words(phrase: str) -> list[str]:
    """Split a phrase into the same units the entity scanner uses (hyphenated words stay whole)."""
    return _SYLLABLE.findall(phrase)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer or cue phrase as written in its list."""

    words: tuple[str, ...]  # as written, e.g. ("Nhà", "Trắng")
    label: str


class PhraseTable:
    """Phrases keyed by their folded word tuples, for longest-match lookups."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        # Several entries may share a key when only their capitalisation differs
        # ("châu Âu" / "Châu Âu"); the first one listed comes first.
        self._entries: dict[tuple[str, ...], list[Entry]] = {}
        self.first_words: set[str] = set()  # lets a lookup give up after one set probe
        self.max_words = 0
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        key = tuple(fold(w) for w in entry.words)
        self._entries.setdefault(key, []).append(entry)
        self.first_words.add(key[0])
        self.max_words = max(self.max_words, len(key))

    def get(self, key: tuple[str, ...]) -> Entry | None:
        entries = self._entries.get(key)
        return entries[0] if entries else None

    def get_all(self, key: tuple[str, ...]) -> list[Entry]:
        return self._entries.get(key, [])

    def __contains__(self, key: tuple[str, ...]) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the entity rules look words up in."""

    gazetteer: PhraseTable  # LOC/ORG/MISC/PER names
    person_titles: PhraseTable
    title_prefixes: PhraseTable
    org_heads: PhraseTable
    org_standalone: PhraseTable
    misc_heads: PhraseTable
    loc_heads: PhraseTable
    directions: PhraseTable
    org_leadins: PhraseTable
    loc_leadins: PhraseTable
    misc_leadins: PhraseTable
    name_inner_words: PhraseTable
    surnames: frozenset[str]
    not_names: frozenset[str]
    dictionary: frozenset[str]  # lowercase Vietnamese words, syllables joined by one space
    syllables: frozenset[str]  # every syllable of the dictionary: "does this look Vietnamese"
    dictionary_max_words: int


def _resources_root() -> Path:
    try:
        from rusus_desktop.resources import resource_path
    except ImportError:  # an older checkout without the resources module
        return Path(__file__).resolve().parents[2] / "resources"
    return resource_path()


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


def _table(path: Path, label: str = "") -> PhraseTable:
    return PhraseTable(Entry(tuple(split_words(line)), label) for line in _lines(path))


def _dictionary() -> list[str]:
    """underthesea's Vietnamese word list (common words in lowercase, names capitalised)."""
    import importlib.resources

    words = importlib.resources.files("underthesea.corpus").joinpath("data/Viet74K.txt")
    return [w for w in (line.strip() for line in words.read_text(encoding="utf-8").splitlines()) if w]


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load all lists (cached for the life of the process)."""
    root = _resources_root()
    gazetteer = PhraseTable()
    for name, label in GAZETTEER_FILES.items():
        for line in _lines(root / "gazetteers" / name):
            gazetteer.add(Entry(tuple(split_words(line)), label))
    lex_dir = root / "lexicons"
    entries = _dictionary()
    # Common words only: the capitalised entries are names, which must not make a name look
    # like a common word. Syllables come from all entries, names included ("Nguyễn").
    dictionary = {fold(w) for w in entries if w == w.lower()}
    syllables = {s for w in entries for s in fold(w).split()}
    return Lexicon(
        gazetteer=gazetteer,
        person_titles=_table(lex_dir / "person_titles.txt"),
        title_prefixes=_table(lex_dir / "title_prefixes.txt"),
        org_heads=_table(lex_dir / "org_heads.txt", "ORG"),
        org_standalone=_table(lex_dir / "org_standalone.txt", "ORG"),
        misc_heads=_table(lex_dir / "misc_heads.txt", "MISC"),
        loc_heads=_table(lex_dir / "loc_heads.txt", "LOC"),
        directions=_table(lex_dir / "directions.txt", "LOC"),
        org_leadins=_table(lex_dir / "org_leadins.txt", "ORG"),
        loc_leadins=_table(lex_dir / "loc_leadins.txt", "LOC"),
        misc_leadins=_table(lex_dir / "misc_leadins.txt", "MISC"),
        name_inner_words=_table(lex_dir / "name_inner_words.txt"),
        surnames=frozenset(fold(w) for w in _lines(lex_dir / "surnames.txt")),
        not_names=frozenset(fold(w) for w in _lines(lex_dir / "not_names.txt")),
        dictionary=frozenset(dictionary),
        syllables=frozenset(syllables),
        dictionary_max_words=4,
    )
