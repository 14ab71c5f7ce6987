"""Transient marks over the reader: search hits, the current hit, a flash after a jump.

ExtraSelections are repainted on every paint, so they are kept for a few hundred marks at most
(STYLE §2.1); the entity and annotation layers go through the highlighter instead. Each kind has a
priority (Frescobaldi's ``ArbitraryHighlighter``): higher kinds are drawn on top.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

MAX_MARKS = 1000

PRIORITY = {"search": 10, "current": 20, "flash": 30}


class Overlays:
    """ExtraSelections grouped by kind. Ranges are code points; ``offsets`` converts them."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self._view = view
        self._kinds: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._flash_timer = QTimer(view)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.clear("flash"))

    def set(self, kind: str, ranges: list[tuple[int, int]], fmt: QTextCharFormat, offsets) -> int:
        """Mark ``ranges`` (code points) as ``kind``; returns how many marks were set (capped)."""
        doc = self._view.document()
        selections = []
        for start, end in ranges[:MAX_MARKS]:
            cursor = QTextCursor(doc)
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self._kinds[kind] = selections
        self._apply()
        return len(selections)

    def clear(self, kind: str | None = None) -> None:
        if kind is None:
            self._kinds.clear()
        else:
            self._kinds.pop(kind, None)
        self._apply()

    def count(self, kind: str) -> int:
        return len(self._kinds.get(kind, ()))

    def flash(self, start: int, end: int, color: QColor, offsets, msec: int = 900) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        self.set("flash", [(start, end)], fmt, offsets)
        self._flash_timer.start(msec)

    def _apply(self) -> None:
        ordered = []
        for kind in sorted(self._kinds, key=lambda k: PRIORITY.get(k, 0)):
            ordered.extend(self._kinds[kind])
        self._view.setExtraSelections(ordered)
