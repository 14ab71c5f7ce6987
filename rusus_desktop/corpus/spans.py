"""Span indexes: the in-memory lookup the reader's highlighter queries block by block. Qt-free.

A :class:`Span` is a half-open ``[start, end)`` range of code points with a ``label`` (``"PER"``,
``"date"``, a tag id …) and an optional ``ref`` to the object it came from (an ``EntitySpan``, a
``DateSpan``, an ``Annotation``). A :class:`SpanIndex` keeps spans sorted by ``start`` together with
the longest span length, so ``overlapping(a, b)`` is one ``bisect`` from ``a - max_len`` (spans may
overlap each other: analyst annotations do). :func:`segments` cuts a range at every span boundary so
that several layers can be composed into one format per piece.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter, le, lt, sub
from typing import Any, NamedTuple


class Span(NamedTuple):
    """``[start, end)`` in code points over a document's canonical text.

    A named tuple rather than a frozen dataclass: a 1 MB article has tens of thousands of spans,
    and building a tuple costs a fraction of a frozen dataclass's ``__init__``.
    """

    start: int
    end: int
    label: str
    ref: Any = None  # the domain object behind the span (EntitySpan, DateSpan, Annotation …)

    @property
    def length(self) -> int:
        return self.end - self.start


class SpanIndex:
    """Spans sorted by ``(start, end)`` with O(log n + k) range queries.

    Mutable on purpose: the annotation layer adds and removes single spans (``add``/``discard``)
    without rebuilding. Not thread-safe; used on the GUI thread only.
    """

    __slots__ = ("_spans", "_starts", "_max_len", "_source", "_label")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        # Written for speed (a 1 MB article has ~25k spans): tuple indexing and C-level map/zip.
        kept = [s for s in spans if s[1] > s[0]]
        starts = [s[0] for s in kept]
        # Analyses arrive in text order: only sort when they do not.
        if not all(map(le, starts, starts[1:])):
            kept.sort(key=_sort_key)
            starts = [s[0] for s in kept]
        self._spans: list[Span] | None = kept
        self._starts = starts
        self._max_len = max(map(sub, [s[1] for s in kept], starts), default=0)
        self._source: Sequence[Any] = ()
        self._label: str | None = None

    @classmethod
    def of(cls, objects: Sequence[Any], label: str | None = None) -> SpanIndex:
        """An index over objects with ``start``/``end``/``label`` (``EntitySpan``, ``DateSpan`` …).

        ``Span(o.start, o.end, label or o.label, ref=o)`` tuples are made only for the spans a
        query returns (all of them once the index is iterated or changed): opening a 1 MB article
        does not pay for 25k tuples up front.
        """
        starts = [o.start for o in objects]
        ends = [o.end for o in objects]
        if not all(map(le, starts, starts[1:])) or not all(map(lt, starts, ends)):
            return cls(Span(o.start, o.end, label or o.label, o) for o in objects)
        index = cls.__new__(cls)
        index._spans = None
        index._starts = starts
        index._max_len = max(map(sub, ends, starts), default=0)
        index._source = objects
        index._label = label
        return index

    def _all(self) -> list[Span]:
        if self._spans is None:
            label = self._label
            self._spans = [Span(o.start, o.end, label or o.label, o) for o in self._source]
            self._source = ()
        return self._spans

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Span]:
        return iter(self._all())

    def __bool__(self) -> bool:
        return bool(self._starts)

    @property
    def spans(self) -> Sequence[Span]:
        return self._all()

    def add(self, span: Span) -> None:
        if span.end <= span.start:
            return
        spans = self._all()
        i = bisect.bisect_right(spans, _sort_key(span), key=_sort_key)
        spans.insert(i, span)
        self._starts.insert(i, span.start)
        self._max_len = max(self._max_len, span.length)

    def discard(self, predicate: Callable[[Span], bool]) -> list[Span]:
        """Remove every span for which ``predicate`` is true; return the removed spans."""
        spans = self._all()
        removed = [s for s in spans if predicate(s)]
        if removed:
            self._spans = [s for s in spans if not predicate(s)]
            self._starts = [s.start for s in self._spans]
            self._max_len = max((s.length for s in self._spans), default=0)
        return removed

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans that share at least one code point with ``[start, end)``, in start order."""
        if not self._starts or end <= start:
            return []
        lo = bisect.bisect_left(self._starts, start - self._max_len + 1) if self._max_len else 0
        hi = bisect.bisect_left(self._starts, end)
        if self._spans is not None:
            return [s for s in self._spans[lo:hi] if s.end > start]
        label = self._label
        return [Span(o.start, o.end, label or o.label, o) for o in self._source[lo:hi] if o.end > start]

    def at(self, position: int) -> list[Span]:
        """Spans containing the code point at ``position``."""
        return self.overlapping(position, position + 1)

    def next_after(self, position: int, predicate: Callable[[Span], bool] = lambda s: True,
                   *, wrap: bool = True) -> Span | None:
        """The first span starting at or after ``position`` that satisfies ``predicate``.

        With ``wrap`` the search continues from the top of the document, as "find next" does.
        """
        i = bisect.bisect_left(self._starts, position)
        for span in self._all()[i:]:
            if predicate(span):
                return span
        if wrap:
            for span in self._all()[:i]:
                if predicate(span):
                    return span
        return None

    def previous_before(self, position: int, predicate: Callable[[Span], bool] = lambda s: True,
                        *, wrap: bool = True) -> Span | None:
        """The last span starting before ``position`` that satisfies ``predicate``."""
        i = bisect.bisect_left(self._starts, position)
        for span in reversed(self._all()[:i]):
            if predicate(span):
                return span
        if wrap:
            for span in reversed(self._all()[i:]):
                if predicate(span):
                    return span
        return None


