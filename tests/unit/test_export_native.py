"""Native JSON export: the shape the issue specifies, its JSON Schema, and the round trip through import."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from export_testkit import (
    annotation_rows,
    document_rows,
    fake_analysis,
    load,
    make_project,
    populate,
    projects,
    tag_rows,
)
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from rusus_desktop.corpus.text import text_sha256
from rusus_desktop.export import ExportOptions, ExportScope, export_project, import_file
from rusus_desktop.export.schema import native_schema
from rusus_desktop.store import Store

ISSUE_TOP_KEYS = ["format", "version", "exported_at", "offsets", "tagset", "documents"]
ISSUE_DOC_KEYS = ["id", "path", "title", "source", "published", "text_sha256", "length", "annotations"]
ISSUE_ANN_KEYS = ["id", "start", "end", "quote", "prefix", "suffix", "tag", "note", "author", "created",
                  "modified", "origin"]


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(native_schema())


def test_export_has_the_documented_shape(tmp_path):
    store = make_project()
    populate(store)
    out = tmp_path / "a.json"
    result = export_project(store, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ISSUE_TOP_KEYS
    assert data["format"] == "rusus-annotations" and data["version"] == 1
    assert data["offsets"] == "unicode-codepoints-nfc"
    assert data["exported_at"].endswith("Z")
    assert [t["name"] for t in data["tagset"]] == [t.name for t in store.tags()]
    assert set(data["tagset"][0]) == {"name", "color", "description", "hotkey"}
    for doc in data["documents"]:
        assert list(doc) == ISSUE_DOC_KEYS  # no text, no detections unless asked
        text = store.document(doc["id"]).text
        assert doc["text_sha256"] == text_sha256(text) and doc["length"] == len(text)
        for ann in doc["annotations"]:
            assert list(ann) == ISSUE_ANN_KEYS
            assert text[ann["start"]:ann["end"]] == ann["quote"]
            assert len(ann["prefix"]) <= 32 and len(ann["suffix"]) <= 32
            assert text[:ann["start"]].endswith(ann["prefix"]) and text[ann["end"]:].startswith(ann["suffix"])
    Draft202012Validator(native_schema()).validate(data)
    assert result.annotations == len(store.annotations()) == 7
    assert result.documents == 3


def test_with_text_and_detections(tmp_path):
    store = make_project()
    populate(store)
    out = tmp_path / "full.json"
    result = export_project(store, "json", out, options=ExportOptions(with_text=True, detections=True),
                            analyze=fake_analysis)
    data = json.loads(out.read_text(encoding="utf-8"))
    for doc in data["documents"]:
        assert list(doc) == ISSUE_DOC_KEYS[:6] + ["length", "text", "annotations", "entities", "dates"]
        assert text_sha256(doc["text"]) == doc["text_sha256"]
        for span in doc["entities"]:
            assert set(span) == {"start", "end", "text", "label"}
            assert doc["text"][span["start"]:span["end"]] == span["text"]
        assert doc["entities"] == fake_analysis(doc["text"])["entities"]
    assert result.entities == sum(len(d["entities"]) for d in data["documents"]) > 0


def test_scope_one_document_and_selected_tags(tmp_path):
    store = make_project()
    populate(store)
    first = store.documents()[0].id
    out = tmp_path / "one.json"
    export_project(store, "json", out, ExportScope(document_ids=(first,)))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == [first]
    assert len(data["documents"][0]["annotations"]) == len(store.annotations(first))

    out = tmp_path / "tags.json"
    export_project(store, "json", out, ExportScope(tag_names=("Quote", "Sanctions")))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [t["name"] for t in data["tagset"]] == ["Sanctions", "Quote"]  # project order
    tags = {a["tag"] for d in data["documents"] for a in d["annotations"]}
    assert tags == {"Quote", "Sanctions"}
    assert len(data["documents"]) == 2  # the document without those tags is left out


def test_round_trip_into_an_empty_project(tmp_path):
    store = make_project()
    populate(store)
    out = tmp_path / "rt.json"
    export_project(store, "json", out, options=ExportOptions(with_text=True))
    with Store(tmp_path / "empty.rusus", default_tags=False) as target:
        report = import_file(target, out)
        assert report.added == 7 and report.updated == 0 and not report.skipped
        assert report.documents_added == 3
        assert annotation_rows(target) == annotation_rows(store)
        assert tag_rows(target) == tag_rows(store)
        assert document_rows(target) == document_rows(store)
        again = import_file(target, out)  # idempotent
        assert (again.added, again.updated, len(again.skipped)) == (0, 0, 7)
        assert annotation_rows(target) == annotation_rows(store)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_round_trip_property(project):
    docs, tags, anns = project
    source = load(docs, tags, anns)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "p.json"
        export_project(source, "json", out, options=ExportOptions(with_text=True))
        target = Store(None, default_tags=False)
        report = import_file(target, out)
        assert report.added == len(anns)
        assert annotation_rows(target) == annotation_rows(source)
        assert tag_rows(target) == tag_rows(source)
        assert document_rows(target) == document_rows(source)
        for a in target.annotations():
            assert target.document(a.doc_id).text[a.start:a.end] == a.quote


def test_orphaned_annotations_are_left_out_and_counted(tmp_path):
    from dataclasses import replace

    store = make_project()
    anns = populate(store)
    store.update_annotation(replace(anns[0], status="orphaned"))
    result = export_project(store, "json", tmp_path / "o.json")
    assert result.annotations == len(anns) - 1 and result.left_out == 1
    assert "await review" in result.summary()
