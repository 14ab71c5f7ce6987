"""Helpers for the annotating tests: a real window on a real project file."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCharFormat, QTextCursor  # noqa: E402

from rusus_desktop.corpus.reader import load_corpus  # noqa: E402
from rusus_desktop.store import Store  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class Windows:
    """Open (and reopen) windows on project files; closes everything at the end."""

    def __init__(self, qtbot, tmp_path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.open: list = []

    def make(self, path, *, paths=None, name: str | None = "Lan Nguyễn", seeds: bool = True):
        from rusus_desktop.ui.app import build_window
        from rusus_desktop.ui.settings import open_settings

        store = Store(path)
        if store.document_count() == 0:
            store.add_documents(load_corpus(paths or ([SEEDS] if seeds else [])).documents)
        settings = open_settings(self.tmp_path / "window.ini")
        if name is not None:
            settings.setValue("analyst/name", name)
        window = build_window(store, settings=settings, restore=False, theme_name="light", language="en")
        self.qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        self.open.append(window)
        return window

    def close(self, window) -> None:
        if window in self.open:
            self.open.remove(window)
        window.close()
        window.store.close()

    def close_all(self) -> None:
        for window in list(self.open):
            self.close(window)


def select_cp(window, start: int, end: int) -> None:
    """Select code points [start, end) in the reader like a user would (no flash)."""
    window.view.select_span(start, end, flash=False)


def select_qt(window, qstart: int, qend: int) -> None:
    """Select by Qt (UTF-16) positions, as the mouse or keyboard does."""
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(qstart)
    cursor.setPosition(qend, QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def formats_at(window, start: int, end: int) -> list:
    """Highlight format ranges (code points, absolute) of the blocks covering [start, end)."""
    view = window.view
    offsets = window.session.offsets
    doc = view.document()
    block = doc.findBlock(offsets.to_qt(start))
    last = doc.findBlock(offsets.to_qt(max(start, end - 1)))
    out = []
    while block.isValid() and block.blockNumber() <= last.blockNumber():
        base = block.position()
        ranges = block.layout().formats()
        for r in ranges:
            a = offsets.from_qt(base + r.start)
            b = offsets.from_qt(base + r.start + r.length)
            out.append((a, b, QTextCharFormat(r.format)))  # a copy: the range list is temporary
        block = block.next()
    return out


def background_over(window, start: int, end: int):
    """The background colour ``(name, alpha)`` painted over every code point of [start, end), or
    None when some of it has none or the colour changes inside it (font-only splits, such as the
    reader's paragraph-gap space, are ignored)."""
    colours = set()
    covered = start
    for a, b, fmt in sorted(formats_at(window, start, end), key=lambda r: r[0]):
        if b <= start or a >= end:
            continue
        if a > covered or fmt.background().style() == 0:
            return None
        c = fmt.background().color()
        colours.add((c.name(), c.alpha()))
        covered = max(covered, b)
    if covered < end or len(colours) != 1:
        return None
    return colours.pop()
