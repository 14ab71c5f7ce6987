"""Named entities in Vietnamese news: flat PER, ORG, LOC and MISC spans, as the guide wants them.

underthesea's CRF alone scores about 0.26 exact-match F1 against the annotation guide: it
swallows titles ("Tổng thống Joe Biden" as LOC), glues a country to a name ("Nga
Vladimir Putin" as one PER), tags "tháng 6" as a place and misses most organisations.
Here its tags are one signal among several, in this order of trust:

1. **Gazetteers** (``resources/gazetteers``): countries, capitals, cities, regions, seas,
   international organisations, media, treaties, events, well-known people.
2. **Cue words** (``resources/lexicons``): titles and honorifics before a person ("Tổng thống",
   "ông", "Thứ trưởng Ngoại giao"), head nouns that open an organisation's or a treaty's name
   and belong to it ("Bộ", "Ủy ban", "Hiệp ước"), lowercase lead-ins that say what follows
   and stay outside ("tờ", "hãng tin", "tại", "tàu khu trục", "thỏa thuận").
3. **Capitalisation**, checked against underthesea's Vietnamese dictionary so that a
   capital at the start of a sentence ("Theo", "Quan hệ") or of a common word
   ("Thượng đỉnh") is not a name; Vietnamese family names.
4. **The CRF** tags (POS ``Np``, NER labels) for capitalised words nothing else explains.
5. **The document**: a name labelled with confidence once labels its other mentions, and
   a person's bare surname ("Lavrov") after the full name is a person.

Runs on whatever thread calls it; pure Python, no I/O after the lists are first loaded.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rusus_desktop.nlp.lexicon import Lexicon, PhraseTable, load_lexicon
from rusus_desktop.nlp.types import ENTITY_LABELS, DateSpan, EntitySpan, Token
from rusus_desktop.nlp.words import NAME_PARTICLES, Unit, scan_units

# How much a span's label is trusted; document evidence only overrides weaker labels.
STRONG = 3  # gazetteer or a name pattern (head noun + name)
CONTEXT = 2  # a cue word or a family name says what it is
WEAK = 1  # only capitalisation and the CRF

# Frequent function words that open sentences; used when there are no CRF tags to say so.
_FUNCTION_WORDS = frozenset("""
theo trong sau trước khi tại ở với từ về cho các những một hai ba bốn năm nhiều mỗi này đó
nhưng và hoặc nếu vì do để đến tới cả ngay chỉ cũng tuy dù thì là có không được đã sẽ đang
vẫn còn lúc hôm ngày tháng tuần giữa đối bên phía tuy nhiên song mặt dẫu ai gì nào đây kể của
""".split())
# Words that end the name of a treaty, event or document ("Hiệp ước này", "Chiến tranh
# Lạnh do ...", "Công ước ... năm 1982").
_HARD_STOPS = frozenset("""
là đã sẽ đang được bị này đó kia trên nói cho biết có không cũng vẫn còn mà thì nhưng khi do
nhằm để rằng năm ngày tháng tuần quý lần vào từ đến tới sau trước nếu vì nên hay hoặc
đều chỉ rất vừa hết ký gia hạn diễn ra tổ chức thông qua theo như
""".split())
# Prepositions allowed inside a name only when a capitalised part follows them
# ("Bộ quy tắc ứng xử ở Biển Đông").
_SOFT_PREPOSITIONS = frozenset({"ở", "tại", "của", "giữa", "với"})
# Treaty-like heads whose names may end in lowercase words ("Hiệp ước cắt giảm vũ khí
# chiến lược mới", "Tuyên bố chung về ổn định chiến lược").
_TREATY_HEADS = frozenset({"hiệp ước", "hiệp định", "công ước", "tuyên bố chung", "bộ quy tắc",
                           "hiến chương", "khu vực thương mại tự do", "luật", "bộ luật"})
# A place followed by these is a sports club ("Hà Nội FC", "Mexico City" is listed whole).
_CLUB_SUFFIXES = frozenset({"fc", "united", "city", "club"})
# Events named by who takes part ("Hội nghị Bộ trưởng Ngoại giao ASEAN - Trung Quốc") are
# not names of their own: the participants are the entities.
_EVENT_HEADS = frozenset({"hội nghị", "hội nghị thượng đỉnh", "đại hội", "diễn đàn"})
# Institutions every country has. They take no unknown name after them ("Chính quyền
# Biden" is the Biden administration, not a body called that).
_GENERIC_ORG_HEADS = frozenset({"chính phủ", "chính quyền", "quân đội", "lực lượng", "cảnh sát",
                                "công an", "quốc hội", "thượng viện", "hạ viện", "nghị viện"})
# Of those, the ones written in lowercase mid-sentence ("quân đội Ukraine"): capitalised
# at the start of a sentence with only a country after them, they are still a common noun.
# ("Quốc hội", "Chính phủ" are capitalised whenever they name a body.)
_LOWERCASE_ORG_HEADS = frozenset({"chính quyền", "quân đội", "lực lượng", "cảnh sát", "công an",
                                  "tập đoàn", "công ty", "hãng", "ngân hàng"})
# Lead-ins whose MISC reading wins over a place name ("thỏa thuận Minsk", "tàu Moskva").
_MISC_OVER_PLACE = frozenset({"thỏa thuận", "hiệp ước", "hiệp định", "công ước", "tàu",
                              "tàu khu trục", "tàu sân bay", "tàu ngầm", "tàu chiến", "tuần dương hạm",
                              "chiến hạm", "khu trục hạm", "đường ống", "dự án"})
# After these, even an organisation's name is the thing named after it ("chỉ số Nikkei 225").
_MISC_OVER_ANY = frozenset({"chỉ số"})
# Honorifics: unlike professional titles, the name after them is a person even when it is
# also a place ("bà Nga", "ông Đức").
_HONORIFICS = frozenset({"ông", "bà", "anh", "chị", "cô", "em", "cụ", "bác", "chú", "thầy", "ngài",
                         "cháu", "bé"})
# Last words that make a capitalised run an organisation ("Samsung Electronics", "Siam Sport"
# is not caught, "Manchester United" is).
_ORG_SUFFIXES = frozenset("""
group corp corporation inc ltd llc plc co company times news post journal daily herald tribune
gazette press media airlines airways bank university college institute foundation agency fc club
united motors electronics technologies technology energy holdings capital partners sport sports
online tv radio magazine
""".split())
# First words of English place names ("Mount Elbrus", "Lake Baikal").
_PLACE_PREFIXES = frozenset({"mount", "mt.", "lake", "cape", "port", "fort", "saint", "st.", "san", "santa",
                             "são", "sao", "new"})
_NUMBERED_EVENT = re.compile(r"^(?:COP|G)-?\d{1,2}$")
_NUMBER = re.compile(r"^\d{1,4}$|^[IVX]{1,5}$")
_OPEN_PAREN = re.compile(r"\(\s*$")


@dataclass(slots=True)
class _Span:
    a: int  # first unit
    b: int  # one past the last unit
    label: str
    strength: int


class _Tagger:
    """One left-to-right pass over the units of one document."""

    def __init__(self, units: list[Unit], lex: Lexicon, has_tags: bool) -> None:
        self.units = units
        self.lex = lex
        self.has_tags = has_tags
        self.spans: list[_Span] = []
        # A name starting at this unit is a person: a title or honorific (possibly followed
        # by a country or organisation, "Ngoại trưởng Nga ...") ends right before it.
        self.person_at = -1
        self.person_by_honorific = False
        # A lowercase lead-in ("tờ", "tại", "tàu") ends right before this unit.
        self.leadin_at = -1
        self.leadin_label = ""
        self.leadin_key = ""
        self.keys = [u.key for u in units]
        # reach[i]: how many units from i on are joined by single spaces (a phrase's limit).
        self.reach = [1] * len(units)
        for j in range(len(units) - 2, -1, -1):
            if units[j + 1].joined:
                self.reach[j] = self.reach[j + 1] + 1
        self._gazetteer_cache: dict[int, tuple[int, str]] = {}

    # ---- lookups -------------------------------------------------------------------

    def _match(self, table: PhraseTable, i: int) -> int:
        """Length of the longest phrase of ``table`` starting at unit ``i`` (case-insensitive)."""
        keys = self.keys
        if i >= len(keys) or keys[i] not in table.first_words:
            return 0
        for k in range(min(table.max_words, self.reach[i]), 0, -1):
            if tuple(keys[i:i + k]) in table:
                return k
        return 0

    def _gazetteer(self, i: int) -> tuple[int, str]:
        """Longest gazetteer name at ``i`` whose capitalisation agrees with the list (memoised)."""
        found = self._gazetteer_cache.get(i)
        if found is None:
            found = self._gazetteer_cache[i] = self._find_in_gazetteer(i)
        return found

    def _find_in_gazetteer(self, i: int) -> tuple[int, str]:
        units, keys = self.units, self.keys
        if _NUMBERED_EVENT.match(units[i].text):
            return 1, "MISC"
        table = self.lex.gazetteer
        if keys[i] not in table.first_words:
            return 0, ""
        for k in range(min(table.max_words, self.reach[i]), 0, -1):
            for entry in table.get_all(tuple(keys[i:i + k])):
                if _same_case(entry.words[0], units[i].text) and all(
                        units[i + n].text == written for n, written in enumerate(entry.words) if _is_acronym(written)):
                    return k, entry.label
        return 0, ""

    def _title(self, i: int) -> int:
        """Length of a person title at ``i``, with its prefix ("Phó", "cựu") if any."""
        prefix = self._match(self.lex.title_prefixes, i)
        if prefix:
            k = self._match(self.lex.person_titles, i + prefix)
            if k:
                return prefix + k
        return self._match(self.lex.person_titles, i)

    def _glue(self, i: int, allow_cap: bool = False) -> int:
        """Length (>= 2) of a dictionary word starting at ``i`` ("Ngoại giao"), else 0."""
        units = self.units
        for k in range(min(self.lex.dictionary_max_words, self.reach[i]), 1, -1):
            if not allow_cap and any(units[j].cap for j in range(i + 1, i + k)):
                continue
            if " ".join(self.keys[i:i + k]) in self.lex.dictionary:
                return k
        return 0

    def _vietnamese(self, i: int) -> bool:
        key = self.units[i].key
        return key in self.lex.syllables or key in self.lex.surnames

    def _surname_led(self, i: int) -> bool:
        units = self.units
        return (units[i].key in self.lex.surnames and i + 1 < len(units) and units[i + 1].joined
                and units[i + 1].cap and self._vietnamese(i + 1))

    # ---- context set by cue words ------------------------------------------------------

    def _person_next(self, j: int, honorific: bool = False) -> None:
        """A title or honorific ends before unit ``j``: a name there is a person."""
        if j < len(self.units) and self.units[j].joined:
            self.person_at, self.person_by_honorific = j, honorific
        else:
            self.person_at = -1

    def _pass_person_context(self, i: int, end: int) -> None:
        """Carry a title's context over a country or body after it ("Ngoại trưởng Nga | Lavrov"),
        and over an acronym in parentheses ("Giám đốc CIA (Mỹ) | William Burns")."""
        if self.person_at != i:
            return
        units = self.units
        j = end
        while j + 1 < len(units) and _OPEN_PAREN.search(units[j].gap) and units[j + 1].gap.strip() == ")" \
                and (units[j].upper or self._gazetteer(j)[0] == 1):
            j += 1
        if j != end:
            self.person_at = j if j < len(units) and units[j].gap.strip() == ")" and units[j].cap else -1
            return
        self._person_next(end, self.person_by_honorific)

    def _set_leadin(self, i: int, k: int, label: str) -> None:
        j = i + k
        if j < len(self.units) and self.units[j].joined:
            self.leadin_at, self.leadin_label = j, label
            self.leadin_key = " ".join(self.units[m].key for m in range(i, j))
        else:
            self.leadin_at = -1

    def _leadin(self, i: int) -> tuple[int, str]:
        best, label = 0, ""
        for table, table_label in ((self.lex.misc_leadins, "MISC"), (self.lex.org_leadins, "ORG"),
                                   (self.lex.loc_leadins, "LOC")):
            k = self._match(table, i)
            if k > best:
                best, label = k, table_label
        return best, label

    # ---- the pass ------------------------------------------------------------------

    def run(self) -> list[_Span]:
        units = self.units
        n = len(units)
        run: list[int] = []
        i = 0
        while i < n:
            unit = units[i]
            if run and not unit.joined:
                self._flush(run)
                run = []
            if not unit.cap:
                if run and self._particle_inside(i):
                    run.append(i)
                    i += 1
                    continue
                if run:
                    self._flush(run)
                    run = []
                i = self._lowercase(i)
                continue
            if run and self._absorbs(run, i):
                run.append(i)
                i += 1
                continue
            action = self._pattern(i)
            if action is None:
                run.append(i)
                i += 1
                continue
            if run:
                self._flush(run)
                run = []
            i = action()
        if run:
            self._flush(run)
        self._parenthesised_acronyms()
        return self.spans

    def _lowercase(self, i: int) -> int:
        g_len, g_label = self._gazetteer(i)  # lowercase-led names: "châu Âu", "miền Bắc"
        if g_len and not (self.units[i].key == "miền" and self._region_of_named_place(i + g_len)):
            return self._apply_gazetteer(i, g_len, g_label)
        title = self._title(i)
        if title:
            self._person_next(self._after_domain(i + title), self.units[i].key in _HONORIFICS and title == 1)
            return i + title
        k, label = self._leadin(i)
        if k:
            self._set_leadin(i, k, label)
            return i + k
        return i + 1

    def _region_of_named_place(self, j: int) -> bool:
        """"miền Bắc nước Anh": a direction within a named country, not Viet Nam's region."""
        units = self.units
        return j < len(units) and units[j].joined and (units[j].key == "nước" or self._gazetteer(j)[1] == "LOC")

    def _particle_inside(self, i: int) -> bool:
        """A lowercase particle or "&" between two parts of a name ("von der", "bin", "&")."""
        units = self.units
        j = i
        while j < len(units) and units[j].joined and (units[j].key in NAME_PARTICLES or units[j].text == "&"):
            j += 1
        return j > i and j < len(units) and units[j].joined and units[j].cap

    def _absorbs(self, run: list[int], i: int) -> bool:
        """Whether capitalised unit ``i`` continues the name in ``run``.

        A Vietnamese name may contain a word that is also a country ("Nguyễn Minh Đức",
        "Thị Mỹ Linh"): a one-word place inside a Vietnamese-looking name stays in it.
        """
        length, label = self._gazetteer(i)
        if length == 0:
            return not (self._title(i) or self._match(self.lex.org_heads, i)
                        or self._match(self.lex.misc_heads, i) or self._match(self.lex.loc_heads, i))
        vietnamese_run = all(self._vietnamese(j) for j in run) and len(run) <= 3
        if label == "LOC" and not any(self._vietnamese(j) for j in run) and self.person_at != run[0]:
            return True  # "Metro Manila", "Greater London": a foreign name going on into a place
        first = self.units[run[0]]
        if first.initial and first.key in self.lex.dictionary and (
                first.pos not in ("Np", "") if self.has_tags else first.key not in self.lex.surnames):
            return False  # "Việc Mỹ bỏ phiếu", "Đoàn Mỹ thảo luận": a common word, then the country
        return length == 1 and label == "LOC" and vietnamese_run

    def _pattern(self, i: int):
        """The list-driven reading of capitalised unit ``i``, as a callable that applies it and
        returns the next unit to look at; None when ``i`` is just part of a name."""
        units = self.units
        g_len, g_label = self._gazetteer(i)
        direction = self._match(self.lex.directions, i)
        if direction and i + direction < len(units) and units[i + direction].joined:
            after_len, after_label = self._gazetteer(i + direction)
            if after_label == "LOC" and direction + after_len > g_len:
                g_len, g_label = direction + after_len, "LOC"  # "Đông Ukraine", "Tây Bắc Biển Đen"
        title = self._title(i)
        org_head = self._match(self.lex.org_heads, i)
        misc_head = self._match(self.lex.misc_heads, i)
        loc_head = self._match(self.lex.loc_heads, i)
        leadin, leadin_label = self._leadin(i)
        if leadin_label == "LOC" or (leadin_label == "MISC" and not self._foreign_name_at(i + leadin)):
            leadin = 0  # capitalised "Tại", "Phim Hàn" open sentences; "Tờ", "Bão Yagi" still cue

        if g_len and g_len >= max(title, org_head, misc_head, loc_head):
            if g_label == "LOC" and g_len == 1 and (self._vietnamese_name_follows(i) or self._glue(i)):
                return None  # "Đức Đồng" (a person), "Pháp luật" (a common word)
            return lambda: self._apply_gazetteer(i, g_len, g_label)
        if org_head and org_head >= max(title, misc_head, loc_head):
            end = self._org_extent(i, org_head)
            if end is not None:
                return lambda: self._apply_org(i, end)
        if misc_head and misc_head >= max(title, loc_head):
            end = self._misc_extent(i, misc_head)
            if end is not None:
                return lambda: self._emit(i, end, "MISC", STRONG)
        if loc_head and loc_head >= title and not units[i].initial:
            end = self._named_after(i + loc_head)
            if end is not None:
                return lambda: self._emit(i, end, "LOC", STRONG)
        if title:
            def apply_title() -> int:
                self._person_next(self._after_domain(i + title), units[i].key in _HONORIFICS and title == 1)
                return i + title
            return apply_title
        if leadin:
            def apply_leadin() -> int:
                self._set_leadin(i, leadin, leadin_label)
                return i + leadin
            return apply_leadin
        if org_head or misc_head or loc_head:
            # A head noun with no name after it ("Công ty này", "Quân đội Nga lên ...")
            # is a common noun: step over it.
            head = max(org_head, misc_head, loc_head)
            return lambda: i + head
        return None

    def _foreign_name_at(self, j: int) -> bool:
        units = self.units
        return j < len(units) and units[j].joined and units[j].cap and units[j].key not in self.lex.dictionary

    def _named_after(self, j: int) -> int | None:
        """End of the capitalised name right after a place head ("Quần đảo | Chagos")."""
        units = self.units
        end = None
        while j < len(units) and units[j].joined and units[j].cap and not self._title(j):
            end = j = j + max(1, self._gazetteer(j)[0])
        return end

    def _vietnamese_name_follows(self, i: int) -> bool:
        """"Đức Đồng", "Mỹ Linh": a one-word country opening a Vietnamese personal name."""
        units = self.units
        j = i + 1
        if self.person_at == i and not self.person_by_honorific:
            return False  # "Thủ tướng Đức ..." is the country
        if j >= len(units) or not units[j].joined or not units[j].cap or not self._vietnamese(j) \
                or units[j].text.isascii():
            return False  # "Mỹ Joe Biden"; only a Vietnamese-spelt name ("Đức Đồng") is one person
        return not (self._gazetteer(j)[0] or self._title(j) or self._match(self.lex.org_heads, j))

    def _after_domain(self, j: int) -> int:
        """Skip the domain of a title ("Thứ trưởng **Ngoại giao**", "Cố vấn **An ninh Quốc gia**")."""
        units = self.units
        while j < len(units) and units[j].joined:
            if units[j].cap:
                if self._gazetteer(j)[0]:
                    break
                if self._match(self.lex.org_heads, j) and self._org_extent(j, self._match(self.lex.org_heads, j)):
                    break
                glue = self._glue(j, allow_cap=True)
                if not glue:
                    break
                j += glue
            else:
                k = self._match(self.lex.name_inner_words, j)
                if not k:
                    break
                j += k
        return j

    # ---- organisations ---------------------------------------------------------------

    def _org_extent(self, i: int, head: int) -> int | None:
        """End of an organisation's name opened by the head noun at ``i``, or None."""
        units = self.units
        n = len(units)
        head_key = " ".join(units[j].key for j in range(i, i + head))
        generic = head_key in _GENERIC_ORG_HEADS
        j = i + head
        end = None
        saw_place = False
        first = True
        while j < n:
            unit = units[j]
            connector = unit.gap.strip() in ("-", "–") and end is not None and unit.cap
            if not unit.joined and not connector:
                break
            if connector and (self._match(self.lex.org_heads, j) or self._title(j)):
                break
            g_len, g_label = self._gazetteer(j)
            described = j > i + head and end is None  # only lowercase words since the head
            if g_len:
                if g_label == "PER" or (g_label != "LOC" and described):
                    break  # "Tập đoàn công nghệ Nvidia": a description, then the name
                end = j = j + g_len
                saw_place = g_label == "LOC"
                break  # a country or an organisation closes the name ("Bộ Ngoại giao Mỹ")
            if unit.cap:
                if self._surname_led(j) or self._title(j) or (described and not self._glue(j, allow_cap=True)) \
                        or (end is not None and j > end):
                    break  # after lowercase words only a place or "(ACRONYM)" may close the name
                glue = self._glue(j, allow_cap=True)
                if glue:
                    end = j = j + glue
                elif unit.upper or (first and not generic) or (unit.key in self.lex.dictionary
                                                                and not first):
                    end = j = j + 1
                else:
                    break
                first = False
                continue
            inner = self._match(self.lex.name_inner_words, j)
            if inner:
                j += inner
                if end is not None and self._ends_name(j):
                    end = j  # "Cục Điều tiết điện lực": lowercase words after a capitalised core
                continue
            if end is not None and self.has_tags and unit.pos in ("N", "A") and unit.key not in _FUNCTION_WORDS \
                    and j - end < 4 and self._closed_later(j):
                # "Cơ quan Quản lý thiên tai quốc gia Philippines": lowercase nouns stay in the
                # name only if a country, an inner word ("quốc gia") or "(ACRONYM)" closes it.
                j += 1
                continue
            if unit.key == "và" and j + 1 < n and units[j + 1].joined and units[j + 1].cap and end is not None \
                    and not (self._match(self.lex.org_heads, j + 1) or self._title(j + 1)):
                j += 1
                continue
            break
        if end is None:
            if head_key in _GENERIC_ORG_HEADS and self._match(self.lex.org_standalone, i) == head \
                    and not units[i].initial:
                return i + head
            return None
        if head_key in _LOWERCASE_ORG_HEADS and units[i].initial and end == self._place_end(i + head) \
                and (saw_place or self._gazetteer(i + head)[1] == "ORG"):
            return None  # "Quân đội Nga lên ...", "Tập đoàn Samsung ...": a sentence-initial common noun
        return end

    def _closed_later(self, j: int) -> bool:
        """Lowercase words from ``j`` on end in a place, an inner word or "(ACRONYM)"."""
        units = self.units
        for k in range(j, min(j + 8, len(units))):
            if k > j and not units[k].joined:
                return self._acronym_in_parens(k)
            if units[k].cap:
                return self._gazetteer(k)[1] == "LOC"
            inner = self._match(self.lex.name_inner_words, k)
            if inner and self._ends_name(k + inner):
                return True
        return False

    def _ends_name(self, j: int) -> bool:
        """The name can end before ``j``: the phrase ends, or a person's name follows."""
        return self._ends_phrase(j) or self._surname_led(j)

    def _place_end(self, j: int) -> int:
        return j + self._gazetteer(j)[0]

    def _ends_phrase(self, j: int) -> bool:
        """Nothing name-like goes on at ``j``: punctuation, end of text or a function word."""
        units = self.units
        return j >= len(units) or not units[j].joined or units[j].key in _HARD_STOPS \
            or units[j].key in _FUNCTION_WORDS

    def _apply_org(self, i: int, end: int) -> int:
        self._emit(i, end, "ORG", STRONG)
        self._pass_person_context(i, end)
        return end

    # ---- treaties, events, documents -------------------------------------------------

    def _misc_extent(self, i: int, head: int) -> int | None:
        """End of a treaty/event/document name opened by the head noun at ``i``, or None."""
        units = self.units
        n = len(units)
        head_key = " ".join(units[j].key for j in range(i, i + head))
        treaty = head_key in _TREATY_HEADS
        j = i + head
        last_named = None  # end of the last capitalised, numeric or listed part
        last_any = None
        content = False
        while j < n and j - i < 24:
            unit = units[j]
            connector = unit.gap.strip() in ("-", "–") and last_named is not None and unit.cap
            if not unit.joined and not connector:
                break
            g_len, g_label = self._gazetteer(j)
            if g_len:
                j += g_len
                last_named = last_any = j
                content = content or g_label in ("MISC", "PER")
                continue
            if unit.cap or _NUMBER.match(unit.text):
                title = self._title(j)
                if title:
                    j = self._after_domain(j + title)
                    last_named = last_any = j
                    continue
                j += max(1, self._glue(j)) if unit.cap else 1
                last_named = last_any = j
                content = True
                continue
            if unit.key in _HARD_STOPS:
                break
            if unit.key in _SOFT_PREPOSITIONS and (head_key in _EVENT_HEADS or not self._named_part_ahead(j + 1, 1)):
                break  # "Hội nghị thượng đỉnh G7 | tại Hiroshima", "Tuyên bố chung | của hội nghị"
            if j == i + head and not treaty and not self._named_part_ahead(j, within=3):
                return None  # "Chương trình hành động ...": a common noun phrase
            j += 1
            last_any = j
        paren = self._acronym_in_parens(j)
        if paren:
            end = last_any
            content = True
        elif treaty and not units[i].initial:
            end = last_any
            content = True
        else:
            end = last_named
        if end is None or end <= i + head:
            return None
        if head_key in _EVENT_HEADS and not content:
            return None
        return end

    def _named_part_ahead(self, j: int, within: int = 12) -> bool:
        """A capitalised part comes before the phrase ends ("Quy hoạch điện VIII")."""
        units = self.units
        stop = j + within
        while j < len(units) and j < stop and units[j].joined:
            if units[j].cap:  # includes roman numerals; plain numbers are counts, not names
                return True
            if units[j].key in _HARD_STOPS:
                return False
            j += 1
        return False

    def _acronym_in_parens(self, j: int) -> bool:
        """Unit ``j`` is an acronym or listed name right after "(" ("(COP26)", "( NATO)")."""
        units = self.units
        if j >= len(units) or not _OPEN_PAREN.search(units[j].gap):
            return False
        return units[j].upper or self._gazetteer(j)[0] > 0 or _NUMBERED_EVENT.match(units[j].text) is not None

    # ---- gazetteer names ---------------------------------------------------------------

    def _apply_gazetteer(self, i: int, length: int, label: str) -> int:
        if self.leadin_at == i and self.leadin_label == "MISC" and (
                (label == "LOC" and self.leadin_key in _MISC_OVER_PLACE) or self.leadin_key in _MISC_OVER_ANY):
            label = "MISC"  # "thỏa thuận Minsk", "tàu Moskva", "chỉ số Nikkei 225"
        if self.person_at == i and self.person_by_honorific and label == "LOC" and length == 1:
            label = "PER"  # "bà Nga"
        end = i + length
        if label == "MISC":
            end = self._event_suffix(end)
        elif label == "LOC" and end < len(self.units) and self.units[end].joined \
                and self.units[end].key in _CLUB_SUFFIXES:
            end, label = end + 1, "ORG"  # "Hà Nội FC"
        self._emit(i, end, label, STRONG)
        if label in ("LOC", "ORG"):
            self._pass_person_context(i, end)
        return end

    def _event_suffix(self, j: int) -> int:
        """Extend an event name over its place and edition ("Olympic Paris 2024", "SEA Games 33")."""
        units = self.units
        if j < len(units) and units[j].joined:
            g_len, g_label = self._gazetteer(j)
            if g_label == "LOC" and j + g_len < len(units) and units[j + g_len].joined \
                    and _NUMBER.match(units[j + g_len].text):
                return j + g_len + 1
            if _NUMBER.match(units[j].text):
                return j + 1
        return j

    # ---- free-standing capitalised names -----------------------------------------------

    def _flush(self, run: list[int]) -> None:
        units = self.units
        a, b = run[0], run[-1] + 1
        while a < b and units[a].key in self.lex.not_names:
            a += 1
        while b > a and units[b - 1].key in self.lex.not_names:
            b -= 1
        if a < b and self._common_word_start(a, b):
            a += 1
        if a < b and self.leadin_at == a and self.leadin_label == "MISC":
            b = self._misc_name_end(a, b)
        elif a < b and b - a == 1 and self._glue(b - 1):
            b -= 1  # "Thượng đỉnh", "Video": a capitalised common word
        if a >= b or self._match(self.lex.directions, a) == b - a:
            return  # nothing left, or only a compass word ("phía Đông")
        if b - a == 1 and _NUMBER.match(units[a].text):
            return  # a roman numeral ("VIII") is not a name by itself
        if b - a == 1 and self._in_menu(a):
            return  # "Trang chủ | Chính trị | Multimedia": a site's navigation bar
        label, strength = self._label_run(a, b)
        if label:
            self._emit(a, b, label, strength)

    def _in_menu(self, i: int) -> bool:
        units = self.units
        return "|" in units[i].gap or (i + 1 < len(units) and "|" in units[i + 1].gap)

    def _common_word_start(self, a: int, b: int) -> bool:
        """The first unit is a capitalised common word at the start of a sentence."""
        unit = self.units[a]
        if not unit.initial or unit.key not in self.lex.dictionary:
            return False
        if self.person_at == a or self.leadin_at == a:
            return False
        if b - a == 1:
            return True
        if self._surname_led(a) and (not self.has_tags or unit.pos in ("Np", "")):
            return False
        if self.has_tags and unit.pos:
            return unit.pos != "Np" or unit.key in _FUNCTION_WORDS
        return unit.key in _FUNCTION_WORDS

    def _label_run(self, a: int, b: int) -> tuple[str, int]:
        units = self.units
        if self.person_at == a:
            return "PER", CONTEXT
        if self.leadin_at == a:
            return self.leadin_label, CONTEXT
        if b - a >= 2:
            if self._surname_led(a):
                return "PER", CONTEXT
            if units[b - 1].key in _ORG_SUFFIXES:
                return "ORG", WEAK
            if units[a].key in _PLACE_PREFIXES:
                return "LOC", WEAK
            crf = _majority(units[j].ner for j in range(a, b))
            # The CRF confuses foreign persons with places and events, but rarely calls a
            # person an organisation.
            return ("ORG" if crf == "ORG" else "PER"), WEAK
        unit = units[a]
        if unit.upper and ("-" in unit.text or any(c.isdigit() for c in unit.text)):
            return "", 0  # document codes ("NĐ-CP", "QH15"), not names
        if unit.upper:
            return "ORG", WEAK  # the CRF's LOC/PER on unknown acronyms is mostly wrong
        if any(c.isupper() for c in unit.text[1:]) and unit.text.isalpha():
            return "ORG", WEAK  # "VinBrain", "ABBank", "TikTok": brands and companies
        if unit.key in self.lex.dictionary:
            return "", 0  # a lone Vietnamese word with nothing to say it is a name
        return (unit.ner or "PER"), WEAK

    def _misc_name_end(self, a: int, b: int) -> int:
        """After "đường ống", "dự án": capitalised words may carry their lowercase syllables
        ("đường ống Sức mạnh Siberia"), so the run was cut short; extend it over them."""
        units = self.units
        j = a
        while j < len(units) and (j == a or units[j].joined) and units[j].cap:
            j += max(1, self._glue(j))
        return max(b, j)

    # ---- acronyms in parentheses ---------------------------------------------------------

    def _parenthesised_acronyms(self) -> None:
        """Label "(DNC)" like the name it abbreviates, and find that name when nothing did."""
        units = self.units
        ends = {s.b: s for s in self.spans}
        starts = {s.a: s for s in self.spans}
        for j, unit in enumerate(units):
            if not _OPEN_PAREN.search(unit.gap) or not (unit.upper or _NUMBERED_EVENT.match(unit.text)) \
                    or unit.key in self.lex.not_names:
                continue
            k = j + 1
            if k < len(units) and not units[k].gap.lstrip().startswith(")"):
                continue
            before = ends.get(j)
            own = starts.get(j)
            if own is not None and own.strength == STRONG:
                label = own.label
            elif before is not None and before.label in ("ORG", "MISC"):
                label = before.label
            else:
                label = (own.label if own is not None and own.label in ("ORG", "MISC") else "ORG")
            if own is not None:
                own.label = label
                own.strength = max(own.strength, CONTEXT)
            elif before is not None:
                self._emit(j, j + 1, label, CONTEXT)
            if before is None and own is not None and own.strength == STRONG and label in ("ORG", "MISC"):
                self._spelled_out(j, label)

    def _spelled_out(self, j: int, label: str) -> None:
        """"Nhóm các nền kinh tế ... hàng đầu thế giới (G20)": the name before the acronym."""
        units = self.units
        k = j - 1
        nearest_cap = None
        while k >= 0 and j - k <= 15:
            if units[k].cap:
                nearest_cap = k
                break
            if units[k].key in _HARD_STOPS or not units[k].joined:
                return
            k -= 1
        if nearest_cap is None:
            return
        start = nearest_cap
        while start > 0 and units[start].joined and units[start - 1].cap:
            start -= 1
        if self._title(start) or any(s.strength == STRONG and s.a < j and start < s.b and s.a != j
                                     for s in self.spans):
            return
        self.spans = [s for s in self.spans if s.b <= start or s.a >= j]
        self._emit(start, j, label, CONTEXT)

    # ---- output --------------------------------------------------------------------

    def _emit(self, a: int, b: int, label: str, strength: int) -> int:
        self.spans.append(_Span(a, b, label, strength))
        return b


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _same_case(written: str, seen: str) -> bool:
    """Whether the first word ``seen`` has the capitalisation a list entry asks for.

    Acronyms must match exactly ("AP" is not "Ap"); otherwise only the first letter's case
    counts, so "Nhà trắng" still finds "Nhà Trắng" but "anh" never finds "Anh".
    """
    if _is_acronym(written):
        return written == seen
    return written[:1].isupper() == seen[:1].isupper()


