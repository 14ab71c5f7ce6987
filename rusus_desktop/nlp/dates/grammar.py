"""The core grammar: one regex per rule finds the heart of an expression, and
``core_mention`` reads its numbers into a ``Mention``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rusus_desktop.nlp.dates.values import duration_value, int_or_none, parse_number, roman_value, valid_day
from rusus_desktop.nlp.dates.vocabulary import (
    DAY,
    DAY_ANAPHORA,
    DAY_DEIXIS,
    LUNAR_MONTH_WORD,
    LUNAR_MONTH_WORDS,
    MOD,
    MONTH,
    MONTH_WORD,
    MONTH_WORDS,
    NUM_LEFT,
    NUM_RIGHT,
    NUMBER_PHRASE,
    PART_OF_DAY,
    POD,
    UNIT,
    UNIT_DEIXIS,
    WEEKDAY,
    WEEKDAY_NUMBER,
    YEAR,
)

_I = re.IGNORECASE

_CORE_PATTERNS = [
    # ISO dates and datetimes as some sites print them.
    ("iso", rf"{NUM_LEFT}(?P<iso_y>{YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
            rf"(?:[T ](?P<iso_h>[01]\d|2[0-3]):(?P<iso_mi>[0-5]\d)(?::(?P<iso_s>[0-5]\d))?)?{NUM_RIGHT}"),
    # "11/9/2001-11/9/2021", "28/7 - 2/8/2021"
    ("dm_dm_range", rf"{NUM_LEFT}(?P<r2_d1>{DAY})(?P<r2_sep>[/.])(?P<r2_m1>{MONTH})(?:(?P=r2_sep)(?P<r2_y1>{YEAR}))?"
                    rf"\s*[-–]\s*(?P<r2_d2>{DAY})(?P=r2_sep)(?P<r2_m2>{MONTH})(?:(?P=r2_sep)(?P<r2_y2>{YEAR}))?{NUM_RIGHT}"),
    # "1-2/11", "28 - 29/7", "1 và 2/11"
    ("d_dm_range", rf"{NUM_LEFT}(?P<r1_d1>{DAY})\s*(?P<r1_and>[-–]|và)\s*(?P<r1_d2>{DAY})(?P<r1_sep>[/.-])"
                   rf"(?P<r1_m>{MONTH})(?:(?P=r1_sep)(?P<r1_y>{YEAR}))?{NUM_RIGHT}"),
    # "ngày 2-3 tháng 5"
    ("d_dm_words_range", rf"{NUM_LEFT}(?P<rw_d1>{DAY})\s*[-–]\s*(?P<rw_d2>{DAY})\s+tháng\s+(?P<rw_m>{MONTH}){NUM_RIGHT}"),
    # "ngày 5 đến 9/6", "từ 5 đến ngày 9/6/2023"
    ("d_to_dm_range", rf"(?:(?<!\w)(?P<r3_head>ngày)\s+|(?<=từ\s))(?P<r3_d1>{DAY})\s+(?:đến|tới)\s+(?:ngày\s+)?(?P<r3_d2>{DAY})"
                      rf"(?P<r3_sep>[/.-])(?P<r3_m>{MONTH})(?:(?P=r3_sep)(?P<r3_y>{YEAR}))?{NUM_RIGHT}"),
    ("dmy", rf"{NUM_LEFT}(?P<dmy_d>{DAY})(?P<dmy_sep>[/.-])(?P<dmy_m>{MONTH})(?P=dmy_sep)(?P<dmy_y>{YEAR}){NUM_RIGHT}"),
    # "12 tháng 3 năm 2023", "12 tháng 3"
    ("dm_words", rf"{NUM_LEFT}(?P<dw_d>{DAY})\s+tháng\s+(?P<dw_m>{MONTH})(?:\s*(?:,\s*)?năm\s+(?P<dw_y>{YEAR}))?{NUM_RIGHT}"),
    ("dm", rf"{NUM_LEFT}(?P<dm_d>{DAY})(?P<dm_sep>[/.-])(?P<dm_m>{MONTH}){NUM_RIGHT}"),
    # "tháng 6-7/2021", "tháng 3/2011", "tháng 3 năm 2023", "tháng Ba", "tháng 6"
    ("month", rf"(?<!\w)tháng\s+(?:(?P<mo_m>{MONTH})(?:\s*[-–]\s*(?P<mo_m2>{MONTH})(?!\d))?|(?P<mo_word>{MONTH_WORD}))"
              rf"(?:\s*[/.-]\s*(?P<mo_y>{YEAR})|\s+năm\s+(?P<mo_y2>{YEAR}))?{NUM_RIGHT}"),
    ("month_year", rf"{NUM_LEFT}(?P<my_m>{MONTH})/(?P<my_y>{YEAR}){NUM_RIGHT}"),
    ("quarter", rf"(?<!\w)quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*[/-]\s*(?P<q_y>{YEAR})|\s+năm\s+(?P<q_y2>{YEAR}))?{NUM_RIGHT}"
                rf"|(?<![\w.])Q(?P<q_q>[1-4])\s*[/-]?\s*(?P<q_qy>{YEAR}){NUM_RIGHT}"),  # "Q3/2024", never "Q1" (District 1)
    # "6 tháng đầu năm", "nửa cuối năm 2022", and the months so far: "11 tháng năm 2024", "9 tháng năm nay".
    ("half", rf"(?<!\w)(?:(?P<h_half>nửa)|(?P<h_n>1[01]|[2-9]|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười\s+một)\s+tháng)"
             rf"(?:\s+(?P<h>đầu|cuối))?\s+năm(?:\s+(?P<h_y>{YEAR})(?!\d)|\s+(?P<h_rel>nay|ngoái|trước|tới|sau))?(?!\w)"),
    ("century", r"(?<!\w)thế\s+kỷ\s+(?:thứ\s+)?(?P<c>\d{1,2}|[IVXL]+)(?![\w])|(?<!\w)thế\s+kỷ\s+(?P<c_rel>trước|này|qua)(?!\w)"),
    ("decade", r"(?<!\w)(?:thập\s+(?:niên|kỷ)|những\s+năm)\s+(?P<dec>(?:1[0-9]|20)[0-9]0|[1-9]0)(?![\w])"),
    ("year", rf"(?<!\w)năm\s+(?P<yr>{YEAR}|\d{{3}})(?:\s*[-–]\s*(?P<yr2>{YEAR}))?{NUM_RIGHT}"),
    ("bare_year", rf"{NUM_LEFT}\(?(?P<by>{YEAR})(?:\s*[-–]\s*(?P<by2>{YEAR}))?\)?{NUM_RIGHT}"),
    # Clock times: "07:40:36", "08:54", "20h30", "0h01", "9g30", "8 giờ 30 phút", "8 giờ".
    ("clock", rf"{NUM_LEFT}(?P<cl_h>[01]?\d|2[0-4])(?:(?P<cl_colon>:)(?P<cl_m>[0-5]\d)(?::(?P<cl_s>[0-5]\d))?"
              r"|\s?[hg](?P<cl_hm>[0-5]\d)(?:p|')?|(?P<cl_h_only>h)"
              r"|\s+giờ(?:\s+(?P<cl_gm>[0-5]?\d)(?:\s+phút)?)?)(?![\w%]|[.,/:-]\d)"),
    # Durations: "9 tháng", "hai thập kỷ", "1,5 năm", "vài ngày", "nửa thế kỷ", "2 tiếng rưỡi", and
    # ranges of them, "2-3 tháng".
    ("duration", rf"{NUM_LEFT}(?P<du_n>\d+(?:[.,]\d+)*|{NUMBER_PHRASE}|vài|nửa)"
                 rf"(?:\s*[-–]\s*(?P<du_n2>\d+(?:,\d+)?))?\s+(?P<du_u>{UNIT})(?P<du_half>\s+rưỡi)?(?!\w)"),
    # Lunar days counted from Tết: "mùng 1 Tết", "29 Tết"; of the lunar first and last months:
    # "mùng 5 tháng Giêng", "23 tháng Chạp", "rằm tháng Giêng", "rằm tháng Bảy"; and those months.
    ("lunar", rf"(?<!\w)(?:(?:(?P<lu_mung>mùng|mồng)\s+)?(?P<lu_d>{DAY})\s+(?:(?P<lu_tet>Tết)|tháng\s+(?P<lu_m>{LUNAR_MONTH_WORD}))"
              rf"|(?P<lu_ram>rằm)\s+tháng\s+(?:(?P<lu_rm>{LUNAR_MONTH_WORD})|(?P<lu_rw>{MONTH_WORD})|(?P<lu_rn>{MONTH}))"
              rf"|tháng\s+(?P<lu_mo>{LUNAR_MONTH_WORD}))(?!\w)"),
    # Deictic and anaphoric day phrases, with an optional part of day before them.
    ("day_rel", rf"(?<!\w)(?:(?P<dr_pod>{POD})\s+)?(?P<dr>ngày\s+hôm\s+(?:nay|qua|sau|đó|trước)|hôm\s+(?:nay|qua|kia|sau|đó)"
                r"|ngày\s+(?:mai|kia)|cùng\s+ngày)(?!\w)"),
    ("pod_rel", rf"(?<!\w)(?P<pr_pod>{POD})\s+(?P<pr>nay|qua|mai)(?!\w)"),
    ("unit_rel", r"(?<!\w)(?P<ur_u>tuần|tháng|năm|quý)\s+(?P<ur>vừa\s+qua|này|nay|trước|qua|ngoái|tới|sau|kia)(?!\w)"),
    ("weekday", rf"(?<!\w)(?P<wd>{WEEKDAY})(?:\s+(?P<wd_rel>tuần\s+(?:trước|tới|sau|này|qua)|tới|này|trước|vừa\s+qua))?"),
    ("mod_unit", r"(?<!\w)(?P<mu_mod>đầu|giữa|cuối)\s+(?P<mu_u>năm|tháng|tuần)(?!\w)"),
]
# One regex per rule rather than one alternation: an alternation reports only the first rule
# that matches at a position, and when that match is rejected later ("24 giờ" is not a clock
# time after "trong vòng") the rule that was right ("24 giờ" the duration) would be lost.
CORE_RES = tuple(re.compile(f"(?P<{name}>{pattern})", _I) for name, pattern in _CORE_PATTERNS)


@dataclass
class Mention:
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


def core_mention(match: re.Match) -> Mention | None:
    """Turn one core match into a mention (or None when its numbers are not a date)."""
    form = match.lastgroup
    g = match.groupdict()
    start, end = match.span(form)
    m = Mention(start, end, form)
    if form == "iso":
        m.year, m.month, m.day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        if not valid_day(m.day, m.month, m.year):
            return None
        if g["iso_h"]:
            m.hour, m.minute, m.second = int(g["iso_h"]), int(g["iso_mi"]), int_or_none(g["iso_s"])
        m.cued = True
    elif form == "dm_dm_range":
        m.day, m.month, m.year = int(g["r2_d1"]), int(g["r2_m1"]), int_or_none(g["r2_y1"])
        m.day2, m.month2, m.year2 = int(g["r2_d2"]), int(g["r2_m2"]), int_or_none(g["r2_y2"])
        if not (valid_day(m.day, m.month, m.year) and valid_day(m.day2, m.month2, m.year2)):
            return None
        m.cued = m.year2 is not None or m.year is not None
        m.extras["sep"] = g["r2_sep"]
    elif form == "d_dm_range":
        m.day, m.day2, m.month = int(g["r1_d1"]), int(g["r1_d2"]), int(g["r1_m"])
        m.month2, m.year = m.month, int_or_none(g["r1_y"])
        m.year2 = m.year
        if m.day2 <= m.day or not valid_day(m.day2, m.month, m.year):
            return None
        m.extras["sep"] = g["r1_sep"]
        m.extras["and"] = g["r1_and"].lower() == "và"
        if m.extras["sep"] == "-" and not m.extras["and"]:
            return None  # "1-2-3" is a list of numbers; "ngày 26 và 27-6" is a range
    elif form == "d_dm_words_range":
        m.form = "d_dm_range"  # expanded and resolved as "28 - 29/7" is
        m.day, m.day2, m.month = int(g["rw_d1"]), int(g["rw_d2"]), int(g["rw_m"])
        m.month2 = m.month
        if m.day2 <= m.day or not valid_day(m.day2, m.month):
            return None
        m.extras["sep"], m.extras["and"] = "tháng", False
    elif form == "d_to_dm_range":
        m.day, m.day2, m.month = int(g["r3_d1"]), int(g["r3_d2"]), int(g["r3_m"])
        m.month2, m.year = m.month, int_or_none(g["r3_y"])
        m.year2, m.cued = m.year, True
        if m.day2 <= m.day or not valid_day(m.day2, m.month, m.year):
            return None
        m.extras["sep"] = g["r3_sep"]
    elif form == "dmy":
        m.day, m.month, m.year = int(g["dmy_d"]), int(g["dmy_m"]), int(g["dmy_y"])
        if not valid_day(m.day, m.month, m.year):
            return None
        m.cued = True
    elif form == "dm_words":
        m.day, m.month, m.year = int(g["dw_d"]), int(g["dw_m"]), int_or_none(g["dw_y"])
        if not valid_day(m.day, m.month, m.year):
            return None
        m.cued = m.year is not None
    elif form == "dm":
        m.day, m.month = int(g["dm_d"]), int(g["dm_m"])
        if not valid_day(m.day, m.month):
            return None
        m.extras["sep"] = g["dm_sep"]
    elif form == "month":
        if g["mo_word"]:
            word = g["mo_word"]
            if not word[0].isupper():  # "tháng năm" in lower case is "months and years"
                return None
            m.month = MONTH_WORDS[re.sub(r"\s+", " ", word.lower())]
        else:
            m.month = int(g["mo_m"])
            if g["mo_m2"]:
                m.month2 = int(g["mo_m2"])
                if m.month2 <= m.month:
                    return None
        m.year = int_or_none(g["mo_y"] or g["mo_y2"])
        m.year2 = m.year if m.month2 else None
        m.cued = True
    elif form == "month_year":
        m.month, m.year = int(g["my_m"]), int(g["my_y"])
    elif form == "quarter":
        q = (g["q"] or g["q_q"]).upper()
        m.quarter = roman_value(q) if q[0] in "IV" else int(q)
        m.year = int_or_none(g["q_y"] or g["q_y2"] or g["q_qy"])
        m.unit, m.cued = "quarter", True
    elif form == "half":
        m.unit, m.cued = "half", True
        months = 6 if g["h_half"] else int(parse_number(g["h_n"]))
        if g["h"] is None and (g["h_half"] or not (g["h_y"] or (g["h_rel"] or "").lower() == "nay")):
            return None  # "nửa năm" is a duration; "5 tháng năm ngoái" is not clearly a period
        first = g["h"] is None or g["h"].lower() == "đầu"
        m.extras["months"] = (1, months) if first else (13 - months, 12)
        m.year = int_or_none(g["h_y"])
        if g["h_rel"]:
            m.deixis = UNIT_DEIXIS[g["h_rel"].lower()]
    elif form == "century":
        m.unit, m.cued = "century", True
        if g["c_rel"]:
            m.deixis = {"trước": -1, "này": 0, "qua": -1}[g["c_rel"].lower()]
        else:
            c = g["c"]
            m.century = int(c) if c.isdigit() else roman_value(c)
            if not 1 <= m.century <= 22:
                return None
    elif form == "decade":
        digits = g["dec"]
        m.decade = digits[:3] if len(digits) == 4 else "19" + digits[0]
        m.unit, m.cued = "decade", True
    elif form == "year":
        m.year, m.year2 = int(g["yr"]), int_or_none(g["yr2"])
        if m.year2 is not None and m.year2 <= m.year:
            m.year2 = None
            m.end = match.start("yr") + len(g["yr"])
        m.cued = True
    elif form == "bare_year":
        text = match.group(form)
        m.start = match.start("by")
        m.end = match.end("by2") if g["by2"] else match.end("by")
        m.year, m.year2 = int(g["by"]), int_or_none(g["by2"])
        if m.year2 is not None and m.year2 <= m.year:
            return None
        # "(1945-1975)" is a range on its own; otherwise a cue word is needed.
        m.cued = text.startswith("(") and text.endswith(")") and m.year2 is not None
    elif form == "clock":
        m.hour = int(g["cl_h"])
        if g["cl_colon"]:
            m.minute, m.second = int(g["cl_m"]), int_or_none(g["cl_s"])
        elif g["cl_hm"] is not None:
            m.minute = int(g["cl_hm"])
        elif g["cl_h_only"]:
            m.minute = 0
        else:  # "N giờ [M phút]"
            m.minute = int_or_none(g["cl_gm"]) or 0
            m.extras["gio"] = True
        if m.hour > 24 or (m.hour == 24 and m.minute):
            return None
        m.cued = bool(g["cl_colon"] or g["cl_hm"] or g["cl_h_only"])
        m.extras["colon"] = bool(g["cl_colon"])
    elif form == "duration":
        half = bool(g["du_half"])
        value = duration_value(g["du_n"], g["du_u"], half)
        if value is None:
            return None
        if g["du_n2"]:
            if not g["du_n"][0].isdigit() or half:
                return None
            value2 = duration_value(g["du_n2"], g["du_u"], False)
            if value2 is None or parse_number(g["du_n2"]) <= parse_number(g["du_n"]):
                return None
            value = f"{value}/{value2}"
        m.duration, m.cued = value, True
        m.extras["unit"] = re.sub(r"\s+", " ", g["du_u"].lower())
        m.extras["amount"] = g["du_n"]
    elif form == "lunar":
        m.cued, m.extras["lunar"] = True, True
        if g["lu_mo"]:  # a lunar month alone has no Gregorian month to name
            m.month = LUNAR_MONTH_WORDS[g["lu_mo"].lower()]
        elif g["lu_ram"]:
            m.day = 15
            m.month = (LUNAR_MONTH_WORDS[g["lu_rm"].lower()] if g["lu_rm"] else
                       MONTH_WORDS[re.sub(r"\s+", " ", g["lu_rw"].lower())] if g["lu_rw"] else int(g["lu_rn"]))
        else:
            m.day = int(g["lu_d"])
            if g["lu_tet"]:
                # "mùng 1 Tết" opens the year; "29 Tết", "30 Tết" are the last days before it.
                if g["lu_mung"] or m.day <= 10:
                    m.month = 1
                elif m.day >= 20:
                    m.month = 12
                else:
                    return None
            else:
                m.month = LUNAR_MONTH_WORDS[g["lu_m"].lower()]
    elif form == "day_rel":
        phrase = re.sub(r"\s+", " ", g["dr"].lower())
        m.unit, m.cued = "day", True
        if phrase in DAY_ANAPHORA:
            m.anaphoric, m.deixis = True, DAY_ANAPHORA[phrase]
        else:
            m.deixis = DAY_DEIXIS[phrase]
        m.pod = PART_OF_DAY[re.sub(r"\s+", " ", g["dr_pod"].lower())] if g["dr_pod"] else None
    elif form == "pod_rel":
        m.unit, m.cued = "day", True
        m.deixis = DAY_DEIXIS[g["pr"].lower()]
        m.pod = PART_OF_DAY[re.sub(r"\s+", " ", g["pr_pod"].lower())]
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
        m.deixis, m.cued = UNIT_DEIXIS[rel], True
    elif form == "weekday":
        m.weekday = WEEKDAY_NUMBER[re.split(r"\s+", g["wd"].lower())[-1]] - 1 \
            if not g["wd"].lower().startswith("chủ") else 6
        m.unit = "weekday"
        rel = re.sub(r"\s+", " ", (g["wd_rel"] or "").lower())
        if rel:
            m.cued = True
            m.deixis = {"tới": 1, "này": 0, "trước": -1, "vừa qua": -1, "tuần trước": -7, "tuần qua": -7,
                        "tuần tới": 7, "tuần sau": 7, "tuần này": 0}[rel]
    elif form == "mod_unit":
        m.unit = {"năm": "year", "tháng": "month", "tuần": "week"}[g["mu_u"].lower()]
        m.mod, m.deixis, m.cued = MOD[g["mu_mod"].lower()], 0, True
    return m
