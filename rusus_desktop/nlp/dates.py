"""Vietnamese temporal expressions: find them and normalise them to ISO 8601 / TIMEX3 values.

The finder is finite-state and runs in four passes over the canonical text:

1. **Cores.** One precompiled alternation finds the heart of every expression: a numeric
   day/month ("16/6", "17.7", "12-3"), a full date, a month ("tháng 3/2011"), a year
   ("năm 2011"), a quarter, a century, a clock time ("20h30", "08:54"), a deictic phrase
   ("năm nay", "tuần trước", "cùng ngày") or a duration ("9 tháng", "hai thập kỷ").
2. **Expansion.** Each core grows over the words that belong to the expression: head words
   ("ngày", "hôm", "sáng"), a weekday ("Thứ Hai,"), a modifier ("đầu", "giữa", "cuối"), a
   deictic tail ("tới", "vừa qua"), a time zone. Prepositions ("vào", "từ", "trước") are only
   read as cues and stay outside the span. Ambiguous cores that found no cue (a bare "1/3",
   "2.1", "2-1") are dropped here: that is where fractions, versions and scores go.
3. **Selection and merging.** Overlaps are settled leftmost-longest; a clock time next to a
   date becomes one datetime ("14/04/2021 - 08:54", "20h30 ngày 1/4").
4. **Resolution.** Values are computed in document order against an anchor: the published
   date if given, else the document's own dateline, else its latest explicit date in the
   article body. Anaphoric phrases ("cùng ngày") take the date mentioned just before.

Values follow the annotation guide: ISO 8601 at the precision written, TIMEX3 suffixes for
parts of the day (``TMO``, ``TMI``, ``TAF``, ``TEV``, ``TNI``), ``2022-Q3``, ``2022-H1``,
``2022-W29``, centuries ``19``, decades ``199``, durations ``P9M``/``PT2H``/``PXD``, and
``XXXX-06-16`` for a day whose year nothing in the document gives.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from rusus_desktop.nlp.types import DateSpan

__all__ = ["find_dates", "find_dateline"]

_I = re.IGNORECASE

# --------------------------------------------------------------------------- vocabulary

_WEEKDAY_NUMBER = {"hai": 1, "2": 1, "ba": 2, "3": 2, "tư": 3, "4": 3, "năm": 4, "5": 4,
                   "sáu": 5, "6": 5, "bảy": 6, "bẩy": 6, "7": 6}
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)(?!\w)"

# TIMEX3 part-of-day codes; "trưa" is mid-day (MI).
_PART_OF_DAY = {"rạng sáng": "MO", "sáng sớm": "MO", "sáng": "MO", "trưa": "MI",
                "chiều tối": "EV", "chiều": "AF", "tối": "EV", "đêm": "NI", "khuya": "NI",
                "nửa đêm": "NI"}
_POD = r"(?:rạng\s+sáng|sáng\s+sớm|nửa\s+đêm|chiều\s+tối|sáng|trưa|chiều|tối|đêm|khuya)"

_MOD = {"đầu": "START", "giữa": "MID", "cuối": "END", "thượng tuần": "START", "trung tuần": "MID",
        "hạ tuần": "END"}
_MOD_WORD = r"(?:đầu|giữa|cuối|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)"

_MONTH_WORDS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6,
                "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11,
                "mười hai": 12, "chạp": 12}
_MONTH_WORD = r"(?:Mười\s+Một|Mười\s+Hai|Giêng|Một|Hai|Ba|Tư|Năm|Sáu|Bảy|Bẩy|Tám|Chín|Mười|Chạp)"

_DIGITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
           "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_NUMBER_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|chục|trăm|nghìn|ngàn)"
# A number-word phrase may not start with a word that only occurs inside one ("mươi", "lăm").
_NUMBER_PHRASE = (r"(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|chục)(?:\s+" + _NUMBER_WORD
                  + r"){0,3}")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Units of durations: (ISO designator, is a time unit, multiplier).
_UNITS = {"giây": ("S", True, 1), "phút": ("M", True, 1), "giờ": ("H", True, 1),
          "tiếng": ("H", True, 1), "tiếng đồng hồ": ("H", True, 1), "ngày": ("D", False, 1),
          "tuần": ("W", False, 1), "tháng": ("M", False, 1), "năm": ("Y", False, 1),
          "thập kỷ": ("Y", False, 10), "thập niên": ("Y", False, 10),
          "thế kỷ": ("Y", False, 100)}
_UNIT = r"(?:tiếng\s+đồng\s+hồ|thập\s+kỷ|thập\s+niên|thế\s+kỷ|giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)"

# Relative day words: offset in days from the anchor, or from the date just mentioned when
# the phrase is anaphoric ("cùng ngày", "hôm sau").
_DAY_DEIXIS = {"hôm nay": 0, "ngày hôm nay": 0, "hôm qua": -1, "ngày hôm qua": -1,
               "hôm kia": -2, "ngày mai": 1, "ngày kia": 2, "nay": 0, "qua": -1, "mai": 1}
_DAY_ANAPHORA = {"cùng ngày": 0, "hôm sau": 1, "ngày hôm sau": 1, "hôm đó": 0,
                 "ngày hôm đó": 0, "ngày hôm trước": -1}
_UNIT_DEIXIS = {"này": 0, "nay": 0, "trước": -1, "qua": -1, "vừa qua": -1, "ngoái": -1,
                "tới": 1, "sau": 1, "kia": -2}

# --------------------------------------------------------------------------- the core grammar

_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y = r"(?:1[0-9]\d\d|20\d\d)"
_NUM_LEFT = r"(?<![\w.,/:-])"  # a number that is not the tail of another number or word
_NUM_RIGHT = r"(?![\w%]|[.,/:-]\d)"

_CORE_PATTERNS = [
    # ISO dates and datetimes as some sites print them.
    ("iso", rf"{_NUM_LEFT}(?P<iso_y>{_Y})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
            rf"(?:[T ](?P<iso_h>[01]\d|2[0-3]):(?P<iso_mi>[0-5]\d)(?::(?P<iso_s>[0-5]\d))?)?{_NUM_RIGHT}"),
    # "11/9/2001-11/9/2021", "28/7 - 2/8/2021"
    ("dm_dm_range", rf"{_NUM_LEFT}(?P<r2_d1>{_D})(?P<r2_sep>[/.])(?P<r2_m1>{_M})(?:(?P=r2_sep)(?P<r2_y1>{_Y}))?"
                    rf"\s*[-–]\s*(?P<r2_d2>{_D})(?P=r2_sep)(?P<r2_m2>{_M})(?:(?P=r2_sep)(?P<r2_y2>{_Y}))?{_NUM_RIGHT}"),
    # "1-2/11", "28 - 29/7", "1 và 2/11"
    ("d_dm_range", rf"{_NUM_LEFT}(?P<r1_d1>{_D})\s*(?P<r1_and>[-–]|và)\s*(?P<r1_d2>{_D})(?P<r1_sep>[/.])"
                   rf"(?P<r1_m>{_M})(?:(?P=r1_sep)(?P<r1_y>{_Y}))?{_NUM_RIGHT}"),
    # "ngày 5 đến 9/6", "từ 5 đến ngày 9/6/2023"
    ("d_to_dm_range", rf"(?:(?<!\w)(?P<r3_head>ngày)\s+|(?<=từ\s))(?P<r3_d1>{_D})\s+(?:đến|tới)\s+(?:ngày\s+)?(?P<r3_d2>{_D})"
                      rf"(?P<r3_sep>[/.-])(?P<r3_m>{_M})(?:(?P=r3_sep)(?P<r3_y>{_Y}))?{_NUM_RIGHT}"),
    ("dmy", rf"{_NUM_LEFT}(?P<dmy_d>{_D})(?P<dmy_sep>[/.-])(?P<dmy_m>{_M})(?P=dmy_sep)(?P<dmy_y>{_Y}){_NUM_RIGHT}"),
    # "12 tháng 3 năm 2023", "12 tháng 3"
    ("dm_words", rf"{_NUM_LEFT}(?P<dw_d>{_D})\s+tháng\s+(?P<dw_m>{_M})(?:\s*(?:,\s*)?năm\s+(?P<dw_y>{_Y}))?{_NUM_RIGHT}"),
    ("dm", rf"{_NUM_LEFT}(?P<dm_d>{_D})(?P<dm_sep>[/.-])(?P<dm_m>{_M}){_NUM_RIGHT}"),
    # "tháng 6-7/2021", "tháng 3/2011", "tháng 3 năm 2023", "tháng Ba", "tháng 6"
    ("month", rf"(?<!\w)tháng\s+(?:(?P<mo_m>{_M})(?:\s*[-–]\s*(?P<mo_m2>{_M})(?!\d))?|(?P<mo_word>{_MONTH_WORD}))"
              rf"(?:\s*[/.-]\s*(?P<mo_y>{_Y})|\s+năm\s+(?P<mo_y2>{_Y}))?{_NUM_RIGHT}"),
    ("month_year", rf"{_NUM_LEFT}(?P<my_m>{_M})/(?P<my_y>{_Y}){_NUM_RIGHT}"),
    ("quarter", rf"(?<!\w)quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*[/-]\s*(?P<q_y>{_Y})|\s+năm\s+(?P<q_y2>{_Y}))?{_NUM_RIGHT}"),
    ("half", rf"(?<!\w)(?:(?P<h_half>nửa)|(?P<h_n>1[01]|[2-9]|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười\s+một)\s+tháng)"
             rf"\s+(?P<h>đầu|cuối)\s+năm(?:\s+(?P<h_y>{_Y})(?!\d)|\s+(?P<h_rel>nay|ngoái|trước|tới|sau))?(?!\w)"),
    ("century", r"(?<!\w)thế\s+kỷ\s+(?:thứ\s+)?(?P<c>\d{1,2}|[IVXL]+)(?![\w])|(?<!\w)thế\s+kỷ\s+(?P<c_rel>trước|này|qua)(?!\w)"),
    ("decade", r"(?<!\w)(?:thập\s+(?:niên|kỷ)|những\s+năm)\s+(?P<dec>(?:1[0-9]|20)[0-9]0|[1-9]0)(?![\w])"),
    ("year", rf"(?<!\w)năm\s+(?P<yr>{_Y}|\d{{3}})(?:\s*[-–]\s*(?P<yr2>{_Y}))?{_NUM_RIGHT}"),
    ("bare_year", rf"{_NUM_LEFT}\(?(?P<by>{_Y})(?:\s*[-–]\s*(?P<by2>{_Y}))?\)?{_NUM_RIGHT}"),
    # Clock times: "07:40:36", "08:54", "20h30", "0h01", "9g30", "8 giờ 30 phút", "8 giờ".
    ("clock", rf"{_NUM_LEFT}(?P<cl_h>[01]?\d|2[0-4])(?:(?P<cl_colon>:)(?P<cl_m>[0-5]\d)(?::(?P<cl_s>[0-5]\d))?"
              r"|\s?[hg](?P<cl_hm>[0-5]\d)(?:p|')?|(?P<cl_h_only>h)"
              r"|\s+giờ(?:\s+(?P<cl_gm>[0-5]?\d)(?:\s+phút)?)?)(?![\w%]|[.,/:-]\d)"),
    # Durations: "9 tháng", "hai thập kỷ", "1,5 năm", "vài ngày", "nửa thế kỷ", "2 tiếng rưỡi".
    ("duration", rf"{_NUM_LEFT}(?P<du_n>\d+(?:[.,]\d+)*|{_NUMBER_PHRASE}|vài|nửa)\s+(?P<du_u>{_UNIT})(?P<du_half>\s+rưỡi)?(?!\w)"),
    # Deictic and anaphoric day phrases, with an optional part of day before them.
    ("day_rel", rf"(?<!\w)(?:(?P<dr_pod>{_POD})\s+)?(?P<dr>ngày\s+hôm\s+(?:nay|qua|sau|đó|trước)|hôm\s+(?:nay|qua|kia|sau|đó)"
                r"|ngày\s+(?:mai|kia)|cùng\s+ngày)(?!\w)"),
    ("pod_rel", rf"(?<!\w)(?P<pr_pod>{_POD})\s+(?P<pr>nay|qua|mai)(?!\w)"),
    ("unit_rel", r"(?<!\w)(?P<ur_u>tuần|tháng|năm|quý)\s+(?P<ur>vừa\s+qua|này|nay|trước|qua|ngoái|tới|sau|kia)(?!\w)"),
    ("weekday", rf"(?<!\w)(?P<wd>{_WEEKDAY})(?:\s+(?P<wd_rel>tuần\s+(?:trước|tới|sau|này|qua)|tới|này|trước|vừa\s+qua))?"),
    ("mod_unit", r"(?<!\w)(?P<mu_mod>đầu|giữa|cuối)\s+(?P<mu_u>năm|tháng|tuần)(?!\w)"),
]
# One regex per rule rather than one alternation: an alternation reports only the first rule
# that matches at a position, and when that match is rejected later ("24 giờ" is not a clock
# time after "trong vòng") the rule that was right ("24 giờ" the duration) would be lost.
_CORE_RES = tuple(re.compile(f"(?P<{name}>{pattern})", _I) for name, pattern in _CORE_PATTERNS)

# --------------------------------------------------------------------------- context patterns

# Words before a core that belong to the expression (checked against the text just before it).
_LEFT_HEAD = re.compile(r"(?<!\w)(?:ngày|hôm|mùng|mồng)\s+$", _I)
_LEFT_POD = re.compile(rf"(?<!\w)(?P<pod>{_POD})\s+(?:ngày\s+|hôm\s+)?$", _I)
_LEFT_WEEKDAY = re.compile(rf"(?<!\w)(?P<wd>{_WEEKDAY})\s*,?\s*(?:ngày\s+)?$", _I)
_LEFT_WEEKDAY_PAREN = re.compile(rf"(?<!\w)(?:(?P<wd>{_WEEKDAY})|hôm\s+nay|hôm\s+qua|ngày\s+hôm\s+qua|hôm\s+kia|ngày\s+mai|ngày\s+kia"
                                 rf"|(?P<pod>{_POD})\s+(?:nay|qua|mai|hôm\s+nay|hôm\s+qua))\s*\(\s*$", _I)
_LEFT_DAY_DEIXIS = re.compile(r"(?<!\w)(?:ngày\s+)?hôm\s+(?:nay|qua|kia)\s*,?\s*$", _I)
_LEFT_HOM_WEEKDAY = re.compile(r"(?<!\w)(?:hôm|ngày)\s+$", _I)
_LEFT_MOD = re.compile(rf"(?<!\w)(?P<mod>{_MOD_WORD})\s+$", _I)
# Prepositions and verbs that make a bare number a date; they stay outside the span.
_LEFT_CUE = re.compile(r"(?<!\w)(?:từ|đến|tới|trước|sau|vào|hạn|hết|hồi|kể\s+từ|cho\s+tới|tính\s+đến|"
                       r"đầu|giữa|cuối|trong|lúc|khoảng|mùa|mùa\s+giải|dịp|giai\s+đoạn|niên\s+khóa|nhiệm\s+kỳ|tài\s+khóa)\s+$", _I)
# Words around a slash number that make it a fraction, a ratio or a document number.
_LEFT_NOT_DATE = re.compile(r"(?<!\w)(?:tỷ\s+lệ|tỉ\s+lệ|tỷ\s+số|tỉ\s+số|chiếm|hơn|gần|khoảng|trên|dưới|bằng|còn|"
                            r"số|hẻm|ngõ|ngách|kiệt|nhà|lớp|phòng|mã|phiên\s+bản|"
                            r"nghị\s+định|quyết\s+định|thông\s+tư|nghị\s+quyết|luật|chỉ\s+thị|công\s+văn)\s+$", _I)
_RIGHT_NOT_DATE = re.compile(r"(?:/[A-ZĐ]|\s*(?:%|dân\s+số|số\b|diện\s+tích|tổng|lượng|phần|người|trong\s+số|"
                             r"điểm|thành\s+viên|phiếu|ghế|cử\s+tri))", _I)
# "2-3 tháng", "4-6 người": a dash between two numbers before a unit is a span of quantities.
_RIGHT_QUANTITY = re.compile(r"\s*(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm|lần|triệu|tỷ|tỉ|nghìn|ngàn|trăm|km|m|"
                             r"kg|tấn|độ|bàn|trận|ca|đồng|USD|người)(?!\w)", _I)
_LEFT_DASH_CUE = re.compile(r"(?<!\w)(?:từ|đến|tới|trước|sau|hết|kể\s+từ|cho\s+đến)\s+$", _I)
_RIGHT_CLOSE_PAREN = re.compile(r"\s*\)")
_RIGHT_DEIXIS = re.compile(r"\s+(?P<rel>vừa\s+qua|tới|này)(?!\w)", _I)
_RIGHT_YEAR_DEIXIS = re.compile(r"\s+năm\s+(?P<rel>nay|ngoái|trước|tới|sau)(?!\w)", _I)
_RIGHT_YEAR = re.compile(rf"\s*,?\s+năm\s+(?P<y>{_Y})(?!\d)", _I)
_RIGHT_POD = re.compile(rf"\s+(?P<pod>{_POD})(?!\w)", _I)
_RIGHT_TZ = re.compile(r"\s*(?P<open>\()?\s*(?:(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d\d))?"
                       r"|giờ\s+(?P<vn>Hà\s+Nội|Việt\s+Nam))\s*(?P<close>\))?", _I)
_RIGHT_YEAR_BOUNDARY = re.compile(r"(?:\s*[,.;:)\]–-]|\s*$|\s+(?:và|đến|tới|trở|cho|đã|sẽ|là|thì|khi|nhưng|với|do|"
                                  r"theo|vừa|trước|sau|nay|qua|mà|này)(?!\w))", _I)
_RIGHT_NUMERIC = re.compile(r"\s+(?:\d|" + _MONTH_WORD + r"(?!\w))")
_LEFT_QUANTIFIER = re.compile(r"(?<!\w)(?:những|các|nhiều|mấy|vài|bao|hằng|hàng|mỗi|từng|suốt|cả)\s+$", _I)
_LEFT_YEAR_LIST = re.compile(r"(?<!\w)năm\s+\d{4}\s*(?:,|và|hoặc|hay|đến|tới|-|–)\s*$", _I)
_LEFT_ORDINAL = re.compile(r"(?<!\w)(?:thứ|lần|số)\s+$", _I)
_LEFT_SEPTEMBER_11 = re.compile(r"(?:khủng\s+bố|tấn\s+công|vụ|sự\s+kiện|thảm\s+họa|biến\s+cố)\s+(?:ngày\s+)?$", _I)
_LEFT_TIME_CUE = re.compile(r"(?<!\w)(?:lúc|vào|từ|đến|tới|khoảng|tầm|trước|sau)\s+$", _I)
_RIGHT_HOUR_IS_TIME = re.compile(rf"\s+(?:{_POD}|ngày|hôm|cùng\s+ngày)(?!\w)", _I)
_RIGHT_LANGUAGE = re.compile(r"\s+[A-ZĐÂÊÔƠƯÁÀẢÃẠ]")
_RIGHT_INDEFINITE = re.compile(r"\s+nào(?!\w)", _I)
# What may stand between a date and a clock time that form one datetime.
_JOIN_TIME_DATE = re.compile(r"\s*(?:[|,–-]\s*)?(?:lúc\s+)?")
_JOIN_DATE_TIME = re.compile(r"\s*(?:[|,–-]\s*)?(?:(?:vào\s+)?lúc\s+)?")

_LEFT_WEEKDAY_CUE = re.compile(r"(?<!\w)(?:vào|từ|đến|tới|trước|sau|cho\s+tới)\s+$", _I)
_LEFT_QUANTITY_CUE = re.compile(r"(?<!\w)(?:trong|khoảng|hơn|gần|trên|dưới)\s+$", _I)
_LEFT_DURATION_CUE = re.compile(r"(?<!\w)(?:trong|suốt|mất|sau|kéo\s+dài)\s+$", _I)
_LEFT_RATIO = re.compile(r"(?:tỷ|tỉ)\s+(?:lệ|số)\s+$", _I)
_LEFT_AT = re.compile(r"(?<!\w)(?:lúc|vào)\s+$", _I)
_RIGHT_POD_OWNER = re.compile(r"\s+(?:nay|qua|mai|cùng|hôm)(?!\w)|\s*(?:ngày\s+)?\d", _I)
_RIGHT_UNIT_QUALIFIER = re.compile(r"\s+(?:nay|này|ngoái|trước|tới|sau|qua|vừa\s+qua|học|tài)(?!\w)", _I)

_CONTEXT = 24  # characters of left context the cue patterns look at
# A line with no digit and none of these words has no temporal expression: skip it cheaply.
_HAS_TEMPORAL_WORD = re.compile(r"hôm|ngày|tuần|tháng|năm|quý|thế\s+kỷ|thập|thứ|chủ\s+nhật|nay|qua|giờ|sáng|"
                                r"trưa|chiều|tối|đêm|khuya", _I)

# --------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    """One expression found in the text, before its value is resolved."""

    start: int
    end: int
    form: str  # which core grammar rule found it
    day: int | None = None
    month: int | None = None
    year: int | None = None
    day2: int | None = None
    month2: int | None = None
    year2: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    tz: str | None = None
    pod: str | None = None
    mod: str | None = None
    deixis: int | None = None  # offset in the mention's unit relative to the anchor
    unit: str | None = None  # day / week / month / year / quarter / half / century / weekday
    anaphoric: bool = False
    weekday: int | None = None  # 0 = Monday
    quarter: int | None = None
    century: int | None = None
    decade: str | None = None
    duration: str | None = None
    cued: bool = False  # a head word or preposition marks the numbers as a date
    extras: dict = field(default_factory=dict)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _valid_day(day: int, month: int, year: int | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    # Without a year, allow 29 February: the year is not known yet.
    last = calendar.monthrange(year if year else 2000, month)[1]
    return 1 <= day <= last


def _roman(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN[char.upper()]
        total += -value if following != " " and _ROMAN[following.upper()] > value else value
    return total


def _number_from_words(words: str) -> float | None:
    """Value of a Vietnamese number phrase ("hai mươi mốt" -> 21, "mười lăm" -> 15)."""
    tokens = words.lower().split()
    total, current = 0, 0
    for token in tokens:
        if token in ("mười",):
            current = current * 10 + 10 if current else 10
        elif token in ("mươi", "chục"):
            current = (current or 1) * 10
        elif token == "trăm":
            current = (current or 1) * 100
        elif token in ("nghìn", "ngàn"):
            total += (current or 1) * 1000
            current = 0
        elif token in _DIGITS:
            current += _DIGITS[token]
        else:
            return None
    return total + current


def _number(text: str) -> float | None:
    text = text.strip()
    if text[0].isdigit():
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # thousands separators: "2.000"
            return float(text.replace(".", ""))
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return None
    return _number_from_words(text)


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _duration_value(amount: str, unit: str, half: bool) -> str | None:
    unit = re.sub(r"\s+", " ", unit.lower())
    designator, is_time, multiplier = _UNITS[unit]
    amount = amount.lower()
    if amount == "vài":
        return f"PT X{designator}".replace(" ", "") if is_time else f"PX{designator}"
    if amount == "nửa":
        half_values = {"Y": "P6M", "M": "P15D", "W": "P3.5D", "D": "PT12H", "H": "PT30M", "S": "PT0.5S"}
        if multiplier > 1:
            return f"P{multiplier // 2}Y"
        if is_time and designator == "M":
            return "PT30S"
        return half_values[designator]
    number = _number(amount)
    if number is None or number <= 0:
        return None
    number = number * multiplier + (0.5 * multiplier if half else 0)
    return f"PT{_format_number(number)}{designator}" if is_time else f"P{_format_number(number)}{designator}"


def _core_mention(match: re.Match) -> _Mention | None:
    """Turn one core match into a mention (or None when its numbers are not a date)."""
    form = match.lastgroup
    g = match.groupdict()
    start, end = match.span(form)
    m = _Mention(start, end, form)
    if form == "iso":
        m.year, m.month, m.day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        if not _valid_day(m.day, m.month, m.year):
            return None
        if g["iso_h"]:
            m.hour, m.minute, m.second = int(g["iso_h"]), int(g["iso_mi"]), _int(g["iso_s"])
        m.cued = True
    elif form == "dm_dm_range":
        m.day, m.month, m.year = int(g["r2_d1"]), int(g["r2_m1"]), _int(g["r2_y1"])
        m.day2, m.month2, m.year2 = int(g["r2_d2"]), int(g["r2_m2"]), _int(g["r2_y2"])
        if not (_valid_day(m.day, m.month, m.year) and _valid_day(m.day2, m.month2, m.year2)):
            return None
        m.cued = m.year2 is not None or m.year is not None
        m.extras["sep"] = g["r2_sep"]
    elif form == "d_dm_range":
        m.day, m.day2, m.month = int(g["r1_d1"]), int(g["r1_d2"]), int(g["r1_m"])
        m.month2, m.year = m.month, _int(g["r1_y"])
        m.year2 = m.year
        if m.day2 <= m.day or not _valid_day(m.day2, m.month, m.year):
            return None
        m.extras["sep"] = g["r1_sep"]
        m.extras["and"] = g["r1_and"].lower() == "và"
    elif form == "d_to_dm_range":
        m.day, m.day2, m.month = int(g["r3_d1"]), int(g["r3_d2"]), int(g["r3_m"])
        m.month2, m.year = m.month, _int(g["r3_y"])
        m.year2, m.cued = m.year, True
        if m.day2 <= m.day or not _valid_day(m.day2, m.month, m.year):
            return None
        m.extras["sep"] = g["r3_sep"]
    elif form == "dmy":
        m.day, m.month, m.year = int(g["dmy_d"]), int(g["dmy_m"]), int(g["dmy_y"])
        if not _valid_day(m.day, m.month, m.year):
            return None
        m.cued = True
    elif form == "dm_words":
        m.day, m.month, m.year = int(g["dw_d"]), int(g["dw_m"]), _int(g["dw_y"])
        if not _valid_day(m.day, m.month, m.year):
            return None
        m.cued = m.year is not None
    elif form == "dm":
        m.day, m.month = int(g["dm_d"]), int(g["dm_m"])
        if not _valid_day(m.day, m.month):
            return None
        m.extras["sep"] = g["dm_sep"]
    elif form == "month":
        if g["mo_word"]:
            word = g["mo_word"]
            if not word[0].isupper():  # "tháng năm" in lower case is "months and years"
                return None
            m.month = _MONTH_WORDS[re.sub(r"\s+", " ", word.lower())]
        else:
            m.month = int(g["mo_m"])
            if g["mo_m2"]:
                m.month2 = int(g["mo_m2"])
                if m.month2 <= m.month:
                    return None
        m.year = _int(g["mo_y"] or g["mo_y2"])
        m.year2 = m.year if m.month2 else None
        m.cued = True
    elif form == "month_year":
        m.month, m.year = int(g["my_m"]), int(g["my_y"])
    elif form == "quarter":
        q = g["q"].upper()
        m.quarter = _roman(q) if q[0] in "IV" else int(q)
        m.year = _int(g["q_y"] or g["q_y2"])
        m.unit, m.cued = "quarter", True
    elif form == "half":
        m.unit, m.cued = "half", True
        months = 6 if g["h_half"] else int(_number(g["h_n"]))
        first = g["h"].lower() == "đầu"
        m.extras["months"] = (1, months) if first else (13 - months, 12)
        m.year = _int(g["h_y"])
        if g["h_rel"]:
            m.deixis = _UNIT_DEIXIS[g["h_rel"].lower()]
    elif form == "century":
        m.unit, m.cued = "century", True
        if g["c_rel"]:
            m.deixis = {"trước": -1, "này": 0, "qua": -1}[g["c_rel"].lower()]
        else:
            c = g["c"]
            m.century = int(c) if c.isdigit() else _roman(c)
            if not 1 <= m.century <= 22:
                return None
    elif form == "decade":
        digits = g["dec"]
        m.decade = digits[:3] if len(digits) == 4 else "19" + digits[0]
        m.unit, m.cued = "decade", True
    elif form == "year":
        m.year, m.year2 = int(g["yr"]), _int(g["yr2"])
        if m.year2 is not None and m.year2 <= m.year:
            m.year2 = None
            m.end = match.start("yr") + len(g["yr"])
        m.cued = True
    elif form == "bare_year":
        text = match.group(form)
        m.start = match.start("by")
        m.end = match.end("by2") if g["by2"] else match.end("by")
        m.year, m.year2 = int(g["by"]), _int(g["by2"])
        if m.year2 is not None and m.year2 <= m.year:
            return None
        # "(1945-1975)" is a range on its own; otherwise a cue word is needed.
        m.cued = text.startswith("(") and text.endswith(")") and m.year2 is not None
    elif form == "clock":
        m.hour = int(g["cl_h"])
        if g["cl_colon"]:
            m.minute, m.second = int(g["cl_m"]), _int(g["cl_s"])
        elif g["cl_hm"] is not None:
            m.minute = int(g["cl_hm"])
        elif g["cl_h_only"]:
            m.minute = 0
        else:  # "N giờ [M phút]"
            m.minute = _int(g["cl_gm"]) or 0
            m.extras["gio"] = True
        if m.hour > 24 or (m.hour == 24 and m.minute):
            return None
        m.cued = bool(g["cl_colon"] or g["cl_hm"] or g["cl_h_only"])
        m.extras["colon"] = bool(g["cl_colon"])
    elif form == "duration":
        half = bool(g["du_half"])
        value = _duration_value(g["du_n"], g["du_u"], half)
        if value is None:
            return None
        m.duration, m.cued = value, True
        m.extras["unit"] = re.sub(r"\s+", " ", g["du_u"].lower())
        m.extras["amount"] = g["du_n"]
    elif form == "day_rel":
        phrase = re.sub(r"\s+", " ", g["dr"].lower())
        m.unit, m.cued = "day", True
        if phrase in _DAY_ANAPHORA:
            m.anaphoric, m.deixis = True, _DAY_ANAPHORA[phrase]
        else:
            m.deixis = _DAY_DEIXIS[phrase]
        m.pod = _PART_OF_DAY[re.sub(r"\s+", " ", g["dr_pod"].lower())] if g["dr_pod"] else None
    elif form == "pod_rel":
        m.unit, m.cued = "day", True
        m.deixis = _DAY_DEIXIS[g["pr"].lower()]
        m.pod = _PART_OF_DAY[re.sub(r"\s+", " ", g["pr_pod"].lower())]
    elif form == "unit_rel":
        unit = g["ur_u"].lower()
        rel = re.sub(r"\s+", " ", g["ur"].lower())
        allowed = {"năm": {"nay", "ngoái", "trước", "tới", "sau", "kia", "vừa qua"},
                   "tuần": {"này", "trước", "tới", "sau", "qua", "vừa qua"},
                   "tháng": {"này", "trước", "tới", "sau", "qua", "vừa qua"},
                   "quý": {"này", "trước", "tới", "sau"}}[unit]
        if rel not in allowed:
            return None
        m.unit = {"năm": "year", "tuần": "week", "tháng": "month", "quý": "quarter"}[unit]
        m.deixis, m.cued = _UNIT_DEIXIS[rel], True
    elif form == "weekday":
        m.weekday = _WEEKDAY_NUMBER[re.split(r"\s+", g["wd"].lower())[-1]] - 1 \
            if not g["wd"].lower().startswith("chủ") else 6
        m.unit = "weekday"
        rel = re.sub(r"\s+", " ", (g["wd_rel"] or "").lower())
        if rel:
            m.cued = True
            m.deixis = {"tới": 1, "này": 0, "trước": -1, "vừa qua": -1, "tuần trước": -7, "tuần qua": -7,
                        "tuần tới": 7, "tuần sau": 7, "tuần này": 0}[rel]
    elif form == "mod_unit":
        m.unit = {"năm": "year", "tháng": "month", "tuần": "week"}[g["mu_u"].lower()]
        m.mod, m.deixis, m.cued = _MOD[g["mu_mod"].lower()], 0, True
    return m


def _left(text: str, pos: int, pattern: re.Pattern) -> re.Match | None:
    return pattern.search(text, max(0, pos - _CONTEXT), pos)


def _expand(text: str, m: _Mention, core_start: int) -> _Mention | None:
    """Grow a core over its head words and tails, and drop cores that are not dates."""
    form = m.form
    day_level = form in ("dmy", "dm", "dm_words", "d_dm_range", "d_to_dm_range", "dm_dm_range", "iso")
    has_head = False
    if day_level:
        # Parenthesised date after a weekday or a day word: "thứ Hai (13/3)", "hôm qua (30.11)".
        paren = _left(text, m.start, _LEFT_WEEKDAY_PAREN)
        close = _RIGHT_CLOSE_PAREN.match(text, m.end)
        if paren and close:
            m.start, m.end, m.cued, has_head = paren.start(), close.end(), True, True
            if paren.group("pod"):
                m.pod = _PART_OF_DAY[re.sub(r"\s+", " ", paren.group("pod").lower())]
        head = _left(text, m.start, _LEFT_HEAD)
        if head:
            m.start, m.cued, has_head = head.start(), True, True
        pod = _left(text, m.start, _LEFT_POD)
        if pod:
            m.start, m.cued, has_head = pod.start(), True, True
            m.pod = _PART_OF_DAY[re.sub(r"\s+", " ", pod.group("pod").lower())]
        weekday = _left(text, m.start, _LEFT_WEEKDAY)
        if weekday:
            m.start, m.cued, has_head = weekday.start(), True, True
        deixis = _left(text, m.start, _LEFT_DAY_DEIXIS)
        if deixis:
            m.start, m.cued, has_head = deixis.start(), True, True
    elif form in ("month", "year", "bare_year", "quarter", "century", "decade", "month_year", "half"):
        mod = _left(text, m.start, _LEFT_MOD)
        if mod:
            m.start, m.mod, m.cued = mod.start(), _MOD[re.sub(r"\s+", " ", mod.group("mod").lower())], True
    elif form in ("unit_rel",):
        if _left(text, m.start, _LEFT_QUANTIFIER):
            return None
        mod = _left(text, m.start, _LEFT_MOD)
        if mod:
            m.start, m.mod = mod.start(), _MOD[re.sub(r"\s+", " ", mod.group("mod").lower())]
    elif form == "weekday":
        hom = _left(text, m.start, _LEFT_HOM_WEEKDAY)
        pod = _left(text, m.start, _LEFT_POD)
        if hom:
            m.start, m.cued = hom.start(), True
        elif pod:
            m.start, m.cued = pod.start(), True
            m.pod = _PART_OF_DAY[re.sub(r"\s+", " ", pod.group("pod").lower())]
        elif m.deixis is None and _left(text, m.start, _LEFT_WEEKDAY_CUE):
            m.cued, m.deixis = True, None
        if not m.cued:
            return None
        return m
    elif form == "mod_unit":
        if _RIGHT_NUMERIC.match(text, m.end) or _RIGHT_UNIT_QUALIFIER.match(text, m.end):
            return None
        return m

    # Cues outside the span.
    left_cue = _left(text, core_start, _LEFT_CUE)
    if form == "dm":
        sep = m.extras["sep"]
        if not has_head:
            if _left(text, core_start, _LEFT_NOT_DATE) or _RIGHT_NOT_DATE.match(text, m.end):
                return None
            if (m.day, m.month) == (24, 7) and not left_cue:  # "24/7": round the clock
                return None
            if sep == "/":
                fraction_like = m.day < m.month <= 10
                if fraction_like and not left_cue:
                    return None
            elif not left_cue or (sep == "-" and not _left(text, core_start, _LEFT_DASH_CUE)) \
                    or _RIGHT_QUANTITY.match(text, m.end):
                # "2.1" (a version) and "2-1" (a score) need a head word, or for the dash form a
                # preposition of time ("đến 4-6"), to be dates.
                return None
    elif form in ("d_dm_range",):
        if m.extras.get("and") and not has_head:
            return None
        if not has_head and not left_cue and m.extras["sep"] == ".":
            return None
        if not has_head and (_left(text, core_start, _LEFT_NOT_DATE) or _RIGHT_NOT_DATE.match(text, m.end)):
            return None
    elif form == "dm_dm_range":
        if not (has_head or left_cue or m.year or m.year2) and m.extras["sep"] == ".":
            return None
    elif form == "dm_words":
        if not (has_head or left_cue or m.year):
            return None
    elif form == "month_year":
        if not (m.mod or left_cue) or _left(text, core_start, _LEFT_NOT_DATE) or _RIGHT_NOT_DATE.match(text, m.end):
            return None
    elif form == "bare_year":
        if not m.cued and _left(text, core_start, _LEFT_YEAR_LIST):
            m.cued = True
        if not m.cued:
            if not (m.mod or left_cue) or not _RIGHT_YEAR_BOUNDARY.match(text, m.end):
                return None
            if _left(text, core_start, _LEFT_QUANTITY_CUE):
                return None  # "trong 2000 trường hợp": a quantity
    elif form == "clock":
        if m.extras.get("gio"):
            # "8 giờ" is a clock time only with a cue; "trong 24 giờ" is a duration.
            if not (_left(text, core_start, _LEFT_TIME_CUE) or _RIGHT_HOUR_IS_TIME.match(text, m.end)
                    or m.minute):
                return None
            if _left(text, core_start, _LEFT_DURATION_CUE) and not m.minute:
                return None
        elif m.extras["colon"] and _left(text, core_start, _LEFT_RATIO):
            return None
        pod = _RIGHT_POD.match(text, m.end)
        # "8h sáng" takes its part of day; in "8h sáng nay" and "8h sáng 12/3" it goes to the date.
        if pod and not _RIGHT_POD_OWNER.match(text, pod.end()):
            m.pod = _PART_OF_DAY[re.sub(r"\s+", " ", pod.group("pod").lower())]
            m.end = pod.end()
        tz = _RIGHT_TZ.match(text, m.end)
        if tz and bool(tz.group("open")) == bool(tz.group("close")):
            m.tz = "+07:00" if tz.group("vn") else \
                f"{tz.group('sign')}{int(tz.group('h')):02d}:{tz.group('m') or '00'}"
            m.end = tz.end()
        return m
    elif form == "duration":
        unit = m.extras["unit"]
        if _left(text, core_start, _LEFT_ORDINAL):
            return None
        if unit in ("tháng", "năm", "ngày") and _RIGHT_NUMERIC.match(text, m.end):
            return None  # "9 tháng 6": a date; "5 năm 2020": not a duration
        if unit == "tiếng" and _RIGHT_LANGUAGE.match(text, m.end):
            return None  # "hai tiếng Anh": languages, not hours
        if m.extras["amount"].lower() == "một" and _RIGHT_INDEFINITE.match(text, m.end):
            return None  # "một ngày nào đó": some day
        if unit == "giờ" and (_RIGHT_HOUR_IS_TIME.match(text, m.end)
                              or _left(text, core_start, _LEFT_AT)):
            return None
        return m
    elif form in ("day_rel", "pod_rel"):
        return m

    # Tails.
    if day_level or form == "month":
        rel = _RIGHT_DEIXIS.match(text, m.end)
        if rel and not (form == "month" and m.year):
            word = re.sub(r"\s+", " ", rel.group("rel").lower())
            m.end, m.deixis, m.cued = rel.end(), {"tới": 1, "vừa qua": -1, "này": 0}[word], True
        elif m.year is None and form in ("dm", "dm_words", "d_dm_range", "d_to_dm_range", "month"):
            year = _RIGHT_YEAR.match(text, m.end)
            if year:
                m.end, m.year = year.end(), int(year.group("y"))
                if m.month2 or m.day2:
                    m.year2 = m.year
    if m.year is None and m.deixis is None and form in ("dm", "dm_words", "d_dm_range", "d_to_dm_range", "month",
                                                         "quarter"):
        year_deixis = _RIGHT_YEAR_DEIXIS.match(text, m.end)
        # "vụ khủng bố 11/9 năm nay": the attacks keep their own year; "năm nay" is separate.
        attacks = (m.day, m.month) == (11, 9) and _left(text, m.start, _LEFT_SEPTEMBER_11)
        if year_deixis and not attacks:
            m.end = year_deixis.end()
            m.extras["year_offset"] = _UNIT_DEIXIS[year_deixis.group("rel").lower()]
    return m


def _find_mentions(text: str) -> list[_Mention]:
    """All mentions in ``text``, line by line: no expression spans a line break."""
    mentions: list[_Mention] = []
    line_start = 0
    for line in text.split("\n"):
        if any(char.isdigit() for char in line) or _HAS_TEMPORAL_WORD.search(line):
            for m in _find_line_mentions(line):
                m.start += line_start
                m.end += line_start
                mentions.append(m)
        line_start += len(line) + 1
    return mentions


def _find_line_mentions(text: str) -> list[_Mention]:
    candidates: list[_Mention] = []
    for core_re in _CORE_RES:
        pos = 0
        # Retry from the next position after each match, so that a core rejected here (a
        # fraction, say) does not hide a valid one that starts inside it.
        while True:
            match = core_re.search(text, pos)
            if not match:
                break
            core = _core_mention(match)
            if core is not None:
                expanded = _expand(text, core, match.start(match.lastgroup))
                if expanded is not None:
                    candidates.append(expanded)
            pos = match.start() + 1
    return _merge_datetimes(text, _select(candidates))


def _select(candidates: list[_Mention]) -> list[_Mention]:
    """Leftmost-longest choice among overlapping candidates."""
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Mention] = []
    for c in candidates:
        if chosen and c.start < chosen[-1].end:
            continue
        chosen.append(c)
    return chosen


def _merge_datetimes(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Join a clock time and the date beside it into one datetime mention."""
    merged: list[_Mention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None:
            gap = text[m.end:nxt.start]
            if m.form == "clock" and m.tz is None and _is_day_date(nxt) and _JOIN_TIME_DATE.fullmatch(gap):
                weekday = _left(text, m.start, _LEFT_WEEKDAY)
                start = weekday.start() if weekday and (not merged or merged[-1].end <= weekday.start()) else m.start
                merged.append(_combine(nxt, m, start, nxt.end))
                i += 2
                continue
            if _is_day_date(m) and nxt.form == "clock" and m.hour is None and _JOIN_DATE_TIME.fullmatch(gap) \
                    and (m.year is not None or "lúc" in gap.lower() or m.form == "day_rel"):
                merged.append(_combine(m, nxt, m.start, nxt.end))
                i += 2
                continue
        merged.append(m)
        i += 1
    return merged


def _is_day_date(m: _Mention) -> bool:
    return (m.form in ("dmy", "dm", "dm_words", "iso") or (m.form in ("day_rel", "pod_rel") and m.unit == "day")) \
        and m.day2 is None


def _combine(date_part: _Mention, time_part: _Mention, start: int, end: int) -> _Mention:
    hour = time_part.hour
    pod = time_part.pod or date_part.pod
    if pod:
        hour = _apply_pod(hour, pod)
    return replace(date_part, start=start, end=end, hour=hour, minute=time_part.minute,
                   second=time_part.second, tz=time_part.tz, pod=None, cued=True,
                   extras=dict(date_part.extras))


def _apply_pod(hour: int, pod: str) -> int:
    if pod in ("AF", "EV") and hour < 12:
        return hour + 12
    if pod == "NI" and 6 <= hour < 12:
        return hour + 12
    if pod == "MI" and hour <= 3:
        return hour + 12
    return hour


# --------------------------------------------------------------------------- resolution


@dataclass
class _Resolver:
    """Computes values in document order; remembers the last day mentioned for anaphora."""

    text: str
    anchor: dt.date | None
    explicit: list[tuple[int, int, int, int, int]]  # (line start, line end, day, month, year)
    last_day: dt.date | tuple[int, int] | None = None  # (month, day) when the year is unknown

    def year_for(self, m: _Mention, day: int | None, month: int) -> int | None:
        if m.year is not None:
            return m.year
        if "year_offset" in m.extras:
            return self.anchor.year + m.extras["year_offset"] if self.anchor else None
        if day is not None:
            # The same day and month with a year on the same line: "XSMB 30/3 ... 30/3/2024".
            for line_start, line_end, d, mo, y in self.explicit:
                if line_start <= m.start < line_end and (d, mo) == (day, month):
                    return y
            if (day, month) == (11, 9) and _left(self.text, m.start, _LEFT_SEPTEMBER_11):
                return 2001
        if self.anchor is None:
            return None
        year = self.anchor.year
        if m.deixis == 1:  # "tháng 7 tới": the next one
            if (month, day or 1) < (self.anchor.month, self.anchor.day if day else 1):
                year += 1
        elif m.deixis == -1:  # "tháng 10 vừa qua": the last one
            if (month, day or 1) > (self.anchor.month, self.anchor.day if day else 1):
                year -= 1
        elif month - self.anchor.month > 7:
            # A late month named early in the year is last year's ("ngày 28/12" in January).
            year -= 1
        return year

    def resolve(self, m: _Mention) -> tuple[str, str | None, str | None]:
        """Return (kind, value, mod) for one mention."""
        if m.form == "duration":
            return "duration", m.duration, None
        if m.form == "clock":
            value = _time_value(m.hour, m.minute, m.second, m.tz, m.pod)
            return "time", value, None
        if m.form in ("day_rel", "pod_rel"):
            return self._relative_day(m)
        if m.form in ("unit_rel", "mod_unit", "weekday"):
            return self._relative_unit(m)
        if m.form == "half":
            year = m.year if m.year else (self.anchor.year + (m.deixis or 0) if self.anchor else None)
            kind = "relative" if m.deixis is not None else "date"
            first, last = m.extras["months"]
            if (first, last) in ((1, 6), (7, 12)):
                return kind, (f"{year}-H{1 if first == 1 else 2}" if year else None), m.mod
            if year is None:
                return "range", None, m.mod
            return "range", f"{year}-{first:02d}/{year}-{last:02d}", m.mod
        if m.form == "quarter":
            year = self.year_for(m, None, 3 * m.quarter) if m.year is None else m.year
            kind = "relative" if "year_offset" in m.extras else "date"
            return kind, (f"{year}-Q{m.quarter}" if year else f"XXXX-Q{m.quarter}"), m.mod
        if m.form == "century":
            if m.century is not None:
                return "date", f"{m.century - 1:02d}", m.mod
            if self.anchor is None:
                return "relative", None, m.mod
            return "relative", f"{self.anchor.year // 100 + m.deixis:02d}", m.mod
        if m.form == "decade":
            return "date", m.decade, m.mod
        if m.form in ("year", "bare_year"):
            if m.year2:
                return "range", f"{m.year}/{m.year2}", m.mod
            return "date", f"{m.year:04d}", m.mod
        if m.form in ("month", "month_year"):
            year = self.year_for(m, None, m.month)
            kind = "relative" if m.deixis is not None or "year_offset" in m.extras else "date"
            first = _month_value(year, m.month)
            if m.month2:
                return "range", f"{first}/{_month_value(year, m.month2)}", m.mod
            return kind, first, m.mod
        # Day-level dates and ranges.
        year = self.year_for(m, m.day, m.month)
        if m.day2 is not None:
            year2 = m.year2 if m.year2 is not None else (year if m.month2 >= m.month else
                                                         (year + 1 if year else None))
            if m.year is None and m.year2 is not None:
                year = m.year2 if m.month <= m.month2 else m.year2 - 1
            value = f"{_day_value(year, m.month, m.day)}/{_day_value(year2, m.month2, m.day2)}"
            return "range", value, m.mod
        value = _day_value(year, m.month, m.day)
        if year is not None and _valid_day(m.day, m.month, year):
            self.last_day = dt.date(year, m.month, m.day)
        elif year is None:
            self.last_day = (m.month, m.day)
        if m.hour is not None:
            return "datetime", value + _time_value(m.hour, m.minute, m.second, m.tz, None), m.mod
        if m.pod:
            return "datetime", f"{value}T{m.pod}", m.mod
        return "date", value, m.mod

    def _relative_day(self, m: _Mention) -> tuple[str, str | None, str | None]:
        if m.anaphoric and isinstance(self.last_day, tuple):
            # The day just mentioned has no known year: shift it within its month only.
            month, day_of_month = self.last_day
            if m.deixis:
                return "relative", None, None
            value = f"XXXX-{month:02d}-{day_of_month:02d}"
            return "relative", value + (f"T{m.pod}" if m.pod else ""), None
        base = self.last_day if m.anaphoric and self.last_day else self.anchor
        if base is None:
            return "relative", None, None
        day = base + dt.timedelta(days=m.deixis or 0)
        value = day.isoformat()
        if m.anaphoric or m.deixis:
            self.last_day = day
        if m.hour is not None:
            value += _time_value(m.hour, m.minute, m.second, m.tz, None)
        elif m.pod:
            value += f"T{m.pod}"
        return "relative", value, m.mod

    def _relative_unit(self, m: _Mention) -> tuple[str, str | None, str | None]:
        if self.anchor is None:
            return "relative", None, m.mod
        a = self.anchor
        if m.unit == "year":
            return "relative", f"{a.year + m.deixis:04d}", m.mod
        if m.unit == "month":
            index = a.year * 12 + a.month - 1 + m.deixis
            return "relative", f"{index // 12:04d}-{index % 12 + 1:02d}", m.mod
        if m.unit == "week":
            year, week, _ = (a + dt.timedelta(weeks=m.deixis)).isocalendar()
            return "relative", f"{year}-W{week:02d}", m.mod
        if m.unit == "quarter":
            index = a.year * 4 + (a.month - 1) // 3 + m.deixis
            return "relative", f"{index // 4}-Q{index % 4 + 1}", m.mod
        if m.unit == "weekday":
            if m.deixis in (1,):
                offset = (m.weekday - a.weekday()) % 7 or 7
            elif m.deixis == -1:
                offset = -((a.weekday() - m.weekday) % 7 or 7)
            elif m.deixis in (7, -7, 0):
                monday = a - dt.timedelta(days=a.weekday()) + dt.timedelta(days=m.deixis)
                offset = (monday + dt.timedelta(days=m.weekday) - a).days
            else:  # a bare weekday in a news report is the most recent one
                offset = -((a.weekday() - m.weekday) % 7)
            day = a + dt.timedelta(days=offset)
            self.last_day = day
            value = day.isoformat() + (f"T{m.pod}" if m.pod else "")
            return "relative", value, m.mod
        return "relative", None, m.mod


def _day_value(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"XXXX-{month:02d}-{day:02d}"


def _month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year is not None else f"XXXX-{month:02d}"


def _time_value(hour: int, minute: int | None, second: int | None, tz: str | None, pod: str | None) -> str:
    if pod:
        hour = _apply_pod(hour, pod)
    value = f"T{hour:02d}:{minute or 0:02d}"
    if second is not None:
        value += f":{second:02d}"
    return value + (tz or "")


# --------------------------------------------------------------------------- dateline

_DATELINE_LABEL = re.compile(r"^(?:cập\s+nhật|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|thời\s+gian|xuất\s+bản|"
                             r"published|posted|updated)\s*:?\s*", _I)
_DL_DATE = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_DL_TIME = r"(?P<h>\d{1,2})[:hg](?P<mi>\d{2})(?::(?P<s>\d{2}))?"
_DL_TZ = r"(?:\s*\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?\s*\)?)?"
_DL_WEEKDAY = rf"(?:{_WEEKDAY}\s*[,-]?\s*)?"
_DATELINE_FORMS = [
    re.compile(rf"{_DL_WEEKDAY}(?:ngày\s+)?{_DL_DATE}(?:\s*[|,–-]?\s*(?:lúc\s+)?{_DL_TIME})?{_DL_TZ}", _I),
    re.compile(rf"{_DL_WEEKDAY}{_DL_TIME}{_DL_TZ}\s*(?:[|,–-]\s*)?{_DL_WEEKDAY}(?:ngày\s+)?{_DL_DATE}{_DL_TZ}", _I),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?"
               r"(?:Z|[+-]\d\d:?\d\d)?", _I),
]
_DATELINE_LINES = 12
_DATELINE_MAX_LENGTH = 90


def find_dateline(text: str) -> dt.datetime | None:
    """The document's own publication date and time, read from its dateline near the top.

    Looks at the first few non-empty lines for one that is (after an optional label such as
    "Cập nhật:" or a short byline before "|") a date with an optional weekday, clock time and
    time zone: "14/04/2021 - 08:54", "20:43 | 29/07/2021", "Thứ Hai, 13/3/2023 09:12 (GMT+7)",
    "Thứ năm, 29/7/2021, 20:43 (GMT+7)". Only the top of the text is read, so this is cheap
    enough for the corpus reader to call on every file.

    Args:
        text: Canonical document text.

    Returns:
        A naive datetime in the time written (midnight when the dateline has no time), or
        None when the top of the document has no dateline.
    """
    seen = 0
    for line in text[:3000].split("\n"):
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        if len(line) > _DATELINE_MAX_LENGTH:
            continue
        found = _dateline_in(line)
        if found is not None:
            return found
    return None


def _dateline_in(line: str) -> dt.datetime | None:
    candidates = [line]
    if "|" in line:  # "Phan Quân | 14/04/2021 08:54" or "Cập nhật: 10:45 | 19/03/2024"
        candidates.append(line.split("|", 1)[1].strip())
    for candidate in candidates:
        candidate = _DATELINE_LABEL.sub("", candidate).strip(" .")
        for form in _DATELINE_FORMS:
            match = form.fullmatch(candidate)
            if match is None:
                continue
            g = match.groupdict()
            try:
                return dt.datetime(int(g["y"]), int(g["m"]), int(g["d"]), int(g["h"] or 0),
                                   int(g["mi"] or 0), int(g["s"] or 0))
            except ValueError:
                return None
    return None


# --------------------------------------------------------------------------- anchor and API

# A date after one of these is a deadline or a plan, not the time of writing.
_LEFT_FUTURE = re.compile(r"(?<!\w)(?:đến|tới|hết|hạn|trước|cho\s+tới|kéo\s+dài\s+đến|vào\s+năm)\s+(?:ngày\s+|năm\s+|tháng\s+)?$", _I)


def _infer_anchor(text: str, mentions: list[_Mention]) -> dt.date | None:
    """The latest explicit date (with a year) in the article body, deadlines left out."""
    from rusus_desktop.nlp.body import find_body  # local: body imports nothing from here

    # Embedded related articles count: they are content, and often carry the only full date.
    body = find_body(text, include_embedded=True)
    best: dt.date | None = None
    for m in mentions:
        if m.year is None or m.month is None or m.form in ("quarter",):
            continue
        if not any(s <= m.start < e for s, e in body):
            continue
        if _left(text, m.start, _LEFT_FUTURE):
            continue
        year, month, day = (m.year2, m.month2, m.day2) if m.year2 and m.month2 else (m.year, m.month, m.day)
        candidate = dt.date(year, month, day or 1)
        if best is None or candidate > best:
            best = candidate
    return best


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def find_dates(text: str, published: dt.date | dt.datetime | None = None) -> list[DateSpan]:
    """Find every temporal expression in ``text`` and normalise it.

    Args:
        text: Canonical document text (offsets are code points into it).
        published: The document's date. When None, the dateline at the top of the text is
            used, else the latest explicit date in the article body; relative expressions
            have no value when none of these exists.

    Returns:
        Non-overlapping spans sorted by start, each with its kind (date, datetime, time,
        range, relative, duration), its ISO 8601 / TIMEX3 value (None when it cannot be
        known) and its modifier (START, MID, END or None).
    """
    mentions = _find_mentions(text)
    anchor = _as_date(published) or _as_date(find_dateline(text)) or _infer_anchor(text, mentions)
    explicit = _explicit_days(text, mentions)
    resolver = _Resolver(text, anchor, explicit)
    spans = []
    for m in mentions:
        kind, value, mod = resolver.resolve(m)
        spans.append(DateSpan(m.start, m.end, text[m.start:m.end], kind, value, mod))
    return spans


def _explicit_days(text: str, mentions: list[_Mention]) -> list[tuple[int, int, int, int, int]]:
    found = []
    for m in mentions:
        if m.year is not None and m.day is not None and m.month is not None:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            found.append((line_start, line_end, m.day, m.month, m.year))
            if m.day2 is not None and m.year2 is not None:
                found.append((line_start, line_end, m.day2, m.month2, m.year2))
    return found
