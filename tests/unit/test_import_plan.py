"""The import split in two: a pure planning phase (any thread, progress, cancel) on a snapshot of the
project, and an apply phase in one transaction that checks the project again. Plus the pieces it
leans on: chunked schema validation (same problems as validating the file whole), the Store's bulk
annotation writes, load_corpus's progress and cancel, and the faster diacritic folding."""
from __future__ import annotations

import copy
import json
import sys
from dataclasses import replace

import pytest
from export_testkit import annotation_rows, make_project, populate

from rusus_desktop.corpus.reader import LoadCancelled, load_corpus
from rusus_desktop.errors import RususError
from rusus_desktop.export import (
    ExportOptions,
    ImportCancelled,
    InvalidImport,
    ProjectChanged,
    apply_plan,
    export_project,
    import_data,
    plan_import,
    plan_import_file,
    take_snapshot,
)
from rusus_desktop.export import schema as schema_module
from rusus_desktop.store import Store


def _export(store, tmp_path, **options):
    out = tmp_path / "x.json"
    export_project(store, "json", out, options=ExportOptions(**options))
    return out, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def source():
    store = make_project()
    populate(store)
    yield store
    store.close()


def test_plan_then_apply_is_what_import_data_does(source, tmp_path):
    out, data = _export(source, tmp_path, with_text=True)
    a, b = Store(None, default_tags=False), Store(None, default_tags=False)
    plan = plan_import_file(out, take_snapshot(a))
    assert plan.preview() == (7, 0, 0)
    report = apply_plan(a, plan)
    expected = import_data(b, data, str(out))
    assert report.summary() == expected.summary()
    assert annotation_rows(a) == annotation_rows(b)
    # again: the snapshot now says everything is there, unchanged
    plan = plan_import_file(out, take_snapshot(a))
    assert plan.preview() == (0, 0, 7)
    again = apply_plan(a, plan)
    assert (again.added, again.updated, len(again.skipped), again.changed_meanwhile) == (0, 0, 7, 0)


def test_progress_is_reported_and_cancel_stops_before_anything_is_written(source, tmp_path):
    out, _ = _export(source, tmp_path, with_text=True)
    target = Store(None, default_tags=False)
    seen = []
    plan_import_file(out, take_snapshot(target), progress=lambda d, t, m: seen.append((d, t, m)))
    assert seen and all(0 <= d <= t for d, t, _ in seen)
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert any("schema" in m for _, _, m in seen) and any("offsets" in m for _, _, m in seen)
    with pytest.raises(ImportCancelled, match="not changed"):
        plan_import_file(out, take_snapshot(target), cancelled=lambda: True)
    calls = iter(range(10_000))
    with pytest.raises(ImportCancelled):  # cancelled half-way through the schema check
        plan_import_file(out, take_snapshot(target), cancelled=lambda: next(calls) > 3)
    assert target.annotations() == [] and target.document_count() == 0


def test_invalid_entries_are_named_by_the_planner(source, tmp_path):
    _, data = _export(source, tmp_path)
    data["documents"][0]["annotations"][2]["quote"] = "không khớp"
    target = make_project()
    with pytest.raises(InvalidImport) as caught:
        plan_import(data, take_snapshot(target), "x.json")
    [(where, why)] = caught.value.problems
    assert where.startswith("documents[0].annotations[2]") and "does not match" in why


def test_a_document_removed_meanwhile_refuses_the_whole_import(source, tmp_path):
    _, data = _export(source, tmp_path)
    target = make_project()
    before = annotation_rows(target)
    plan = plan_import(data, take_snapshot(target), "x.json")
    target.remove_document(target.documents()[2].id)  # the analyst removed it while the file was checked
    tags_before = target.tags()
    with pytest.raises(ProjectChanged, match="not changed"):
        apply_plan(target, plan)
    assert annotation_rows(target) == before and target.tags() == tags_before


def test_annotations_edited_meanwhile_are_decided_on_their_current_state(source, tmp_path):
    _, data = _export(source, tmp_path)
    target = make_project()
    import_data(target, data)
    newer = copy.deepcopy(data)
    first = newer["documents"][0]["annotations"][0]
    first.update(note="từ tệp", modified="2030-01-01T00:00:00Z")
    plan = plan_import(newer, take_snapshot(target), "x.json")
    assert plan.preview()[:2] == (0, 1)
    # meanwhile the analyst edits that annotation, later than the file's copy
    current = target.annotation(first["id"])
    target.update_annotation(replace(current, note="trong dự án", modified="2031-01-01T00:00:00Z"))
    report = apply_plan(target, plan)
    assert (report.added, report.updated, report.changed_meanwhile) == (0, 0, 1)
    assert target.annotation(first["id"]).note == "trong dự án"
    assert "changed in the project while the file was being checked" in report.summary()


