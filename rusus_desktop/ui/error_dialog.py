"""Unexpected exceptions: log them and tell the analyst, instead of closing the window silently.

``install_error_handling(app)`` (called once by ``ui/app.py`` after the QApplication exists):

* opens the log file (``logging_setup.setup_logging``) and keeps a ``faulthandler`` trace of hard
  crashes (segfaults, aborts) next to it;
* replaces ``sys.excepthook`` (exceptions in slots, event handlers and timers land there) and
  ``threading.excepthook`` (worker threads): the exception is logged with its context and an
  :class:`ErrorDialog` shows what happened, the log's location and a report to copy. The
  application keeps running;
* routes Qt's own warnings into the log.

Errors from other threads are handed to the GUI thread through a queued signal. While a dialog is
open, further errors are logged and counted in it rather than stacking more dialogs.
"""
from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.logging_setup import log_exception, log_file, setup_logging

log = logging.getLogger("rusus_desktop.errors")
qt_log = logging.getLogger("rusus_desktop.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class ErrorDialog(QDialog):
    """Says that something went wrong, where the log is, and offers the report to copy."""

    def __init__(self, summary: str, report: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle("Rusus Desktop: unexpected error")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report = report
        self.extra_errors = 0

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(32, 32))
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = summary
        self.log_path = log_path
        self._update_message()

        self.details = QPlainTextEdit(report)
        self.details.setObjectName("errorReport")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setMinimumSize(560, 220)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy report")
        self.copy_button.setObjectName("copyReport")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        if log_path is not None:
            open_folder = QPushButton("Open &log folder")
            open_folder.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent))))
            buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def _update_message(self) -> None:
        where = (f"The details are in the log file:<br><code>{self.log_path}</code>"
                 if self.log_path is not None else "The details are below.")
        more = (f"<p>{self.extra_errors} more error{'s' if self.extra_errors != 1 else ''} happened since; "
                f"they are in the log too.</p>" if self.extra_errors else "")
        self.message.setText(
            "<p><b>Something went wrong, but Rusus Desktop is still running.</b></p>"
            f"<p>{_escape(self.summary)}</p>"
            "<p>Everything reported as saved is kept in your project. "
            f"If this keeps happening, please report it with the text below.</p><p>{where}</p>{more}")

    def add_error(self) -> None:
        """Count one more error that happened while this dialog was open."""
        self.extra_errors += 1
        self._update_message()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _ErrorHandler(QObject):
    """Lives in the GUI thread; receives reports from any thread and shows them."""

    reported = Signal(str, str)  # summary, report

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.dialog: ErrorDialog | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.previous_excepthook = sys.excepthook
        self.previous_threading_excepthook = threading.excepthook
        self.previous_qt_handler = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous_excepthook(exc_type, exc, tb)
            return
        self.handle(exc_type, exc, tb, where="the main thread")

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        thread = args.thread.name if args.thread is not None else "a thread"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, where=f"thread {thread!r}")

    def handle(self, exc_type: type[BaseException], exc: BaseException | None,
               tb: TracebackType | None, *, where: str) -> None:
        """Log the exception, echo it to stderr, and show the dialog (queued to the GUI thread)."""
        try:
            if exc is None:
                exc = exc_type()
            report = log_exception(exc_type, exc, tb, where=where)
            if sys.stderr is not None:  # None under a Windows GUI executable
                traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
            summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
            self.reported.emit(summary, report)
        except Exception:  # never let the error handler itself take the application down
            sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]

    def _show(self, summary: str, report: str) -> None:
        if self.dialog is not None:
            self.dialog.add_error()
            return
        parent = QApplication.activeWindow()
        dialog = ErrorDialog(summary, report, log_file(), parent)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.destroyed.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.show()  # not exec(): no nested event loop inside an exception hook
        dialog.raise_()

    def _dialog_closed(self) -> None:
        self.dialog = None


_installed: _ErrorHandler | None = None
_fault_file = None
_fault_was_enabled = False


def install_error_handling(app: QApplication) -> Path:
    """Log to the platform log folder and show a dialog for unexpected exceptions.

    Call once, right after creating the QApplication. Returns the log file's path.
    """
    global _installed, _fault_file, _fault_was_enabled
    path = setup_logging()
    if _installed is None:
        handler = _ErrorHandler(app)
        sys.excepthook = handler.excepthook
        threading.excepthook = handler.threading_excepthook
        handler.previous_qt_handler = qInstallMessageHandler(_qt_message)
        _installed = handler
        # Hard crashes (a segfault in a C extension, Python's fatal errors) skip every hook;
        # faulthandler still writes their Python stack here.
        _fault_was_enabled = faulthandler.is_enabled()
        _fault_file = open(path.with_name("crashes.log"), "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(_fault_file, all_threads=True)
    return path


def uninstall_error_handling() -> None:
    """Put back the hooks that were there before (tests)."""
    global _installed, _fault_file
    if _installed is None:
        return
    sys.excepthook = _installed.previous_excepthook
    threading.excepthook = _installed.previous_threading_excepthook
    qInstallMessageHandler(_installed.previous_qt_handler)
    faulthandler.disable()
    if _fault_file is not None:
        _fault_file.close()
        _fault_file = None
    if _fault_was_enabled and sys.__stderr__ is not None:
        faulthandler.enable(sys.__stderr__, all_threads=True)
    if _installed.dialog is not None:
        _installed.dialog.close()
    _installed.deleteLater()
    _installed = None


def current_error_dialog() -> ErrorDialog | None:
    """The error dialog now open, if any."""
    return _installed.dialog if _installed is not None else None


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    level = _QT_LEVELS.get(mode, logging.WARNING)
    category = getattr(context, "category", None) or "default"
    qt_log.log(level, "[%s] %s", category, message)
    if level >= logging.WARNING and sys.stderr is not None:
        print(f"{category}: {message}" if category != "default" else message, file=sys.stderr)
