"""The open document: the one object the reader's views talk to.

``DocumentSession`` owns the :class:`Document` on screen, its :class:`OffsetMap` (code points <->
Qt's UTF-16 positions), its analysis, and one :class:`SpanIndex` per named layer:

* ``"entities"``  – PER/ORG/LOC/MISC spans (``ref`` is the ``EntitySpan``),
* ``"dates"``     – date expressions (label ``"DATE"``, ``ref`` is the ``DateSpan``),
* ``"furniture"`` – the ranges outside the article body (label ``"furniture"``).

Views listen to past-tense signals and never write to the store themselves:
``document_loaded(Document)``, ``analysis_changed(Analysis | None)`` and ``layer_changed(Change)``
(``Change.layer`` names the layer, ``start``/``end`` the code-point range to refresh).

For annotations (issue 5): add ``add_annotation``/``remove_annotation``/``update_annotation`` here.
Each calls the store, updates ``self.layer("annotations")`` (create it with
``set_layer("annotations", spans)`` in a ``document_loaded`` handler or by overriding
:meth:`_load_layers`) and emits ``layer_changed(change)`` with the store's ``Change``; the
highlighter then re-highlights only the touched blocks. One session lives as long as the window and
switches documents, so an undo stack per document (a ``QUndoGroup`` keyed by ``document.id``) fits.

GUI thread only: the store is single-threaded.
"""
from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal

from rusus_desktop.corpus.model import Change, Document
from rusus_desktop.corpus.spans import Span, SpanIndex, complement
from rusus_desktop.corpus.text import OffsetMap

ENTITY_LAYER = "entities"
DATE_LAYER = "dates"
FURNITURE_LAYER = "furniture"
ANNOTATION_LAYER = "annotations"  # the analyst's tags: label = tag id, ref = Annotation


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def offset_map(text: str) -> OffsetMap:
    """``OffsetMap(text)``, without a per-character Python loop for all-BMP text (most news).

    For a 1 MB article ``OffsetMap`` scans every character in Python (~60 ms); a regular
    expression finds out in a millisecond that there is nothing to map.
    """
    if _ASTRAL.search(text) is None:
        identity = OffsetMap("")
        identity.length = len(text)
        return identity
    return OffsetMap(text)