def _majority(labels: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for label in labels:
        if label in ENTITY_LABELS:
            counts[label] = counts.get(label, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def _consistent(units: list[Unit], spans: list[_Span], lex: Lexicon) -> list[_Span]:
    """Make the document agree with itself.

    A name labelled with confidence somewhere decides the label of its weaker mentions and
    is added where the first pass missed it; a person's last name alone ("Putin",
    "Lavrov") is that person.
    """
    known: dict[tuple[str, ...], str] = {}
    for span in spans:
        if span.strength >= CONTEXT and not (span.b - span.a == 1 and units[span.a].key in lex.dictionary):
            known.setdefault(tuple(u.key for u in units[span.a:span.b]), span.label)
    for span in spans:
        if span.label == "PER" and span.b - span.a >= 2 and span.strength >= CONTEXT:
            last = units[span.b - 1]
            # "Putin", "Lavrov"; not "Chính" of "Phạm Minh Chính", which is also a common word.
            if lex.gazetteer.get((last.key,)) is None and not last.upper and last.key not in lex.dictionary:
                known.setdefault((last.key,), "PER")
    for span in spans:
        if span.strength < CONTEXT:
            label = known.get(tuple(u.key for u in units[span.a:span.b]))
            if label:
                span.label = label
                span.strength = CONTEXT
    if not known:
        return spans
    covered = [False] * len(units)
    for span in spans:
        for j in range(span.a, span.b):
            covered[j] = True
    max_len = max(len(k) for k in known)
    added: list[_Span] = []
    i = 0
    while i < len(units):
        if covered[i] or not units[i].cap:
            i += 1
            continue
        for k in range(min(max_len, len(units) - i), 0, -1):
            if any(covered[i + m] for m in range(k)):
                continue
            if any(not units[i + m].joined for m in range(1, k)):
                continue
            key = tuple(units[i + m].key for m in range(k))
            label = known.get(key)
            if label is None:
                continue
            before_ok = i == 0 or not (units[i].joined and units[i - 1].cap)
            after_ok = i + k >= len(units) or not (units[i + k].joined and units[i + k].cap)
            if before_ok and after_ok and units[i].text[:1].isupper():
                added.append(_Span(i, i + k, label, CONTEXT))
                for m in range(k):
                    covered[i + m] = True
                i += k - 1
                break
        i += 1
    return spans + added


_COORDINATORS = frozenset({"và", "hoặc", "cùng"})


def _from_neighbours(units: list[Unit], spans: list[_Span]) -> None:
    """Label a name nothing vouches for from the names around it.

    "Quảng Trạch (Quảng Bình)": a name followed by a place in parentheses is a place.
    "Samsung, Intel và Amkor": a name listed with organisations is one.
    """
    ordered = sorted(spans, key=lambda s: s.a)
    for n, span in enumerate(ordered):
        if span.strength > WEAK:
            continue
        after = ordered[n + 1] if n + 1 < len(ordered) else None
        if after is not None and after.a == span.b and after.label == "LOC" and after.strength > WEAK \
                and _OPEN_PAREN.search(units[after.a].gap) and after.b < len(units) \
                and units[after.b].gap.lstrip().startswith(")"):
            span.label = "LOC"
            continue
        before = ordered[n - 1] if n else None
        for neighbour in (before, after):
            if neighbour is not None and neighbour.strength > WEAK and neighbour.label in ("ORG", "LOC", "PER") \
                    and _coordinated(units, neighbour, span):
                span.label = neighbour.label
                break


def _coordinated(units: list[Unit], x: _Span, y: _Span) -> bool:
    """Whether two names stand in one list: "A, B", "A và B", "A hoặc B"."""
    first, second = (x, y) if x.a < y.a else (y, x)
    if second.a == first.b:
        return units[second.a].gap in (", ", ",")
    return second.a == first.b + 1 and units[first.b].key in _COORDINATORS \
        and units[first.b].joined and units[second.a].joined


def _apply_feedback(text: str, spans: list[EntitySpan],
                    feedback: Mapping[str, str | None]) -> list[EntitySpan]:
    """Apply the analyst's decisions: a string mapped to a label is suggested with that label
    wherever it stands as a whole word; a string mapped to None is never suggested."""
    rejected = {s for s, label in feedback.items() if label is None}
    kept = [s for s in spans if s.text not in rejected]
    accepted: list[EntitySpan] = []
    for surface, label in feedback.items():
        if label is None or not surface:
            continue
        if label not in ENTITY_LABELS:
            raise ValueError(f"feedback label for {surface!r} must be one of {ENTITY_LABELS} or None")
        pattern = re.compile(r"(?<![^\W_])" + re.escape(surface) + r"(?![^\W_])")
        accepted.extend(EntitySpan(m.start(), m.end(), surface, label) for m in pattern.finditer(text))
    if not accepted:
        return kept
    # Longer accepted names win over shorter ones they contain.
    accepted.sort(key=lambda s: (s.start, -(s.end - s.start)))
    chosen: list[EntitySpan] = []
    for span in accepted:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    kept = [s for s in kept if not any(s.start < c.end and c.start < s.end for c in chosen)]
    return sorted(kept + chosen, key=lambda s: s.start)


def find_entities(text: str, tokens: Sequence[Token] = (), dates: Sequence[DateSpan] = (), *,
                  feedback: Mapping[str, str | None] | None = None) -> list[EntitySpan]:
    """Find the named entities of a document.

    Args:
        text: Canonical text of the whole document (consistency works across it).
        tokens: underthesea's tagged words for ``text`` (``nlp.crf.crf_tokens``); optional,
            they sharpen sentence-initial and unknown names.
        dates: Date spans already found; no entity overlaps one.
        feedback: The analyst's decisions for this project: ``{"Tô Châu": "PER"}`` suggests
            that string with that label wherever it appears, ``{"Video": None}`` never
            suggests it.

    Returns:
        Flat, non-overlapping spans sorted by start, labels from ``ENTITY_LABELS``.
    """
    lex = load_lexicon()
    units = scan_units(text, tokens, lex)
    tagger = _Tagger(units, lex, has_tags=bool(tokens))
    spans = _consistent(units, tagger.run(), lex)
    _from_neighbours(units, spans)
    spans.sort(key=lambda s: (units[s.a].start, -units[s.b - 1].end))
    result: list[EntitySpan] = []
    last_end = -1
    for span in spans:
        start, end = units[span.a].start, units[span.b - 1].end
        if start < last_end:
            continue
        result.append(EntitySpan(start, end, text[start:end], span.label))
        last_end = end
    if dates:
        result = [e for e in result if not any(e.start < d.end and d.start < e.end for d in dates)]
    if feedback:
        result = _apply_feedback(text, result, feedback)
    return result
