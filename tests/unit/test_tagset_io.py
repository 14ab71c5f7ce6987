"""Tag set files: export/import round trip, validation, all-or-nothing import."""
from __future__ import annotations

import json

import pytest

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.corpus.tagset_io import TagSetError, load_tagset, parse_tagset
from rusus_desktop.store import Store, ops, tagset


def test_round_trip_between_projects(tmp_path):
    path = tmp_path / "team.json"
    with Store(None) as a:
        ops.perform(a, ops.update_tag_op(a, a.tags()[0].id, description="Hợp tác song phương"))
        ops.perform(a, ops.add_tag_op(a, "Năng lượng", "#123456"))
        tagset.export_tagset(a, path, name="Nhóm Nga-Mỹ")
        exported = [(t.name, t.color, t.description, t.hotkey) for t in a.tags()]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "rusus-tagset" and data["version"] == 1 and data["name"] == "Nhóm Nga-Mỹ"
    with Store(None, default_tags=False) as b:
        before, after = tagset.import_tagset(b, path)
        assert before == []
        assert [(t.name, t.color, t.description, t.hotkey) for t in b.tags()] == exported


def test_import_merges_by_name_keeps_ids_and_annotations(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"format": "rusus-tagset", "version": 1, "tags": [
        {"name": "quote", "color": "#ABCDEF", "hotkey": "1"},
        {"name": "Năng lượng", "color": "#00ff00", "description": "Khí đốt, dầu mỏ"},
    ]}, ensure_ascii=False), encoding="utf-8")
    with Store(None) as store:
        doc = document_from_text("Trích dẫn quan trọng.\n", source_path="x.txt")
        store.add_documents([doc])
        quote = store.tag_by_name("Quote")
        ann = store.make_annotation(doc.id, 0, 9, quote.id)
        store.add_annotation(ann)
        old_first = store.tags()[0]
        op = ops.import_tags_op(store, load_tagset(path))
        ops.perform(store, op)
        tags = store.tags()
        assert [t.name for t in tags[:2]] == ["quote", "Năng lượng"]
        assert tags[0].id == quote.id and tags[0].color == "#abcdef" and tags[0].hotkey == "1"
        assert store.tag(old_first.id).hotkey == ""  # the file's hotkey wins
        assert store.annotation(ann.id).tag_id == quote.id
        ops.undo(store, op)
        assert store.tag_by_name("Năng lượng") is None
        assert store.tag(quote.id).name == "Quote" and store.tag(old_first.id) == old_first


BAD = [
    ([1, 2], "one JSON object"),
    ({"format": "other", "version": 1, "tags": []}, '"format"'),
    ({"format": "rusus-tagset", "version": 2, "tags": [{"name": "a", "color": "#000000"}]}, "version"),
    ({"format": "rusus-tagset", "version": 1, "tags": []}, "non-empty"),
    ({"format": "rusus-tagset", "version": 1, "tags": [{"name": " ", "color": "#000000"}]}, "tags[0]"),
    ({"format": "rusus-tagset", "version": 1, "tags": [{"name": "a", "color": "red"}]}, "color"),
    ({"format": "rusus-tagset", "version": 1, "tags": [{"name": "a", "colour": "#000000"}]}, "colour"),
    ({"format": "rusus-tagset", "version": 1, "tags": [{"name": "A", "color": "#000000"},
                                                        {"name": "a", "color": "#000000"}]}, "tags[1]"),
    ({"format": "rusus-tagset", "version": 1, "tags": [{"name": "a", "color": "#000000", "hotkey": "1"},
                                                        {"name": "b", "color": "#000000", "hotkey": "1"}]},
     "hotkey"),
    ({"format": "rusus-tagset", "version": 1, "tags": [{"name": "a", "color": "#000000", "hotkey": "F1"}]},
     "hotkey"),
    ({"format": "rusus-tagset", "version": 1, "extra": 1, "tags": []}, "extra"),
]


@pytest.mark.parametrize(("data", "needle"), BAD)
def test_bad_files_are_refused_with_the_entry_named(data, needle):
    with pytest.raises(TagSetError) as err:
        parse_tagset(data)
    assert needle in str(err.value)


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"{not json", b""])
def test_unreadable_files_change_nothing(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with Store(None) as store:
        before = store.tags()
        with pytest.raises(TagSetError) as err:
            tagset.import_tagset(store, path)
        assert str(path) in str(err.value)
        assert store.tags() == before


def test_import_that_would_remove_nothing_keeps_unlisted_tags(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": "rusus-tagset", "version": 1, "tags": [{"name": "Mới", "color": "#010203"}]}',
                    encoding="utf-8")
    with Store(None) as store:
        n = len(store.tags())
        tagset.import_tagset(store, path)
        assert len(store.tags()) == n + 1 and store.tags()[0].name == "Mới"


def test_set_tags_refuses_removing_a_used_tag(store):
    doc = document_from_text("Văn bản.\n", source_path="y.txt")
    store.add_documents([doc])
    used = store.tags()[0]
    store.add_annotation(store.make_annotation(doc.id, 0, 3, used.id))
    with pytest.raises(ValueError):
        tagset.set_tags(store, store.tags()[1:])
    assert store.tags()[0] == used
