"""Suggestion feedback: accept, reject, correct, accept all; the pipeline's feedback mapping."""
from __future__ import annotations

import pytest

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.nlp.types import Analysis, DateSpan, EntitySpan
from rusus_desktop.store import feedback as fb
from rusus_desktop.store import ops

A = "Tổng thống Joe Biden gặp Tổng thống Nga Vladimir Putin tại Geneva ngày 16/6.\n"
B = "Ông Biden nói Joe Biden sẽ gặp Putin. Nga phản đối.\n"


def _ents(text, *pairs):
    out = []
    for s, label in pairs:
        i = text.index(s)
        out.append(EntitySpan(i, i + len(s), s, label))
    return tuple(out)


@pytest.fixture
def corpus(store):
    a = document_from_text(A, source_path="a.txt")
    b = document_from_text(B, source_path="b.txt")
    store.add_documents([a, b])
    i = A.index("16/6")
    store.store_analysis(a.id, "test@1", Analysis(
        entities=_ents(A, ("Joe Biden", "PER"), ("Nga", "LOC"), ("Vladimir Putin", "PER"), ("Geneva", "LOC")),
        dates=(DateSpan(i, i + 4, "16/6", "date", "2021-06-16"),), body=((0, len(A)),),
        pipeline_version="test@1").to_json())
    store.store_analysis(b.id, "test@1", Analysis(
        entities=_ents(B, ("Joe Biden", "PER"), ("Putin", "PER"), ("Nga", "PER")), dates=(),
        body=((0, len(B)),), pipeline_version="test@1").to_json())
    return a, b


def _sugg(store, doc, text):
    return next(s for s in fb.cached_suggestions(store, doc.id) if s.text == text)


def test_accept_makes_a_detected_annotation_and_undo_removes_it(store, corpus):
    a, _ = corpus
    s = _sugg(store, a, "Joe Biden")
    op = ops.ApplyVerdict(label="Accept", verdict=fb.plan_accept(store, s, author="An"))
    ops.perform(store, op)
    [ann] = store.annotations(a.id)
    assert (ann.start, ann.end, ann.quote, ann.origin, ann.author) == (s.start, s.end, "Joe Biden", "detected", "An")
    assert store.tag(ann.tag_id).name == "Person"
    assert fb.feedback_mapping(store) == {"Joe Biden": "PER"}
    ops.undo(store, op)
    assert store.annotations() == [] and fb.feedback_mapping(store) == {}
    assert store.tag_by_name("Person") is None  # the tag made for it goes too
    ops.redo(store, op)
    assert [x.id for x in store.annotations()] == [ann.id]


def test_reject_hides_the_string_everywhere(store, corpus):
    a, b = corpus
    op = ops.ApplyVerdict(verdict=fb.plan_reject(store, _sugg(store, a, "Nga")))
    ops.perform(store, op)
    index = fb.FeedbackIndex.load(store)
    for doc in (a, b):
        assert "Nga" not in [s.text for s in index.visible(fb.cached_suggestions(store, doc.id))]
    assert fb.feedback_mapping(store) == {"Nga": None}
    ops.undo(store, op)
    assert "Nga" in [s.text for s in fb.FeedbackIndex.load(store).visible(fb.cached_suggestions(store, b.id))]


def test_correct_label_relabels_elsewhere(store, corpus):
    a, b = corpus
    s = _sugg(store, b, "Nga")  # detected as PER in b
    ops.perform(store, ops.ApplyVerdict(verdict=fb.plan_correct(store, s, start=s.start, end=s.end, label="LOC")))
    assert fb.feedback_mapping(store) == {"Nga": "LOC"}
    visible = fb.FeedbackIndex.load(store).visible(fb.cached_suggestions(store, b.id))
    assert [x.label for x in visible if x.text == "Nga"] == ["LOC"]
    [ann] = store.annotations(b.id)
    assert store.tag(ann.tag_id).name == "Place" and ann.origin == "detected"


def test_correct_span_rejects_the_wrong_span(store, corpus):
    a, _ = corpus
    i = A.index("Tổng thống Joe Biden")
    wide = fb.Suggestion(a.id, i, i + len("Tổng thống Joe Biden"), "Tổng thống Joe Biden", "LOC")
    j = A.index("Joe Biden")
    v = fb.plan_correct(store, wide, start=j, end=j + 9, label="PER", author="An")
    ops.perform(store, ops.ApplyVerdict(verdict=v))
    assert fb.feedback_mapping(store) == {"Tổng thống Joe Biden": None, "Joe Biden": "PER"}
    [ann] = store.annotations(a.id)
    assert ann.quote == "Joe Biden"


def test_accept_all_across_the_corpus_is_one_undo_step(store, corpus):
    a, b = corpus
    v = fb.plan_accept_all(store, "Joe Biden", "PER", author="An")
    assert {x.doc_id for x in v.annotations} == {a.id, b.id}
    op = ops.ApplyVerdict(label="Accept all", verdict=v)
    assert op.stack is None  # corpus-wide: the project's stack
    ops.perform(store, op)
    assert len(store.annotations()) == 2
    # Accepting all again finds nothing new.
    assert fb.plan_accept_all(store, "Joe Biden", "PER").annotations == ()
    ops.undo(store, op)
    assert store.annotations() == []


def test_date_suggestions(store, corpus):
    a, _ = corpus
    s = _sugg(store, a, "16/6")
    assert s.layer == "date"
    ops.perform(store, ops.ApplyVerdict(verdict=fb.plan_accept(store, s)))
    assert store.tag(store.annotations(a.id)[0].tag_id).name == "Date"
    assert fb.feedback_mapping(store) == {}  # dates have kinds, not entity labels


def test_latest_verdict_wins(store, corpus):
    a, b = corpus
    ops.perform(store, ops.ApplyVerdict(verdict=fb.plan_reject(store, _sugg(store, a, "Nga"))))
    ops.perform(store, ops.ApplyVerdict(verdict=fb.plan_accept(store, _sugg(store, a, "Nga"))))
    assert fb.feedback_mapping(store) == {"Nga": "LOC"}


def test_feedback_survives_reopening(tmp_path):
    from rusus_desktop.store import Store

    path = tmp_path / "p.rusus"
    with Store(path) as store:
        doc = document_from_text(A, source_path="a.txt")
        store.add_documents([doc])
        i = A.index("Geneva")
        s = fb.Suggestion(doc.id, i, i + 6, "Geneva", "LOC")
        ops.perform(store, ops.ApplyVerdict(verdict=fb.plan_reject(store, s)))
    with Store(path) as store:
        assert fb.feedback_mapping(store) == {"Geneva": None}


def test_accepted_string_is_suggested_where_it_was_missed(store, corpus):
    a, b = corpus
    i = A.index("Geneva")
    # "Geneva" accepted as LOC in a; in b (no detection there) a new text mentions it.
    ops.perform(store, ops.ApplyVerdict(verdict=fb.plan_accept(store, _sugg(store, a, "Geneva"))))
    text = "Hội nghị ở Geneva; Genevaxx không phải.\n"
    visible = fb.FeedbackIndex.load(store).visible([], doc_id=b.id, text=text)
    assert [(s.text, s.label, s.start) for s in visible] == [("Geneva", "LOC", text.index("Geneva"))]
    assert i >= 0
