"""Operations and the undo log: one transaction each, serialisable, history kept across reopening."""
from __future__ import annotations

import pytest

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.store import Store, ops
from rusus_desktop.store.history import History

TEXT = "Điện Kremlin và Nhà Trắng trao đổi về New START.\n"


@pytest.fixture
def doc(store):
    d = document_from_text(TEXT, source_path="a.txt")
    store.add_documents([d])
    return d


def test_every_op_round_trips_through_json(store, doc):
    tag = store.tags()[0]
    add = ops.add_annotation_op(store, doc.id, 0, 12, tag.id, note="ghi chú", author="An")
    ops.perform(store, add)
    made = [
        add,
        ops.edit_note_op(store, add.ann.id, "sửa"),
        ops.retag_op(store, add.ann.id, store.tags()[1].id),
        ops.move_annotation_op(store, add.ann.id, 16, 25),
        ops.remove_annotations_op(store, [add.ann.id]),
        ops.add_tag_op(store, "Mới"),
        ops.update_tag_op(store, tag.id, name="Đổi tên"),
        ops.reorder_tags_op(store, [store.tags()[2].id]),
        ops.delete_tag_op(store, tag.id),
    ]
    for op in made:
        again = ops.op_from_json(op.to_json())
        assert again == op and again.stack == op.stack


def test_history_is_a_stack_per_document(store, doc):
    h = History(store)
    tag = store.tags()[0]
    a = ops.add_annotation_op(store, doc.id, 0, 12, tag.id, label="Tag 1")
    b = ops.add_annotation_op(store, doc.id, 16, 25, tag.id, label="Tag 2")
    t = ops.add_tag_op(store, "Mới")
    _, sa = ops.perform(store, a, h)
    _, sb = ops.perform(store, b, h)
    _, st = ops.perform(store, t, h)
    assert [e.label for e in h.entries(doc.id)] == ["Tag 1", "Tag 2"]
    assert [e.label for e in h.entries(None)] == ["New tag “Mới”"]
    ops.undo(store, b, sb, h)
    assert [e.state for e in h.entries(doc.id)] == ["done", "undone"]
    # Doing something new discards the redo branch, like QUndoStack.push.
    c = ops.add_annotation_op(store, doc.id, 30, 39, tag.id, label="Tag 3")
    ops.perform(store, c, h)
    assert [(e.label, e.state) for e in h.entries(doc.id)] == [("Tag 1", "done"), ("Tag 3", "done")]


def test_history_limit(store, doc):
    h = History(store, limit=3)
    tag = store.tags()[0]
    for i in range(5):
        ops.perform(store, ops.add_annotation_op(store, doc.id, i, i + 1, tag.id, label=f"Tag {i}"), h)
    assert [e.label for e in h.entries(doc.id)] == ["Tag 2", "Tag 3", "Tag 4"]


def test_undo_after_reopening_the_project(tmp_path):
    path = tmp_path / "p.rusus"
    with Store(path) as store:
        doc = document_from_text(TEXT, source_path="a.txt")
        store.add_documents([doc])
        op = ops.add_annotation_op(store, doc.id, 0, 12, store.tags()[0].id)
        ops.perform(store, op, History(store))
    with Store(path) as store:
        h = History(store)
        [entry] = h.entries(doc.id)
        again = ops.op_from_json(entry.op)
        ops.undo(store, again, entry.seq, h)
        assert store.annotations() == []
        assert h.entries(doc.id)[0].state == "undone"
    with Store(path) as store:
        h = History(store)
        [entry] = h.entries(doc.id)
        ops.redo(store, ops.op_from_json(entry.op), entry.seq, h)
        assert [a.id for a in store.annotations()] == [op.ann.id]


def test_a_failed_op_leaves_neither_data_nor_log(store, doc):
    h = History(store)
    tag = store.tags()[0]
    op = ops.add_annotation_op(store, doc.id, 0, 12, tag.id)
    ops.perform(store, op, h)
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        ops.perform(store, op, h)  # same id again: the insert fails
    assert len(store.annotations()) == 1 and len(h.entries(doc.id)) == 1


def test_spans_are_checked(store, doc):
    from rusus_desktop.errors import SpanError

    with pytest.raises(SpanError):
        ops.add_annotation_op(store, doc.id, 5, 5000, store.tags()[0].id)
