"""Rendering the real window to a PNG (``rusus-desktop screenshot``)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from rusus_desktop.errors import NotFound


def _settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


def take_screenshot(output: str | Path, *, project: str | Path | None = None, document: str = "1",
                    size: tuple[int, int] = (1400, 900), theme_name: str = "light", language: str = "en",
                    settings_path: str | Path | None = None, find: str | None = None, select: str | None = None,
                    furniture: str = "dim", tab: str = "names", timeout_ms: int = 120_000) -> Path:
    """Open the window offscreen on ``project``, show ``document`` with its highlights, save a PNG.

    Only the shown document is analysed (when its analysis is not cached yet); the rest of the
    corpus is left for the window's next normal start.
    """
    from rusus_desktop.project_setup import open_startup_project
    from rusus_desktop.ui.app import build_window, create_application
    from rusus_desktop.ui.settings import open_settings
    from rusus_desktop.ui.workers import AnalysisRunner

    # No event loop to keep responsive here: analyse (at most one document) on a thread.
    in_process, AnalysisRunner.in_process_default = AnalysisRunner.in_process_default, True
    create_application()
    try:
        store = open_startup_project(project)
    except BaseException:
        AnalysisRunner.in_process_default = in_process
        raise
    try:
        settings = open_settings(settings_path) if settings_path else open_settings()
        window = build_window(store, settings=settings, theme_name=theme_name, language=language, restore=False)
        window.resize(*size)
        ids = window.corpus_panel.model.ids()
        if document.isdigit() and 1 <= int(document) <= len(ids):
            doc_id = ids[int(document) - 1]
        elif document in ids:
            doc_id = document
        else:
            raise NotFound(f"No document {document!r} in this project ({len(ids)} documents; "
                           f"use a position from 1 to {len(ids)} or an id).")
        window.open_document(doc_id)
        window.show()
        _settle()
        window.start_background(analyse=False, wait=True)
        if window.analysis_available and window.session.analysis is None:
            window.runner.start(first=[doc_id], only=[doc_id])
            window.runner.wait(timeout_ms)
        window.set_furniture_mode(furniture)
        window.entities_panel.tabs.setCurrentIndex({"names": 0, "dates": 1, "corpus": 2}.get(tab, 0))
        if select:
            start = window.session.document.text.find(select)
            if start >= 0:
                window.view.select_span(start, start + len(select), flash=False)
        if find:
            window.find_bar.edit.setText(find)
            window.find_bar.open_bar()
        _settle(10)
        out = Path(output)
        out.parent.mkdir(parents=True, exist_ok=True)
        pixmap = window.grab()
        if not pixmap.save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
        window.runner.shutdown()
        window.close()
        _settle()
        return out
    finally:
        store.close()
        AnalysisRunner.in_process_default = in_process
        QApplication.processEvents()
