"""Vietnamese temporal expressions: find them and normalise them to ISO 8601 / TIMEX3 values.

The finder is finite-state and runs in four passes over the canonical text, one module each:

1. **Cores** (``grammar``). One precompiled regex per rule finds the heart of every expression:
   a numeric day/month ("16/6", "17.7", "12-3"), a full date, a month ("tháng 3/2011"), a year
   ("năm 2011"), a quarter, a century, a clock time ("20h30", "08:54"), a deictic phrase
   ("năm nay", "tuần trước", "cùng ngày"), a weekday, a lunar date ("mùng 1 Tết", "23 tháng
   Chạp") or a duration ("9 tháng", "hai thập kỷ", "2-3 tháng").
2. **Expansion** (``context``). Each core grows over the words that belong to the expression:
   head words ("ngày", "hôm", "sáng"), a weekday ("Thứ Hai,"), a modifier ("đầu", "giữa",
   "cuối"), a deictic tail ("tới", "vừa qua"), a time zone, "âm lịch". Prepositions ("vào",
   "từ", "trước") are only read as cues and stay outside the span. Ambiguous cores that found
   no cue (a bare "1/3", "2.1", "2-1") are dropped here: that is where fractions, versions,
   scores, document numbers ("Nghị định 15/2021/NĐ-CP") and years inside names go.
3. **Selection and merging** (``finder``). Overlaps are settled leftmost-longest; a clock time
   next to a date becomes one datetime ("14/04/2021 - 08:54", "20h30 ngày 1/4").
4. **Resolution** (``resolution``, ``lunar``). Values are computed in document order against an
   anchor: the published date if given, else the document's own dateline (``dateline``), else
   its latest explicit date in the article body. Anaphoric phrases ("cùng ngày") take the date
   the narrative mentioned just before (not one inside quoted speech); lunar dates go through
   the Vietnamese lunisolar calendar.

Values follow the annotation guide: ISO 8601 at the precision written, TIMEX3 suffixes for
parts of the day (``TMO``, ``TMI``, ``TAF``, ``TEV``, ``TNI``), ``2022-Q3``, ``2022-H1``,
``2022-W29``, centuries ``19``, decades ``199``, durations ``P9M``/``PT2H``/``PXD`` (a range of
them ``P2M/P3M``), and ``XXXX-06-16`` for a day whose year nothing in the document gives.
"""
from __future__ import annotations

import datetime as dt

from rusus_desktop.nlp.dates.dateline import find_dateline
from rusus_desktop.nlp.dates.finder import find_mentions
from rusus_desktop.nlp.dates.resolution import Resolver, as_date, explicit_days, infer_anchor
from rusus_desktop.nlp.types import DateSpan

__all__ = ["find_dates", "find_dateline"]


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
    mentions = find_mentions(text)
    anchor = as_date(published) or as_date(find_dateline(text)) or infer_anchor(text, mentions)
    explicit = explicit_days(text, mentions)
    resolver = Resolver(text, anchor, explicit)
    spans = []
    for m in mentions:
        kind, value, mod = resolver.resolve(m)
        spans.append(DateSpan(m.start, m.end, text[m.start:m.end], kind, value, mod))
    return spans
