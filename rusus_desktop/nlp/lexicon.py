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

# Label of the gazetteer's non-entities (holidays, "Ất Tỵ", "Vĩ Bắc"): phrases the rules
# consume whole so that they are not read as names, and never output.
NONE = "NONE"

GAZETTEER_FILES = {
    "countries.txt": "LOC",
    "places.txt": "LOC",
    "places_vietnam.txt": "LOC",
    "organisations.txt": "ORG",
    "media.txt": "ORG",
    "misc.txt": "MISC",
    "people.txt": "PER",
    "non_entities.txt": NONE,
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
    # What separates each word from the next when it is not a single space: "," or "-"
    # ("Bộ Văn hóa, Thể thao và Du lịch", "Bà Rịa - Vũng Tàu"); empty when all are spaces.
    seps: tuple[str, ...] = ()


def gap_kind(gap: str) -> str:
    """How two words are separated, as an entry records it: " ", ",", "-" or "" (anything else)."""
    if gap in (" ", "\u00a0"):
        return " "
    stripped = gap.strip()
    if stripped == "," and gap.endswith(" "):
        return ","
    if stripped in ("-", "–") and gap.startswith(" ") and gap.endswith(" "):
        return "-"
    return ""


def make_entry(phrase: str, label: str = "") -> Entry:
    """An entry for ``phrase`` as written in a list, with its inner commas and spaced dashes."""
    matches = list(_SYLLABLE.finditer(phrase))
    words = tuple(m.group() for m in matches)
    seps = tuple(gap_kind(phrase[a.end():b.start()]) for a, b in zip(matches, matches[1:], strict=False))
    return Entry(words, label, seps if any(sep != " " for sep in seps) else ())


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

    def __iter__(self):
        for entries in self._entries.values():
            yield from entries

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
    school_levels: PhraseTable  # "THPT", "Tiểu học": between "Trường" and the person it is named after
    legal_forms: PhraseTable  # "TNHH", "cổ phần": a company's legal form between its head and its name
    admin_units: PhraseTable  # "tỉnh", "quận", "TP": a named unit after them belongs to an organisation
    org_domains: PhraseTable  # "Giao thông vận tải": what a ministry, a department or an office is for
    match_verbs: PhraseTable
    sports_cues: PhraseTable
    vietnam_places: frozenset[tuple[str, ...]]  # folded names of Viet Nam's provinces and cities
    surnames: frozenset[str]
    not_names: frozenset[str]
    abbreviations: frozenset[str]  # as written: not names only in exactly this form
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
    return PhraseTable(make_entry(line, label) for line in _lines(path))


def _dictionary() -> list[str]:
    """underthesea's Vietnamese word list (common words in lowercase, names capitalised)."""
    import importlib.resources

    words = importlib.resources.files("underthesea.corpus").joinpath("data/Viet74K.txt")
    return [w for w in (line.strip() for line in words.read_text(encoding="utf-8").splitlines()) if w]


def _org_domains(gazetteer: PhraseTable) -> PhraseTable:
    """The domains of the ministries listed in the gazetteer ("Bộ | Giao thông vận tải"): the
    same words name the provincial department ("Sở Giao thông vận tải Đồng Nai"), a ministry's
    department ("Vụ Tài chính") or office, with lowercase words a plain name rule cannot bound."""
    table = PhraseTable()
    for entry in gazetteer:
        if entry.label == "ORG" and len(entry.words) > 1 and entry.words[0] == "Bộ" and entry.words[1][:1].isupper():
            table.add(Entry(entry.words[1:], "ORG", entry.seps[1:]))
    return table


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load all lists (cached for the life of the process)."""
    root = _resources_root()
    gazetteer = PhraseTable()
    for name, label in GAZETTEER_FILES.items():
        for line in _lines(root / "gazetteers" / name):
            gazetteer.add(make_entry(line, label))
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
        legal_forms=_table(lex_dir / "legal_forms.txt"),
        school_levels=_table(lex_dir / "school_levels.txt"),
        admin_units=_table(lex_dir / "admin_units.txt"),
        org_domains=_org_domains(gazetteer),
        match_verbs=_table(lex_dir / "match_verbs.txt"),
        sports_cues=_table(lex_dir / "sports_cues.txt"),
        vietnam_places=frozenset(tuple(fold(w) for w in split_words(line))
                                 for line in _lines(root / "gazetteers" / "places_vietnam.txt")),
        surnames=frozenset(fold(w) for w in _lines(lex_dir / "surnames.txt")),
        not_names=frozenset(fold(w) for w in _lines(lex_dir / "not_names.txt")),
        abbreviations=frozenset(_lines(lex_dir / "abbreviations.txt")),
        dictionary=frozenset(dictionary),
        syllables=frozenset(syllables),
        dictionary_max_words=4,
    )
