"""The Vietnamese lunisolar calendar (âm lịch), for "mùng 1 Tết", "29 Tết", "rằm tháng Giêng".

Months start on the day of the new moon at Hà Nội's meridian (UTC+7), the eleventh month holds
the winter solstice, and a year with thirteen months repeats the first month without a major solar
term. This is Hồ Ngọc Đức's well-known formulation of those rules (new moons and solar longitude
from Meeus' low-precision series), which is what Vietnamese calendars print; it differs from the
Chinese calendar in the few years where the new moon falls near midnight (Tết 1985, 2007).
"""
from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

__all__ = ["lunar_to_solar", "tet"]

_TIME_ZONE = 7.0
_SYNODIC_MONTH = 29.530588853
_NEW_MOON_EPOCH = 2415021.076998695  # the new moon of 1900-01-01, as a Julian day
_ORDINAL_TO_JD = 1721425  # Julian day number of 0001-01-01 minus one


def _new_moon(k: int) -> float:
    """Julian day (UT, fractional) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _new_moon_day(k: int) -> int:
    """Julian day number of the local (UTC+7) day of the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + _TIME_ZONE / 24)


def _sun_sector(day_number: int) -> int:
    """Which twelfth of the ecliptic (0-11, each 30 degrees) the sun is in at local midnight."""
    t = (day_number - 0.5 - _TIME_ZONE / 24 - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = ((l0 + dl) * dr) % (2 * math.pi)
    return math.floor(longitude / math.pi * 6)


@lru_cache(maxsize=64)
def _month_11(year: int) -> int:
    """Julian day number of the start of the lunar month holding the winter solstice of ``year``."""
    offset = dt.date(year, 12, 31).toordinal() + _ORDINAL_TO_JD - 2415021
    k = math.floor(offset / _SYNODIC_MONTH)
    new_moon = _new_moon_day(k)
    if _sun_sector(new_moon) >= 9:  # the solstice falls before this new moon
        new_moon = _new_moon_day(k - 1)
    return new_moon


def _leap_month_offset(month_11: int) -> int:
    """Months after month 11 until the first month that holds no major solar term."""
    k = math.floor((month_11 - _NEW_MOON_EPOCH) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


@lru_cache(maxsize=256)
def lunar_to_solar(day: int, month: int, year: int, leap: bool = False) -> dt.date | None:
    """The Gregorian date of lunar ``day``/``month`` of the lunar year that starts in ``year``.

    Returns None for a day the calendar does not have (a 30th in a short month, a leap month
    the year lacks).
    """
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    if month < 11:
        a11, b11 = _month_11(year - 1), _month_11(year)
    else:
        a11, b11 = _month_11(year), _month_11(year + 1)
    k = math.floor(0.5 + (a11 - _NEW_MOON_EPOCH) / _SYNODIC_MONTH)
    offset = (month - 11) % 12
    if b11 - a11 > 365:  # a year of thirteen months
        leap_offset = _leap_month_offset(a11)
        leap_month = (leap_offset - 2) % 12
        if leap and month != leap_month:
            return None
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        return None
    month_start = _new_moon_day(k + offset)
    if day == 30 and _new_moon_day(k + offset + 1) - month_start < 30:
        return None
    return dt.date.fromordinal(month_start + day - 1 - _ORDINAL_TO_JD)


def tet(year: int) -> dt.date:
    """The first day of the lunar year that starts in Gregorian ``year`` (Tết Nguyên đán)."""
    first = lunar_to_solar(1, 1, year)
    assert first is not None
    return first
