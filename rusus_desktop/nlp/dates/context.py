"""Expansion: grow each core over the words that belong to it, and drop the cores that
context shows are not dates (fractions, scores, versions, quantities, document numbers)."""
from __future__ import annotations

import re

from rusus_desktop.nlp.dates.grammar import Mention
from rusus_desktop.nlp.dates.vocabulary import (
    LUNAR_MONTH_WORD,
    MOD,
    MOD_WORD,
    MONTH_WORD,
    NUM_LEFT,
    NUMBER_PHRASE,
    PART_OF_DAY,
    POD,
    UNIT_DEIXIS,
    WEEKDAY,
    YEAR,
)

_I = re.IGNORECASE

# Words before a core that belong to the expression (checked against the text just before it).
_LEFT_HEAD = re.compile(r"(?<!\w)(?:ngày|hôm|mùng|mồng)\s+$", _I)
# "trong 2 ngày 18-19/11": the word "ngày" is the unit of the duration before the date.
_LEFT_COUNTED_DAY = re.compile(rf"{NUM_LEFT}(?:\d+|{NUMBER_PHRASE}|vài)\s+ngày\s+$", _I)
_LEFT_POD = re.compile(rf"(?<!\w)(?P<pod>{POD})\s+(?:ngày\s+|hôm\s+)?$", _I)
LEFT_WEEKDAY = re.compile(rf"(?<!\w)(?P<wd>{WEEKDAY})\s*,?\s*(?:ngày\s+)?$", _I)
_LEFT_WEEKDAY_PAREN = re.compile(rf"(?<!\w)(?:(?P<wd>{WEEKDAY})|hôm\s+nay|hôm\s+qua|ngày\s+hôm\s+qua|hôm\s+kia|ngày\s+mai|ngày\s+kia"
                                 rf"|(?P<pod>{POD})\s+(?:nay|qua|mai|hôm\s+nay|hôm\s+qua))\s*\(\s*$", _I)
_LEFT_DAY_DEIXIS = re.compile(r"(?<!\w)(?:ngày\s+)?hôm\s+(?:nay|qua|kia)\s*,?\s*$", _I)
_LEFT_HOM_WEEKDAY = re.compile(r"(?<!\w)(?:hôm|ngày)\s+$", _I)
_LEFT_MOD = re.compile(rf"(?<!\w)(?P<mod>{MOD_WORD})\s+$", _I)
_LEFT_HALF_MOD = re.compile(r"(?<!\w)nửa\s+(?P<mod>đầu|cuối)\s+$", _I)  # "nửa đầu tháng 9": the first half
# Prepositions and verbs that make a bare number a date; they stay outside the span.
_LEFT_CUE = re.compile(r"(?<!\w)(?:từ|đến|tới|trước|sau|vào|hạn|hết|hồi|kể\s+từ|cho\s+tới|tính\s+đến|"
                       r"đầu|giữa|cuối|trong|lúc|khoảng|mùa|mùa\s+giải|dịp|giai\s+đoạn|niên\s+khóa|nhiệm\s+kỳ|tài\s+khóa|"
                       r"năm\s+học|năm\s+tài\s+chính)\s+$", _I)
