"""Start-up: the frame with the corpus list paints before the project is opened; then the window
is finished in place (same window), the last document opens and analysis is scheduled."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rusus_desktop.ui.startup import quick_documents


def test_quick_list_matches_the_store(project_copy, tmp_path):
    from rusus_desktop.store import Store

    rows = quick_documents(project_copy)
    with Store(project_copy) as store:
        assert rows == store.documents()
    assert quick_documents(tmp_path / "missing.rusus") is None
    (tmp_path / "not.rusus").write_text("hello")
    assert quick_documents(tmp_path / "not.rusus") is None
    assert quick_documents(None) is None


@pytest.fixture
def no_error_hooks(monkeypatch):
    """run_app installs process-wide exception hooks; the test process keeps pytest's."""
    from rusus_desktop.ui import app as app_module

    monkeypatch.setattr(app_module, "_install_error_handling", lambda app: None)


def test_run_app_paints_the_corpus_list_first_then_finishes_the_same_window(project_copy, qapp, no_error_hooks):
    from rusus_desktop.ui.app import run_app

    seen: dict = {}
    before = set(QApplication.topLevelWidgets())

    def main_windows():
        return [w for w in QApplication.topLevelWidgets()
                if w.objectName() == "mainWindow" and w not in before and w.isVisible()]

    def early():
        [window] = main_windows()
        seen["early"] = (window.isVisible(), window.ready, window.corpus_panel.model.rowCount())
        seen["window"] = window

    def later():
        windows = main_windows()
        window = windows[0]
        if not (window.ready and window.session.document is not None and window.analysis_available):
            QTimer.singleShot(50, later)
            return
        seen["later"] = (len(windows), window is seen["window"], window.store.path == project_copy,
                         window.view.toPlainText() == window.session.document.text,
                         window.session.analysis is not None)
        window.close()

    QTimer.singleShot(0, early)
    QTimer.singleShot(50, later)
    QTimer.singleShot(20_000, QApplication.quit)  # safety net
    assert run_app(project_copy) == 0
    assert seen["early"] == (True, False, 5)  # shown with the list before the reader existed
    assert seen["later"] == (1, True, True, True, True)


def test_run_app_reports_a_project_it_cannot_open(tmp_path, qapp, monkeypatch, no_error_hooks):
    from PySide6.QtWidgets import QMessageBox

    from rusus_desktop.ui import app as app_module

    bad = tmp_path / "bad.rusus"
    bad.write_bytes(b"this is not a database" * 10)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.informativeText()) or 0)
    assert app_module.run_app(bad) == 2
    assert shown and "not a Rusus Desktop project" in shown[0]


def test_first_launch_creates_the_default_project_and_starts_analysing(qapp, no_error_hooks):
    from rusus_desktop.paths import default_project_path
    from rusus_desktop.ui.app import run_app

    assert not default_project_path().exists()  # RUSUS_DATA_DIR is a fresh temp folder
    seen: dict = {}
    before = set(QApplication.topLevelWidgets())

    def check():
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "mainWindow" and w not in before and w.isVisible()]
        if not windows or not windows[0].ready or not windows[0].analysis_available:
            QTimer.singleShot(50, check)
            return
        window = windows[0]
        seen["docs"] = window.corpus_panel.model.rowCount()
        seen["readable"] = window.view.toPlainText() == window.session.document.text
        seen["running"] = window.runner.is_running or window.session.analysis is not None
        window.close()  # cancels the run; what was stored stays for next time

    QTimer.singleShot(0, check)
    QTimer.singleShot(30_000, QApplication.quit)
    assert run_app() == 0
    assert seen == {"docs": 5, "readable": True, "running": True}
    assert default_project_path().is_file()
