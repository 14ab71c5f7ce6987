"""Malformed imports are refused as a whole: the message names the entry and the reason, and the project
file is byte-identical afterwards (sha256 of the file and of its SQL dump)."""
from __future__ import annotations

import copy
import json

import pytest
from export_testkit import fingerprint, make_project, populate

from rusus_desktop.export import ExportOptions, InvalidImport, export_project, import_file
from rusus_desktop.store import Store


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """A native export (with text), one without text, and a W3C export of a populated project."""
    tmp = tmp_path_factory.mktemp("src")
    with make_project(tmp / "source.rusus") as store:
        populate(store)
        export_project(store, "json", tmp / "with_text.json", options=ExportOptions(with_text=True))
        export_project(store, "json", tmp / "plain.json")
        export_project(store, "w3c", tmp / "w3c.jsonld")
    return {name: json.loads((tmp / name).read_text(encoding="utf-8"))
            for name in ("with_text.json", "plain.json", "w3c.jsonld")}


@pytest.fixture
def target(tmp_path):
    """A project with the same documents and no annotations: a valid file would add to it."""
    path = tmp_path / "target.rusus"
    make_project(path).close()
    return path


def refused(target, tmp_path, content) -> InvalidImport:
    path = tmp_path / "in.json"
    path.write_bytes(content if isinstance(content, bytes) else
                     json.dumps(content, ensure_ascii=False).encode("utf-8"))
    before = fingerprint(target)
    with Store(target) as store:
        with pytest.raises(InvalidImport) as info:
            import_file(store, path)
    assert fingerprint(target) == before
    return info.value


def test_a_valid_file_would_change_the_target(target, tmp_path, exports):
    # Guards the tests below: the same file unmodified is accepted and adds annotations.
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(exports["plain.json"]), encoding="utf-8")
    before = fingerprint(target)
    with Store(target) as store:
        assert import_file(store, path).added == 7
    assert fingerprint(target) != before


def test_bad_json(target, tmp_path):
    err = refused(target, tmp_path, b'{"format": "rusus-annotations",\n "version": 1,,}')
    assert "not valid JSON" in str(err) and "line 2, column" in str(err)
    assert "the project was not changed" in str(err)


def test_not_utf8(target, tmp_path):
    assert "not UTF-8" in str(refused(target, tmp_path, b'{"format": "\xff"}'))


def test_unknown_kind_of_file(target, tmp_path):
    assert "neither a Rusus annotations file" in str(refused(target, tmp_path, {"hello": "world"}))


def test_newer_version(target, tmp_path, exports):
    data = dict(exports["plain.json"], version=2)
    assert "version 2" in str(refused(target, tmp_path, data))


@pytest.mark.parametrize("mutate, expect", [
    (lambda a: a.pop("quote"), "'quote' is a required property"),
    (lambda a: a.update(start="5"), "'5' is not of type 'integer'"),
    (lambda a: a.update(colour="red"), "unknown field(s) ('colour' was unexpected)"),
    (lambda a: a.update(created="yesterday"), "'yesterday' is not valid: expected an ISO 8601"),
    (lambda a: a.update(origin="guessed"), "'guessed' is not one of ['manual', 'detected']"),
])
def test_wrong_schema_names_the_entry(target, tmp_path, exports, mutate, expect):
    data = copy.deepcopy(exports["plain.json"])
    ann = data["documents"][0]["annotations"][1]
    mutate(ann)
    err = refused(target, tmp_path, data)
    assert f"documents[0].annotations[1] (annotation {ann['id']})" in str(err)
    assert expect in str(err)
    assert len(err.problems) == 1


def test_offsets_out_of_range(target, tmp_path, exports):
    data = copy.deepcopy(exports["plain.json"])
    doc = data["documents"][2]
    ann = doc["annotations"][-1]
    ann["end"] = doc["length"] + 5
    err = refused(target, tmp_path, data)
    assert f"documents[2].annotations[{len(doc['annotations']) - 1}] (annotation {ann['id']})" in str(err)
    assert "out of range" in str(err) and f"{doc['length']} characters" in str(err)


def test_reversed_offsets(target, tmp_path, exports):
    data = copy.deepcopy(exports["plain.json"])
    ann = data["documents"][0]["annotations"][2]
    assert ann["start"] > 0
    ann["start"], ann["end"] = ann["end"], ann["start"]
    assert "out of range" in str(refused(target, tmp_path, data))


