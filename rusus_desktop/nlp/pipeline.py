"""The whole NLP pipeline for one document: entities, dates and article body.

:func:`iter_analyze` is the Qt-free generator the window's worker drives (STYLE §3.7): it
yields ``(done_chars, total_chars)`` after every batch of sentences, checks
``cancelled()`` between batches, and finally yields the :class:`Analysis`.
:func:`analyze` runs it to the end. The store caches ``Analysis.to_json()`` under the
text's hash and :data:`PIPELINE_VERSION`, so bump the version whenever any output changes.

Runs on whatever thread calls it; must not touch the Store or any widget.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence

from rusus_desktop.nlp.body import find_body
from rusus_desktop.nlp.crf import iter_crf_tokens
from rusus_desktop.nlp.dates import find_dates
from rusus_desktop.nlp.entities import find_entities
from rusus_desktop.nlp.types import Analysis, DateSpan, EntitySpan, Token

# Bump on any change to what the pipeline outputs (rules, lists, models, the components
# it calls): cached analyses with another version are recomputed.
PIPELINE_VERSION = "5"

Progress = tuple[int, int]  # (done_chars, total_chars)
Feedback = Mapping[str, str | None]


def iter_analyze(text: str, published: dt.date | dt.datetime | None = None,
                 cancelled: Callable[[], bool] = lambda: False, *,
                 feedback: Feedback | None = None) -> Iterator[Progress | Analysis]:
    """Analyse ``text`` step by step.

    Args:
        text: Canonical document text.
        published: The document's date, which anchors bare and relative dates
            ("ngày 16/6", "năm nay"); None lets the date finder use the dateline.
        cancelled: Polled between sentence batches; once it returns True the generator
            stops without yielding an Analysis.
        feedback: The analyst's accepted/rejected entity strings (see ``find_entities``).

    Yields:
        ``(done_chars, total_chars)`` progress tuples, then one :class:`Analysis`.
    """
    tokens: list[Token] = []
    for batch in iter_crf_tokens(text, cancelled=cancelled):
        tokens.extend(batch.tokens)
        yield batch.done_chars, batch.total_chars
    if cancelled():
        return
    yield _finish(text, tokens, published, feedback)


def analyze(text: str, published: dt.date | dt.datetime | None = None,
            feedback: Feedback | None = None) -> Analysis:
    """Run the whole pipeline on ``text`` and return its :class:`Analysis` (see :func:`iter_analyze`)."""
    result = None
    for item in iter_analyze(text, published, feedback=feedback):
        result = item
    assert isinstance(result, Analysis)
    return result


def _finish(text: str, tokens: Sequence[Token], published: dt.date | dt.datetime | None,
            feedback: Feedback | None) -> Analysis:
    dates = find_dates(text, published)
    entities = find_entities(text, tokens, feedback=feedback)
    entities, dates = resolve_overlaps(entities, dates)
    return Analysis(entities=tuple(entities), dates=tuple(dates), body=tuple(find_body(text)),
                    pipeline_version=PIPELINE_VERSION)


def resolve_overlaps(entities: Sequence[EntitySpan],
                     dates: Sequence[DateSpan]) -> tuple[list[EntitySpan], list[DateSpan]]:
    """Keep the two layers apart: an entity that overlaps a date is dropped.

    The one exception is a bare year inside an event's or organisation's name
    ("ASEAN Cup 2024", "Olympic Paris 2024"): the guide says that is not a date, so
    there the date goes and the name stays.
    """
    kept_dates: list[DateSpan] = []
    for date in dates:
        inside_name = any(e.start <= date.start and date.end <= e.end and e.label in ("MISC", "ORG")
                          and date.text.isdigit() for e in entities)
        if not inside_name:
            kept_dates.append(date)
    kept_entities = [e for e in entities
                     if not any(e.start < d.end and d.start < e.end for d in kept_dates)]
    return kept_entities, kept_dates
