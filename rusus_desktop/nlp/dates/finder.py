"""Finding mentions line by line: cores, expansion, leftmost-longest selection, datetimes."""
from __future__ import annotations

from dataclasses import replace

from rusus_desktop.nlp.dates.context import (
    HAS_TEMPORAL_WORD,
    JOIN_DATE_TIME,
    JOIN_TIME_DATE,
    LEFT_WEEKDAY,
    expand,
    left_match,
)
from rusus_desktop.nlp.dates.grammar import CORE_RES, Mention, core_mention
from rusus_desktop.nlp.dates.values import apply_pod


def find_mentions(text: str) -> list[Mention]:
    """All mentions in ``text``, line by line: no expression spans a line break."""
    mentions: list[Mention] = []
    line_start = 0
    for line in text.split("\n"):
        if any(char.isdigit() for char in line) or HAS_TEMPORAL_WORD.search(line):
            for m in _find_line_mentions(line):
                m.start += line_start
                m.end += line_start
                mentions.append(m)
        line_start += len(line) + 1
    return mentions


def _find_line_mentions(text: str) -> list[Mention]:
    candidates: list[Mention] = []
    for core_re in CORE_RES:
        pos = 0
        # Retry from the next position after each match, so that a core rejected here (a
        # fraction, say) does not hide a valid one that starts inside it.
        while True:
            match = core_re.search(text, pos)
            if not match:
                break
            core = core_mention(match)
            if core is not None:
                expanded = expand(text, core, match.start(match.lastgroup))
                if expanded is not None:
                    candidates.append(expanded)
            pos = match.start() + 1
    return _merge_datetimes(text, _select(candidates))


def _select(candidates: list[Mention]) -> list[Mention]:
    """Leftmost-longest choice among overlapping candidates."""
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[Mention] = []
    for c in candidates:
        if chosen and c.start < chosen[-1].end:
            continue
        chosen.append(c)
    return chosen


def _merge_datetimes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join a clock time and the date beside it into one datetime mention."""
    merged: list[Mention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None:
            gap = text[m.end:nxt.start]
            if m.form == "clock" and m.tz is None and _is_day_date(nxt) and JOIN_TIME_DATE.fullmatch(gap):
                weekday = left_match(text, m.start, LEFT_WEEKDAY)
                if weekday and merged and merged[-1].form == "weekday" and merged[-1].start == weekday.start():
                    merged.pop()  # "Chủ Nhật, 15:30, 12/03/2023": the weekday joins the datetime
                start = weekday.start() if weekday and (not merged or merged[-1].end <= weekday.start()) else m.start
                merged.append(_combine(nxt, m, start, nxt.end))
                i += 2
                continue
            if _is_day_date(m) and nxt.form == "clock" and m.hour is None and JOIN_DATE_TIME.fullmatch(gap) \
                    and (m.year is not None or "lúc" in gap.lower() or m.form == "day_rel"):
                merged.append(_combine(m, nxt, m.start, nxt.end))
                i += 2
                continue
        merged.append(m)
        i += 1
    return merged


def _is_day_date(m: Mention) -> bool:
    return (m.form in ("dmy", "dm", "dm_words", "iso") or (m.form in ("day_rel", "pod_rel") and m.unit == "day")) \
        and m.day2 is None


def _combine(date_part: Mention, time_part: Mention, start: int, end: int) -> Mention:
    hour = time_part.hour
    pod = time_part.pod or date_part.pod
    if pod:
        hour = apply_pod(hour, pod)
    return replace(date_part, start=start, end=end, hour=hour, minute=time_part.minute,
                   second=time_part.second, tz=time_part.tz, pod=None, cued=True,
                   extras=dict(date_part.extras))
