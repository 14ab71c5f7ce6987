"""Read what an export needs from the Store, on the thread that owns the Store."""
from __future__ import annotations

from rusus_desktop.export.errors import ExportError
from rusus_desktop.export.model import DocumentData, ExportOptions, ExportScope, ProjectSnapshot
from rusus_desktop.store.project import Store, now_iso


def pipeline_version() -> str | None:
    """The NLP pipeline's version, or None when the pipeline is not available in this build."""
    try:
        from rusus_desktop.nlp.pipeline import PIPELINE_VERSION
    except ImportError:
        return None
    return str(PIPELINE_VERSION)


def needs_detections(fmt: str, options: ExportOptions) -> bool:
    return fmt == "conll" or options.detections


def collect(store: Store, fmt: str, scope: ExportScope | None = None,
            options: ExportOptions | None = None, *, version: str | None = None) -> ProjectSnapshot:
    """Take the snapshot an export of ``fmt`` works on.

    Must run on the Store's thread (the GUI thread in the window). It only reads: documents, tags,
    anchored annotations in scope, and cached analyses when detections are wanted.

    Raises:
        ExportError: a chosen tag or document is not in the project.
    """
    scope = scope or ExportScope()
    options = options or ExportOptions()
    all_tags = store.tags()
    tag_names = {t.id: t.name for t in all_tags}
    tag_ids: list[str] | None = None
    tags = tuple(all_tags)
    if scope.tag_names is not None:
        by_name = {t.name: t for t in all_tags}
        unknown = [n for n in scope.tag_names if n not in by_name]
        if unknown:
            known = ", ".join(t.name for t in all_tags) or "none"
            raise ExportError(f"No tag named {', '.join(repr(n) for n in unknown)} in this project "
                              f"(its tags: {known}).")
        chosen = set(scope.tag_names)
        tags = tuple(t for t in all_tags if t.name in chosen)
        tag_ids = [t.id for t in tags]

    if scope.document_ids is not None:
        docs = []
        for doc_id in scope.document_ids:
            try:
                docs.append(store.document(doc_id))
            except Exception as exc:  # NotFound carries the analyst-facing sentence
                raise ExportError(str(exc)) from None
    else:
        docs = [store.document(summary.id) for summary in store.documents()]

    want = needs_detections(fmt, options)
    version = version or (pipeline_version() if want else None)
    orphaned = 0
    out: list[DocumentData] = []
    for doc in docs:
        anns = []
        for ann in store.annotations(doc.id, tag_ids=tag_ids):
            # Orphaned annotations (text changed, quote not found) wait for the analyst's review;
            # their offsets do not point at their quote, so no format could carry them truthfully.
            if ann.status != "anchored" or doc.text[ann.start:ann.end] != ann.quote:
                orphaned += 1
                continue
            anns.append(ann)
        if tag_ids is not None and not anns:
            continue
        cached = store.cached_analysis(doc.id, version) if (want and version) else None
        out.append(DocumentData(document=doc, annotations=tuple(anns), detections=cached))
    project_name = store.path.stem if store.path is not None else ""
    return ProjectSnapshot(tags=tags, tag_names=tag_names, documents=tuple(out), scope=scope,
                           options=options, want_detections=want, pipeline_version=version,
                           orphaned=orphaned, exported_at=now_iso(), project_name=project_name,
                           feedback=_feedback(store) if want else None)


def _feedback(store: Store) -> object | None:
    try:
        from rusus_desktop.store.feedback import FeedbackIndex
    except ImportError:  # a build without suggestion feedback: export what the pipeline found
        return None
    return FeedbackIndex.load(store)
