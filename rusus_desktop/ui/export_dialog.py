"""File > Export… and File > Import annotations…

:class:`ExportDialog` lets the analyst choose a format, a scope (whole project / current document /
selected tags) and options (document text, detected entities), then runs the export on a worker
thread with a progress bar and a Cancel button, and ends with a summary. The project is read on the
GUI thread (:func:`rusus_desktop.export.collect`); the worker only sees that snapshot, never the
Store. :func:`import_annotations` asks for a file, takes a read-only snapshot of the project (GUI
thread), reads, parses and checks the file on a worker thread with a progress dialog and Cancel
(:func:`rusus_desktop.export.plan_import_file`), then applies the plan on the GUI thread in one
transaction (:func:`rusus_desktop.export.apply_plan`) and shows what was added, updated and skipped,
or exactly why the file was refused. Refused or cancelled, the project is left as it was.
"""
from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.errors import RususError
from rusus_desktop.export import (
    FORMATS,
    ExportCancelled,
    ExportOptions,
    ExportResult,
    ExportScope,
    ImportCancelled,
    ImportReport,
    apply_plan,
    collect,
    import_file,
    plan_import_file,
    run_export,
    take_snapshot,
)
from rusus_desktop.export.model import ProjectSnapshot
from rusus_desktop.store import Store
from rusus_desktop.ui.background import busy, run_in_background

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


class ExportJobSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)  # ExportResult
    failed = Signal(str)
    cancelled = Signal()