def test_quote_does_not_match(target, tmp_path, exports):
    data = copy.deepcopy(exports["plain.json"])
    ann = data["documents"][0]["annotations"][2]
    ann["quote"] = "Vladimir Putín"[: len(ann["quote"])] if len(ann["quote"]) < 14 else ann["quote"][::-1]
    err = refused(target, tmp_path, data)
    assert f"(annotation {ann['id']})" in str(err) and "does not match the text" in str(err)


def test_offset_splitting_a_combining_sequence(target, tmp_path, exports):
    data = copy.deepcopy(exports["with_text.json"])
    doc = data["documents"][1]
    text = doc["text"]
    zwj = text.index("\u200d")  # inside the family emoji
    ann = doc["annotations"][0]
    ann["end"], ann["quote"] = zwj, text[ann["start"]:zwj]
    assert "splits a character" in str(refused(target, tmp_path, data))


def test_unknown_document(tmp_path, exports):
    empty = tmp_path / "empty.rusus"
    Store(empty).close()
    err = refused(empty, tmp_path, exports["plain.json"])
    assert "unknown document" in str(err) and "--with-text" in str(err)
    assert len(err.problems) == 3  # one per document, each named
    assert "documents[0] (document “Tổng thống Nga" in str(err)


def test_tampered_text(tmp_path, exports):
    empty = tmp_path / "empty.rusus"
    Store(empty).close()
    data = copy.deepcopy(exports["with_text.json"])
    data["documents"][1]["text"] += " (sửa)"
    assert "does not match its text_sha256" in str(refused(empty, tmp_path, data))


def test_duplicate_ids(target, tmp_path, exports):
    data = copy.deepcopy(exports["plain.json"])
    data["documents"][0]["annotations"][1]["id"] = data["documents"][0]["annotations"][0]["id"]
    assert "used twice" in str(refused(target, tmp_path, data))


def test_every_problem_is_listed(target, tmp_path, exports):
    data = copy.deepcopy(exports["plain.json"])
    data["documents"][0]["annotations"][0]["quote"] = "x"
    data["documents"][2]["annotations"][0]["end"] = 10_000
    err = refused(target, tmp_path, data)
    assert len(err.problems) == 2
    assert "documents[0].annotations[0]" in str(err) and "documents[2].annotations[0]" in str(err)


# -- W3C -------------------------------------------------------------------------------------------------


def _w3c_items(data):
    return data["first"]["items"]


@pytest.mark.parametrize("mutate, expect", [
    (lambda i: i["target"].update(source="ni:///sha-256;" + "A" * 43), "unknown document"),
    (lambda i: i["target"]["selector"][0].update(exact="không có"), "does not match the text"),
    (lambda i: i["target"]["selector"][1].update(end=99_999), "out of range"),
    (lambda i: i.update(body=[b for b in i["body"] if b["purpose"] != "tagging"]), "has no tag"),
    (lambda i: i.update(created="26/07/2024"), "not an ISO 8601 date-time"),
    (lambda i: i.update(type="Note"), "has no type 'Annotation'"),
    (lambda i: i.pop("id"), "has no 'id'"),
    (lambda i: i["target"].update(source="http://example.org/page"), "does not name a document by text hash"),
])
def test_w3c_invalid_entries(target, tmp_path, exports, mutate, expect):
    data = copy.deepcopy(exports["w3c.jsonld"])
    mutate(_w3c_items(data)[3])
    err = refused(target, tmp_path, data)
    assert "first.items[3]" in str(err) and expect in str(err)
    assert len(err.problems) == 1


def test_w3c_linked_pages_are_refused(target, tmp_path, exports):
    data = copy.deepcopy(exports["w3c.jsonld"])
    data["first"] = "http://example.org/page1"
    assert "not embedded" in str(refused(target, tmp_path, data))


def test_cli_import_of_a_bad_file_into_a_new_project_leaves_no_file(tmp_path, exports, capsys):
    from rusus_desktop.cli.main import main

    data = copy.deepcopy(exports["plain.json"])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    project = tmp_path / "new.rusus"
    assert main(["import", "--project", str(project), str(bad)]) == 2
    assert "unknown document" in capsys.readouterr().err
    assert not list(tmp_path.glob("new.rusus*"))


def test_cli_import_of_a_bad_file_leaves_an_existing_project_untouched(target, tmp_path, exports, capsys):
    from rusus_desktop.cli.main import main

    data = copy.deepcopy(exports["plain.json"])
    data["documents"][1]["annotations"][0]["start"] = -1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = fingerprint(target)
    assert main(["import", "--project", str(target), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "documents[1].annotations[0]" in err and "-1 is less than the minimum of 0" in err
    assert fingerprint(target) == before
