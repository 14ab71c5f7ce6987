"""How exports are written: progress, cancel, verification before done, atomic replacement, detections
from the cache or the pipeline, scope errors, a golden native file, and no Qt anywhere."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from export_testkit import annotate, fake_analysis, find, make_project, populate

from rusus_desktop.export import (
    FORMATS,
    ExportCancelled,
    ExportError,
    ExportOptions,
    ExportScope,
    collect,
    export_project,
    run_export,
)
from rusus_desktop.export import runner as runner_module
from rusus_desktop.export.model import OutFile

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "export" / "golden-native.json"


@pytest.fixture
def store():
    s = make_project()
    populate(s)
    return s


def _hidden(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_progress_reaches_the_end(store, tmp_path, fmt):
    calls = []
    out = tmp_path / ("out" + (FORMATS[fmt].suffix or ""))
    export_project(store, fmt, out, options=ExportOptions(detections=True), analyze=fake_analysis,
                   progress=lambda done, total, message: calls.append((done, total, message)))
    assert calls and calls[-1][0] == calls[-1][1] and calls[-1][2] == "Done"
    assert all(0 <= d <= t for d, t, _ in calls)
    assert [d for d, _, _ in calls] == sorted(d for d, _, _ in calls)
    assert any("Detecting entities" in m for _, _, m in calls)
    assert not _hidden(tmp_path)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cancel_leaves_the_destination_as_it_was(store, tmp_path, fmt):
    out = tmp_path / ("out" + (FORMATS[fmt].suffix or ""))
    if FORMATS[fmt].folder:
        export_project(store, fmt, out)
        before = {p.name: p.read_bytes() for p in out.iterdir()}
    else:
        out.write_bytes(b"previous export")
    polls = {"n": 0}

    def cancelled():
        polls["n"] += 1
        return polls["n"] > 3

    with pytest.raises(ExportCancelled):
        export_project(store, fmt, out, options=ExportOptions(detections=True), analyze=fake_analysis,
                       cancelled=cancelled)
    if FORMATS[fmt].folder:
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    else:
        assert out.read_bytes() == b"previous export"
    assert not _hidden(tmp_path)


def test_cancel_while_writing_a_brat_folder(store, tmp_path):
    snapshot = collect(store, "brat")
    polls = {"n": 0}

    def cancelled():
        polls["n"] += 1
        return polls["n"] > len(snapshot.documents) + 3  # passes formatting, stops among the files

    with pytest.raises(ExportCancelled):
        run_export(snapshot, "brat", tmp_path / "brat", cancelled=cancelled)
    assert not (tmp_path / "brat").exists() and not _hidden(tmp_path)


def test_a_file_that_does_not_read_back_as_intended_is_not_reported_done(store, tmp_path, monkeypatch):
    out = tmp_path / "a.json"
    out.write_bytes(b"previous export")
    real = FORMATS["json"].build

    def corrupting_build(snapshot, detections, tick):
        built = real(snapshot, detections, tick)
        good = built.files[0]
        # Simulate a file system that returns something else than was written.
        built.files[0] = OutFile(good.name, good.data, lambda raw: good.check(raw.replace(b"Quote", b"Qu0te")))
        return built

    monkeypatch.setitem(FORMATS, "json", replace(FORMATS["json"], build=corrupting_build))
    with pytest.raises(ExportError, match="reads back different"):
        export_project(store, "json", out)
    assert out.read_bytes() == b"previous export" and not _hidden(tmp_path)


def test_destination_errors(store, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export_project(store, "json", tmp_path)
    with pytest.raises(ExportError, match="does not exist"):
        export_project(store, "csv", tmp_path / "missing" / "a.csv")
    (tmp_path / "f").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_project(store, "brat", tmp_path / "f")
    with pytest.raises(ExportError, match="Unknown export format"):
        export_project(store, "xml", tmp_path / "a.xml")
    with pytest.raises(ExportError, match="No tag named 'Nope'"):
        export_project(store, "json", tmp_path / "a.json", ExportScope(tag_names=("Nope",)))


def test_detections_come_from_the_cache_when_present(store, tmp_path):
    docs = store.documents()
    cached = fake_analysis(store.document(docs[0].id).text)
    cached["entities"] = cached["entities"][:1]
    store.store_analysis(docs[0].id, "test-v1", cached)
    analysed = []

    def analyze(text, published=None):
        analysed.append(text)
        return fake_analysis(text)

    out = tmp_path / "d.json"
    export_project(store, "json", out, options=ExportOptions(detections=True), analyze=analyze, version="test-v1")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"][0]["entities"]) == 1  # the cached result, not a fresh run
    assert len(analysed) == 2 and store.document(docs[0].id).text not in analysed


def test_without_a_pipeline_detections_fail_clearly(store, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rusus_desktop.nlp.pipeline", None)  # import fails
    with pytest.raises(ExportError, match="NLP pipeline is not available"):
        export_project(store, "conll", tmp_path / "a.conll")
    assert not (tmp_path / "a.conll").exists()
    export_project(store, "json", tmp_path / "a.json")  # no detections asked: fine without it


def test_pipeline_objects_with_to_json_are_accepted(store, tmp_path):
    class Analysis:
        def __init__(self, text):
            self.text = text

        def to_json(self):
            return fake_analysis(self.text)

    result = export_project(store, "conll", tmp_path / "a.conll", analyze=lambda t, p=None: Analysis(t))
    assert result.entities > 0
    assert runner_module._as_json(Analysis("Nga")) == fake_analysis("Nga")


def test_bad_detected_spans_are_dropped_and_reported(store, tmp_path):
    def broken(text, published=None):
        return {"entities": [{"start": 0, "end": 4, "text": "sai!", "label": "PER"},
                             {"start": 5, "end": len(text) + 3, "text": "x", "label": "LOC"}], "dates": []}

    result = export_project(store, "json", tmp_path / "a.json", options=ExportOptions(detections=True),
                            analyze=broken)
    assert result.entities == 0 and "did not match the text" in result.summary()


def _golden_project():
    s = make_project(default_tags=True)
    doc = s.document(s.documents()[0].id)
    annotate(s, doc.id, *find(doc.text, "Vladimir Putin"), "Quote", note="Người nói chính", n=1,
             ann_id="0f5c1b1e9a8d4b2c8e7f6a5b4c3d2e1f")
    annotate(s, doc.id, *find(doc.text, "kiểm soát vũ khí"), "Arms control", n=2, author="Lan",
             ann_id="1a2b3c4d5e6f40718293a4b5c6d7e8f9")
    return s


def test_golden_native_file(tmp_path):
    out = tmp_path / "g.json"
    export_project(_golden_project(), "json", out, ExportScope(tag_names=("Quote", "Arms control")),
                   ExportOptions(with_text=True))
    produced = json.loads(out.read_text(encoding="utf-8"))
    produced["exported_at"] = "2024-07-26T08:00:00Z"
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert produced == golden


def test_export_and_import_never_import_qt():
    code = ("import sys; sys.modules['PySide6'] = None; sys.modules['qtawesome'] = None\n"
            "import rusus_desktop.export, rusus_desktop.export.importer\n"
            "import rusus_desktop.cli.export, rusus_desktop.cli.import_\n"
            "assert not [m for m in sys.modules if m.startswith('rusus_desktop.ui')]\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_exported_detections_follow_the_analysts_verdicts(store, tmp_path):
    from rusus_desktop.store.feedback import Suggestion, apply_verdict, plan_reject

    doc = store.document(store.documents()[0].id)
    entities = fake_analysis(doc.text)["entities"]
    rejected = entities[1]
    apply_verdict(store, plan_reject(store, Suggestion(doc.id, rejected["start"], rejected["end"],
                                                       rejected["text"], rejected["label"])))
    out = tmp_path / "d.json"
    export_project(store, "json", out, options=ExportOptions(detections=True), analyze=fake_analysis)
    exported = json.loads(out.read_text(encoding="utf-8"))["documents"][0]["entities"]
    assert rejected["text"] not in [e["text"] for e in exported]
    assert len(exported) == len([e for e in entities if e["text"] != rejected["text"]]) > 0


def test_the_real_pipeline_gets_the_published_date_as_a_date(tmp_path, monkeypatch):
    import datetime as dt

    from rusus_desktop.nlp import pipeline

    s = make_project(texts=("---\ntitle: Tin\npublished: 2021-06-16\n---\nNga và Mỹ.",))
    seen = []

    def spy(text, published=None, feedback=None):
        seen.append(published)
        return fake_analysis(text)

    monkeypatch.setattr(pipeline, "analyze", spy)
    export_project(s, "conll", tmp_path / "a.conll", version="never-cached")
    assert seen == [dt.date(2021, 6, 16)]
