"""Numbers, durations and the ISO 8601 / TIMEX3 spelling of values."""
from __future__ import annotations

import calendar
import re

from rusus_desktop.nlp.dates.vocabulary import DIGITS, ROMAN, UNITS


def int_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def valid_day(day: int, month: int, year: int | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    # Without a year, allow 29 February: the year is not known yet.
    last = calendar.monthrange(year if year else 2000, month)[1]
    return 1 <= day <= last


def roman_value(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = ROMAN[char.upper()]
        total += -value if following != " " and ROMAN[following.upper()] > value else value
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
        elif token in DIGITS:
            current += DIGITS[token]
        else:
            return None
    return total + current


def parse_number(text: str) -> float | None:
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


def duration_value(amount: str, unit: str, half: bool) -> str | None:
    unit = re.sub(r"\s+", " ", unit.lower())
    designator, is_time, multiplier = UNITS[unit]
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
    number = parse_number(amount)
    if number is None or number <= 0:
        return None
    number = number * multiplier + (0.5 * multiplier if half else 0)
    return f"PT{_format_number(number)}{designator}" if is_time else f"P{_format_number(number)}{designator}"


def apply_pod(hour: int, pod: str) -> int:
    if pod in ("AF", "EV") and hour < 12:
        return hour + 12
    if pod == "NI" and 6 <= hour < 12:
        return hour + 12
    if pod == "MI" and hour <= 3:
        return hour + 12
    return hour


def day_value(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"XXXX-{month:02d}-{day:02d}"


def month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year is not None else f"XXXX-{month:02d}"


def time_value(hour: int, minute: int | None, second: int | None, tz: str | None, pod: str | None) -> str:
    if pod:
        hour = apply_pod(hour, pod)
    value = f"T{hour:02d}:{minute or 0:02d}"
    if second is not None:
        value += f":{second:02d}"
    return value + (tz or "")
