"""Starting the window: the QApplication, theme, language, the project, the main window.

Start-up is kept short on purpose: the window's frame with the corpus list is painted before the
project is opened and before the reader is built (see :func:`run_app`), and nothing from the NLP
pipeline (so no underthesea) is ever imported in this process: the pipeline runs in its own
process, loaded from the event loop after the window is complete (``MainWindow.start_background``).
"""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from rusus_desktop import version
from rusus_desktop.errors import RususError
from rusus_desktop.ui import theme
from rusus_desktop.ui.i18n import LanguageManager
from rusus_desktop.ui.main_window import MainWindow
from rusus_desktop.ui.settings import open_settings

translate = QCoreApplication.translate

APP_NAME = "Rusus Desktop"
APP_ID = "io.github.rusus.RususDesktop"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once; reused by tests and the screenshot command), on Fusion."""
    app = QApplication.instance()
    if app is None:
        # Fusion is asked for on the command line rather than with style()/setStyle(): those wrap
        # a QStyle in Python, and creating QStyle's Python enums costs ~5 ms of start-up (nothing
        # else before the first paint needs them).
        args = list(argv) if argv is not None else sys.argv[:1]
        app = QApplication([*args, "-style", "Fusion"])
    elif app.applicationName() != APP_NAME and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # an application made elsewhere (e.g. pytest-qt's), set up the first time
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Rusus")
    # Reading the package metadata costs ~60 ms (importlib.metadata scans site-packages), so the
    # version is filled in after the window has painted; nothing reads it before that.
    QTimer.singleShot(1000, lambda: app.setApplicationVersion(version()))
    QGuiApplication.setDesktopFileName(APP_ID)
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        # No desktop to ask: use what a typical Linux desktop would (10 pt, full Vietnamese coverage).
        font = QFont("DejaVu Sans")
        font.setPointSizeF(10)
        app.setFont(font)
    return app


def _window_icon():
    try:
        from rusus_desktop.ui.app_icon import app_icon

        return app_icon()
    except Exception:  # noqa: BLE001 - a missing icon must never stop the window
        return None


def build_window(store, *, settings=None, theme_name: str | None = None, language: str | None = None,
                 restore: bool = True) -> MainWindow:
    """Make the main window on ``store`` with the corpus list filled and a document open.

    Does not show it and does not start the background analysis (``window.start_background()``).
    """
    app = create_application()
    settings = settings if settings is not None else open_settings()
    theme_name = theme_name or str(settings.value("view/theme", "system"))
    theme.apply_theme(app, theme_name)
    languages = LanguageManager(app)
    languages.set_language(language or str(settings.value("view/language", "system")))
    window = MainWindow(store, settings=settings, languages=languages, theme_name=theme_name)
    icon = _window_icon()
    if icon is not None and not icon.isNull():
        app.setWindowIcon(icon)
        window.setWindowIcon(icon)
    if restore:
        window.restore_settings()
    else:
        window.apply_default_layout()
    window.load_corpus()
    return window


class _StartupProbe(QObject):
    """Benchmarks only (``RUSUS_STARTUP_PROBE=1``): report when the corpus list first paints, quit."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            print("STARTUP-PAINTED", flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def _open_error(app, settings, exc: Exception, parent=None) -> None:
    theme.apply_theme(app, str(settings.value("view/theme", "system")))
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                      translate("App", "The project could not be opened."), QMessageBox.StandardButton.Close, parent)
    box.setInformativeText(str(exc))
    box.exec()


