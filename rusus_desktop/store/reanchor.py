"""A document's text changed: replace it and carry its annotations across.

When a file is added again after being edited, its canonical text (hence its id, the text's
sha256) differs, but its source path is the same. :func:`replace_document` puts the new version in
the old one's place in the corpus list and re-anchors every annotation by quote and context
(:mod:`rusus_desktop.corpus.anchoring`). Annotations that cannot be placed are kept with status
``orphaned`` (offsets clamped to the new text, the old quote and context kept for review, and
``text_sha256`` still naming the text the quote came from) and reported; none is ever dropped.

The undo history of the old version is cleared: its entries name offsets in a text that no
longer exists. Everything happens in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rusus_desktop.corpus.anchoring import Anchor, reanchor
from rusus_desktop.corpus.model import Annotation, Document
from rusus_desktop.corpus.text import quote_context
from rusus_desktop.store.project import Store


@dataclass
class ReanchorReport:
    """What happened to one document's annotations when its text changed."""

    old_id: str
    new_id: str
    source_path: str
    unchanged: list[str] = field(default_factory=list)   # annotation ids placed where the diff said
    moved: list[str] = field(default_factory=list)       # placed by exact quote + context elsewhere
    fuzzy: list[str] = field(default_factory=list)       # placed by approximate match (quote updated)
    orphaned: list[str] = field(default_factory=list)    # kept, need review

    @property
    def total(self) -> int:
        return len(self.unchanged) + len(self.moved) + len(self.fuzzy) + len(self.orphaned)

    def summary(self) -> str:
        if not self.total:
            return "no annotations to carry over"
        parts = [f"{len(self.unchanged) + len(self.moved)} re-anchored"]
        if self.fuzzy:
            parts.append(f"{len(self.fuzzy)} matched approximately")
        if self.orphaned:
            parts.append(f"{len(self.orphaned)} could not be placed and need review")
        return ", ".join(parts)


def previous_version(store: Store, doc: Document, names: set[str] | None = None) -> Document | None:
    """The stored document that ``doc`` is a new version of (same source path, other text).

    Paths are compared as given (indexed), then resolved, among rows with the same file name, so
    adding thousands of new files does not resolve every stored path for each of them. ``names``,
    when given, holds (at least) the file names of every stored source path: a name not in it
    cannot match, and the scan for it is skipped.
    """
    if not doc.source_path:
        return None
    row = store.db.execute("SELECT id FROM documents WHERE source_path = ? AND id != ? "
                           "ORDER BY position DESC LIMIT 1", [doc.source_path, doc.id]).fetchone()
    if row is not None:
        return store.document(row[0])
    name = Path(doc.source_path).name
    if not name or (names is not None and name not in names):
        return None
    try:
        wanted = Path(doc.source_path).resolve()
    except OSError:
        return None
    # instr() rather than LIKE: file names may contain % or _.
    rows = store.db.execute("SELECT id, source_path FROM documents WHERE id != ? AND "
                            "instr(source_path, ?) > 0 ORDER BY position DESC", [doc.id, name]).fetchall()
    for rid, path in rows:
        if not path or Path(path).name != name:
            continue
        try:
            if Path(path).resolve() == wanted:
                return store.document(rid)
        except OSError:
            continue
    return None


def place_annotations(old_text: str, new_text: str, new_id: str, anns: list[Annotation]
                      ) -> tuple[list[Annotation], ReanchorReport]:
    """The annotations as they should be over ``new_text`` (pure; nothing is written)."""
    report = ReanchorReport(old_id="", new_id=new_id, source_path="")
    anchors = [Anchor(a.id, a.start, a.end, a.quote, a.prefix, a.suffix) for a in anns]
    placed = reanchor(old_text, new_text, anchors)
    out: list[Annotation] = []
    for ann in anns:
        p = placed.get(ann.id)
        if p is None:
            start = min(ann.start, len(new_text))
            end = min(max(ann.end, start), len(new_text))
            out.append(replace(ann, doc_id=new_id, start=start, end=end, status="orphaned"))
            report.orphaned.append(ann.id)
            continue
        prefix, quote, suffix = quote_context(new_text, p.start, p.end)
        out.append(replace(ann, doc_id=new_id, start=p.start, end=p.end, quote=quote, prefix=prefix,
                           suffix=suffix, text_sha256=new_id, status="anchored"))
        {"unchanged": report.unchanged, "exact": report.moved, "fuzzy": report.fuzzy}[p.method].append(ann.id)
    return out, report


def replace_document(store: Store, old: Document, new: Document) -> ReanchorReport:
    """Replace ``old`` by ``new`` (its edited version) in one transaction; see the module doc."""
    anns = store.annotations(old.id)
    placed, report = place_annotations(old.text, new.text, new.id, anns)
    report.old_id, report.source_path = old.id, new.source_path
    db = store.db
    with db.atomic():
        position = db.execute("SELECT position FROM documents WHERE id = ?", [old.id]).fetchone()[0]
        fields = {"source": new.source if new.source is not None else old.source,
                  "published": new.published if new.published is not None else old.published}
        store._insert_document(replace(new, **fields), position)  # noqa: SLF001 - the store's own helper
        for ann in placed:
            db["annotations"].update(ann.id, {
                "doc_id": ann.doc_id, "start": ann.start, "end": ann.end, "quote": ann.quote,
                "prefix": ann.prefix, "suffix": ann.suffix, "text_sha256": ann.text_sha256, "status": ann.status})
        _carry_feedback(store, old, new)
        db.execute("DELETE FROM undo_log WHERE doc_id = ?", [old.id])
        db.execute("DELETE FROM documents_fts WHERE doc_id = ?", [old.id])
        db.execute("DELETE FROM documents WHERE id = ?", [old.id])
    return report


def _carry_feedback(store: Store, old: Document, new: Document) -> None:
    """Move per-document verdicts to the new text; one whose string is gone keeps its string-level
    effect (rejections apply project-wide) but loses its position."""
    rows = store.db.execute('SELECT id, start, "end", text FROM suggestion_feedback WHERE doc_id = ?',
                            [old.id]).fetchall()
    if not rows:
        return
    anchors = []
    for rid, start, end, _text in rows:
        if start is None or end is None:
            continue
        prefix, quote, suffix = quote_context(old.text, start, end)
        anchors.append(Anchor(rid, start, end, quote, prefix, suffix))
    placed = reanchor(old.text, new.text, anchors)
    for rid, _start, _end, text in rows:
        p = placed.get(rid)
        if p is not None and new.text[p.start:p.end] == text:
            store.db.execute('UPDATE suggestion_feedback SET doc_id = ?, start = ?, "end" = ? WHERE id = ?',
                             [new.id, p.start, p.end, rid])
        else:
            store.db.execute('UPDATE suggestion_feedback SET doc_id = NULL, start = NULL, "end" = NULL '
                             "WHERE id = ?", [rid])


def orphaned(store: Store, doc_id: str | None = None) -> list[Annotation]:
    """Annotations that lost their place when a text changed, for the analyst to review."""
    return [a for a in store.annotations(doc_id) if a.status == "orphaned"]


__all__ = ["ReanchorReport", "orphaned", "place_annotations", "previous_version", "replace_document"]
