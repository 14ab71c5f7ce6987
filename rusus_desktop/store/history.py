"""The undo log: the analyst's history, kept in the project file so it survives a restart.

One *stack* per document (its id) plus one project-wide stack (``None``: tag set edits, corpus-wide
verdicts), the same split as the window's ``QUndoStack`` per document in a ``QUndoGroup``. Each
entry is one undoable operation (:mod:`rusus_desktop.store.ops`) as JSON, with its menu label and
whether it is currently done or undone. The log is a stack: on every stack, done entries come
before undone ones, and doing something new discards the undone ones (the redo branch), exactly as
``QUndoStack.push`` does.

Writes here happen inside the operation's own transaction (see :func:`rusus_desktop.store.ops.perform`),
so the log and the data can never disagree after a crash.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from rusus_desktop.store.project import Store, now_iso

#: entries kept per stack (older ones are forgotten, like ``QUndoStack.setUndoLimit``)
DEFAULT_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    stack: str | None
    label: str
    op: dict
    state: str  # "done" | "undone"
    created: str


class History:
    """Read and write the ``undo_log`` table of one project."""

    def __init__(self, store: Store, *, limit: int = DEFAULT_LIMIT) -> None:
        self.store = store
        self.limit = limit

    def record(self, stack: str | None, label: str, op: dict) -> int:
        """Append a done entry, discarding the stack's undone ones; return its ``seq``."""
        db = self.store.db
        with db.atomic():
            db.execute("DELETE FROM undo_log WHERE doc_id IS ? AND state = 'undone'", [stack])
            cur = db.execute("INSERT INTO undo_log (doc_id, label, command, state, created) VALUES (?, ?, ?, 'done', ?)",
                             [stack, label, json.dumps(op, ensure_ascii=False), now_iso()])
            seq = cur.lastrowid
            excess = db.execute("SELECT COUNT(*) FROM undo_log WHERE doc_id IS ?", [stack]).fetchone()[0] - self.limit
            if excess > 0:
                db.execute("DELETE FROM undo_log WHERE seq IN (SELECT seq FROM undo_log WHERE doc_id IS ? "
                           "ORDER BY seq LIMIT ?)", [stack, excess])
        return int(seq)

    def mark(self, seq: int, state: str, op: dict | None = None) -> None:
        """Set an entry's state after undo (``undone``) or redo (``done``); ``op`` refreshes its JSON."""
        if state not in ("done", "undone"):
            raise ValueError(state)
        with self.store.db.atomic():
            if op is None:
                self.store.db.execute("UPDATE undo_log SET state = ? WHERE seq = ?", [state, seq])
            else:
                self.store.db.execute("UPDATE undo_log SET state = ?, command = ? WHERE seq = ?",
                                      [state, json.dumps(op, ensure_ascii=False), seq])

    def forget(self, seqs: list[int]) -> None:
        """Drop entries (an operation that can no longer be undone or redone)."""
        if not seqs:
            return
        with self.store.db.atomic():
            self.store.db.execute(f"DELETE FROM undo_log WHERE seq IN ({','.join('?' * len(seqs))})", seqs)

    def entries(self, stack: str | None) -> list[Entry]:
        """The stack's entries in order: done ones, then undone ones (the redo branch)."""
        rows = self.store.db.execute("SELECT seq, doc_id, label, command, state, created FROM undo_log "
                                     "WHERE doc_id IS ? ORDER BY seq", [stack]).fetchall()
        out = []
        for seq, doc_id, label, command, state, created in rows:
            try:
                op = json.loads(command)
            except ValueError:
                continue  # written by a newer or broken app: skip it rather than fail to open
            out.append(Entry(seq, doc_id, label, op, state, created))
        return out

    def stacks(self) -> list[str | None]:
        return [r[0] for r in self.store.db.execute("SELECT DISTINCT doc_id FROM undo_log")]

    def clear(self, stack: str | None) -> None:
        with self.store.db.atomic():
            self.store.db.execute("DELETE FROM undo_log WHERE doc_id IS ?", [stack])


__all__ = ["DEFAULT_LIMIT", "Entry", "History"]
