"""Scoring detections against hand-annotated gold: span P/R/F1, value accuracy, character F1.

Shared by the test floors (``tests/nlp``) and ``benchmarks/evaluate_quality.py`` so that both
print the same figures. Spans are compared as exact ``(start, end)`` pairs, optionally with a
label; "value accuracy" is the share of *gold* date expressions found with exactly the right
span and value, so a missed expression counts as a wrong value.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["PRF", "span_prf", "value_accuracy", "char_prf", "total"]


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts behind a precision/recall/F1 figure (kept so documents can be pooled)."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.true_positives + other.true_positives, self.predicted + other.predicted,
                   self.gold + other.gold)


def total(scores: Iterable[PRF]) -> PRF:
    """Micro-average: pool the counts of several documents."""
    pooled = PRF(0, 0, 0)
    for score in scores:
        pooled = pooled + score
    return pooled


def _key(item, fields: Sequence[str]) -> tuple:
    if isinstance(item, dict):
        return tuple(item[f] for f in fields)
    return tuple(getattr(item, f) for f in fields)


def span_prf(predicted: Iterable, gold: Iterable, fields: Sequence[str] = ("start", "end")) -> PRF:
    """Exact-match P/R/F1 of spans.

    Args:
        predicted: Detected spans (dataclasses such as ``DateSpan`` or dicts from JSON).
        gold: Gold spans, same shape.
        fields: What must agree for a match: ``("start", "end")`` for spans only,
            ``("start", "end", "label")`` for entities with their label.
    """
    predicted_keys = {_key(p, fields) for p in predicted}
    gold_keys = {_key(g, fields) for g in gold}
    return PRF(len(predicted_keys & gold_keys), len(predicted_keys), len(gold_keys))


def value_accuracy(predicted: Iterable, gold: Iterable) -> tuple[int, int]:
    """``(right, total)``: gold date expressions found with the exact span and value."""
    found = {(_key(p, ("start", "end"))): _key(p, ("value",))[0] for p in predicted}
    gold_list = list(gold)
    right = sum(1 for g in gold_list if found.get(_key(g, ("start", "end")), object()) == _key(g, ("value",))[0])
    return right, len(gold_list)


def _length(ranges: Iterable[Sequence[int]]) -> int:
    return sum(end - start for start, end in _merged(ranges))


def _merged(ranges: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def char_prf(predicted: Iterable[Sequence[int]], gold: Iterable[Sequence[int]]) -> PRF:
    """Character-level P/R/F1 of two sets of ranges (e.g. article body)."""
    predicted_ranges, gold_ranges = _merged(predicted), _merged(gold)
    overlap = 0
    i = j = 0
    while i < len(predicted_ranges) and j < len(gold_ranges):
        (ps, pe), (gs, ge) = predicted_ranges[i], gold_ranges[j]
        overlap += max(0, min(pe, ge) - max(ps, gs))
        if pe < ge:
            i += 1
        else:
            j += 1
    return PRF(overlap, _length(predicted_ranges), _length(gold_ranges))
