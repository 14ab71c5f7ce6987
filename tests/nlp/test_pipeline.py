"""The pipeline generator: progress, cancellation, the Analysis it ends with, and no Qt."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

from rusus_desktop.nlp.pipeline import PIPELINE_VERSION, analyze, iter_analyze, resolve_overlaps
from rusus_desktop.nlp.types import Analysis, DateSpan, EntitySpan

TEXT = ("Tổng thống Nga Vladimir Putin và người đồng cấp Mỹ Joe Biden gặp nhau tại Geneva ngày 16/6.\n"
        "Ngoại trưởng Nga Sergey Lavrov cho biết hai bên sẽ đối thoại. ") * 40


def test_yields_progress_then_one_analysis():
    items = list(iter_analyze(TEXT, dt.date(2021, 6, 20)))
    progress, final = items[:-1], items[-1]
    assert isinstance(final, Analysis)
    assert progress and all(isinstance(p, tuple) and len(p) == 2 for p in progress)
    done = [d for d, _ in progress]
    assert done == sorted(done) and progress[-1] == (len(TEXT), len(TEXT))
    assert final.pipeline_version == PIPELINE_VERSION


def test_cancel_stops_between_batches_without_a_result():
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    items = list(iter_analyze(TEXT, cancelled=cancelled))
    assert items and not any(isinstance(i, Analysis) for i in items)
    assert items[-1][0] < len(TEXT)


def test_analysis_has_entities_dates_and_body_apart():
    result = analyze(TEXT, dt.date(2021, 6, 20))
    labels = {(e.text, e.label) for e in result.entities}
    assert {("Vladimir Putin", "PER"), ("Nga", "LOC"), ("Geneva", "LOC")} <= labels
    assert any(d.text == "ngày 16/6" and d.value == "2021-06-16" for d in result.dates)
    assert result.body
    for e in result.entities:
        assert not any(e.start < d.end and d.start < e.end for d in result.dates)
    assert Analysis.from_json(result.to_json()) == result


def test_feedback_reaches_the_entities():
    result = analyze("Ông Putin nói.", feedback={"Putin": None})
    assert not result.entities


def test_empty_text():
    result = analyze("")
    assert result.entities == () and result.dates == ()


def test_an_entity_overlapping_a_date_is_dropped():
    entity = EntitySpan(10, 17, "tháng 6", "LOC")
    date = DateSpan(10, 17, "tháng 6", "date", "2021-06")
    assert resolve_overlaps([entity], [date]) == ([], [date])


def test_a_year_inside_an_event_name_is_not_a_date():
    entity = EntitySpan(0, 19, "Olympic Paris 2024", "MISC")
    date = DateSpan(15, 19, "2024", "date", "2024")
    assert resolve_overlaps([entity], [date]) == ([entity], [])


def test_importing_the_pipeline_does_not_import_qt():
    code = ("import sys, rusus_desktop.nlp.pipeline, rusus_desktop.cli.analyze\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]")
    subprocess.run([sys.executable, "-c", code], check=True)
