"""Undoable analyst operations, Qt-free: the core that the window's undo commands, the CLI and the
tests all go through.

An :class:`Op` is built once with everything it needs (new ids included), so applying it again
after a revert puts back exactly the same rows; it serialises to JSON for the undo log
(:mod:`rusus_desktop.store.history`). :func:`perform`, :func:`undo` and :func:`redo` write the
operation and its log entry in **one transaction**: when they return, the action is on disk; a
crash before that loses only this action and leaves the file intact.

The window wraps each op in a ``QUndoCommand`` (``ui/commands.py``) whose ``redo``/``undo`` ask
the document session to call these functions and then announce the returned changes.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import ClassVar

from rusus_desktop.corpus.model import Annotation, Change, Tag
from rusus_desktop.errors import NotFound
from rusus_desktop.store import feedback as fb
from rusus_desktop.store import tagset
from rusus_desktop.store.history import History
from rusus_desktop.store.project import Store, now_iso

OPS: dict[str, type[Op]] = {}


def _ann(d: dict) -> Annotation:
    return Annotation(**d)


def _tag(d: dict) -> Tag:
    return Tag(**d)


@dataclass
class Op:
    """Base class. Subclasses set ``kind`` and implement ``apply``/``revert``/``_payload``/``_load``."""

    label: str = ""
    kind: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            OPS[cls.kind] = cls

    @property
    def stack(self) -> str | None:
        """The undo stack this belongs to: a document id, or ``None`` for project-wide edits."""
        return None

    def apply(self, store: Store) -> list[Change]:
        raise NotImplementedError

    def revert(self, store: Store) -> list[Change]:
        raise NotImplementedError

    def to_json(self) -> dict:
        return {"kind": self.kind, "label": self.label, **self._payload()}

    def _payload(self) -> dict:
        raise NotImplementedError


def op_from_json(data: dict) -> Op:
    """Rebuild an operation from its undo-log JSON.

    Raises:
        ValueError: an unknown kind (written by a newer app).
    """
    cls = OPS.get(data.get("kind", ""))
    if cls is None:
        raise ValueError(f"unknown operation {data.get('kind')!r}")
    return cls._load(data)  # type: ignore[attr-defined]


# -- annotations ------------------------------------------------------------------------------


@dataclass
class AddAnnotation(Op):
    ann: Annotation | None = None
    kind: ClassVar[str] = "add_annotation"

    @property
    def stack(self) -> str | None:
        return self.ann.doc_id

    def apply(self, store: Store) -> list[Change]:
        return [store.add_annotation(self.ann)]

    def revert(self, store: Store) -> list[Change]:
        return [store.remove_annotation(self.ann.id)[1]]

    def _payload(self) -> dict:
        return {"ann": asdict(self.ann)}

    @classmethod
    def _load(cls, d: dict) -> AddAnnotation:
        return cls(label=d.get("label", ""), ann=_ann(d["ann"]))


@dataclass
class RemoveAnnotations(Op):
    anns: tuple[Annotation, ...] = ()
    kind: ClassVar[str] = "remove_annotations"

    @property
    def stack(self) -> str | None:
        docs = {a.doc_id for a in self.anns}
        return docs.pop() if len(docs) == 1 else None

    def apply(self, store: Store) -> list[Change]:
        changes = []
        with store.db.atomic():
            for ann in self.anns:
                try:
                    changes.append(store.remove_annotation(ann.id)[1])
                except NotFound:
                    continue
        return changes

    def revert(self, store: Store) -> list[Change]:
        with store.db.atomic():
            return [store.add_annotation(a) for a in self.anns]

    def _payload(self) -> dict:
        return {"anns": [asdict(a) for a in self.anns]}

    @classmethod
    def _load(cls, d: dict) -> RemoveAnnotations:
        return cls(label=d.get("label", ""), anns=tuple(_ann(a) for a in d["anns"]))


@dataclass
class UpdateAnnotation(Op):
    """Edit a note, retag, or move/re-place an annotation: ``before`` -> ``after`` (same id)."""

    before: Annotation | None = None
    after: Annotation | None = None
    kind: ClassVar[str] = "update_annotation"

    @property
    def stack(self) -> str | None:
        return self.after.doc_id

    def apply(self, store: Store) -> list[Change]:
        return [store.update_annotation(self.after)[1]]

    def revert(self, store: Store) -> list[Change]:
        return [store.update_annotation(self.before)[1]]

    def _payload(self) -> dict:
        return {"before": asdict(self.before), "after": asdict(self.after)}

    @classmethod
    def _load(cls, d: dict) -> UpdateAnnotation:
        return cls(label=d.get("label", ""), before=_ann(d["before"]), after=_ann(d["after"]))


# -- tags -------------------------------------------------------------------------------------


@dataclass
class AddTag(Op):
    tag: Tag | None = None
    kind: ClassVar[str] = "add_tag"

    def apply(self, store: Store) -> list[Change]:
        return [store.add_tag(self.tag)]

    def revert(self, store: Store) -> list[Change]:
        return [store.remove_tag(self.tag.id)[1]]

    def _payload(self) -> dict:
        return {"tag": asdict(self.tag)}

    @classmethod
    def _load(cls, d: dict) -> AddTag:
        return cls(label=d.get("label", ""), tag=_tag(d["tag"]))


@dataclass
class UpdateTag(Op):
    """Rename, recolour, describe or re-key a tag. A hotkey taken from another tag (``displaced``)
    goes back to it on undo."""

    before: Tag | None = None
    after: Tag | None = None
    displaced: str | None = None
    kind: ClassVar[str] = "update_tag"

    def apply(self, store: Store) -> list[Change]:
        with store.db.atomic():
            if self.displaced and self.after.hotkey:
                store.db.execute("UPDATE tags SET hotkey = '' WHERE id = ? AND hotkey = ?",
                                 [self.displaced, self.after.hotkey])
            return [store.update_tag(self.after)[1]] + ([Change("tags", ids=(self.displaced,))]
                                                         if self.displaced else [])

    def revert(self, store: Store) -> list[Change]:
        with store.db.atomic():
            change = store.update_tag(self.before)[1]
            if self.displaced and self.after.hotkey:
                store.db.execute("UPDATE tags SET hotkey = ? WHERE id = ? AND hotkey = ''",
                                 [self.after.hotkey, self.displaced])
        return [change] + ([Change("tags", ids=(self.displaced,))] if self.displaced else [])

    def _payload(self) -> dict:
        return {"before": asdict(self.before), "after": asdict(self.after), "displaced": self.displaced}

    @classmethod
    def _load(cls, d: dict) -> UpdateTag:
        return cls(label=d.get("label", ""), before=_tag(d["before"]), after=_tag(d["after"]),
                   displaced=d.get("displaced"))


@dataclass
class ReorderTags(Op):
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    kind: ClassVar[str] = "reorder_tags"

    def apply(self, store: Store) -> list[Change]:
        return [tagset.reorder_tags(store, [i for i in self.after if _has_tag(store, i)])[1]]

    def revert(self, store: Store) -> list[Change]:
        return [tagset.reorder_tags(store, [i for i in self.before if _has_tag(store, i)])[1]]

    def _payload(self) -> dict:
        return {"before": list(self.before), "after": list(self.after)}

    @classmethod
    def _load(cls, d: dict) -> ReorderTags:
        return cls(label=d.get("label", ""), before=tuple(d["before"]), after=tuple(d["after"]))


def _has_tag(store: Store, tag_id: str) -> bool:
    return store.db.execute("SELECT 1 FROM tags WHERE id = ?", [tag_id]).fetchone() is not None


@dataclass
class DeleteTag(Op):
    """Delete a tag; its annotations are removed, or moved to ``move_to``."""

    tag_id: str = ""
    move_to: str | None = None
    deletion: tagset.TagDeletion | None = None  # filled in by apply: what undo puts back
    kind: ClassVar[str] = "delete_tag"

    def apply(self, store: Store) -> list[Change]:
        self.deletion, changes = tagset.delete_tag(store, self.tag_id, move_to=self.move_to)
        return changes

    def revert(self, store: Store) -> list[Change]:
        return tagset.restore_tag(store, self.deletion)

    def _payload(self) -> dict:
        d = self.deletion
        return {"tag_id": self.tag_id, "move_to": self.move_to,
                "deletion": None if d is None else {
                    "tag": asdict(d.tag), "removed": [asdict(a) for a in d.removed],
                    "moved": [asdict(a) for a in d.moved], "move_to": d.move_to, "modified": d.modified}}

    @classmethod
    def _load(cls, d: dict) -> DeleteTag:
        x = d.get("deletion")
        deletion = None if x is None else tagset.TagDeletion(
            tag=_tag(x["tag"]), removed=tuple(_ann(a) for a in x["removed"]),
            moved=tuple(_ann(a) for a in x["moved"]), move_to=x["move_to"], modified=x["modified"])
        return cls(label=d.get("label", ""), tag_id=d["tag_id"], move_to=d.get("move_to"), deletion=deletion)


@dataclass
class SetTags(Op):
    """Replace the whole tag set (importing a tag set file)."""

    before: tuple[Tag, ...] = ()
    after: tuple[Tag, ...] = ()
    kind: ClassVar[str] = "set_tags"

    def apply(self, store: Store) -> list[Change]:
        return tagset.set_tags(store, self.after)[1]

    def revert(self, store: Store) -> list[Change]:
        return tagset.set_tags(store, self.before)[1]

    def _payload(self) -> dict:
        return {"before": [asdict(t) for t in self.before], "after": [asdict(t) for t in self.after]}

    @classmethod
    def _load(cls, d: dict) -> SetTags:
        return cls(label=d.get("label", ""), before=tuple(_tag(t) for t in d["before"]),
                   after=tuple(_tag(t) for t in d["after"]))


# -- suggestions ------------------------------------------------------------------------------


@dataclass
class ApplyVerdict(Op):
    """Accept, reject or correct a suggestion, or accept all of one entity."""

    verdict: fb.Verdict = field(default_factory=fb.Verdict)
    kind: ClassVar[str] = "verdict"

    @property
    def stack(self) -> str | None:
        docs = self.verdict.doc_ids
        return docs.pop() if len(docs) == 1 else None

    def apply(self, store: Store) -> list[Change]:
        return fb.apply_verdict(store, self.verdict)

    def revert(self, store: Store) -> list[Change]:
        return fb.revert_verdict(store, self.verdict)

    def _payload(self) -> dict:
        v = self.verdict
        return {"annotations": [asdict(a) for a in v.annotations], "rows": [asdict(r) for r in v.rows],
                "new_tags": [asdict(t) for t in v.new_tags]}

    @classmethod
    def _load(cls, d: dict) -> ApplyVerdict:
        return cls(label=d.get("label", ""), verdict=fb.Verdict(
            annotations=tuple(_ann(a) for a in d["annotations"]),
            rows=tuple(fb.FeedbackRow(**r) for r in d["rows"]),
            new_tags=tuple(_tag(t) for t in d["new_tags"])))


# -- running ----------------------------------------------------------------------------------


def perform(store: Store, op: Op, history: History | None = None) -> tuple[list[Change], int | None]:
    """Do ``op`` for the first time and log it, in one transaction; return its changes and log seq."""
    with store.db.atomic():
        changes = op.apply(store)
        seq = history.record(op.stack, op.label, op.to_json()) if history is not None else None
    return changes, seq


def undo(store: Store, op: Op, seq: int | None = None, history: History | None = None) -> list[Change]:
    with store.db.atomic():
        changes = op.revert(store)
        if history is not None and seq is not None:
            history.mark(seq, "undone", op.to_json())
    return changes


def redo(store: Store, op: Op, seq: int | None = None, history: History | None = None) -> list[Change]:
    with store.db.atomic():
        changes = op.apply(store)
        if history is not None and seq is not None:
            history.mark(seq, "done", op.to_json())
    return changes


# -- building ops (labels in English; the window passes translated ones) ----------------------


def add_annotation_op(store: Store, doc_id: str, start: int, end: int, tag_id: str, *, note: str | None = None,
                      author: str = "", label: str | None = None) -> AddAnnotation:
    """Validate the span (SpanError) and build the op with a fresh id and quote/context."""
    ann = store.make_annotation(doc_id, start, end, tag_id, note=note or None, author=author)
    return AddAnnotation(label=label or f"Tag “{store.tag(tag_id).name}”", ann=ann)


def edit_note_op(store: Store, ann_id: str, note: str | None, *, label: str | None = None) -> UpdateAnnotation:
    before = store.annotation(ann_id)
    after = replace(before, note=(note or None), modified=now_iso())
    return UpdateAnnotation(label=label or "Edit note", before=before, after=after)


def retag_op(store: Store, ann_id: str, tag_id: str, *, label: str | None = None) -> UpdateAnnotation:
    before = store.annotation(ann_id)
    after = replace(before, tag_id=tag_id, modified=now_iso())
    return UpdateAnnotation(label=label or f"Retag as “{store.tag(tag_id).name}”", before=before, after=after)


def move_annotation_op(store: Store, ann_id: str, start: int, end: int, *, label: str | None = None
                       ) -> UpdateAnnotation:
    """Put an annotation on a new span of its document (also how an orphan is placed again)."""
    before = store.annotation(ann_id)
    fresh = store.make_annotation(before.doc_id, start, end, before.tag_id)
    after = replace(before, start=start, end=end, quote=fresh.quote, prefix=fresh.prefix, suffix=fresh.suffix,
                    text_sha256=fresh.text_sha256, status="anchored", modified=fresh.modified)
    return UpdateAnnotation(label=label or "Move annotation", before=before, after=after)


def remove_annotations_op(store: Store, ann_ids: Sequence[str], *, label: str | None = None) -> RemoveAnnotations:
    anns = tuple(store.annotation(i) for i in ann_ids)
    return RemoveAnnotations(label=label or ("Delete annotation" if len(anns) == 1
                                             else f"Delete {len(anns)} annotations"), anns=anns)


def add_tag_op(store: Store, name: str, color: str | None = None, *, description: str = "",
               label: str | None = None) -> AddTag:
    tag = tagset.make_tag(store, name, color, description=description)
    return AddTag(label=label or f"New tag “{tag.name}”", tag=tag)


def update_tag_op(store: Store, tag_id: str, *, label: str | None = None, **fields: object) -> UpdateTag:
    """``fields``: any of name, color, description, hotkey."""
    before = store.tag(tag_id)
    if "name" in fields:
        name = tagset.normalize_name(str(fields["name"]))
        if not name:
            raise ValueError("A tag needs a name.")
        other = tagset.find_tag(store, name)
        if other is not None and other.id != tag_id and other.name.casefold() == name.casefold():
            raise ValueError(f"A tag named {name!r} already exists.")
        fields["name"] = name
    if fields.get("hotkey"):
        hotkey = str(fields["hotkey"]).lower()
        if hotkey not in tagset.HOTKEYS:
            raise ValueError("A hotkey is one key: 1-9, 0 or a-z.")
        fields["hotkey"] = hotkey
    after = replace(before, **fields)  # type: ignore[arg-type]
    displaced = None
    if after.hotkey and after.hotkey != before.hotkey:
        holder = store.db.execute("SELECT id FROM tags WHERE hotkey = ? AND id != ?", [after.hotkey, tag_id]).fetchone()
        displaced = holder[0] if holder else None
    if label is None:
        if after.name != before.name:
            label = f"Rename tag “{before.name}” to “{after.name}”"
        elif after.color != before.color:
            label = f"Recolour tag “{after.name}”"
        else:
            label = f"Edit tag “{after.name}”"
    return UpdateTag(label=label, before=before, after=after, displaced=displaced)


def reorder_tags_op(store: Store, ordered_ids: Sequence[str], *, label: str | None = None) -> ReorderTags:
    before = tuple(t.id for t in store.tags())
    after = tuple(ordered_ids) + tuple(i for i in before if i not in set(ordered_ids))
    return ReorderTags(label=label or "Reorder tags", before=before, after=after)


def delete_tag_op(store: Store, tag_id: str, *, move_to: str | None = None, label: str | None = None) -> DeleteTag:
    tag = store.tag(tag_id)
    if move_to is not None:
        target = store.tag(move_to)
        label = label or f"Delete tag “{tag.name}” (annotations moved to “{target.name}”)"
    return DeleteTag(label=label or f"Delete tag “{tag.name}”", tag_id=tag_id, move_to=move_to)


def import_tags_op(store: Store, specs: Sequence[tagset.TagSpec], *, label: str | None = None) -> SetTags:
    before = tuple(store.tags())
    after = tuple(tagset.plan_import(store, specs))
    return SetTags(label=label or "Import tag set", before=before, after=after)


def tag_passage(store: Store, doc_ref: str, start: int, end: int, tag_name: str, *, note: str | None = None,
                author: str = "", history: History | None = None) -> Annotation:
    """Tag ``[start, end)`` of a document (id, path or list position) with the tag called
    ``tag_name``, creating the tag when the project has none of that name. One transaction.

    This is what ``rusus-desktop annotate`` and the crash test run; the window does the same through
    its undo commands.

    Raises:
        NotFound: no such document. SpanError: offsets out of range or splitting a character.
    """
    doc = store.find_document(doc_ref)
    from rusus_desktop.store.project import check_span

    check_span(doc.text, start, end)  # refuse bad offsets before creating anything
    with store.db.atomic():
        tag = tagset.find_tag(store, tag_name)
        if tag is None:
            perform(store, add_tag_op(store, tag_name), history)
            tag = tagset.find_tag(store, tag_name)
        op = add_annotation_op(store, doc.id, start, end, tag.id, note=note, author=author)
        perform(store, op, history)
    return op.ann


__all__ = ["OPS", "Op", "AddAnnotation", "RemoveAnnotations", "UpdateAnnotation", "AddTag", "UpdateTag",
           "ReorderTags", "DeleteTag", "SetTags", "ApplyVerdict", "op_from_json", "perform", "undo", "redo",
           "add_annotation_op", "edit_note_op", "retag_op", "move_annotation_op", "remove_annotations_op",
           "add_tag_op", "update_tag_op", "reorder_tags_op", "delete_tag_op", "import_tags_op", "tag_passage"]
