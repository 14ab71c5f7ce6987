"""Deleting a tag in use: remove its annotations or move them to another tag, in one transaction."""
from __future__ import annotations

import pytest

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.store import ops, tagset

TEXT = "Mỹ và Nga đàm phán về kiểm soát vũ khí hạt nhân tại Geneva.\n"


@pytest.fixture
def doc(store):
    d = document_from_text(TEXT, source_path="a.txt")
    store.add_documents([d])
    return d


def _annotate(store, doc, quote, tag):
    i = TEXT.index(quote)
    ann = store.make_annotation(doc.id, i, i + len(quote), tag.id, author="An")
    store.add_annotation(ann)
    return ann


def test_delete_removes_annotations_and_undo_restores_them(store, doc):
    arms, quote = store.tag_by_name("Arms control"), store.tag_by_name("Quote")
    a1 = _annotate(store, doc, "kiểm soát vũ khí", arms)
    a2 = _annotate(store, doc, "hạt nhân", arms)
    other = _annotate(store, doc, "Geneva", quote)
    op = ops.delete_tag_op(store, arms.id)
    ops.perform(store, op)
    assert store.tag_by_name("Arms control") is None
    assert [a.id for a in store.annotations()] == [other.id]
    ops.undo(store, op)
    assert store.tag(arms.id) == arms
    assert {a.id: a for a in store.annotations()} == {a.id: a for a in (a1, a2, other)}
    ops.redo(store, op)
    assert [a.id for a in store.annotations()] == [other.id]


def test_delete_moves_annotations_to_another_tag(store, doc):
    arms, quote = store.tag_by_name("Arms control"), store.tag_by_name("Quote")
    a1 = _annotate(store, doc, "kiểm soát vũ khí", arms)
    op = ops.delete_tag_op(store, arms.id, move_to=quote.id)
    assert "moved to “Quote”" in op.label
    ops.perform(store, op)
    moved = store.annotation(a1.id)
    assert moved.tag_id == quote.id and (moved.note, moved.author, moved.start) == (a1.note, a1.author, a1.start)
    ops.undo(store, op)
    assert store.annotation(a1.id) == a1  # modified time back too


def test_delete_is_all_or_nothing(store, doc, monkeypatch):
    arms = store.tag_by_name("Arms control")
    _annotate(store, doc, "kiểm soát vũ khí", arms)
    _annotate(store, doc, "hạt nhân", arms)
    calls = []
    real = store.remove_annotation

    def failing(ann_id):
        calls.append(ann_id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(ann_id)

    monkeypatch.setattr(store, "remove_annotation", failing)
    with pytest.raises(RuntimeError):
        tagset.delete_tag(store, arms.id)
    assert store.tag_by_name("Arms control") is not None
    assert len(store.annotations()) == 2


def test_cannot_move_to_itself_or_to_a_missing_tag(store, doc):
    arms = store.tag_by_name("Arms control")
    with pytest.raises(ValueError):
        tagset.delete_tag(store, arms.id, move_to=arms.id)
    from rusus_desktop.errors import NotFound

    with pytest.raises(NotFound):
        tagset.delete_tag(store, arms.id, move_to="nope")


def test_reorder_and_undo(store):
    ids = [t.id for t in store.tags()]
    op = ops.reorder_tags_op(store, [ids[3], ids[0]])
    ops.perform(store, op)
    assert [t.id for t in store.tags()] == [ids[3], ids[0]] + [i for i in ids if i not in (ids[3], ids[0])]
    ops.undo(store, op)
    assert [t.id for t in store.tags()] == ids


def test_rename_recolour_and_hotkey_steal_undo(store):
    tags = store.tags()
    first, second = tags[0], tags[1]
    op = ops.update_tag_op(store, second.id, name="Hợp tác quân sự", color="#000000", hotkey=first.hotkey)
    assert op.label.startswith("Rename tag")
    ops.perform(store, op)
    assert store.tag(second.id).name == "Hợp tác quân sự"
    assert store.tag(first.id).hotkey == ""
    ops.undo(store, op)
    assert store.tag(second.id) == second and store.tag(first.id) == first


def test_rename_to_an_existing_name_is_refused(store):
    tags = store.tags()
    with pytest.raises(ValueError):
        ops.update_tag_op(store, tags[1].id, name=tags[0].name.upper())


def test_new_tags_get_free_hotkeys(store):
    tag = tagset.make_tag(store, "Năng lượng")
    assert tag.hotkey == "9"  # the default set uses 1-8
    store.add_tag(tag)
    assert tagset.make_tag(store, "Khác").hotkey == ""
