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

Vietnamese names need more than capitals: an organisation's name goes on in lowercase
("Cục Quản lý chất lượng", "Ban Quản lý dự án đầu tư xây dựng tỉnh Đồng Nai") as long as the
CRF calls the words nouns and something closes them (a place, an administrative unit and its
name, "(ACRONYM)", the end of the phrase, the clause's verb); a ministry's domain names its
departments too ("Sở Giao thông vận tải Đồng Nai"); legal documents are named by their number
("Nghị định 168/2024/NĐ-CP") or by their lowercase title and year ("Bộ luật Hình sự năm 2015");
quoted titles after "phim", "chương trình" (maybe with a kind between: "chương trình nghệ
thuật") are one name whatever is inside; a listed company's name followed by a model word, a
code or one foreign word is its product, MISC ("Apple Intelligence", "Viettel AI",
``_product_suffix``); holidays and the
years of the sexagenary cycle are listed as non-entities; in a match report a province that
plays is the club named after it (``_match_report_clubs``); navigation lines keep only listed
names (``_without_page_furniture``).

Runs on whatever thread calls it; pure Python, no I/O after the lists are first loaded.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rusus_desktop.nlp.lexicon import NONE, Entry, Lexicon, PhraseTable, gap_kind, load_lexicon
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
_LOWERCASE_ORG_HEADS = frozenset({"chính quyền", "quân đội", "lực lượng", "cảnh sát", "công an", "phái đoàn",
                                  "tập đoàn", "công ty", "hãng", "ngân hàng"})
# Lead-ins whose MISC reading wins over a place name ("thỏa thuận Minsk", "tàu Moskva").
_MISC_OVER_PLACE = frozenset({"thỏa thuận", "hiệp ước", "hiệp định", "công ước", "tàu",
                              "tàu khu trục", "tàu sân bay", "tàu ngầm", "tàu chiến", "tuần dương hạm",
                              "chiến hạm", "khu trục hạm", "đường ống", "dự án"})
# After these, even an organisation's name is the thing named after it ("chỉ số Nikkei 225").
_MISC_OVER_ANY = frozenset({"chỉ số", "chiếc", "vàng miếng", "vàng nhẫn", "trợ lý ảo", "trợ lý ai",
                            "trợ lý trí tuệ nhân tạo", "chatbot", "mô hình ngôn ngữ", "hệ điều hành",
                            "mẫu điện thoại", "dòng điện thoại", "mẫu xe", "dòng xe"})
# Words after a listed company's name that make it one of its products ("Galaxy AI", "iPhone 16
# Pro Max", "Viettel AI"), with capitalised foreign words ("Apple Intelligence", "Google Play").
_PRODUCT_WORDS = frozenset({"ai", "pro", "max", "ultra", "plus", "mini", "lite", "air"})
_MODEL_CODE = re.compile(r"^(?:\d{1,4}|[A-Z]{1,3}\d{1,4}[A-Za-z]?)$")
# Heads of companies: a foreign brand may follow a capitalised sector word inside the name
# ("Công ty CP Chứng khoán | Yuanta Việt Nam", "Ngân hàng TMCP | ...").
_COMPANY_HEADS = frozenset({"công ty", "tập đoàn", "tổng công ty", "ngân hàng", "ngân hàng tmcp"})
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
online tv radio magazine cinema cinemas studio studios pictures films entertainment hotel hotels resort
resorts semiconductor semiconductors pharma pharmaceuticals software systems solutions labs logistics
securities insurance consulting display displays motor chemical chemicals chem steel industries
industry innotek petroleum power airline petrochemical automotive heavy biologics networks
""".split())
# First words of English place names ("Mount Elbrus", "Lake Baikal").
_PLACE_PREFIXES = frozenset({"mount", "mt.", "lake", "cape", "port", "fort", "saint", "st.", "san", "santa",
                             "são", "sao", "new"})
# Heads of legal documents that are named by their number ("Nghị định 168/2024/NĐ-CP").
_DOCUMENT_HEADS = frozenset({"nghị định", "thông tư", "thông tư liên tịch", "nghị quyết", "quyết định",
                             "chỉ thị", "luật", "bộ luật", "pháp lệnh", "công văn", "công điện"})
_DOCUMENT_CODE = re.compile(r"(?:số\s+)?\d{1,5}[a-z]?(?:(?:/\d{4})?(?:/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐa-z0-9]+)*)+"
                            r"|-[A-ZĐ]+/[A-ZĐ]+)(?![\w/-])")
# Heads of laws and codes, whose names go on in lowercase ("Luật Các tổ chức tín dụng").
_LAW_HEADS = frozenset({"luật", "bộ luật", "pháp lệnh"})
_LAW_STOPS = frozenset({"số", "này", "đó", "mới", "cũ", "hiện", "hành", "sửa", "đổi"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Lead-ins that name a kind of place: capitalised too they say that a place's name follows
# ("TP Biên Hòa", "Cầu Long Hưng ..."), unlike "Tại", "Ở" that open sentences.
_PLACE_NOUN_LEADINS = frozenset({"tp", "tp.", "cầu", "đường", "phố", "ngõ", "hẻm", "đại lộ", "chợ", "ga",
                                 "bến xe", "tòa nhà", "chung cư", "làng", "xã", "phường", "thị trấn"})
# Heads that name a body only with its number ("Vùng 4 Hải quân"; "Vùng" alone opens a place).
_NUMBERED_ORG_HEADS = frozenset({"vùng"})
# Quotation marks, and the lead-ins after which a quoted title is a work's name (MISC).
_OPENING_QUOTES = frozenset('"“«')
_CLOSING_QUOTES = frozenset('"”»')
_WORK_LEADINS = frozenset({"phim", "bộ phim", "phim truyện", "phim tài liệu", "ca khúc", "bài hát", "album", "mv",
                           "cuốn sách", "sách", "tiểu thuyết", "truyện", "tập thơ", "bài thơ", "vở kịch", "vở",
                           "nhạc kịch", "tác phẩm", "bức tranh", "triển lãm", "chương trình", "dự án", "đề án",
                           "cuộc thi", "gameshow", "show", "trò chơi", "chiến dịch", "lễ hội", "phong trào",
                           "tựa game", "trò chơi điện tử"})
# Institutions often named after a person ("Trường Đại học Tôn Đức Thắng", "Bệnh viện Hữu nghị
# Việt Đức" is not one but is capitalised anyway).
_NAMED_AFTER_PEOPLE = frozenset({"trường", "trường đại học", "đại học", "học viện", "trường cao đẳng",
                                 "thư viện", "quỹ", "bệnh viện", "nhà văn hóa", "giải"})
# Ordinals written as words, for editions and classes ("lần thứ nhất", "hạng Nhì").
_ORDINAL_WORDS = frozenset({"nhất", "nhì", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"})
# Short codes that stand for a unit or a body in parentheses ("(C03)", "(A05)").
_AGE_GROUP = re.compile(r"^U\d{2}$")
_CODE_ALIAS = re.compile(r"^[A-ZĐ]{1,3}\d{1,3}$")
_NUMBERED_EVENT = re.compile(r"^(?:COP|G)-?\d{1,2}$")
_NUMBER = re.compile(r"^\d{1,4}$|^[IVX]{1,5}$")
_OPEN_PAREN = re.compile(r"\(\s*$")
# What may end a name's phrase: a comma, period, semicolon, colon or parenthesis.
_PHRASE_END = re.compile(r"^\s*[,.;:()]")
# Bodies named by a capitalised common noun alone mid-sentence ("quà Tết từ Công đoàn").
_STANDALONE_BODIES = frozenset({"công đoàn"})


@dataclass(slots=True)
class _Span:
    a: int  # first unit
    b: int  # one past the last unit
    label: str
    strength: int


class _Tagger:
    """One left-to-right pass over the units of one document."""

    def __init__(self, units: list[Unit], lex: Lexicon, has_tags: bool, text: str = "") -> None:
        self.text = text
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
        # The same over ", " and " - " too, for listed names that contain them.
        self.gaps = [gap_kind(u.gap) for u in units]
        self.reach_sep = [1] * len(units)
        for j in range(len(units) - 2, -1, -1):
            if self.gaps[j + 1]:
                self.reach_sep[j] = self.reach_sep[j + 1] + 1
        self._gazetteer_cache: dict[int, tuple[int, str]] = {}

    # ---- lookups -------------------------------------------------------------------

    def _match(self, table: PhraseTable, i: int) -> int:
        """Length of the longest phrase of ``table`` starting at unit ``i`` (case-insensitive)."""
        keys = self.keys
        if i >= len(keys) or keys[i] not in table.first_words:
            return 0
        reach = self.reach[i]
        for k in range(min(table.max_words, self.reach_sep[i]), 0, -1):
            entries = table.get_all(tuple(keys[i:i + k]))
            if entries and ((k <= reach and not entries[0].seps) or any(self._separated_as(i, e) for e in entries)):
                return k
        return 0

    def _separated_as(self, i: int, entry: Entry) -> bool:
        """The words from ``i`` on are separated as ``entry`` is (spaces, or its "," and " - ")."""
        gaps = self.gaps
        if not entry.seps:
            return all(gaps[i + n] == " " for n in range(1, len(entry.words)))
        return all(gaps[i + n] == sep for n, sep in enumerate(entry.seps, start=1))

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
        for k in range(min(table.max_words, self.reach_sep[i]), 0, -1):
            for entry in table.get_all(tuple(keys[i:i + k])):
                if self._separated_as(i, entry) and _same_case(entry.words[0], units[i].text) and all(
                        units[i + n].text == written for n, written in enumerate(entry.words) if _is_acronym(written)) \
                        and not self._common_tail(i, entry):
                    return k, entry.label
        return 0, ""

    def _common_tail(self, i: int, entry: Entry) -> bool:
        """A listed name written with a lowercase tail that is a common word: "Lao động" (the
        word "labour") is not the newspaper "Lao Động", "Người lao động" not "Người Lao Động".
        A one-syllable tail may still be the name ("Nhà trắng"), and a place keeps its lowercase
        variants ("Nam bộ")."""
        units, words = self.units, entry.words
        for n in range(1, len(words)):
            if words[n][:1].isupper() and not units[i + n].cap:
                tail = self.keys[i + n:i + len(words)]
                return (len(tail) >= 2 and " ".join(tail) in self.lex.dictionary) or (
                    entry.label != "LOC" and " ".join(self.keys[i:i + len(words)]) in self.lex.dictionary)
        return False

    def _not_name(self, i: int) -> bool:
        """A capitalised word that is never a name by itself ("Ảnh", "THPT"; not "Ron")."""
        unit = self.units[i]
        return unit.key in self.lex.not_names or unit.text in self.lex.abbreviations \
            or _AGE_GROUP.match(unit.text) is not None  # "U22 | Việt Nam": the country's team

    def _title(self, i: int) -> int:
        """Length of a person title at ``i``, with its prefix ("Phó", "cựu") if any."""
        prefix = self._match(self.lex.title_prefixes, i)
        if prefix and i + prefix < len(self.units) and self.units[i + prefix].joined:
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
            if _AGE_GROUP.match(unit.text):
                if run:  # "U22 | Việt Nam": an age group before its country's name
                    self._flush(run)
                    run = []
                i += 1
                continue
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
        self._quoted_titles()
        return self.spans

    def _numbered_district(self, i: int) -> int:
        """"quận 1", "Quận 10": a district named by its number is named with its head word."""
        units = self.units
        if self.keys[i] == "quận" and i + 1 < len(units) and units[i + 1].joined \
                and units[i + 1].text.isdigit() and len(units[i + 1].text) <= 2:
            return i + 2
        return 0

    def _house_number(self, i: int) -> int:
        """After "số 55B", "số 12/3" an address's street follows ("số 55B | Nguyễn Thị Minh
        Khai"): the index of the street's first word, else 0. Only Vietnamese-spelt names, so
        that "bão số 9 Man-yi" keeps its storm."""
        units = self.units
        n = len(units)
        j = i + 1
        while j < n and units[j].gap in (" ", "/") and any(c.isdigit() for c in units[j].text) \
                and len(units[j].text) <= 5 and not units[j].cap:
            j += 1
        if j == i + 1 or j + 1 >= n or not units[j].joined or not units[j].cap:
            return 0
        if not (units[j + 1].joined and units[j + 1].cap and self._vietnamese(j) and self._vietnamese(j + 1)):
            return 0
        return j

    def _lowercase(self, i: int) -> int:
        district = self._numbered_district(i)
        if district:
            return self._emit(i, district, "LOC", STRONG)
        if self.keys[i] == "số":
            street = self._house_number(i)
            if street:
                self.leadin_at, self.leadin_label, self.leadin_key = street, "LOC", "số"
                return street
        g_len, g_label = self._gazetteer(i)  # lowercase-led names: "châu Âu", "miền Bắc"
        if g_len and not (self.units[i].key == "miền" and self._region_of_named_place(i + g_len)):
            return self._apply_gazetteer(i, g_len, g_label)
        title = self._title(i)
        k, label = self._leadin(i)
        if title and title >= k:
            self._person_next(self._after_domain(i + title), self.units[i].key in _HONORIFICS and title == 1)
            return i + title
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
            if self._title(i):
                return False
            # A head noun opens a new name only if a name follows it ("sân Thiên Trường tối 8/3"
            # is one name, "Theo Ban Quản lý dự án ..." is not).
            org_head = self._match(self.lex.org_heads, i)
            if org_head and self._org_extent(i, org_head) is not None:
                return False
            misc_head = self._match(self.lex.misc_heads, i)
            if misc_head and self._misc_extent(i, misc_head) is not None:
                return False
            loc_head = self._match(self.lex.loc_heads, i)
            return not (loc_head and self._named_after(i + loc_head) is not None)
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
        district = self._numbered_district(i)
        if district:
            return lambda: self._emit(i, district, "LOC", STRONG)
        g_len, g_label = self._gazetteer(i)
        if self.person_at == i and not g_len and self._surname_led(i):
            return None  # "Bộ trưởng Bộ Tài chính | Hồ Đức Phớc": a person, though "Hồ" opens lakes
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
        if (leadin_label == "LOC" and " ".join(self.keys[i:i + leadin]) not in _PLACE_NOUN_LEADINS) \
                or (leadin_label == "MISC" and not self._foreign_name_at(i + leadin)):
            leadin = 0  # capitalised "Tại", "Phim Hàn" open sentences; "Tờ", "Bão Yagi", "TP" still cue

        if g_len and g_len >= max(title, org_head, misc_head, loc_head):
            if g_label == "LOC" and g_len == 1 and (self._vietnamese_name_follows(i) or self._glue(i)):
                return None  # "Đức Đồng" (a person), "Pháp luật" (a common word)
            if g_label == "ORG" and org_head:
                # "Bộ Ngoại giao | Mỹ", "Bộ Y tế | Gaza", "UBND | tỉnh Đồng Nai": a listed body
                # goes on over the place it belongs to, like a name the head pattern finds.
                end = max(self._org_tail(i + g_len), self._org_extent(i, org_head) or 0)
                return lambda: self._apply_org(i, end)
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
            end = j = j + max(1, self._gazetteer(j)[0], self._glue(j))
        return end

    def _whole_line(self, a: int, b: int) -> bool:
        """Units ``a`` to ``b`` are a line of their own (a byline, a caption credit)."""
        units = self.units
        return (a == 0 or "\n" in units[a].gap) and (b >= len(units) or "\n" in units[b].gap)

    def _vietnamese_name_follows(self, i: int) -> bool:
        """"Đức Đồng", "Mỹ Linh": a one-word country opening a Vietnamese personal name."""
        units = self.units
        j = i + 1
        if self.person_at == i and not self.person_by_honorific and (j >= len(units) or units[j].text.isascii()):
            return False  # "Thủ tướng Đức Olaf Scholz": the country; "ca sĩ Mỹ Tâm": a person
        if j >= len(units) or not units[j].joined or not units[j].cap or not self._vietnamese(j) \
                or (units[j].text.isascii() and not self._whole_line(i, j + 1)):
            return False  # "Mỹ Joe Biden"; only a Vietnamese-spelt name ("Đức Đồng") or a byline
            # line ("Đức Minh") is one person
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
        after_and = False
        while j < n and units[j].joined and self._match(self.lex.legal_forms, j):
            j += self._match(self.lex.legal_forms, j)  # "Công ty TNHH | Pouyuen", "Công ty cổ phần | ..."
        if head_key in _NAMED_AFTER_PEOPLE:
            k = j + self._match(self.lex.school_levels, j) if j < n and units[j].joined else j
            if k < n and units[k].joined and (self._surname_led(k) or self._gazetteer(k)[1] == "PER"):
                k += max(1, self._gazetteer(k)[0] if self._gazetteer(k)[1] == "PER" else 0)
                while k < n and units[k].joined and units[k].cap and self._vietnamese(k) \
                        and self._gazetteer(k)[1] in ("", "LOC") and self._gazetteer(k)[0] <= 1:
                    k += 1
                return k  # "Trường Đại học | Nguyễn Trãi", "Trường THPT | Chu Văn An"
        name_start = j
        domain = self._match(self.lex.org_domains, j) if j < n and units[j].joined and units[j].cap else 0
        if domain:
            end = j = j + domain  # "Sở | Giao thông vận tải", "Sở | Lao động - Thương binh và Xã hội"
            first = False
        elif head > 1 and any(units[m].cap for m in range(i + 1, i + head)) and not generic:
            end = j  # the head names the body, what follows says which ("Ban Quản lý | dự án ...")
        elif head_key in _NUMBERED_ORG_HEADS and not (j < n and units[j].joined and units[j].text.isdigit()):
            return None  # "Vùng 4 Hải quân" is a command, "Vùng Vịnh" a place
        if j < n and units[j].joined and units[j].text.isdigit() and len(units[j].text) <= 3 and (
                j + 1 >= n or not units[j + 1].joined or units[j + 1].cap):
            end = j = j + 1  # "Quân khu | 7", "Vùng | 4 Hải quân"
            first = False
        while j < n:
            unit = units[j]
            connector = unit.gap.strip() in ("-", "–") and end is not None and unit.cap
            if not unit.joined and not connector:
                break
            if connector and (self._match(self.lex.org_heads, j) or self._title(j)):
                break
            admin = self._admin_place(j)
            if admin:
                end, saw_place = admin, True  # "UBND | tỉnh Đồng Nai", "Công an | TP Hà Nội"
                break
            g_len, g_label = self._gazetteer(j)
            described = j > name_start and end is None  # only lowercase words since the head
            if g_len and g_label == "LOC" and (end is not None or first) and not after_and:
                glue = self._glue(j)
                if glue > g_len:
                    end = j = j + glue  # "Ủy ban | Pháp luật và Tư pháp": not France, a word
                    first = False
                    continue
            if g_len:
                if after_and and g_label != "LOC":
                    break  # "Bộ Giao thông vận tải và | ACV": another body
                if g_label in ("PER", NONE) or (g_label != "LOC" and described):
                    break  # "Tập đoàn công nghệ Nvidia": a description, then the name
                end = j = j + g_len
                saw_place = g_label == "LOC"
                break  # a country or an organisation closes the name ("Bộ Ngoại giao Mỹ")
            if unit.cap:
                if self._surname_led(j) or self._title(j) or (described and not self._glue(j, allow_cap=True)) \
                        or (end is not None and j > end and not after_and):
                    break  # after lowercase words only a place or "(ACRONYM)" may close the name
                glue = self._glue(j, allow_cap=True)
                if after_and and (unit.upper or not (glue or unit.key in self.lex.dictionary)):
                    break  # after "và" only capitalised common words go on ("Kế hoạch và Đầu tư")
                if glue:
                    end = j = j + glue
                elif unit.upper or (first and not generic) or (unit.key in self.lex.dictionary
                                                                and not first) \
                        or (head_key in _COMPANY_HEADS and j == end and not self._vietnamese(j)):
                    end = j = j + 1
                else:
                    break
                first = after_and = False
                continue
            if end == j and unit.text.isdigit() and len(unit.text) <= 3 and (
                    j + 1 >= n or not units[j + 1].joined or units[j + 1].cap or units[j + 1].key in _FUNCTION_WORDS):
                end = j = j + 1  # "Vùng 4 | Hải quân", "Quân khu 7", "Sư đoàn 308"
                continue
            inner = self._match(self.lex.name_inner_words, j)
            if inner:
                j += inner
                if end is not None and self._ends_name(j):
                    end = j  # "Cục Điều tiết điện lực": lowercase words after a capitalised core
                continue
            if end is not None and self.has_tags:
                # "Cơ quan Quản lý thiên tai quốc gia Philippines", "Cục Quản lý chất lượng,":
                # lowercase nouns stay in the name only if something closes it.
                tail, goes_on = self._lowercase_tail(j, loose=not generic)
                if tail is not None:
                    if goes_on:
                        j = tail  # a place goes on with the name ("... thiên tai quốc gia | Philippines")
                        after_and = True
                        continue
                    end = tail
                    break
            if unit.key == "và" and j + 1 < n and units[j + 1].joined and units[j + 1].cap and end is not None \
                    and not (self._match(self.lex.org_heads, j + 1) or self._title(j + 1)):
                j += 1
                after_and = True
                continue
            break
        if end is not None and saw_place and end + 1 < n and units[end].joined and units[end].key == "tại" \
                and units[end + 1].joined:
            g_len, g_label = self._gazetteer(end + 1)
            k = end + 1 + g_len
            if g_label == "LOC" and (self._acronym_in_parens(k) or (
                    k < n and _OPEN_PAREN.search(units[k].gap) and units[k].text[:1].isupper()
                    and any(c.isupper() for c in units[k].text[1:]))):
                end += 1 + g_len  # "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam (KoCham)": one name
        if end == name_start and not domain:
            end = None  # "Ban Quản lý cho biết": the head alone is a common noun
        if end is None:
            if self._match(self.lex.org_standalone, i) == head and (generic or head_key in _STANDALONE_BODIES) \
                    and not units[i].initial:
                return i + head
            return None
        if head_key in _LOWERCASE_ORG_HEADS and units[i].initial and end == self._place_end(i + head) \
                and (saw_place or self._gazetteer(i + head)[1] == "ORG"):
            return None  # "Quân đội Nga lên ...", "Tập đoàn Samsung ...": a sentence-initial common noun
        return end

    def _lowercase_tail(self, j: int, loose: bool) -> tuple[int | None, bool]:
        """Where lowercase words from ``j`` on stop belonging to an organisation's name.

        They are nouns and adjectives by the CRF's POS, maybe joined by "và" or a number, and
        something must close them: a place or an administrative unit with its name ("Ban Quản
        lý dự án đầu tư xây dựng | tỉnh Đồng Nai"), an inner word at the end of the phrase, or
        "(ACRONYM)"; verbs are allowed inside only then, since the CRF tags many words of a
        name as verbs ("đầu tư", "xây dựng"). Unless the head is a body every country has
        ("Chính phủ", "Công an"), the end of the phrase closes them too ("Cục Quản lý chất
        lượng,"), and so does the clause's verb after two or more of them ("Phòng Cảnh sát hình
        sự | phối hợp"). Returns the end and whether the name goes on there with a capitalised
        place; (None, False) when nothing closes them.
        """
        units = self.units
        n = len(units)
        k = j
        verb_at = None  # the first verb after nouns: the clause's verb, unless a place closes
        verbs = 0
        while k < n and k - j < 14:
            unit = units[k]
            if k > j and not unit.joined:
                if self._acronym_in_parens(k):
                    return k, False
                if loose and _PHRASE_END.match(unit.gap) and not verbs:
                    return k, False
                break
            if unit.cap:
                if self._gazetteer(k)[1] == "LOC":
                    return k, True
                break
            admin = self._admin_place(k)
            if admin:
                return admin, False
            inner = self._match(self.lex.name_inner_words, k)
            if inner:
                k += inner
                if not verbs and (k >= n or not units[k].joined or self._surname_led(k) or (
                        units[k].key in _HARD_STOPS and units[k].pos != "N" and units[k].key != "và")):
                    return k, False  # an inner word ends the phrase ("... điện lực", "... quốc gia")
                continue
            if unit.key == "và" and k > j and k + 1 < n and units[k + 1].joined:
                k += 1
                continue
            if unit.text.isdigit() and len(unit.text) <= 3:
                k += 1
                continue
            if unit.pos == "V" and k > j and unit.key not in _FUNCTION_WORDS:
                if verb_at is None and k - j >= 2 and units[k - 1].pos in ("N", "A"):
                    verb_at = k
                verbs += 1
                if verbs <= 2 and k - j < 8:
                    k += 1
                    continue
                break
            if unit.pos not in ("N", "A", "Nc") or unit.key in _FUNCTION_WORDS \
                    or (unit.key in _HARD_STOPS and unit.pos != "N") or unit.key not in self.lex.syllables:
                break
            k += 1
        else:
            if k >= n and loose and not verbs:
                return k, False
        if loose and verb_at is not None:
            return verb_at, False
        return None, False

    def _admin_place(self, j: int) -> int:
        """End of an administrative unit and its name at ``j`` ("tỉnh Đồng Nai", "quận Đống Đa",
        "TP Hà Nội", "quận 1"), else 0."""
        units = self.units
        n = len(units)
        k = self._match(self.lex.admin_units, j)
        if not k or j + k >= n or not units[j + k].joined:
            return 0
        m = j + k
        if units[m].text.isdigit() and len(units[m].text) <= 2:
            return m + 1
        if not units[m].cap:
            return 0
        g_len, g_label = self._gazetteer(m)
        if g_len:
            return m + g_len if g_label == "LOC" else 0
        e = m
        while e < n and (e == m or units[e].joined) and units[e].cap and not (
                self._title(e) or self._match(self.lex.org_heads, e) or self._gazetteer(e)[0]
                or (e > m and self._surname_led(e))):
            e += 1
        return e if e > m else 0

    def _org_tail(self, end: int) -> int:
        """A listed body's name goes on over its place: "Bộ Ngoại giao | Mỹ", "UBND | tỉnh X"."""
        units = self.units
        if end >= len(units) or not units[end].joined:
            return end
        admin = self._admin_place(end)
        if admin:
            return admin
        g_len, g_label = self._gazetteer(end)
        return end + g_len if g_label == "LOC" else end

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
        if head_key in _DOCUMENT_HEADS:
            code_end = self._document_code(j)
            if code_end:
                return code_end  # "Nghị định 168/2024/NĐ-CP", "Luật số 59/2020/QH14"
        if head_key in _LAW_HEADS:
            return self._law_extent(i, head)
        if units[i].initial and j < n and units[j].joined and self._gazetteer(j)[1] == "MISC" \
                and self._match(self.lex.misc_leadins, i) == head:
            return None  # "Giải | Bông sen vàng ...": a sentence-initial common noun, then a listed name
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
                standalone = self._match(self.lex.org_standalone, j)
                if standalone and head_key in _EVENT_HEADS:
                    j += standalone  # "Hội nghị | Chính phủ | với địa phương": who meets, not a name
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

    def _document_code(self, j: int) -> int:
        """End of a legal document's number at ``j`` ("168/2024/NĐ-CP", "số 59/2020/QH14",
        "57-NQ/TW"), as one more unit index; 0 when there is none."""
        units = self.units
        if j >= len(units) or not units[j].joined or not self.text:
            return 0
        match = _DOCUMENT_CODE.match(self.text, units[j].start)
        if not match:
            return 0
        end = match.end()
        k = j
        while k < len(units) and units[k].end < end:
            k += 1
        return k + 1 if k < len(units) and units[k].end == end else 0

    def _law_extent(self, i: int, head: int) -> int | None:
        """End of a law's name: a capitalised word, lowercase nouns after it (with the CRF's
        POS), and the year that is part of its name ("Luật Các tổ chức tín dụng", "Bộ luật Hình
        sự năm 2015", "Bộ luật Lao động 2019", "Luật Giao thông đường bộ năm 2008")."""
        units = self.units
        n = len(units)
        j = i + head
        if j >= n or not units[j].joined or not units[j].cap or self._title(j) or self._surname_led(j):
            return None
        end = None
        while j < n and units[j].joined:
            unit = units[j]
            if unit.key == "năm" and j + 1 < n and units[j + 1].joined and _YEAR.match(units[j + 1].text):
                return j + 2
            if _YEAR.match(unit.text):
                return j + 1
            if unit.cap:
                if self._title(j) or self._surname_led(j) or (j > i + head and self._gazetteer(j)[1] == "PER"):
                    break
                j += max(1, self._glue(j, allow_cap=True), self._gazetteer(j)[0])
                end = j
                continue
            if units[j - 1].key in ("các", "những") and self._glue(j):
                end = j = j + self._glue(j)  # "Luật Các | tổ chức | tín dụng": a noun, whatever the CRF says
                continue
            if not self.has_tags or unit.pos not in ("N", "A", "Nc") \
                    or unit.key in _FUNCTION_WORDS or unit.key in _LAW_STOPS or unit.key not in self.lex.syllables:
                break
            j += 1
            end = j
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
        if label == NONE:
            return i + length  # a holiday, a year name, a coordinate: consumed, never output
        listed = label
        if self.leadin_at == i and self.leadin_label == "MISC" and (
                (label == "LOC" and self.leadin_key in _MISC_OVER_PLACE) or self.leadin_key in _MISC_OVER_ANY):
            label = "MISC"  # "thỏa thuận Minsk", "tàu Moskva", "chỉ số Nikkei 225"
        if self.person_at == i and self.person_by_honorific and label == "LOC" and length == 1:
            label = "PER"  # "bà Nga"
        end = i + length
        if label == "MISC" and listed == "ORG":
            end = self._product_suffix(end)  # "trợ lý ảo Viettel AI"
        elif label == "MISC":
            end = self._event_suffix(end)
        elif label == "LOC" and end < len(self.units) and self.units[end].joined \
                and self.units[end].key in _CLUB_SUFFIXES:
            end, label = end + 1, "ORG"  # "Hà Nội FC"
        elif label == "ORG":
            end = self._company_suffix(end)
            product = self._product_suffix(end)
            if product > end and self.person_at != i and not (self.leadin_at == i and self.leadin_label == "ORG"):
                end, label = product, "MISC"  # "Apple Intelligence", "Viettel AI": a product
        self._emit(i, end, label, STRONG)
        if label in ("LOC", "ORG"):
            self._pass_person_context(i, end)
        return end

    def _company_suffix(self, j: int) -> int:
        """A listed company's name goes on over capitalised foreign words ending in a company
        word ("LG | Display", "Toyota | Motor Corporation"); otherwise it ends at ``j``."""
        units = self.units
        k = j
        while k < len(units) and k - j < 3 and units[k].joined and units[k].cap and not units[k].upper \
                and not self._vietnamese(k) and not self._gazetteer(k)[0]:
            k += 1
            if units[k - 1].key in _ORG_SUFFIXES:
                return k
        return j

    def _product_suffix(self, j: int) -> int:
        """After a listed company's name, the end of a product named by it ("Google | Play",
        "Galaxy | AI", "Boeing | 787"): capitalised foreign words, model words and codes, not a
        company word ("Samsung Electronics" was taken before) or anything listed; else ``j``."""
        units = self.units
        k = j
        words = 0  # capitalised foreign words: one names a product, two are more often a person
        while k < len(units) and k - j < 3 and units[k].joined and not self._gazetteer(k)[0]:
            unit = units[k]
            if unit.key in _PRODUCT_WORDS or (_MODEL_CODE.match(unit.text) and not _YEAR.match(unit.text)):
                if unit.text.isdigit() and k + 1 < len(units) and units[k + 1].joined and not units[k + 1].cap \
                        and units[k + 1].key not in _FUNCTION_WORDS:
                    break  # "Vietjet 330 chuyến": a quantity, not a model
                k += 1
            elif unit.cap and not unit.upper and unit.text.isalpha() and not self._vietnamese(k) \
                    and unit.key not in _ORG_SUFFIXES and unit.key not in _CLUB_SUFFIXES \
                    and not unit.ner.endswith("PER"):
                k += 1
                words += 1
            else:
                break
        if words >= 2:
            return j  # "EU | Kadri Simson", "Liên hợp quốc | Nikki Haley"
        if k > j and units[k - 1].key in _ORG_SUFFIXES:
            return j
        if k > j and k < len(units) and units[k].joined and units[k].cap:
            return j  # more of a longer name follows: not sure what it is
        return k

    def _event_suffix(self, j: int) -> int:
        """Extend an event name over its place and edition ("Olympic Paris 2024", "SEA Games 33",
        "V-League 2024/25", "... lần thứ VII"), an order over its class ("Huân chương Lao động
        hạng Nhất")."""
        units = self.units
        n = len(units)
        if j < n and units[j].joined:
            g_len, g_label = self._gazetteer(j)
            if g_label == "LOC" and j + g_len < n and units[j + g_len].joined \
                    and _NUMBER.match(units[j + g_len].text):
                return j + g_len + 1
            if _NUMBER.match(units[j].text):
                if j + 1 < n and units[j + 1].gap == "/" and units[j + 1].text.isdigit():
                    return j + 2  # a season
                return j + 1
            if self.keys[j] == "lần" and j + 2 < n and self.keys[j + 1] == "thứ" and units[j + 2].joined \
                    and (_NUMBER.match(units[j + 2].text) or units[j + 2].key in _ORDINAL_WORDS):
                return j + 3
            if self.keys[j] == "hạng" and j + 1 < n and units[j + 1].joined and units[j + 1].cap \
                    and (units[j + 1].key in _ORDINAL_WORDS or _NUMBER.match(units[j + 1].text)):
                return j + 2
        return j

    # ---- free-standing capitalised names -----------------------------------------------

    def _flush(self, run: list[int]) -> None:
        units = self.units
        a, b = run[0], run[-1] + 1
        if 2 <= b - a <= 4 and self._whole_line(a, b) \
                and all(self._vietnamese(j) and not self._not_name(j) and not units[j].upper for j in range(a, b)) \
                and not self._glue(a):
            self._emit(a, b, "PER", CONTEXT)  # a byline on its own line ("Anh Minh", "Thu Hà")
            return
        while a < b and self._not_name(a):
            a += 1
        while b > a and self._not_name(b - 1) and not (b - a >= 3 and self._surname_led(a)
                                                        and units[b - 1].key in self.lex.syllables):
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
        if any(c.isdigit() for c in unit.text) and self.person_at != a:
            return "", 0  # varieties, models and codes ("sầu riêng Ri6"), unless a cue says more
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
            if not _OPEN_PAREN.search(unit.gap) or not (unit.upper or _NUMBERED_EVENT.match(unit.text)
                                                        or _CODE_ALIAS.match(unit.text)) \
                    or self._not_name(j):
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
        for own in self.spans:
            # "Hiệp hội Rau quả Việt Nam (Vinafruit)": a name nothing vouches for, alone in
            # parentheses right after an organisation or event, is its short name.
            before = ends.get(own.a)
            if own.strength == WEAK and before is not None and before.strength >= CONTEXT \
                    and before.label in ("ORG", "MISC") and _OPEN_PAREN.search(units[own.a].gap) \
                    and (own.b >= len(units) or units[own.b].gap.lstrip().startswith(")")):
                own.label, own.strength = before.label, CONTEXT

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

    # ---- titles in quotation marks ---------------------------------------------------------

    def _quoted_titles(self) -> None:
        """A work's title in quotes is one MISC name, whatever is inside it: after a lead-in
        ("phim “Mùa đông ở Seoul”", "chương trình “Tết Sum vầy - Xuân chia sẻ”", also with a
        country between: "Phim Hàn Quốc “...”"), listed with such a title ("“A” của Việt Nam và
        “B”"), or quoted again elsewhere in the document."""
        units = self.units
        text = self.text
        if not text:
            return
        quotes = []  # (first unit, end unit) of each capitalised quotation of 1..12 words
        j = 0
        while j < len(units):
            gap = units[j].gap
            if gap[-1:] in _OPENING_QUOTES and units[j].cap:
                k = j
                while k + 1 < len(units) and units[k + 1].gap in (" ", ", ", " - ", " & ", "-") and k - j < 12:
                    k += 1
                close = text[units[k].end:units[k].end + 1]
                if close in _CLOSING_QUOTES and (close != '"' or gap[-1:] == '"'):
                    quotes.append((j, k + 1))
                    j = k + 1
                    continue
            j += 1
        if not quotes:
            return
        titles: set[tuple[str, ...]] = set()
        accepted: list[tuple[int, int]] = []
        for a, b in quotes:
            if self._work_leadin_before(a) or (accepted and self._listed_after(accepted[-1], a)):
                accepted.append((a, b))
                titles.add(tuple(self.keys[a:b]))
        for a, b in quotes:
            if (a, b) not in accepted and tuple(self.keys[a:b]) in titles:
                accepted.append((a, b))
        for a, b in accepted:
            self.spans = [s for s in self.spans if s.b <= a or s.a >= b]
            self._emit(a, b, "MISC", STRONG)

    def _work_leadin_before(self, a: int) -> bool:
        """A work's lead-in ends right before the quotation at ``a``, maybe with a country
        between ("phim", "Phim Hàn Quốc", "bộ phim", "chương trình")."""
        keys = self.keys
        j = a
        for _ in range(2):
            for k in range(min(3, j), 0, -1):
                if " ".join(keys[j - k:j]) in _WORK_LEADINS:
                    return True
            # step back over a country ("Phim | Hàn Quốc | “...”") or a lowercase kind
            # ("chương trình | nghệ thuật | “...”", "bộ phim | tài liệu | “...”")
            if j >= 3 and not self.units[j - 1].cap and " ".join(keys[j - 2:j]) in self.lex.dictionary \
                    and " ".join(keys[j - 2:j]) not in _FUNCTION_WORDS and self.units[j - 1].joined:
                for k in range(min(3, j - 2), 0, -1):
                    if " ".join(keys[j - 2 - k:j - 2]) in _WORK_LEADINS:
                        return True
            for k in range(min(3, j), 0, -1):
                if self._gazetteer(j - k)[0] == k and self._gazetteer(j - k)[1] == "LOC":
                    j -= k
                    break
            else:
                return False
        return False

    def _listed_after(self, previous: tuple[int, int], a: int) -> bool:
        """The quotation at ``a`` follows another title in the same list ("“A” của Việt Nam và
        “B”"): at most a few words between them, the last of them "và" or a comma."""
        units = self.units
        between = range(previous[1], a)
        if len(between) > 5 or any("\n" in units[m].gap or "." in units[m].gap for m in range(previous[1], a + 1)):
            return False
        return (a - 1 >= previous[1] and self.keys[a - 1] in ("và", "hoặc")) or "," in units[a].gap

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
    caps: dict[tuple[str, ...], tuple[bool, ...]] = {}  # which words of a known name are capitalised
    given_names: set[str] = set()  # of Vietnamese persons: common words too ("Tùng", "Hùng")
    for span in spans:
        if span.strength >= CONTEXT and not (span.b - span.a == 1 and units[span.a].key in lex.dictionary):
            key = tuple(u.key for u in units[span.a:span.b])
            known.setdefault(key, span.label)
            caps.setdefault(key, tuple(u.cap for u in units[span.a:span.b]))
    for span in spans:
        if span.label == "PER" and span.b - span.a >= 2 and span.strength >= CONTEXT:
            last = units[span.b - 1]
            # "Putin", "Lavrov"; not "Chính" of "Phạm Minh Chính", which is also a common word.
            if lex.gazetteer.get((last.key,)) is None and not last.upper and last.key not in lex.dictionary:
                known.setdefault((last.key,), "PER")
            elif span.b - span.a >= 3 and units[span.a].key in lex.surnames and lex.gazetteer.get((last.key,)) is None \
                    and not last.upper:
                given_names.add(last.key)  # "Nguyễn Văn Tùng ... Tùng khai": see below
            if span.b - span.a >= 3 and units[span.a].key not in lex.surnames:
                # "Luiz Inácio Lula da Silva" ... "Lula da Silva": a foreign name's last words
                for m in range(span.a + 1, span.b - 1):
                    if units[m].cap:
                        key = tuple(u.key for u in units[m:span.b])
                        known.setdefault(key, "PER")
                        caps.setdefault(key, tuple(u.cap for u in units[m:span.b]))
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
                if k == 1 and key[0] in given_names and _given_name_alone(units, i, lex):
                    label = "PER"
                else:
                    continue
            if any(cap and not units[i + m].cap for m, cap in enumerate(caps.get(key, ()))):
                continue  # "Người lao động" is not the newspaper "Người Lao Động"
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


def _given_name_alone(units: list[Unit], i: int, lex: Lexicon) -> bool:
    """A Vietnamese person's given name, seen in their full name, standing alone: "Tùng khai
    ..." after "Nguyễn Văn Tùng". Given names are often common words, so not when it starts a
    compound ("Chính phủ" after "Phạm Minh Chính") or is a function word."""
    unit = units[i]
    if unit.key in _FUNCTION_WORDS:
        return False
    nxt = units[i + 1] if i + 1 < len(units) else None
    return nxt is None or not nxt.joined or f"{unit.key} {nxt.key}" not in lex.dictionary


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


# Words before a place that make it the club named after it ("cầu thủ Nam Định").
_CLUB_LEADINS = frozenset({("cầu", "thủ"), ("đội", "bóng"), ("clb",), ("câu", "lạc", "bộ"), ("đội", "chủ", "nhà"),
                           ("đội", "khách"), ("đại", "diện")})
# Words before a place that keep it a place even in a match report ("tại Nam Định").
_PLACE_CONTEXT = frozenset({"tại", "ở", "tỉnh", "phố", "tp", "về", "đến", "tới", "quê", "từ", "thăm", "khỏi",
                            "vào", "sân", "quận", "huyện", "miền", "xứ"})


def _match_report_clubs(units: list[Unit], spans: list[_Span], lex: Lexicon) -> None:
    """In a match report, a Vietnamese province or city that plays is the club named after it.

    "Nam Định thắng Hà Nội FC 3-1", "làm khách trên sân của Khánh Hòa", "cầu thủ Nam Định":
    a province or city (``places_vietnam.txt``) next to a match verb with another team, or after
    a club cue, is the club (ORG); so is the short form of a listed club ("Thép Xanh Nam Định"
    -> "Nam Định"), and then every other mention of that name in the document that is not
    introduced as a place ("tại Nam Định"). Only in documents with at least three different
    football words; countries stay LOC, as national teams do by the guide.
    """
    keys = [u.key for u in units]
    cues: set[tuple[str, ...]] = set()
    table = lex.sports_cues
    for i, key in enumerate(keys):
        if key in table.first_words:
            for k in range(min(table.max_words, len(keys) - i), 0, -1):
                phrase = tuple(keys[i:i + k])
                if phrase in table and all(units[i + m].joined for m in range(1, k)):
                    cues.add(phrase)
                    break
    if len(cues) < 3:
        return
    ordered = sorted(spans, key=lambda s: s.a)

    def name(span: _Span) -> tuple[str, ...]:
        return tuple(keys[span.a:span.b])

    def verb_between(x: _Span, y: _Span) -> bool:
        between = tuple(keys[x.b:y.a])
        return 0 < len(between) <= 6 and between in lex.match_verbs \
            and all(units[m].joined for m in range(x.b, y.a + 1))

    def cue_before(span: _Span) -> bool:
        before = keys[max(0, span.a - 4):span.a]
        if not all(units[m].joined for m in range(max(0, span.a - 3), span.a + 1)):
            before = before[-1:] if units[span.a].joined else []
        return any(tuple(before[m:]) in lex.match_verbs or tuple(before[m:]) in _CLUB_LEADINS
                   for m in range(len(before)))

    clubs: set[tuple[str, ...]] = set()
    for n, span in enumerate(ordered):
        if span.label == "ORG" and span.b - span.a > 2:
            for m in range(span.a + 1, span.b):
                if tuple(keys[m:span.b]) in lex.vietnam_places:
                    prefix = tuple(keys[span.a:m])
                    if prefix not in lex.org_heads:  # "Công An Hà Nội" is not "Hà Nội"
                        clubs.add(tuple(keys[m:span.b]))
                    break
        if span.label != "LOC" or name(span) not in lex.vietnam_places:
            continue
        before = ordered[n - 1] if n else None
        after = ordered[n + 1] if n + 1 < len(ordered) else None
        if (after is not None and after.label in ("ORG", "LOC") and verb_between(span, after)) \
                or (before is not None and before.label in ("ORG", "LOC") and verb_between(before, span)) \
                or cue_before(span):
            clubs.add(name(span))
    for span in ordered:
        if span.label == "LOC" and name(span) in clubs and not (
                span.a and (keys[span.a - 1] in _PLACE_CONTEXT or "(" in units[span.a].gap)):
            span.label = "ORG"


def _without_page_furniture(text: str, units: list[Unit], spans: list[_Span]) -> list[_Span]:
    """Drop the guesses on navigation lines ("Thời sự | Quốc tế | Lao động", "Lao động > Công
    đoàn"): only listed names stay there ("Thể thao > Bóng đá Việt Nam")."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        if line.count(" | ") >= 2 or (" > " in line and len(line) < 80):
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not lines:
        return spans
    def on_menu(span: _Span) -> bool:
        start = units[span.a].start
        return any(a <= start < b for a, b in lines)
    return [s for s in spans if s.strength >= STRONG or not on_menu(s)]


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
    tagger = _Tagger(units, lex, has_tags=bool(tokens), text=text)
    spans = _consistent(units, tagger.run(), lex)
    _from_neighbours(units, spans)
    _match_report_clubs(units, spans, lex)
    spans = _without_page_furniture(text, units, spans)
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