# A holiday named by its day: "Quốc khánh 2/9", "nghỉ lễ 30/4", "kỷ niệm 20/11".
_LEFT_HOLIDAY = re.compile(r"(?<!\w)(?:quốc\s+khánh|lễ|kỷ\s+niệm|ngày\s+hội)\s+$", _I)
# Words around a slash number that make it a fraction, a ratio or a document number.
_LEFT_NOT_DATE = re.compile(r"(?<!\w)(?:tỷ\s+lệ|tỉ\s+lệ|tỷ\s+số|tỉ\s+số|tỷ\s+trọng|tỉ\s+trọng|hệ\s+số|chiếm|hơn|gần|khoảng|trên|dưới|bằng|còn|"
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
_RIGHT_YEAR = re.compile(rf"\s*,?\s+năm\s+(?P<y>{YEAR})(?!\d)", _I)
_RIGHT_POD = re.compile(rf"\s+(?P<pod>{POD})(?!\w)", _I)
_RIGHT_TZ = re.compile(r"\s*(?P<open>\()?\s*(?:(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d\d))?"
                       r"|giờ\s+(?P<vn>Hà\s+Nội|Việt\s+Nam))\s*(?P<close>\))?", _I)
_RIGHT_YEAR_BOUNDARY = re.compile(r"(?:\s*[,.;:)\]–-]|\s*$|\s+(?:và|đến|tới|trở|cho|đã|sẽ|là|thì|khi|nhưng|với|do|"
                                  r"theo|vừa|trước|sau|nay|qua|mà|này|tại|ở|của|được|bị|cũng|vẫn|đều|rồi)(?!\w))", _I)
_RIGHT_NUMERIC = re.compile(r"\s+(?:\d|(?:" + MONTH_WORD + "|" + LUNAR_MONTH_WORD + r")(?!\w))")
# "2 ngày 18-19/11": a count of days followed by the days themselves.
# Also "hai ngày 2 và 3/11": the days listed with their month written once.
_RIGHT_DAY_DATE = re.compile(r"\s+\d{1,2}(?:\s*(?:[-–]|,|và)\s*\d{1,2})*[/.-]\d{1,2}(?!\d)", _I)
# "11:20 SA", "08:15 CH": the Vietnamese (and English) morning/afternoon marks of a clock time.
_RIGHT_MERIDIEM = re.compile(r"\s?(?P<ap>SA|CH|AM|PM)(?!\w)")
_RIGHT_WAGES = re.compile(r"\s+lương(?!\w)", _I)  # "1,2 tháng lương": pay, not time
_RIGHT_SCHOOL_YEAR = re.compile(r"\s+học(?!\w)", _I)
_RIGHT_LUNAR = re.compile(r"\s*(?:\(\s*âm\s+lịch\s*\)|âm\s+lịch(?!\w))", _I)
# A year at the end of a law's or convention's name is part of the name, as in "Olympic Paris 2024":
# "Bộ luật Hình sự năm 2015", "Công ước Liên hợp quốc về Luật Biển năm 1982", "Hiến pháp năm 2013".
_LEFT_LAW_NAME = re.compile(r"(?:(?<!\w)(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Công\s+ước)\s+(?P<name>\w[\w-]*(?:,?\s+[\w-]+){0,7})"
                            r"|(?<!\w)Hiến\s+pháp)\s+$")
# Words that end a name: the year after them is when something happened to the law.
_NOT_IN_A_NAME = re.compile(r"(?<!\w)(?:từ|vào|năm|có|được|đã|sẽ|đến|tới|trong|ban\s+hành|thông\s+qua|hiệu\s+lực|"
                            r"sửa\s+đổi|bổ\s+sung|ký|áp\s+dụng|là|này|khi|sau|trước|từng|vừa|mới|thi\s+hành)(?!\w)",
                            _I)
_LEFT_QUANTIFIER = re.compile(r"(?<!\w)(?:những|các|nhiều|mấy|vài|bao|hằng|hàng|mỗi|từng|suốt|cả)\s+$", _I)
_LEFT_YEAR_LIST = re.compile(r"(?<!\w)năm\s+\d{4}\s*(?:,|và|hoặc|hay|đến|tới|-|–)\s*$", _I)
_LEFT_ORDINAL = re.compile(r"(?<!\w)(?:thứ|lần|số)\s+$", _I)
LEFT_SEPTEMBER_11 = re.compile(r"(?:khủng\s+bố|tấn\s+công|vụ|sự\s+kiện|thảm\s+họa|biến\s+cố)\s+(?:ngày\s+)?$", _I)
_LEFT_TIME_CUE = re.compile(r"(?<!\w)(?:lúc|vào|từ|đến|tới|khoảng|tầm|trước|sau)\s+$", _I)
_RIGHT_HOUR_IS_TIME = re.compile(rf"\s+(?:{POD}|ngày|hôm|cùng\s+ngày)(?!\w)", _I)
_RIGHT_LANGUAGE = re.compile(r"\s+[A-ZĐÂÊÔƠƯÁÀẢÃẠ]")
_RIGHT_INDEFINITE = re.compile(r"\s+nào(?!\w)", _I)
# What may stand between a date and a clock time that form one datetime.
JOIN_TIME_DATE = re.compile(r"\s*(?:[|,–-]\s*)?(?:lúc\s+)?")
JOIN_DATE_TIME = re.compile(r"\s*(?:[|,–-]\s*)?(?:(?:vào\s+)?lúc\s+)?")

_LEFT_WEEKDAY_CUE = re.compile(r"(?<!\w)(?:vào|từ|đến|tới|trước|sau|cho\s+tới)\s+$", _I)
# "thứ Bảy" with a lowercase "thứ" and a capitalised day is the weekday, not an ordinal ("thứ bảy",
# "Thứ hai," meaning "secondly"); so is "Chủ nhật" (but not "chủ Nhật Bản", a Japanese owner).
_WEEKDAY_BY_ITS_SPELLING = re.compile(r"thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|Bẩy)|[Cc]hủ\s+[Nn]hật(?!\s+Bản)")
_LEFT_RANK = re.compile(r"(?<!\w)(?:xếp|đứng|hạng|lần|vị\s+trí|giải|ngôi|top)\s+$", _I)  # "xếp thứ Ba": third
# A plan ("sẽ", "dự kiến") earlier in the sentence points a bare weekday forward.
_FUTURE = re.compile(r"(?<!\w)(?:sẽ|dự\s+kiến|sắp|dự\s+định|kế\s+hoạch|chuẩn\s+bị)(?!\w)", _I)
_SENTENCE_START = re.compile(r".*[.!?;:]\s", re.DOTALL)
_LEFT_QUANTITY_CUE = re.compile(r"(?<!\w)(?:trong|khoảng|hơn|gần|trên|dưới)\s+$", _I)
_LEFT_DURATION_CUE = re.compile(r"(?<!\w)(?:trong|suốt|mất|sau|kéo\s+dài)\s+$", _I)
_LEFT_RATIO = re.compile(r"(?:tỷ|tỉ)\s+(?:lệ|số)\s+$", _I)
_LEFT_AT = re.compile(r"(?<!\w)(?:lúc|vào)\s+$", _I)
_RIGHT_POD_OWNER = re.compile(r"\s+(?:nay|qua|mai|cùng|hôm)(?!\w)|\s*(?:ngày\s+)?\d", _I)
_RIGHT_UNIT_QUALIFIER = re.compile(r"\s+(?:nay|này|ngoái|trước|tới|sau|qua|vừa\s+qua|học|tài)(?!\w)", _I)

_CONTEXT = 24  # characters of left context the cue patterns look at
_LAW_CONTEXT = 80
# A line with no digit and none of these words has no temporal expression: skip it cheaply.
HAS_TEMPORAL_WORD = re.compile(r"hôm|ngày|tuần|tháng|năm|quý|thế\s+kỷ|thập|thứ|chủ\s+nhật|nay|qua|giờ|sáng|"
                               r"trưa|chiều|tối|đêm|khuya", _I)


def left_match(text: str, pos: int, pattern: re.Pattern) -> re.Match | None:
    return pattern.search(text, max(0, pos - _CONTEXT), pos)


def _in_law_name(text: str, pos: int) -> bool:
    """Whether "năm YYYY" at ``pos`` ends the name of a law or convention (a capitalised name)."""
    found = _LEFT_LAW_NAME.search(text, max(0, pos - _LAW_CONTEXT), pos)
    if not found:
        return False
    name = found.group("name") or ""
    return (not name or name[0].isupper()) and not _NOT_IN_A_NAME.search(name)


def expand(text: str, m: Mention, core_start: int) -> Mention | None:
    """Grow a core over its head words and tails, and drop cores that are not dates."""
    form = m.form
    day_level = form in ("dmy", "dm", "dm_words", "d_dm_range", "d_to_dm_range", "dm_dm_range", "iso")
    has_head = False
    if day_level or (form == "lunar" and m.day is not None):
        # Parenthesised date after a weekday or a day word: "thứ Hai (13/3)", "hôm qua (30.11)".
        paren = left_match(text, m.start, _LEFT_WEEKDAY_PAREN)
        close = _RIGHT_CLOSE_PAREN.match(text, m.end)
        if paren and close:
            m.start, m.end, m.cued, has_head = paren.start(), close.end(), True, True
            if paren.group("pod"):
                m.pod = PART_OF_DAY[re.sub(r"\s+", " ", paren.group("pod").lower())]
        head = left_match(text, m.start, _LEFT_HEAD)
        if head and left_match(text, m.start, _LEFT_COUNTED_DAY):
            m.cued, has_head = True, True
        elif head:
            m.start, m.cued, has_head = head.start(), True, True
        pod = left_match(text, m.start, _LEFT_POD)
        if pod:
            m.start, m.cued, has_head = pod.start(), True, True
            m.pod = PART_OF_DAY[re.sub(r"\s+", " ", pod.group("pod").lower())]
        weekday = left_match(text, m.start, LEFT_WEEKDAY)
        if weekday:
            m.start, m.cued, has_head = weekday.start(), True, True
        deixis = left_match(text, m.start, _LEFT_DAY_DEIXIS)
        if deixis:
            m.start, m.cued, has_head = deixis.start(), True, True
        if form == "lunar":
            return m
        lunar = _RIGHT_LUNAR.match(text, m.end)
        if lunar and form in ("dm", "dm_words", "dmy"):
            m.end, m.cued, has_head = lunar.end(), True, True
            m.extras["lunar"] = True
            return m
    elif form in ("month", "year", "bare_year", "quarter", "century", "decade", "month_year", "half", "lunar"):
        mod = (form == "month" and left_match(text, m.start, _LEFT_HALF_MOD)) or left_match(text, m.start, _LEFT_MOD)
        if mod:
            m.start, m.mod, m.cued = mod.start(), MOD[re.sub(r"\s+", " ", mod.group("mod").lower())], True
        if form == "lunar":
            return m
        if form == "year" and m.year2 is None and m.mod is None and _in_law_name(text, m.start):
            return None
    elif form in ("unit_rel",):
        if left_match(text, m.start, _LEFT_QUANTIFIER):
            return None
        mod = left_match(text, m.start, _LEFT_MOD)
        if mod:
            m.start, m.mod = mod.start(), MOD[re.sub(r"\s+", " ", mod.group("mod").lower())]
    elif form == "weekday":
        hom = left_match(text, m.start, _LEFT_HOM_WEEKDAY)
        pod = left_match(text, m.start, _LEFT_POD)
        if hom:
            m.start, m.cued = hom.start(), True
        elif pod:
            m.start, m.cued = pod.start(), True
            m.pod = PART_OF_DAY[re.sub(r"\s+", " ", pod.group("pod").lower())]
        elif m.deixis is None and (left_match(text, m.start, _LEFT_WEEKDAY_CUE) or (
                _WEEKDAY_BY_ITS_SPELLING.match(text, m.start) and not left_match(text, m.start, _LEFT_RANK))):
            m.cued, m.deixis = True, None
        if not m.cued:
            return None
        if m.deixis is None:
            sentence = text[max(0, m.start - 120):m.start]
            start = _SENTENCE_START.match(sentence)
            m.extras["future"] = bool(_FUTURE.search(sentence, start.end() if start else 0))
        return m
    elif form == "mod_unit":
        if _RIGHT_NUMERIC.match(text, m.end) or _RIGHT_UNIT_QUALIFIER.match(text, m.end):
            return None
        return m

    # Cues outside the span.
    left_cue = left_match(text, core_start, _LEFT_CUE)
    if form == "dm":
        sep = m.extras["sep"]
        if not has_head:
            if left_match(text, core_start, _LEFT_NOT_DATE) or _RIGHT_NOT_DATE.match(text, m.end):
                return None
            if (m.day, m.month) == (24, 7) and not left_cue:  # "24/7": round the clock
                return None
            if sep == "/":
                fraction_like = m.day < m.month <= 10
                if fraction_like and not (left_cue or left_match(text, core_start, _LEFT_HOLIDAY)):
                    return None
            elif left_match(text, core_start, _LEFT_HOLIDAY):
                pass  # "dịp lễ 30-4"
            elif not left_cue or (sep == "-" and not left_match(text, core_start, _LEFT_DASH_CUE)) \
                    or _RIGHT_QUANTITY.match(text, m.end):
                # "2.1" (a version) and "2-1" (a score) need a head word, or for the dash form a
                # preposition of time ("đến 4-6"), to be dates.
                return None
    elif form in ("d_dm_range",):
        if m.extras.get("and") and not has_head:
            return None
        if not has_head and not left_cue and m.extras["sep"] in (".", "tháng"):
            return None
        if not has_head and (left_match(text, core_start, _LEFT_NOT_DATE) or _RIGHT_NOT_DATE.match(text, m.end)):
            return None
    elif form == "dm_dm_range":
        if not (has_head or left_cue or m.year or m.year2) and m.extras["sep"] == ".":
            return None
    elif form == "dm_words":
        if not (has_head or left_cue or m.year):
            return None
    elif form == "month_year":
        if not (m.mod or left_cue) or left_match(text, core_start, _LEFT_NOT_DATE) or _RIGHT_NOT_DATE.match(text, m.end):
            return None
    elif form == "bare_year":
        if not m.cued and left_match(text, core_start, _LEFT_YEAR_LIST):
            m.cued = True
        if not m.cued:
            # Two years in order ("khủng hoảng 1997-1998") read as a period even without a cue.
            if not (m.mod or left_cue or m.year2) or not _RIGHT_YEAR_BOUNDARY.match(text, m.end):
                return None
            if left_match(text, core_start, _LEFT_QUANTITY_CUE) or left_match(text, core_start, _LEFT_NOT_DATE):
                return None  # "trong 2000 trường hợp": a quantity
    elif form == "clock":
        if m.extras.get("gio"):
            # "8 giờ" is a clock time only with a cue; "trong 24 giờ" is a duration.
            if not (left_match(text, core_start, _LEFT_TIME_CUE) or _RIGHT_HOUR_IS_TIME.match(text, m.end)
                    or m.minute):
                return None
            if left_match(text, core_start, _LEFT_DURATION_CUE) and not m.minute:
                return None
        elif m.extras["colon"] and left_match(text, core_start, _LEFT_RATIO):
            return None
        meridiem = _RIGHT_MERIDIEM.match(text, m.end) if m.extras.get("colon") else None
        if meridiem:
            m.end = meridiem.end()
            if meridiem.group("ap") in ("CH", "PM") and m.hour < 12:
                m.hour += 12
            elif meridiem.group("ap") in ("SA", "AM") and m.hour == 12:
                m.hour = 0
        pod = _RIGHT_POD.match(text, m.end)
        # "8h sáng" takes its part of day; in "8h sáng nay" and "8h sáng 12/3" it goes to the date.
        if pod and not _RIGHT_POD_OWNER.match(text, pod.end()):
            m.pod = PART_OF_DAY[re.sub(r"\s+", " ", pod.group("pod").lower())]
            m.end = pod.end()
        tz = _RIGHT_TZ.match(text, m.end)
        if tz and bool(tz.group("open")) == bool(tz.group("close")):
            m.tz = "+07:00" if tz.group("vn") else \
                f"{tz.group('sign')}{int(tz.group('h')):02d}:{tz.group('m') or '00'}"
            m.end = tz.end()
        return m
    elif form == "duration":
        unit = m.extras["unit"]
        if left_match(text, core_start, _LEFT_ORDINAL):
            return None
        if unit in ("tháng", "năm", "ngày") and _RIGHT_NUMERIC.match(text, m.end) \
                and not (unit == "ngày" and _RIGHT_DAY_DATE.match(text, m.end)):
            return None  # "9 tháng 6": a date; "5 năm 2020": not a duration
        if unit == "tháng" and _RIGHT_WAGES.match(text, m.end):
            return None
        if unit == "năm" and _RIGHT_SCHOOL_YEAR.match(text, m.end):
            return None  # "ba năm học": school years are not calendar years
        if unit == "tiếng" and _RIGHT_LANGUAGE.match(text, m.end):
            return None  # "hai tiếng Anh": languages, not hours
        if m.extras["amount"].lower() == "một" and _RIGHT_INDEFINITE.match(text, m.end):
            return None  # "một ngày nào đó": some day
        if unit == "giờ" and (_RIGHT_HOUR_IS_TIME.match(text, m.end)
                              or left_match(text, core_start, _LEFT_AT)):
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
        attacks = (m.day, m.month) == (11, 9) and left_match(text, m.start, LEFT_SEPTEMBER_11)
        if year_deixis and not attacks:
            m.end = year_deixis.end()
            m.extras["year_offset"] = UNIT_DEIXIS[year_deixis.group("rel").lower()]
    return m