def test_chunked_schema_check_finds_exactly_what_a_whole_file_check_finds(source, tmp_path, monkeypatch):
    _, data = _export(source, tmp_path, with_text=True)
    monkeypatch.setattr(schema_module, "CHUNK", 2)  # several chunks per document even here

    def whole(d):
        errors = sorted(schema_module._validator().iter_errors(d), key=lambda e: schema_module._sort_key(
            list(e.absolute_path)))
        return [(schema_module.entry_name(d, list(e.absolute_path)), schema_module._message(e)) for e in errors]

    mutations = [
        lambda d: d["documents"][0]["annotations"][1].update(start="x", extra=1),
        lambda d: d["documents"][0]["annotations"][2].pop("quote"),
        lambda d: d["documents"][1]["annotations"].append(7),
        lambda d: d["documents"][2].update(annotations="none"),
        lambda d: d["documents"][2].pop("title"),
        lambda d: d["documents"].append("not a document"),
        lambda d: d.update(documents={"a": 1}),
        lambda d: d.update(tagset=[{"name": 3}], unknown=True),
        lambda d: d["documents"][0].update(entities=[{"start": 0}], dates="x"),
        lambda d: [a.update(created="yesterday") for doc in d["documents"] for a in doc["annotations"]],
        lambda d: None,
    ]
    for mutate in mutations:
        bad = copy.deepcopy(data)
        mutate(bad)
        assert schema_module.validate_native(bad) == whole(bad)
    steps = []
    schema_module.validate_native(data, step=steps.append)
    assert sum(steps) == schema_module.count_items(data) == sum(len(d["annotations"]) for d in data["documents"])


def test_bulk_annotation_writes_match_the_single_ones(source):
    one, many = make_project(default_tags=False), make_project(default_tags=False)
    for tag in source.tags():
        one.add_tag(tag)
        many.add_tag(tag)
    anns = source.annotations()
    for a in anns:
        one.add_annotation(a)
    many.add_annotations(anns)
    assert annotation_rows(one) == annotation_rows(many) == annotation_rows(source)
    edited = [replace(a, note=f"sửa {i}", start=a.start, modified="2030-01-01T00:00:00Z") for i, a in enumerate(anns)]
    for a in edited:
        one.update_annotation(a)
    many.update_annotations(edited)
    assert annotation_rows(one) == annotation_rows(many) != annotation_rows(source)
    assert set(many.annotations_by_id([a.id for a in edited[:3]] + ["nope"])) == {a.id for a in edited[:3]}
    assert many.annotations_by_id([anns[0].id])[anns[0].id] == many.annotation(anns[0].id)
    assert many.add_annotations([]).ids == () and many.update_annotations([]).ids == ()


def test_load_corpus_progress_and_cancel(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Bài {i}\nNội dung số {i}.", encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    seen = []
    loaded = load_corpus([folder], progress=lambda d, t, p: seen.append((d, t, p)))
    plain = load_corpus([folder])
    assert loaded.documents == plain.documents and len(loaded.documents) == 5
    assert [(s.path, s.reason) for s in loaded.skipped] == [(s.path, s.reason) for s in plain.skipped]
    assert len(loaded.skipped) == 1
    assert [d for d, _, _ in seen] == list(range(7)) and {t for _, t, _ in seen} == {6}
    assert seen[-1][2] == "" and seen[0][2].endswith("0.txt")
    calls = iter(range(100))
    with pytest.raises(LoadCancelled):
        load_corpus([folder], cancelled=lambda: next(calls) >= 3)
    with pytest.raises(RususError, match="nothing was added"):
        load_corpus([folder], cancelled=lambda: True)


def test_folding_table_gives_the_per_character_result():
    from rusus_desktop.store import folding

    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert folding.fold(everything) == "".join(folding._fold_char(ch) for ch in everything)
    assert folding.fold("Thụy Sĩ hoà bình Đà Nẵng") == "thuy si hoa binh da nang"


def test_a_new_file_with_a_known_name_elsewhere_is_added_not_a_replacement(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "bai.txt").write_text("Bài một\nNội dung.", encoding="utf-8")
    (b / "bai.txt").write_text("Bài hai\nNội dung khác.", encoding="utf-8")
    store = Store(None)
    store.add_documents(load_corpus([a]).documents)
    result = store.add_documents(load_corpus([b]).documents)
    assert len(result.added) == 1 and result.reanchored == [] and store.document_count() == 2
    # the same file reached by another spelling of its path is a new version of it
    (a / "bai.txt").write_text("Bài một\nNội dung đã sửa.", encoding="utf-8")
    result = store.add_documents(load_corpus([tmp_path / "b" / ".." / "a" / "bai.txt"]).documents)
    assert len(result.reanchored) == 1 and store.document_count() == 2