def run_app(project: str | Path | None = None) -> int:
    """Open the window on ``project`` (or the last/default project) and run until it closes.

    Start-up comes in two steps when the project file already exists: the window frame with the
    corpus list (read straight from the file, see ``ui/startup.py``) is shown and painted first;
    then the project is opened and the reader, panels and annotator are built into the same
    window, and the background analysis starts. A new project (first launch) is created first.

    The cyclic garbage collector is switched on once the window is complete (the command line
    turns it off for start-up, see ``cli/open_window.py``).
    """
    from rusus_desktop.paths import default_project_path
    from rusus_desktop.ui.startup import ListedDocument, quick_documents

    app = create_application()
    settings = open_settings()
    if project is None:
        last = str(settings.value("last_project", "") or "")
        if last and Path(last).is_file():
            project = last
    target = Path(project) if project is not None else default_project_path()
    rows = quick_documents(target, row_type=ListedDocument)
    probe = os.environ.get("RUSUS_STARTUP_PROBE") == "1"
    window: MainWindow | None = None
    store = None
    try:
        if rows is None:
            if not probe:
                _prestart_analysis()
            _install_error_handling(app)
            try:
                store = _open_project(project)
            except (RususError, OSError) as exc:
                _open_error(app, settings, exc)
                return 2
            window = build_window(store, settings=settings)
            _attach_probe(window, probe)
            window.show()
            gc.enable()
            if not probe:
                QTimer.singleShot(0, window.start_background)
        else:
            window = _frame_window(target, settings)
            _attach_probe(window, probe)
            window.show()
            window.show_quick_list(rows)
            if not probe:
                finisher = _Finisher(window, project, settings)
                window.corpus_panel.view.viewport().installEventFilter(finisher)
                QTimer.singleShot(200, finisher.finish)  # in case no paint ever comes (minimised)
        code = app.exec()
        if window is not None and window.ready:
            window.runner.shutdown()
        return code
    finally:
        gc.enable()  # however start-up ended
        owned = window.store if window is not None and window.store is not None else store
        if owned is not None:
            owned.close()


def _prestart_analysis() -> None:
    if os.environ.get("RUSUS_ANALYSIS_IN_PROCESS") == "1":
        return
    from rusus_desktop.ui.analysis_server import prestart

    prestart()


def _install_error_handling(app) -> None:
    try:
        from rusus_desktop.ui.error_dialog import install_error_handling

        install_error_handling(app)
    except ImportError:
        pass


def _open_project(project):
    from rusus_desktop.project_setup import open_startup_project

    return open_startup_project(project)


def _attach_probe(window: MainWindow, probe: bool) -> None:
    if probe:
        window._probe = _StartupProbe(window)
        window.corpus_panel.view.viewport().installEventFilter(window._probe)


def _frame_window(project_path: Path, settings) -> MainWindow:
    """The window's frame (corpus list still empty), before the project is opened."""
    app = create_application()
    theme_name = str(settings.value("view/theme", "system"))
    theme.apply_theme(app, theme_name)
    languages = LanguageManager(app)
    languages.set_language(str(settings.value("view/language", "system")))
    window = MainWindow(None, settings=settings, languages=languages, theme_name=theme_name, defer=True,
                        project_path=project_path)
    window.restore_layout()
    icon = _window_icon()
    if icon is not None and not icon.isNull():
        app.setWindowIcon(icon)
        window.setWindowIcon(icon)
    return window


class _Finisher(QObject):
    """Opens the project and finishes the window right after the frame's first paint."""

    def __init__(self, window: MainWindow, project, settings) -> None:
        super().__init__(window)
        self.window, self.project, self.settings = window, project, settings
        self.done = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self.done:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            self._finish()
        finally:
            gc.enable()  # start-up is over (see run_app)

    def _finish(self) -> None:
        window = self.window
        app = QApplication.instance()
        _prestart_analysis()  # loads the NLP models on the other core while the window is finished
        _install_error_handling(app)
        try:
            store = _open_project(self.project)
        except (RususError, OSError) as exc:
            _open_error(app, self.settings, exc, window)
            window.close()
            return
        window.finish_construction(store)
        window.restore_layout()  # again: places the docks made just now
        window.restore_view_settings()
        window.load_corpus()
        window.start_background()
