"""Detected entities and dates as the analyst should see them: the project's verdicts applied.

The analysis cache holds what the pipeline found; :func:`visible_analysis` hides rejected strings,
relabels corrected ones, puts corrected spans in place, and suggests strings the analyst accepted
elsewhere where the pipeline missed them (:class:`~rusus_desktop.store.feedback.FeedbackIndex`).
Views and counts use the result, so a rejected suggestion is neither shown nor counted.
"""
from __future__ import annotations

from dataclasses import replace

from rusus_desktop.nlp.types import DateSpan, EntitySpan
from rusus_desktop.store.feedback import FeedbackIndex, Suggestion


def suggestions_of(analysis, doc_id: str) -> list[Suggestion]:
    if analysis is None:
        return []
    out = [Suggestion(doc_id, e.start, e.end, e.text, e.label, "entity") for e in analysis.entities]
    out += [Suggestion(doc_id, d.start, d.end, d.text, d.kind or "date", "date") for d in analysis.dates]
    return out


def visible_analysis(analysis, index: FeedbackIndex | None, doc_id: str, text: str):
    """``analysis`` with the project's verdicts applied (the same object when there are none)."""
    if analysis is None or index is None or not (index.rejected or index.relabelled or index.corrections):
        return analysis
    visible = index.visible(suggestions_of(analysis, doc_id), doc_id=doc_id, text=text)
    dates_by_span = {(d.start, d.end): d for d in analysis.dates}
    entities, dates = [], []
    for s in visible:
        if s.layer == "entity":
            entities.append(EntitySpan(s.start, s.end, s.text, s.label))
        else:
            d = dates_by_span.get((s.start, s.end))
            dates.append(d if d is not None else DateSpan(s.start, s.end, s.text, s.label, None))
    return replace(analysis, entities=tuple(entities), dates=tuple(dates))


def suggestion_at(analysis, doc_id: str, position: int) -> list[Suggestion]:
    """The (visible) suggestions covering code point ``position``."""
    return [s for s in suggestions_of(analysis, doc_id) if s.start <= position < s.end]
