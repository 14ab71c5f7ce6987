"""Importing twice adds nothing; a later edit in the file updates, an older one is skipped; missing tags
are created with the file's colours; the native file with text brings its documents."""
from __future__ import annotations

import copy
import json

from export_testkit import annotation_rows, make_project, populate

from rusus_desktop.export import ExportOptions, export_project, import_data, import_file
from rusus_desktop.store import Store


def _export(store, tmp_path, **options):
    out = tmp_path / "x.json"
    export_project(store, "json", out, options=ExportOptions(**options))
    return json.loads(out.read_text(encoding="utf-8"))


def test_twice_is_once(tmp_path):
    source = make_project()
    populate(source)
    data = _export(source, tmp_path, with_text=True)
    target = Store(None, default_tags=False)
    first = import_data(target, data, "x.json")
    second = import_data(target, data, "x.json")
    assert (first.added, first.updated, len(first.skipped)) == (7, 0, 0)
    assert (second.added, second.updated, len(second.skipped)) == (0, 0, 7)
    assert {why for _, why in second.skipped} == {"already in the project, unchanged"}
    assert second.documents_added == 0 and second.tags_created == []
    assert "7 skipped" in second.summary()


def test_newer_copy_updates_older_copy_is_kept(tmp_path):
    source = make_project()
    populate(source)
    data = _export(source, tmp_path)
    target = make_project()
    import_data(target, data)
    newer = copy.deepcopy(data)
    ann = newer["documents"][0]["annotations"][0]
    ann.update(note="đã sửa", tag="Sanctions", modified="2030-01-01T00:00:00Z")
    older = copy.deepcopy(data)
    older["documents"][0]["annotations"][1].update(note="cũ hơn", modified="2000-01-01T00:00:00Z")
    report = import_data(target, newer)
    assert (report.added, report.updated) == (0, 1)
    updated = target.annotation(ann["id"])
    assert updated.note == "đã sửa" and target.tag(updated.tag_id).name == "Sanctions"
    assert updated.modified == "2030-01-01T00:00:00Z"
    report = import_data(target, older)
    assert (report.added, report.updated) == (0, 0)  # both edited annotations are newer in the project
    assert target.annotation(older["documents"][0]["annotations"][1]["id"]).note != "cũ hơn"
    assert any("newer" in why for _, why in report.skipped)


def test_missing_tags_are_created_with_the_files_tagset(tmp_path):
    source = make_project()
    populate(source)
    data = _export(source, tmp_path)
    target = make_project(default_tags=False)
    report = import_data(target, data)
    assert report.tags_created[:8] == [t.name for t in source.tags()][:8]
    assert "Hợp tác đặc biệt" in report.tags_created
    src = {t.name: (t.color, t.description, t.hotkey) for t in source.tags()}
    assert {t.name: (t.color, t.description, t.hotkey) for t in target.tags()} == src


def test_existing_tags_keep_the_projects_colour_and_hotkeys_do_not_clash(tmp_path):
    source = make_project()
    populate(source)
    data = _export(source, tmp_path)
    data["tagset"].append({"name": "Mới", "color": "#000000", "description": "", "hotkey": "1"})
    target = make_project()
    quote_before = target.tag_by_name("Quote")
    import_data(target, data)
    assert target.tag_by_name("Quote") == quote_before
    assert target.tag_by_name("Mới").hotkey == ""  # "1" belongs to Cooperation already


def test_annotation_tag_missing_from_the_tagset_is_created(tmp_path):
    source = make_project()
    populate(source)
    data = _export(source, tmp_path)
    data["tagset"] = []
    data["documents"][0]["annotations"][0]["tag"] = "Nhãn lạ"
    target = make_project(default_tags=False)
    report = import_data(target, data)
    assert "Nhãn lạ" in report.tags_created and target.tag_by_name("Nhãn lạ") is not None


def test_cli_import_creates_the_project_and_is_idempotent(tmp_path, capsys):
    from rusus_desktop.cli.main import main

    with make_project(tmp_path / "src.rusus") as source:
        populate(source)
        rows = annotation_rows(source)
    assert main(["export", "--project", str(tmp_path / "src.rusus"), "--format", "json", "--with-text",
                 "-o", str(tmp_path / "out.json")]) == 0
    assert "Exported 3 documents, 7 annotations" in capsys.readouterr().out
    project = tmp_path / "new.rusus"
    assert main(["import", "--project", str(project), str(tmp_path / "out.json")]) == 0
    out = capsys.readouterr().out
    assert "7 added, 0 updated, 0 skipped" in out and "3 document(s) added" in out and "(created)" in out
    assert main(["import", "--project", str(project), str(tmp_path / "out.json")]) == 0
    assert "0 added, 0 updated, 7 skipped" in capsys.readouterr().out
    with Store(project) as store:
        assert annotation_rows(store) == rows


def test_import_file_reads_a_bom(tmp_path):
    source = make_project()
    populate(source)
    data = _export(source, tmp_path)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert import_file(make_project(), path).added == 7


def test_a_document_from_the_file_replacing_an_earlier_version_is_reported(tmp_path):
    from export_testkit import SAMPLE_TEXTS, annotate, find

    old = make_project(texts=SAMPLE_TEXTS[:1])
    old_doc = old.document(old.documents()[0].id)
    kept = annotate(old, old_doc.id, *find(old_doc.text, "Joe Biden"), "Quote", n=1)
    newer = make_project(texts=(SAMPLE_TEXTS[0] + "\nThêm một câu.",))
    new_doc = newer.document(newer.documents()[0].id)
    annotate(newer, new_doc.id, *find(new_doc.text, "Thêm một câu"), "Claim to verify", n=2)
    data = _export(newer, tmp_path, with_text=True)
    report = import_data(old, data, "x.json")
    assert report.added == 1 and report.documents_added == 0
    assert len(report.documents_replaced) == 1 and "/corpus/00.txt" in report.documents_replaced[0]
    assert [d.id for d in old.documents()] == [new_doc.id]
    moved = old.annotation(kept.id)
    assert moved.doc_id == new_doc.id and new_doc.text[moved.start:moved.end] == "Joe Biden"
