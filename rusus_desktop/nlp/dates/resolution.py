"""Values: resolve each mention in document order against the anchor date."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rusus_desktop.nlp.dates.context import LEFT_SEPTEMBER_11, left_match
from rusus_desktop.nlp.dates.grammar import Mention
from rusus_desktop.nlp.dates.lunar import lunar_to_solar
from rusus_desktop.nlp.dates.values import day_value, month_value, time_value, valid_day

_I = re.IGNORECASE
_WEEKDAY_LIST = re.compile(r"\s*(?:,|và|hoặc|hay|đến|tới|-|–)\s*", _I)


@dataclass
class Resolver:
    """Computes values in document order; remembers the last day mentioned for anaphora."""

    text: str
    anchor: dt.date | None
    explicit: list[tuple[int, int, int, int, int]]  # (line start, line end, day, month, year)
    last_day: dt.date | tuple[int, int] | None = None  # (month, day) when the year is unknown
    last_weekday: tuple[int, dt.date] | None = None  # (end, day) of the last weekday resolved

    def year_for(self, m: Mention, day: int | None, month: int) -> int | None:
        if m.year is not None:
            return m.year
        if "year_offset" in m.extras:
            return self.anchor.year + m.extras["year_offset"] if self.anchor else None
        if day is not None:
            # The same day and month with a year on the same line: "XSMB 30/3 ... 30/3/2024".
            for line_start, line_end, d, mo, y in self.explicit:
                if line_start <= m.start < line_end and (d, mo) == (day, month):
                    return y
            if (day, month) == (11, 9) and left_match(self.text, m.start, LEFT_SEPTEMBER_11):
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

    def resolve(self, m: Mention) -> tuple[str, str | None, str | None]:
        """Return (kind, value, mod) for one mention.

        A date inside quoted speech ("... vì thứ Tư tới phải làm khách ...") is not where the
        narrative stands, so it does not become the antecedent of a later "cùng ngày".
        """
        before = self.last_day
        resolved = self._resolve(m)
        if _inside_quotes(self.text, m.start):
            self.last_day = before
        return resolved

    def _resolve(self, m: Mention) -> tuple[str, str | None, str | None]:
        if m.extras.get("lunar"):
            return self._lunar(m)
        if m.form == "duration":
            return "duration", m.duration, None
        if m.form == "clock":
            value = time_value(m.hour, m.minute, m.second, m.tz, m.pod)
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
            first = month_value(year, m.month)
            if m.month2:
                return "range", f"{first}/{month_value(year, m.month2)}", m.mod
            return kind, first, m.mod
        # Day-level dates and ranges.
        year = self.year_for(m, m.day, m.month)
        if m.day2 is not None:
            year2 = m.year2 if m.year2 is not None else (year if m.month2 >= m.month else
                                                         (year + 1 if year else None))
            if m.year is None and m.year2 is not None:
                year = m.year2 if m.month <= m.month2 else m.year2 - 1
            value = f"{day_value(year, m.month, m.day)}/{day_value(year2, m.month2, m.day2)}"
            return "range", value, m.mod
        value = day_value(year, m.month, m.day)
        if left_match(self.text, m.start, _LEFT_DEADLINE):
            pass  # "từ ngày 1/7", "đến ngày 28/10": a deadline is not the day a later "cùng ngày" means
        elif year is not None and valid_day(m.day, m.month, year):
            self.last_day = dt.date(year, m.month, m.day)
        elif year is None:
            self.last_day = (m.month, m.day)
        if m.hour is not None:
            return "datetime", value + time_value(m.hour, m.minute, m.second, m.tz, None), m.mod
        if m.pod:
            return "datetime", f"{value}T{m.pod}", m.mod
        return "date", value, m.mod

    def _lunar(self, m: Mention) -> tuple[str, str | None, str | None]:
        """A lunar date, in the lunar year that puts it nearest the anchor ("29 Tết" in January)."""
        if m.day is None or (self.anchor is None and m.year is None):
            return "date", None, m.mod  # a lunar month has no Gregorian month to name
        if m.year is not None:
            day = lunar_to_solar(m.day, m.month, m.year)
        else:
            years = range(self.anchor.year - 1, self.anchor.year + 2)
            candidates = [d for d in (lunar_to_solar(m.day, m.month, y) for y in years) if d is not None]
            day = min(candidates, key=lambda d: abs((d - self.anchor).days), default=None)
        if day is None:
            return "date", None, m.mod
        self.last_day = day
        if m.hour is not None:
            return "datetime", day.isoformat() + time_value(m.hour, m.minute, m.second, m.tz, None), m.mod
        if m.pod:
            return "datetime", f"{day.isoformat()}T{m.pod}", m.mod
        return "date", day.isoformat(), m.mod

    def _relative_day(self, m: Mention) -> tuple[str, str | None, str | None]:
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
            value += time_value(m.hour, m.minute, m.second, m.tz, None)
        elif m.pod:
            value += f"T{m.pod}"
        return "relative", value, m.mod

    def _relative_unit(self, m: Mention) -> tuple[str, str | None, str | None]:
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
            elif self.last_weekday and _WEEKDAY_LIST.fullmatch(self.text, self.last_weekday[0], m.start):
                # "thứ Sáu tuần này và Chủ nhật", "từ thứ Hai đến thứ Sáu": the same week, onwards
                previous = self.last_weekday[1]
                offset = (previous - a).days + (m.weekday - previous.weekday()) % 7
            elif m.extras.get("future"):  # "sẽ chi thưởng vào thứ Sáu": the coming one
                offset = (m.weekday - a.weekday()) % 7 or 7
            else:  # a bare weekday in a news report is the most recent one
                offset = -((a.weekday() - m.weekday) % 7)
            day = a + dt.timedelta(days=offset)
            self.last_day = day
            self.last_weekday = (m.end, day)
            value = day.isoformat() + (f"T{m.pod}" if m.pod else "")
            return "relative", value, m.mod
        return "relative", None, m.mod


# A date after one of these is a deadline or a plan, not the time of writing.
_LEFT_FUTURE = re.compile(r"(?<!\w)(?:đến|tới|hết|hạn|trước|cho\s+tới|kéo\s+dài\s+đến|vào\s+năm)\s+(?:ngày\s+|năm\s+|tháng\s+)?$", _I)


# A clause that states a plan or a target: its year is not the time of writing
# ("Luật ... (sửa đổi), dự kiến thông qua năm 2025", "mục tiêu đến năm 2030").
_PLAN_CLAUSE = re.compile(r"(?<!\w)(?:dự\s+kiến|sẽ|mục\s+tiêu|kế\s+hoạch|phấn\s+đấu|tầm\s+nhìn|định\s+hướng)"
                         r"(?!\w)[^.;:!?,\n(]*$", _I)
# A date a clause starts from or runs to is a deadline, not the day being narrated ("từ ngày 1/7").
_LEFT_DEADLINE = re.compile(r"(?<!\w)(?:từ|đến|tới|hết|hạn|cho\s+tới)\s+(?:ngày\s+)?$", _I)
_LEAD_MIN_CHARS = 80  # the lead is the first body line at least this long


_PLAN_CONTEXT = 150


def _is_plan(text: str, pos: int) -> bool:
    return bool(left_match(text, pos, _LEFT_FUTURE) or _PLAN_CLAUSE.search(text, max(0, pos - _PLAN_CONTEXT), pos))


def infer_anchor(text: str, mentions: list[Mention]) -> dt.date | None:
    """The document's date when it has no dateline.

    The latest explicit date with a month in the article body (deadlines and plans left out),
    else the latest such year ("năm 2024"); the year of a bare day and month follows it. The lead
    paragraph's own day ("TTO - Các nhà trung gian ... ngày 7/7 cho biết") is then the day the
    report is written, so relative expressions ("tuần này", "năm ngoái") count from it.
    """
    from rusus_desktop.nlp.body import find_body  # local: body imports nothing from here

    # Embedded related articles count: they are content, and often carry the only full date.
    body = find_body(text, include_embedded=True)
    best: dt.date | None = None
    best_year: int | None = None
    for m in mentions:
        if m.extras.get("lunar") or m.form == "quarter" or not any(s <= m.start < e for s, e in body):
            continue
        if _is_plan(text, m.start):
            continue
        if m.form == "half" and m.year is not None and m.deixis is None:
            candidate = dt.date(m.year, m.extras["months"][1], 1)
        elif m.form in ("year", "bare_year") and m.year is not None and m.mod is None:
            year = m.year2 or m.year
            best_year = year if best_year is None else max(best_year, year)
            continue
        elif m.year is None or m.month is None:
            continue
        else:
            year, month, day = (m.year2, m.month2, m.day2) if m.year2 and m.month2 else (m.year, m.month, m.day)
            candidate = dt.date(year, month, day or 1)
        if best is None or candidate > best:
            best = candidate
    if best is None and best_year is not None:
        best = dt.date(best_year, 12, 31)
    if best is None:
        return None
    return _lead_day(text, mentions, body, best) or best


def _lead_day(text: str, mentions: list[Mention], body: list[tuple[int, int]], anchor: dt.date) -> dt.date | None:
    """The day-and-month (no year) the lead paragraph reports, in the anchor's year."""
    lead = None
    for start, end in body:
        pos = start
        while pos < end:
            line_end = text.find("\n", pos, end)
            line_end = end if line_end < 0 else line_end
            if line_end - pos >= _LEAD_MIN_CHARS:
                lead = (pos, line_end)
                break
            pos = line_end + 1
        if lead:
            break
    if lead is None:
        return None
    for m in mentions:
        if not lead[0] <= m.start < lead[1]:
            continue
        if m.day is None or m.month is None or m.year is not None or m.extras.get("lunar") \
                or m.form in ("day_rel", "pod_rel") or _is_plan(text, m.start) \
                or left_match(text, m.start, _LEFT_DEADLINE):
            continue
        year = anchor.year - 1 if m.month - anchor.month > 7 else anchor.year
        if valid_day(m.day, m.month, year):
            return dt.date(year, m.month, m.day)
        return None
    return None


def as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def explicit_days(text: str, mentions: list[Mention]) -> list[tuple[int, int, int, int, int]]:
    found = []
    for m in mentions:
        if m.year is not None and m.day is not None and m.month is not None and not m.extras.get("lunar"):
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            found.append((line_start, line_end, m.day, m.month, m.year))
            if m.day2 is not None and m.year2 is not None:
                found.append((line_start, line_end, m.day2, m.month2, m.year2))
    return found


def _inside_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation opened earlier on its line."""
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return line.count('"') % 2 == 1 or line.rfind("“") > line.rfind("”")
