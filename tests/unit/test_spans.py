"""SpanIndex and segments(): the Qt-free lookups behind the reader's highlighter."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rusus_desktop.corpus.spans import Span, SpanIndex, complement, segments

spans_st = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40), st.sampled_from("ABC")).map(
    lambda t: Span(t[0], t[0] + t[1], t[2])), max_size=60)


@given(spans_st, st.integers(0, 240), st.integers(1, 60))
def test_overlapping_matches_brute_force(spans, start, width):
    index = SpanIndex(spans)
    end = start + width
    expected = sorted((s for s in spans if s.start < end and s.end > start), key=lambda s: (s.start, s.end, s.label))
    assert sorted(index.overlapping(start, end), key=lambda s: (s.start, s.end, s.label)) == expected


@given(spans_st, st.integers(0, 100), st.integers(1, 150))
def test_segments_cover_exactly_the_spans(spans, start, width):
    end = start + width
    pieces = segments(spans, start, end)
    for a, b, active in pieces:
        assert start <= a < b <= end
        for s in spans:
            assert (s in active) == (s.start <= a and s.end >= b)
    covered = {p for a, b, _ in pieces for p in range(a, b)}
    assert covered == {p for s in spans for p in range(max(s.start, start), min(s.end, end))}
    assert all(p[1] <= q[0] for p, q in zip(pieces, pieces[1:], strict=False))


def test_segments_keep_input_order_for_layer_priority():
    a, b = Span(0, 10, "entity"), Span(5, 8, "annotation")
    assert segments([b, a], 0, 10) == [(0, 5, (a,)), (5, 8, (b, a)), (8, 10, (a,))]


def test_add_discard_and_navigation():
    index = SpanIndex([Span(10, 14, "PER"), Span(30, 33, "LOC")])
    index.add(Span(20, 25, "PER"))
    assert [s.start for s in index] == [10, 20, 30]
    assert index.next_after(11).start == 20
    assert index.next_after(31).start == 10  # wraps
    assert index.next_after(31, wrap=False) is None
    assert index.previous_before(20).start == 10
    assert index.next_after(0, lambda s: s.label == "LOC").start == 30
    removed = index.discard(lambda s: s.label == "PER")
    assert len(removed) == 2 and len(index) == 1
    assert index.at(31) == [Span(30, 33, "LOC")]
    assert SpanIndex([Span(3, 3, "empty")]).spans == []


def test_complement_is_the_furniture():
    assert complement([(5, 10), (12, 20)], 25) == [(0, 5), (10, 12), (20, 25)]
    assert complement([], 4) == [(0, 4)]
    assert complement([(0, 4)], 4) == []


@given(spans_st, st.integers(0, 240), st.integers(1, 60))
def test_index_over_domain_objects_matches_the_tuple_index(spans, start, width):
    from types import SimpleNamespace

    objects = sorted((SimpleNamespace(start=s.start, end=s.end, label=s.label) for s in spans),
                     key=lambda o: o.start)
    lazy, eager = SpanIndex.of(objects), SpanIndex(Span(o.start, o.end, o.label, o) for o in objects)
    assert len(lazy) == len(eager)
    got = [(s.start, s.end, s.label, id(s.ref)) for s in lazy.overlapping(start, start + width)]
    assert sorted(got) == sorted((s.start, s.end, s.label, id(s.ref)) for s in eager.overlapping(start, start + width))
    assert [s.ref for s in SpanIndex.of(objects, "DATE")] == objects
    assert all(s.label == "DATE" for s in SpanIndex.of(objects, "DATE"))
