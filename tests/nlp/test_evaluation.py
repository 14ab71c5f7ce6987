"""Scoring helpers shared by the quality floors and benchmarks/evaluate_quality.py."""
from __future__ import annotations

from rusus_desktop.nlp.evaluation import PRF, char_prf, span_prf, total, value_accuracy
from rusus_desktop.nlp.types import DateSpan


def test_span_prf_counts_exact_matches_of_dataclasses_and_dicts():
    predicted = [DateSpan(0, 4, "x", "date", "2021", None), DateSpan(10, 12, "y", "date", None, None)]
    gold = [{"start": 0, "end": 4}, {"start": 20, "end": 25}]
    score = span_prf(predicted, gold)
    assert (score.true_positives, score.predicted, score.gold) == (1, 2, 2)
    assert score.f1 == 0.5


def test_span_prf_with_labels():
    predicted = [{"start": 0, "end": 4, "label": "PER"}]
    assert span_prf(predicted, [{"start": 0, "end": 4, "label": "ORG"}], ("start", "end", "label")).f1 == 0.0


def test_value_accuracy_counts_missed_spans_as_wrong():
    predicted = [DateSpan(0, 4, "x", "date", "2021", None)]
    gold = [{"start": 0, "end": 4, "value": "2021"}, {"start": 5, "end": 9, "value": "2022"}]
    assert value_accuracy(predicted, gold) == (1, 2)


def test_char_prf_and_pooling():
    score = char_prf([(0, 10), (20, 30)], [[5, 25]])
    assert (score.true_positives, score.predicted, score.gold) == (10, 20, 20)
    assert total([PRF(1, 2, 2), PRF(1, 2, 2)]) == PRF(2, 4, 4)
    assert PRF(0, 0, 0).f1 == 1.0