class ExportJob(QRunnable):
    """Formats, writes and verifies one export.

    Runs on the worker thread; must not touch the Store or any widget: it gets a snapshot and reports
    through ``signals`` (queued to the GUI thread).
    """

    def __init__(self, snapshot: ProjectSnapshot, fmt: str, out: Path,
                 analyze: Callable | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps the job until it has finished
        self.signals = ExportJobSignals()
        self._snapshot, self._fmt, self._out, self._analyze = snapshot, fmt, out, analyze
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = run_export(self._snapshot, self._fmt, self._out, progress=self.signals.progress.emit,
                                cancelled=self._cancel.is_set, analyze=self._analyze)
        except ExportCancelled:
            self.signals.cancelled.emit()
        except RususError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must report, never die silently
            self.signals.failed.emit(f"The export failed unexpectedly ({type(exc).__name__}: {exc}); "
                                     f"nothing was written.")
        else:
            self.signals.finished.emit(result)


class ExportDialog(QDialog):
    """The File > Export… dialog (see module docstring).

    Args:
        store: the open project (read on the GUI thread when Export is pressed).
        current_document_id: the document shown in the reader, for the "current document" scope.
        analyze: the pipeline function for documents without cached analysis (tests pass a fake).
    """

    exported = Signal(object)  # ExportResult, after the file was written and verified

    def __init__(self, store: Store, parent: QWidget | None = None, *, current_document_id: str | None = None,
                 analyze: Callable | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._current = current_document_id
        self._analyze = analyze
        self._job: ExportJob | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.result: ExportResult | None = None

        self.format_combo = QComboBox()
        for key, info in FORMATS.items():
            self.format_combo.addItem(info.label, key)
        self.offsets_label = QLabel()
        self.offsets_label.setWordWrap(True)

        self.whole_radio = QRadioButton()
        self.current_radio = QRadioButton()
        self.tags_radio = QRadioButton()
        self._scope_group = QButtonGroup(self)
        for button in (self.whole_radio, self.current_radio, self.tags_radio):
            self._scope_group.addButton(button)
        self.whole_radio.setChecked(True)
        self.current_radio.setEnabled(current_document_id is not None)
        self._current_title = ""
        if current_document_id is not None:
            self._current_title = next((d.title for d in store.documents() if d.id == current_document_id), "")
        self.tag_list = QListWidget()
        for tag in store.tags():
            item = QListWidgetItem(tag.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tag_list.addItem(item)
        self.tag_list.setEnabled(False)
        self.tag_list.setMaximumHeight(120)

        self.text_check = QCheckBox()
        self.detections_check = QCheckBox()

        self.path_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        self.scope_box = scope_box = QGroupBox()
        scope_layout = QVBoxLayout(scope_box)
        for w in (self.whole_radio, self.current_radio, self.tags_radio, self.tag_list):
            scope_layout.addWidget(w)
        self.options_box = options_box = QGroupBox()
        options_layout = QVBoxLayout(options_box)
        options_layout.addWidget(self.text_check)
        options_layout.addWidget(self.detections_check)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self._format_caption, self._path_caption = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self._format_caption, self.format_combo)
        form.addRow("", self.offsets_label)
        form.addRow(self._path_caption, path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scope_box)
        layout.addWidget(options_box)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)
        self.tags_radio.toggled.connect(self.tag_list.setEnabled)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()
        self._on_format_combo_changed()
        self._set_running(False)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("ExportDialog", "Export Annotations"))
        self._format_caption.setText(translate("ExportDialog", "Format:"))
        self._path_caption.setText(translate("ExportDialog", "Save to:"))
        self.scope_box.setTitle(translate("ExportDialog", "Scope"))
        self.options_box.setTitle(translate("ExportDialog", "Options"))
        self.whole_radio.setText(translate("ExportDialog", "Whole project"))
        current = translate("ExportDialog", "Current document")
        self.current_radio.setText(f"{current} ({self._current_title[:50]})" if self._current_title else current)
        self.tags_radio.setText(translate("ExportDialog", "Selected tags:"))
        self.text_check.setText(translate("ExportDialog",
                                          "Include document text (lets an import bring the documents along)"))
        self.detections_check.setText(translate("ExportDialog", "Include detected entities and dates"))
        self.browse_button.setText(translate("ExportDialog", "Browse…"))
        self.export_button.setText(translate("ExportDialog", "Export"))
        if self.format_combo.count():
            self.offsets_label.setText(translate("ExportDialog", "Offsets: {unit}.").format(
                unit=FORMATS[self.format].offsets))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------------------------

    @property
    def format(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, key: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(key))

    def is_running(self) -> bool:
        return self._job is not None

    def _default_path(self, key: str) -> str:
        folder = self._store.path.parent if self._store.path is not None else Path.home()
        stem = (self._store.path.stem if self._store.path is not None else "project") + "-annotations"
        info = FORMATS[key]
        return str(folder / (stem + ("-brat" if info.folder else info.suffix)))

    def _on_format_combo_changed(self) -> None:
        key = self.format
        info = FORMATS[key]
        self.offsets_label.setText(translate("ExportDialog", "Offsets: {unit}.").format(unit=info.offsets))
        self.text_check.setEnabled(key == "json")
        if key == "conll":
            self.detections_check.setChecked(True)
        self.detections_check.setEnabled(key != "conll")
        current = self.path_edit.text().strip()
        if not current or current in {self._default_path(k) for k in FORMATS}:
            self.path_edit.setText(self._default_path(key))

    def _on_browse_button_clicked(self) -> None:
        if FORMATS[self.format].folder:
            chosen = QFileDialog.getExistingDirectory(self, translate("ExportDialog", "Export brat Files to Folder"),
                                                      self.path_edit.text())
        else:
            suffix = FORMATS[self.format].suffix
            chosen, _ = QFileDialog.getSaveFileName(
                self, translate("ExportDialog", "Export Annotations"), self.path_edit.text(),
                f"{FORMATS[self.format].label} (*{suffix});;" + translate("ExportDialog", "All files (*)"))
        if chosen:
            self.path_edit.setText(chosen)

    def _scope(self) -> ExportScope:
        if self.current_radio.isChecked() and self._current is not None:
            return ExportScope(document_ids=(self._current,))
        if self.tags_radio.isChecked():
            names = tuple(self.tag_list.item(i).text() for i in range(self.tag_list.count())
                          if self.tag_list.item(i).checkState() == Qt.CheckState.Checked)
            return ExportScope(tag_names=names)
        return ExportScope()

    def _set_running(self, running: bool) -> None:
        for w in (self.format_combo, self.path_edit, self.browse_button, self.whole_radio, self.tags_radio):
            w.setEnabled(not running)
        self.current_radio.setEnabled(not running and self._current is not None)
        self.tag_list.setEnabled(not running and self.tags_radio.isChecked())
        self.text_check.setEnabled(not running and self.format == "json")
        self.detections_check.setEnabled(not running and self.format != "conll")
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    # -- running ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Take the snapshot (GUI thread) and start the export job."""
        if self._job is not None:
            return
        out = self.path_edit.text().strip()
        if not out:
            self._show_error(translate("ExportDialog", "Choose where to save the export."))
            return
        scope = self._scope()
        if scope.tag_names == ():
            self._show_error(translate("ExportDialog", "Tick at least one tag, or choose another scope."))
            return
        options = ExportOptions(with_text=self.text_check.isChecked() and self.format == "json",
                                detections=self.detections_check.isChecked())
        try:
            snapshot = collect(self._store, self.format, scope, options)
        except RususError as exc:
            self._show_error(str(exc))
            return
        self.result = None
        self.summary_label.clear()
        self.progress_bar.setValue(0)
        self.status_label.setText(translate("ExportDialog", "Starting…"))
        job = ExportJob(snapshot, self.format, Path(out).expanduser(), self._analyze)
        job.signals.progress.connect(self._on_job_progress)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)
        self._job = job
        self._set_running(True)
        self._pool.start(job)

    def _on_cancel_button_clicked(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.status_label.setText(translate("ExportDialog", "Cancelling…"))

    def _on_job_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setValue(int(100 * done / total) if total else 0)
        self.status_label.setText(message)

    def _job_ended(self) -> None:
        self._job = None
        self._set_running(False)

    def _on_job_finished(self, result: ExportResult) -> None:
        self._job_ended()
        self.result = result
        self.progress_bar.setValue(100)
        self.status_label.setText(translate("ExportDialog", "Done."))
        self.summary_label.setStyleSheet("")
        self.summary_label.setText(result.summary())
        self.exported.emit(result)

    def _on_job_failed(self, message: str) -> None:
        self._job_ended()
        self.progress_bar.setValue(0)
        self.status_label.setText(translate("ExportDialog", "Export failed."))
        self._show_error(message)

    def _on_job_cancelled(self) -> None:
        self._job_ended()
        self.progress_bar.setValue(0)
        self.status_label.setText(translate("ExportDialog", "Export cancelled; nothing was written."))

    def _show_error(self, message: str) -> None:
        self.summary_label.setStyleSheet("color: #b00020;")
        self.summary_label.setText(message)

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._pool.waitForDone(10_000)
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._job is not None:
            self._job.cancel()
            self._pool.waitForDone(10_000)
        super().closeEvent(event)


def import_in_background(parent: QWidget | None, store: Store,
                         path: str | Path) -> tuple[ImportReport | None, str, bool]:
    """Import ``path`` into ``store`` with the file checked on a worker thread (progress dialog with
    Cancel) and the result applied on this (GUI) thread in one transaction.

    Returns the report (None when refused or cancelled), the text to show, and whether the import
    was cancelled; the project is unchanged unless a report comes back.
    """
    cancelled = translate("ExportDialog", "Import cancelled; the project was not changed.")
    path = Path(path)
    snapshot = take_snapshot(store)  # GUI thread: the worker never sees the Store
    outcome = run_in_background(
        parent, functools.partial(plan_import_file, path, snapshot),
        title=translate("ExportDialog", "Import Annotations"),
        label=translate("ExportDialog", "Reading {name}…").format(name=path.name),
        cancelled_by=(ImportCancelled,))
    del snapshot
    if outcome.cancelled:
        return None, cancelled, True
    if outcome.error is not None:
        if isinstance(outcome.error, RususError):
            return None, str(outcome.error), False
        log.error("import of %s failed", path, exc_info=outcome.error)
        return None, translate("ExportDialog", "{path} could not be imported ({error}); the project was not "
                                               "changed.").format(path=path, error=outcome.error), False
    if store.db is None:  # the project was closed meanwhile
        return None, cancelled, True
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = apply_plan(store, outcome.value)  # one transaction; re-checks the project first
    except RususError as exc:
        return None, str(exc), False
    finally:
        QApplication.restoreOverrideCursor()
    return report, report.summary(), False


def run_import(store: Store, path: str | Path) -> tuple[ImportReport | None, str]:
    """Import ``path`` into ``store`` on the calling (GUI) thread; return the report (None when refused)
    and the text to show the analyst. (Small files and scripts; the File menu uses
    :func:`import_in_background`.)"""
    try:
        report = import_file(store, path)
    except RususError as exc:
        return None, str(exc)
    return report, report.summary()


def import_annotations(parent: QWidget | None, store: Store, path: str | Path | None = None) -> ImportReport | None:
    """File > Import annotations…: ask for a file (unless given), import it all or nothing with the
    file checked off the GUI thread, and show the outcome. Returns the report so the caller can
    refresh its views, or None when nothing changed (refused, cancelled, or another long
    operation is still running)."""
    if busy():
        QApplication.beep()
        return None
    if path is None:
        start = str(store.path.parent) if store.path is not None else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            parent, translate("ExportDialog", "Import Annotations"), start,
            translate("ExportDialog", "Annotations (*.json *.jsonld);;All files (*)"))
        if not path:
            return None
    report, message, cancelled = import_in_background(parent, store, path)
    if report is not None:
        QMessageBox.information(parent, translate("ExportDialog", "Import Finished"), message)
    elif cancelled:
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(message, 8000)
    else:
        QMessageBox.warning(parent, translate("ExportDialog", "Import Refused"), message)
    return report
