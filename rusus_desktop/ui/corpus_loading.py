"""File > New Project from Folder… and File > Add Documents…: files are read, decoded and
canonicalised on a worker thread (:func:`rusus_desktop.corpus.reader.load_corpus` is pure), with a
progress dialog and Cancel; the caller then adds the documents to the Store on the GUI thread in
one transaction. Files that were not added are listed with the reason in :class:`LoadSummaryDialog`.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.corpus.reader import CorpusLoad, LoadCancelled, load_corpus
from rusus_desktop.ui.background import busy, run_in_background

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


def load_documents(parent: QWidget | None, paths: Sequence[str | Path]) -> CorpusLoad | None:
    """Read the corpus files under ``paths`` on a worker thread (progress dialog with Cancel).

    Returns the load, or None when cancelled, when it failed (a message was shown), or when another
    long operation is still running. Nothing is written anywhere.
    """
    if busy():
        QApplication.beep()
        return None
    reading = translate("CorpusLoading", "Reading {name} ({n} of {total})…")  # translated here, not on the worker
    files = [str(p) for p in paths]

    def work(progress, cancelled):  # on the worker thread
        def report(done: int, total: int, path: str) -> None:
            progress(done, total, reading.format(name=Path(path).name, n=min(done + 1, total), total=total)
                     if path else "")

        return load_corpus(files, progress=report, cancelled=cancelled)

    outcome = run_in_background(
        parent, work,
        title=translate("CorpusLoading", "Adding Documents"),
        label=translate("CorpusLoading", "Looking for documents…"),
        cancelled_by=(LoadCancelled,))
    if outcome.cancelled:
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(
                translate("CorpusLoading", "Cancelled; no documents were added."), 8000)
        return None
    if outcome.error is not None:
        log.error("reading %s failed", paths, exc_info=outcome.error)
        box = QMessageBox(QMessageBox.Icon.Warning, translate("CorpusLoading", "Could not read the documents"),
                          translate("CorpusLoading", "Reading the documents failed ({error}); nothing was "
                                                     "added.").format(error=outcome.error),
                          QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
    return outcome.value


class LoadSummaryDialog(QDialog):
    """What happened to each file that was not added: one row per file with the reason."""

    def __init__(self, loaded: CorpusLoad, parent: QWidget | None = None, *, added: int | None = None,
                 present: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadSummaryDialog")
        self.setWindowTitle(translate("CorpusLoading", "Some Files Were Not Added"))
        rows = [(s.path, s.reason) for s in loaded.skipped]
        rows += [(path, translate("CorpusLoading", "the same text as another file read with it"))
                 for path in loaded.duplicates]
        parts = []
        if added is not None:
            parts.append(translate("CorpusLoading", "{n} document(s) added").format(n=added))
        if present:
            parts.append(translate("CorpusLoading", "{n} already in the project").format(n=present))
        parts.append(translate("CorpusLoading", "{n} file(s) not added:").format(n=len(rows)))
        self.summary_label = QLabel(", ".join(parts))
        self.summary_label.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([translate("CorpusLoading", "File"), translate("CorpusLoading", "Reason")])
        for path, reason in rows:
            item = QTreeWidgetItem([path, reason])
            item.setToolTip(0, path)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 420))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.topLevelItem(i).text(0), self.table.topLevelItem(i).text(1))
                for i in range(self.table.topLevelItemCount())]


def show_load_summary(parent: QWidget | None, loaded: CorpusLoad, *, added: int | None = None,
                      present: int | None = None) -> LoadSummaryDialog | None:
    """Open (not exec) :class:`LoadSummaryDialog` when some files were not added; return it."""
    if not loaded.skipped and not loaded.duplicates:
        return None
    dialog = LoadSummaryDialog(loaded, parent, added=added, present=present)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