@contextmanager
def _bulk_allocation():
    """Pause the cyclic garbage collector while building tens of thousands of small tuples.

    They hold no cycles, but their allocation would trigger repeated collections that scan the
    whole heap (measured: up to 0.1 s for the spans of a 1 MB article).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def entity_key(text: str) -> str:
    """How occurrences of one entity are grouped: the same words, whitespace collapsed."""
    return " ".join(text.split())


class DocumentSession(QObject):
    """The open document, its analysis and its span layers (see the module docstring)."""

    document_loaded = Signal(object)  # Document
    document_closed = Signal()
    analysis_changed = Signal(object)  # Analysis | None
    layer_changed = Signal(object)  # Change: layer name + code-point range
    # Issue 5 (annotations): facts about the project, whichever document they touch.
    annotations_changed = Signal(object)  # Change (layer "annotations", any document)
    tags_changed = Signal()
    feedback_changed = Signal()  # a suggestion was accepted/rejected/corrected (or undone)
    message = Signal(str)  # something the analyst should read (e.g. an undo that could not be done)

    def __init__(self, store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.document: Document | None = None
        self.offsets = OffsetMap("")
        self.analysis = None
        self.pipeline_version: str | None = None
        self._layers: dict[str, SpanIndex] = {}

    # -- documents -----------------------------------------------------------------------------

    @property
    def doc_id(self) -> str | None:
        return self.document.id if self.document is not None else None

    def open_document(self, doc_id: str, analysis=None, *, document: Document | None = None) -> Document:
        """Show ``doc_id``: load it from the store with its cached analysis (if any) and announce it.

        ``document`` may be passed when the caller already holds it (it must be ``doc_id``'s).
        """
        if document is None or document.id != doc_id:
            document = self.store.document(doc_id)
        self.document = document
        self.offsets = offset_map(document.text)
        self._layers = {}
        self.analysis = None
        if analysis is None and self.pipeline_version is not None:
            analysis = self._cached_analysis(document)
        self._apply_analysis(analysis)
        self._load_layers(document)
        self.document_loaded.emit(document)
        return document

    def close_document(self) -> None:
        self.document = None
        self.offsets = OffsetMap("")
        self.analysis = None
        self._layers = {}
        self.document_closed.emit()

    def _cached_analysis(self, document: Document):
        data = self.store.cached_analysis(document.id, self.pipeline_version)
        if data is None:
            return None
        from rusus_desktop.nlp.types import Analysis

        return Analysis.from_json(data)

    def _load_layers(self, document: Document) -> None:
        """Layers that come from the store rather than the analysis: the analyst's annotations."""
        self._layers[ANNOTATION_LAYER] = SpanIndex(self._annotation_spans(document.id))

    # -- analysis ------------------------------------------------------------------------------

    def set_analysis(self, analysis) -> None:
        """Replace the open document's analysis (e.g. when the background job delivers it)."""
        self._apply_analysis(analysis)
        self.analysis_changed.emit(analysis)

    def _apply_analysis(self, analysis) -> None:
        self.raw_analysis = analysis
        analysis = self._with_verdicts(analysis)  # rejected suggestions are neither shown nor counted
        self.analysis = analysis
        length = len(self.document.text) if self.document is not None else 0
        if analysis is None:
            for name in (ENTITY_LAYER, DATE_LAYER, FURNITURE_LAYER):
                self._layers[name] = SpanIndex()
            return
        with _bulk_allocation():
            self._layers[ENTITY_LAYER] = SpanIndex.of(analysis.entities)
            self._layers[DATE_LAYER] = SpanIndex.of(analysis.dates, "DATE")
            body = list(analysis.body)
            furniture = complement(body, length) if body else []
            # Blank lines between body paragraphs are not furniture; only ranges with text count.
            text = self.document.text if self.document is not None else ""
            self._layers[FURNITURE_LAYER] = SpanIndex(
                [Span(a, b, "furniture") for a, b in furniture if not text[a:b].isspace()])

    # -- layers --------------------------------------------------------------------------------

    def layer(self, name: str) -> SpanIndex:
        index = self._layers.get(name)
        if index is None:
            index = self._layers[name] = SpanIndex()
        return index

    def layer_names(self) -> list[str]:
        return list(self._layers)

    def set_layer(self, name: str, spans: Iterable[Span]) -> None:
        """Replace a whole layer and tell the views (which re-highlight the document)."""
        self._layers[name] = SpanIndex(spans)
        length = len(self.document.text) if self.document is not None else 0
        self.layer_changed.emit(Change(name, self.doc_id, 0, length))

    def spans_at(self, position: int) -> list[tuple[str, Span]]:
        """Every ``(layer name, span)`` covering the code point at ``position``."""
        return [(name, s) for name, index in self._layers.items() for s in index.at(position)]

    # -- entities ------------------------------------------------------------------------------

    def entity_counts(self) -> dict[str, Counter]:
        """``{label: Counter(entity text -> occurrences)}`` for the open document."""
        groups: dict[str, Counter] = {}
        for span in self.layer(ENTITY_LAYER):
            groups.setdefault(span.label, Counter())[entity_key(span.ref.text)] += 1
        return groups

    def dates(self) -> list:
        """The document's date expressions (``DateSpan``), in text order."""
        return [s.ref for s in self.layer(DATE_LAYER)]

    def occurrences(self, layer: str, label: str, key: str) -> list[Span]:
        return [s for s in self.layer(layer) if s.label == label and entity_key(s.ref.text) == key]

    def next_occurrence(self, layer: str, label: str, key: str, after: int) -> Span | None:
        """The next span of ``layer`` with this label and text starting at or after ``after`` (wraps)."""
        return self.layer(layer).next_after(
            after, lambda s: s.label == label and entity_key(s.ref.text) == key)

    # -- annotations, tags, verdicts (issue 5) -------------------------------------------------
    # Undo commands (ui/commands.py) call perform/undo_op/redo_op; these call the store through
    # rusus_desktop.store.ops (data + undo-log entry in one transaction) and announce the changes.

    history = None  # rusus_desktop.store.history.History of the project, set by the annotator
    analyst_name = ""  # stored as the author of new annotations and verdicts
    last_failure: str | None = None
    raw_analysis = None  # the cached analysis before the project's verdicts were applied
    feedback_index = None  # rusus_desktop.store.feedback.FeedbackIndex, loaded lazily

    def perform(self, op) -> int | None:
        """Do an operation for the first time; returns its undo-log sequence number."""
        from rusus_desktop.store import ops

        changes, seq = ops.perform(self.store, op, self.history)
        self._announce(changes)
        return seq

    def undo_op(self, op, seq: int | None) -> None:
        from rusus_desktop.store import ops

        self._announce(ops.undo(self.store, op, seq, self.history))

    def redo_op(self, op, seq: int | None) -> None:
        from rusus_desktop.store import ops

        self._announce(ops.redo(self.store, op, seq, self.history))

    def forget_history(self, seqs: list[int]) -> None:
        if self.history is not None:
            self.history.forget(seqs)

    def report(self, text: str) -> None:
        self.last_failure = text
        self.message.emit(text)

    def annotations(self) -> list:
        """The open document's annotations (orphaned ones included), in text order."""
        return self.store.annotations(self.doc_id) if self.document is not None else []

    def annotations_at(self, position: int) -> list:
        """Annotations covering code point ``position`` in the open document, shortest first."""
        spans = self.layer(ANNOTATION_LAYER).at(position)
        return [s.ref for s in sorted(spans, key=lambda s: (s.length, s.start))]

    def tag(self, tag_id: str):
        return self.store.tag(tag_id)

    def _annotation_spans(self, doc_id: str) -> list[Span]:
        return [Span(a.start, a.end, a.tag_id, a) for a in self.store.annotations(doc_id)
                if a.status == "anchored"]

    def reload_annotations(self) -> None:
        if self.document is not None:
            self.set_layer(ANNOTATION_LAYER, self._annotation_spans(self.document.id))

    def _with_verdicts(self, analysis):
        if analysis is None or self.document is None:
            return analysis
        from rusus_desktop.ui.suggestions import visible_analysis

        if self.feedback_index is None:
            from rusus_desktop.store.feedback import FeedbackIndex

            self.feedback_index = FeedbackIndex.load(self.store)
        return visible_analysis(analysis, self.feedback_index, self.document.id, self.document.text)

    def _announce(self, changes) -> None:
        mine = [c for c in changes if c.layer == "annotations" and c.doc_id == self.doc_id]
        if mine and self.document is not None:
            self._layers[ANNOTATION_LAYER] = SpanIndex(self._annotation_spans(self.document.id))
            lo, hi = min(c.start for c in mine), max(c.end for c in mine)
            self.layer_changed.emit(Change(ANNOTATION_LAYER, self.doc_id, lo, max(hi, lo + 1)))
        for c in changes:
            if c.layer == "annotations":
                self.annotations_changed.emit(c)
        if any(c.layer == "tags" for c in changes):
            self.tags_changed.emit()
        if any(c.layer == "feedback" for c in changes):
            from rusus_desktop.store.feedback import FeedbackIndex

            self.feedback_index = FeedbackIndex.load(self.store)
            if self.document is not None and self.raw_analysis is not None:
                self.set_analysis(self.raw_analysis)
            self.feedback_changed.emit()
