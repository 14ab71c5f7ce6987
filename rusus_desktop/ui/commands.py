"""Undo commands for every analyst edit (STYLE §3.6), and the stacks that hold them.

Each command wraps one Qt-free operation (:mod:`rusus_desktop.store.ops`) built completely in
``__init__`` (new ids included), so ``redo`` is idempotent. ``redo``/``undo`` ask the
:class:`~rusus_desktop.ui.session.DocumentSession` to perform/revert it; the session calls the store
(data and undo-log entry in one transaction) and announces what changed. ``setText`` carries the
name the Edit menu shows ("Undo Tag “Quote”").

:class:`UndoStacks` keeps one ``QUndoStack`` per document plus one for project-wide edits (tag set,
corpus-wide verdicts) in a ``QUndoGroup``, and rebuilds each stack from the project's undo log the
first time it is needed, so the history survives a restart.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from rusus_desktop.store import feedback as fb
from rusus_desktop.store import ops
from rusus_desktop.store.history import DEFAULT_LIMIT, Entry
from rusus_desktop.store.tagset import TagSpec

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

PROJECT_STACK = None  # key of the project-wide stack


class OpCommand(QUndoCommand):
    """A ``QUndoCommand`` over one :class:`~rusus_desktop.store.ops.Op`.

    ``restored`` commands come from the undo log: the store already holds their effect, so the
    first ``redo`` (from ``push``) and any ``undo`` from ``setIndex`` while rebuilding do nothing.
    A command whose data vanished meanwhile (e.g. its annotation went with a deleted tag) marks
    itself obsolete, which makes Qt drop it, and the session reports why.
    """

    def __init__(self, session, op: ops.Op, *, seq: int | None = None, restored: bool = False) -> None:
        super().__init__(op.label)
        self.session = session
        self.op = op
        self.seq = seq
        self.replaying = restored

    def redo(self) -> None:
        if self.replaying:
            return
        try:
            if self.seq is None:
                self.seq = self.session.perform(self.op)
            else:
                self.session.redo_op(self.op, self.seq)
        except Exception as exc:  # noqa: BLE001 - shown to the analyst, the command is dropped
            self._fail(translate("Commands", "Could not redo “{action}”: {reason}"), exc)

    def undo(self) -> None:
        if self.replaying:
            return
        try:
            self.session.undo_op(self.op, self.seq)
        except Exception as exc:  # noqa: BLE001
            self._fail(translate("Commands", "Could not undo “{action}”: {reason}"), exc)

    def _fail(self, template: str, exc: Exception) -> None:
        log.warning("%s failed: %s", self.op.kind, exc, exc_info=not isinstance(exc, (ValueError, LookupError)))
        self.setObsolete(True)
        if self.seq is not None:
            self.session.forget_history([self.seq])
        self.session.report(template.format(action=self.text(), reason=exc))


def _tag_name(session, tag_id: str) -> str:
    return session.store.tag(tag_id).name


# -- annotations ------------------------------------------------------------------------------


class AddAnnotation(OpCommand):
    def __init__(self, session, doc_id: str, start: int, end: int, tag_id: str, *, note: str | None = None) -> None:
        label = translate("Commands", "Tag “{tag}”").format(tag=_tag_name(session, tag_id))
        super().__init__(session, ops.add_annotation_op(session.store, doc_id, start, end, tag_id, note=note,
                                                         author=session.analyst_name, label=label))

    @property
    def annotation(self):
        return self.op.ann


class RemoveAnnotations(OpCommand):
    def __init__(self, session, ann_ids: Sequence[str]) -> None:
        n = len(ann_ids)
        label = (translate("Commands", "Delete annotation") if n == 1
                 else translate("Commands", "Delete {n} annotations").format(n=n))
        super().__init__(session, ops.remove_annotations_op(session.store, ann_ids, label=label))


class EditNote(OpCommand):
    def __init__(self, session, ann_id: str, note: str | None) -> None:
        label = translate("Commands", "Edit note")
        super().__init__(session, ops.edit_note_op(session.store, ann_id, note, label=label))


class RetagAnnotation(OpCommand):
    def __init__(self, session, ann_id: str, tag_id: str) -> None:
        label = translate("Commands", "Retag as “{tag}”").format(tag=_tag_name(session, tag_id))
        super().__init__(session, ops.retag_op(session.store, ann_id, tag_id, label=label))


class MoveAnnotation(OpCommand):
    """Put an annotation on a new span (correcting it, or placing an orphan again)."""

    def __init__(self, session, ann_id: str, start: int, end: int) -> None:
        label = translate("Commands", "Move annotation")
        super().__init__(session, ops.move_annotation_op(session.store, ann_id, start, end, label=label))


# -- tags -------------------------------------------------------------------------------------


class CreateTag(OpCommand):
    def __init__(self, session, name: str, color: str | None = None, description: str = "") -> None:
        op = ops.add_tag_op(session.store, name, color, description=description)
        op.label = translate("Commands", "New tag “{tag}”").format(tag=op.tag.name)
        super().__init__(session, op)


class EditTag(OpCommand):
    """Rename, recolour, describe or change the hotkey of a tag (``fields``: name, color, description,
    hotkey)."""

    def __init__(self, session, tag_id: str, **fields: str) -> None:
        before = session.store.tag(tag_id)
        op = ops.update_tag_op(session.store, tag_id, **fields)
        after = op.after
        if after.name != before.name:
            op.label = translate("Commands", "Rename tag “{old}” to “{new}”").format(old=before.name, new=after.name)
        elif after.color != before.color:
            op.label = translate("Commands", "Recolour tag “{tag}”").format(tag=after.name)
        elif after.hotkey != before.hotkey:
            op.label = translate("Commands", "Change hotkey of “{tag}”").format(tag=after.name)
        else:
            op.label = translate("Commands", "Edit tag “{tag}”").format(tag=after.name)
        super().__init__(session, op)


class ReorderTags(OpCommand):
    def __init__(self, session, ordered_ids: Sequence[str]) -> None:
        super().__init__(session, ops.reorder_tags_op(session.store, ordered_ids,
                                                      label=translate("Commands", "Reorder tags")))


class DeleteTag(OpCommand):
    def __init__(self, session, tag_id: str, *, move_to: str | None = None) -> None:
        name = _tag_name(session, tag_id)
        if move_to is None:
            label = translate("Commands", "Delete tag “{tag}”").format(tag=name)
        else:
            label = translate("Commands", "Delete tag “{tag}” (annotations moved to “{target}”)").format(
                tag=name, target=_tag_name(session, move_to))
        super().__init__(session, ops.delete_tag_op(session.store, tag_id, move_to=move_to, label=label))


class ImportTagSet(OpCommand):
    def __init__(self, session, specs: Sequence[TagSpec]) -> None:
        super().__init__(session, ops.import_tags_op(session.store, specs,
                                                     label=translate("Commands", "Import tag set")))


# -- suggestions ------------------------------------------------------------------------------


def _label_name(label: str) -> str:
    from rusus_desktop.ui import theme

    style = theme.HIGHLIGHT_STYLES.get(label)
    return style.label if style is not None else label


class AcceptSuggestion(OpCommand):
    def __init__(self, session, suggestion: fb.Suggestion, *, tag_id: str | None = None) -> None:
        verdict = fb.plan_accept(session.store, suggestion, author=session.analyst_name, tag_id=tag_id)
        label = translate("Commands", "Accept “{text}” as {label}").format(
            text=suggestion.text, label=_label_name(suggestion.tag_label))
        super().__init__(session, ops.ApplyVerdict(label=label, verdict=verdict))


class RejectSuggestion(OpCommand):
    def __init__(self, session, suggestion: fb.Suggestion) -> None:
        verdict = fb.plan_reject(session.store, suggestion, author=session.analyst_name)
        label = translate("Commands", "Reject “{text}”").format(text=suggestion.text)
        super().__init__(session, ops.ApplyVerdict(label=label, verdict=verdict))


class CorrectSuggestion(OpCommand):
    def __init__(self, session, suggestion: fb.Suggestion, *, start: int, end: int, label: str) -> None:
        verdict = fb.plan_correct(session.store, suggestion, start=start, end=end, label=label,
                                  author=session.analyst_name)
        text = translate("Commands", "Correct “{text}”").format(text=suggestion.text)
        super().__init__(session, ops.ApplyVerdict(label=text, verdict=verdict))


class AcceptAll(OpCommand):
    """Accept every occurrence of one entity across the corpus: one command, one transaction
    (a macro of per-occurrence commands would write one transaction each and could stop half way)."""

    def __init__(self, session, text: str, label: str, *, layer: str = "entity") -> None:
        verdict = fb.plan_accept_all(session.store, text, label, layer=layer, author=session.analyst_name,
                                     pipeline_version=session.pipeline_version)
        self.count = len(verdict.annotations)
        name = translate("Commands", "Accept all “{text}” as {label} ({n})").format(
            text=text, label=_label_name("DATE" if layer == "date" else label), n=self.count)
        super().__init__(session, ops.ApplyVerdict(label=name, verdict=verdict))


# -- stacks -----------------------------------------------------------------------------------


class UndoStacks(QObject):
    """One ``QUndoStack`` per document plus a project stack, in one ``QUndoGroup``.

    Stacks are rebuilt from the project's undo log on first use. The active stack is the open
    document's, or the project stack right after a project-wide edit (and while the tag panel has
    focus), so Ctrl+Z undoes what the analyst just did and never silently edits another document.
    """

    active_changed = Signal(object)  # stack key (doc id or None)

    def __init__(self, session, parent: QObject | None = None, *, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__(parent)
        self.session = session
        self.group = QUndoGroup(self)
        self.limit = limit
        self._stacks: dict[str | None, QUndoStack] = {}

    def stack(self, key: str | None) -> QUndoStack:
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self.group)
            stack.setUndoLimit(self.limit)
            self._stacks[key] = stack
            self._restore(stack, key)
        return stack

    def _restore(self, stack: QUndoStack, key: str | None) -> None:
        history = self.session.history
        if history is None:
            return
        entries: list[Entry] = history.entries(key)
        commands: list[OpCommand] = []
        done = 0
        for entry in entries:
            try:
                op = ops.op_from_json(entry.op)
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("undo log entry %s skipped: %s", entry.seq, exc)
                continue
            cmd = OpCommand(self.session, op, seq=entry.seq, restored=True)
            cmd.setText(entry.label)
            stack.push(cmd)
            commands.append(cmd)
            if entry.state == "done":
                done = len(commands)
        stack.setIndex(done)
        for cmd in commands:
            cmd.replaying = False
        stack.setClean()

    def push(self, command: OpCommand) -> bool:
        """Do ``command`` on its stack and make that stack active; False if it failed (and was dropped)."""
        key = command.op.stack
        stack = self.stack(key)
        self.session.last_failure = None
        stack.push(command)
        self.activate(key)
        return self.session.last_failure is None

    def activate(self, key: str | None) -> None:
        stack = self.stack(key)
        if self.group.activeStack() is not stack:
            self.group.setActiveStack(stack)
            self.active_changed.emit(key)

    def active_key(self) -> str | None:
        active = self.group.activeStack()
        return next((k for k, s in self._stacks.items() if s is active), None)

    def forget(self, key: str | None) -> None:
        """Drop a stack (its document was replaced by a new version)."""
        stack = self._stacks.pop(key, None)
        if stack is not None:
            self.group.removeStack(stack)
            stack.deleteLater()

    def keys(self) -> list[str | None]:
        return list(self._stacks)


def command_label(stack: QUndoStack) -> str:
    return stack.undoText()


__all__ = ["AcceptAll", "AcceptSuggestion", "AddAnnotation", "CorrectSuggestion", "CreateTag", "DeleteTag",
           "EditNote", "EditTag", "ImportTagSet", "MoveAnnotation", "OpCommand", "PROJECT_STACK", "RejectSuggestion",
           "RemoveAnnotations", "ReorderTags", "RetagAnnotation", "UndoStacks"]
