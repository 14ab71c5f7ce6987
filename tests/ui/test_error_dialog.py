"""An unexpected exception is logged and shown in a dialog; the application keeps running."""
from __future__ import annotations

import os
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget  # noqa: E402

from rusus_desktop.logging_setup import teardown_logging  # noqa: E402
from rusus_desktop.ui.error_dialog import (  # noqa: E402
    ErrorDialog,
    current_error_dialog,
    install_error_handling,
    uninstall_error_handling,
)

# pytest-qt would otherwise capture the slot's exception itself and fail the test.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def log_path(qapp, _isolated_user_data):
    path = install_error_handling(qapp)
    yield path
    uninstall_error_handling()
    teardown_logging()


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    widget.setWindowTitle("Rusus Desktop")
    button = QPushButton("Analyse", widget)
    button.setObjectName("boom")
    QVBoxLayout(widget).addWidget(button)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _log_text(path) -> str:
    import logging

    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_log_goes_to_the_user_data_folder(log_path, _isolated_user_data):
    assert log_path == _isolated_user_data / "logs" / "rusus-desktop.log"
    assert log_path.is_file()
    assert (_isolated_user_data / "logs" / "crashes.log").is_file()  # faulthandler's target


def test_raising_in_a_slot_shows_the_dialog_logs_and_keeps_running(qtbot, log_path, window, capsys):
    button = window.findChild(QPushButton, "boom")

    def analyse():
        raise RuntimeError("tagger exploded on sentence 12")

    button.clicked.connect(analyse)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current_error_dialog() is not None, timeout=3000)

    dialog = current_error_dialog()
    assert isinstance(dialog, ErrorDialog) and dialog.isVisible()
    message = dialog.message.text()
    assert "still running" in message
    assert "RuntimeError: tagger exploded on sentence 12" in message
    assert str(log_path) in message
    assert "tagger exploded on sentence 12" in dialog.report
    assert "Traceback (most recent call last)" in dialog.report and "python: " in dialog.report
    assert dialog.details.toPlainText() == dialog.report

    dialog.copy_report()
    assert QApplication.clipboard().text() == dialog.report

    logged = _log_text(log_path)
    assert "unexpected error in the main thread" in logged
    assert "RuntimeError: tagger exploded on sentence 12" in logged
    assert "tagger exploded" in capsys.readouterr().err  # still echoed for developers

    # The application did not exit: the window is still there and the event loop still runs.
    assert window.isVisible()
    ticked = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: ticked == [True])

    # A second error while the dialog is open is counted in it, not stacked as another dialog.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.extra_errors == 1)
    assert "1 more error" in dialog.message.text()
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()] == [dialog]

    # Closed, the next error opens a fresh dialog.
    dialog.close()
    qtbot.waitUntil(lambda: current_error_dialog() is None)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current_error_dialog() is not None)
    assert current_error_dialog() is not dialog
    current_error_dialog().close()


def test_exception_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, log_path, window):
    def work():
        raise OSError("cannot read corpus folder")

    thread = threading.Thread(target=work, name="nlp-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: current_error_dialog() is not None, timeout=3000)
    dialog = current_error_dialog()
    assert dialog.thread() is QApplication.instance().thread()
    assert "OSError: cannot read corpus folder" in dialog.report
    assert "thread 'nlp-worker'" in dialog.report
    assert "thread 'nlp-worker'" in _log_text(log_path)
    dialog.close()


def test_qt_warnings_go_to_the_log(log_path):
    from PySide6.QtCore import qWarning

    qWarning("rusus-test: a Qt warning")
    assert "a Qt warning" in _log_text(log_path)
