"""Plain values that export works on: what to export (scope, options), a snapshot of the project
taken on the GUI thread, and what a format produces.

The snapshot is the seam between threads: :func:`rusus_desktop.export.snapshot.collect` reads the
Store on the thread that owns it, and everything after that (running the pipeline for uncached
documents, formatting, writing, verifying) works on these immutable values and never touches the
Store, so it may run on a worker thread.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rusus_desktop.corpus.model import Annotation, Document, Tag


@dataclass(frozen=True, slots=True)
class ExportScope:
    """Which part of the project to export.

    Args:
        document_ids: only these documents (``None``: the whole project).
        tag_names: only annotations with these tags (``None``: every tag). When tags are chosen,
            documents without a matching annotation are left out and the tag set lists only them.
    """

    document_ids: tuple[str, ...] | None = None
    tag_names: tuple[str, ...] | None = None

    def describe(self) -> str:
        parts = []
        if self.document_ids is not None:
            parts.append("1 document" if len(self.document_ids) == 1 else f"{len(self.document_ids)} documents")
        else:
            parts.append("whole project")
        if self.tag_names is not None:
            parts.append("tags " + ", ".join(self.tag_names))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """``with_text``: include each document's canonical text (native JSON; the task formats always
    carry it). ``detections``: include detected entities and dates (CoNLL always uses them)."""

    with_text: bool = False
    detections: bool = False


@dataclass(frozen=True, slots=True)
class DocumentData:
    """One document as exported: its annotations in scope (anchored ones only) and, when detections
    were asked for and the project had them cached, the cached analysis (``analyze --json`` shape)."""

    document: Document
    annotations: tuple[Annotation, ...]
    detections: dict | None = None


@dataclass(frozen=True, slots=True)
class ProjectSnapshot:
    """Everything an export needs, read from the Store in one go (see module docstring)."""

    tags: tuple[Tag, ...]  # the tag set to export (every tag, or the chosen ones), in list order
    tag_names: dict[str, str]  # tag id -> name for every tag of the project
    documents: tuple[DocumentData, ...]
    scope: ExportScope = ExportScope()
    options: ExportOptions = ExportOptions()
    want_detections: bool = False
    pipeline_version: str | None = None
    orphaned: int = 0  # annotations left out because their text changed and they await review
    exported_at: str = ""
    project_name: str = ""
    # The analyst's verdicts on suggestions (rusus_desktop.store.feedback.FeedbackIndex, pure data):
    # exported detections are what the analyst sees, without rejected ones and with corrections.
    feedback: object | None = None

    @property
    def annotation_count(self) -> int:
        return sum(len(d.annotations) for d in self.documents)


@dataclass(frozen=True, slots=True)
class OutFile:
    """One file an export writes: ``name`` relative to the output folder ("" for a single-file
    export), its bytes, and a check that parses bytes read back from disk and raises
    :class:`~rusus_desktop.export.errors.ExportError` unless they mean what was intended."""

    name: str
    data: bytes
    check: Callable[[bytes], None]


@dataclass
class Built:
    """What a format builder produced, with counts for the summary."""

    files: list[OutFile]
    annotations: int = 0
    entities: int = 0
    dates: int = 0
    warnings: list[str] = field(default_factory=list)


# progress(done, total, message); cancelled() -> True stops the export between documents.
ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]