_sort_key = attrgetter("start", "end", "label")


def segments(spans: Iterable[Span], start: int, end: int) -> list[tuple[int, int, tuple[Span, ...]]]:
    """Cut ``[start, end)`` at every boundary of ``spans`` (clipped to the range).

    Returns ``(seg_start, seg_end, active_spans)`` for every piece covered by at least one span, in
    order; ``active_spans`` keeps the input order, so callers control which layer wins.

    >>> a, b = Span(0, 4, "x"), Span(2, 6, "y")
    >>> [(s, e, [x.label for x in act]) for s, e, act in segments([a, b], 0, 10)]
    [(0, 2, ['x']), (2, 4, ['x', 'y']), (4, 6, ['y'])]
    """
    clipped = [(max(s.start, start), min(s.end, end), i, s) for i, s in enumerate(spans)]
    clipped = [c for c in clipped if c[1] > c[0]]
    if not clipped:
        return []
    if len(clipped) == 1:
        s, e, _, span = clipped[0]
        return [(s, e, (span,))]
    # Sweep over the sorted boundaries, keeping the active spans in input order.
    opening = sorted(clipped, key=lambda c: c[0])
    cuts = sorted({p for c in clipped for p in (c[0], c[1])})
    out: list[tuple[int, int, tuple[Span, ...]]] = []
    active: dict[int, tuple[int, Span]] = {}
    k = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        while k < len(opening) and opening[k][0] <= a:
            _, e, i, span = opening[k]
            active[i] = (e, span)
            k += 1
        for i in [i for i, (e, _) in active.items() if e <= a]:
            del active[i]
        if active:
            out.append((a, b, tuple(active[i][1] for i in sorted(active))))
    return out


def complement(ranges: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The parts of ``[0, length)`` not covered by ``ranges`` (e.g. page furniture = not body)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for a, b in sorted(ranges):
        a, b = max(0, a), min(length, b)
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < length:
        out.append((pos, length))
    return out
