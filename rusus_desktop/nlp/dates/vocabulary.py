"""Words and regex fragments of Vietnamese temporal expressions: weekdays, parts of the day,
modifiers, month names, number words, units and deictic words."""
from __future__ import annotations

WEEKDAY_NUMBER = {"hai": 1, "2": 1, "ba": 2, "3": 2, "tư": 3, "4": 3, "năm": 4, "5": 4,
                  "sáu": 5, "6": 5, "bảy": 6, "bẩy": 6, "7": 6}
WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)(?!\w)"

# TIMEX3 part-of-day codes; "trưa" is mid-day (MI).
PART_OF_DAY = {"rạng sáng": "MO", "sáng sớm": "MO", "sáng": "MO", "trưa": "MI",
               "chiều tối": "EV", "chiều": "AF", "tối": "EV", "đêm": "NI", "khuya": "NI",
               "nửa đêm": "NI"}
POD = r"(?:rạng\s+sáng|sáng\s+sớm|nửa\s+đêm|chiều\s+tối|sáng|trưa|chiều|tối|đêm|khuya)"

MOD = {"đầu": "START", "giữa": "MID", "cuối": "END", "thượng tuần": "START", "trung tuần": "MID",
       "hạ tuần": "END"}
MOD_WORD = r"(?:đầu|giữa|cuối|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)"

MONTH_WORDS = {"một": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8,
               "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12}
MONTH_WORD = r"(?:Mười\s+Một|Mười\s+Hai|Một|Hai|Ba|Tư|Năm|Sáu|Bảy|Bẩy|Tám|Chín|Mười)"
# "tháng Giêng" and "tháng Chạp" are the first and last months of the lunar year, never January
# and December: their days are lunar dates ("26 tháng Chạp"), resolved through the lunar calendar.
LUNAR_MONTH_WORDS = {"giêng": 1, "chạp": 12}
LUNAR_MONTH_WORD = r"(?:Giêng|Chạp)"

DIGITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
          "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_NUMBER_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|chục|trăm|nghìn|ngàn)"
# A number-word phrase may not start with a word that only occurs inside one ("mươi", "lăm").
NUMBER_PHRASE = (r"(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|chục)(?:\s+" + _NUMBER_WORD
                 + r"){0,3}")

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Units of durations: (ISO designator, is a time unit, multiplier).
UNITS = {"giây": ("S", True, 1), "phút": ("M", True, 1), "giờ": ("H", True, 1),
         "tiếng": ("H", True, 1), "tiếng đồng hồ": ("H", True, 1), "ngày": ("D", False, 1),
         "tuần": ("W", False, 1), "tháng": ("M", False, 1), "năm": ("Y", False, 1),
         "thập kỷ": ("Y", False, 10), "thập niên": ("Y", False, 10),
         "thế kỷ": ("Y", False, 100)}
UNIT = r"(?:tiếng\s+đồng\s+hồ|thập\s+kỷ|thập\s+niên|thế\s+kỷ|giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)"

# Relative day words: offset in days from the anchor, or from the date just mentioned when
# the phrase is anaphoric ("cùng ngày", "hôm sau").
DAY_DEIXIS = {"hôm nay": 0, "ngày hôm nay": 0, "hôm qua": -1, "ngày hôm qua": -1,
              "hôm kia": -2, "ngày mai": 1, "ngày kia": 2, "nay": 0, "qua": -1, "mai": 1}
DAY_ANAPHORA = {"cùng ngày": 0, "hôm sau": 1, "ngày hôm sau": 1, "hôm đó": 0,
                "ngày hôm đó": 0, "ngày hôm trước": -1}
UNIT_DEIXIS = {"này": 0, "nay": 0, "trước": -1, "qua": -1, "vừa qua": -1, "ngoái": -1,
               "tới": 1, "sau": 1, "kia": -2}

# Numbers in dates: day, month, year, and what may not touch a number on either side.
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
NUM_LEFT = r"(?<![\w.,/:-])"  # a number that is not the tail of another number or word
NUM_RIGHT = r"(?![\w%]|[.,/:-]\d)"
