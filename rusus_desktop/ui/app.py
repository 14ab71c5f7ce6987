"""Starting the window: the QApplication, theme, language, the project, the main window.

Start-up is kept short on purpose: nothing from the NLP pipeline (and so no underthesea) is
imported before the window is on screen with the corpus list. The pipeline is loaded, cached
analyses applied and the background analysis scheduled from the event loop right after
(``MainWindow.start_background``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from rusus_desktop import __version__
from rusus_desktop.errors import RususError
from rusus_desktop.ui import theme
from rusus_desktop.ui.i18n import LanguageManager
from rusus_desktop.ui.main_window import MainWindow
from rusus_desktop.ui.settings import open_settings

translate = QCoreApplication.translate

APP_NAME = "Rusus Desktop"
APP_ID = "io.github.rusus.RususDesktop"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once; reused by tests and the screenshot command)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Rusus")
    app.setApplicationVersion(__version__)
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


def run_app(project: str | Path | None = None) -> int:
    """Open the window on ``project`` (or the last/default project) and run until it closes."""
    app = create_application()
    try:
        from rusus_desktop.ui.error_dialog import install_error_handling

        install_error_handling(app)
    except ImportError:
        pass
    settings = open_settings()
    from rusus_desktop.project_setup import open_startup_project

    if project is None:
        last = str(settings.value("last_project", "") or "")
        if last and Path(last).is_file():
            project = last
    try:
        store = open_startup_project(project)
    except (RususError, OSError) as exc:
        theme.apply_theme(app, str(settings.value("view/theme", "system")))
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          translate("App", "The project could not be opened."), QMessageBox.StandardButton.Close)
        box.setInformativeText(str(exc))
        box.exec()
        return 2
    probe = os.environ.get("RUSUS_STARTUP_PROBE") == "1"
    try:
        window = build_window(store, settings=settings)
        if probe:
            window._probe = _StartupProbe(window)
            window.corpus_panel.view.viewport().installEventFilter(window._probe)
        window.show()
        if not probe:
            QTimer.singleShot(0, window.start_background)
        code = app.exec()
        window.runner.shutdown()
        return code
    finally:
        window_store = getattr(locals().get("window"), "store", store)
        window_store.close()
