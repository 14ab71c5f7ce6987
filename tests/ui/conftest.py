"""Fixtures for the window tests: Qt offscreen, a fresh project per test, the real window.

The seeds are analysed once per session with the real pipeline into a template project file;
each test gets its own copy (Anki's ``getEmptyCol`` idea), so tests are fast and independent.
The user data folder is a temp dir (``RUSUS_DATA_DIR``, see ``tests/conftest.py``); window
settings go to a per-test INI file.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows under test analyse on a thread of the test process (fast to start, deterministic); the
# analysis process itself is tested in test_workers.py.
os.environ.setdefault("RUSUS_ANALYSIS_IN_PROCESS", "1")

import pytest  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def pipeline_version() -> str:
    from rusus_desktop.nlp.pipeline import PIPELINE_VERSION

    return PIPELINE_VERSION


@pytest.fixture(scope="session")
def analysed_template(tmp_path_factory, pipeline_version) -> Path:
    """A project holding the seeds, every one analysed by the real pipeline (built once)."""
    from rusus_desktop.corpus.reader import load_corpus
    from rusus_desktop.nlp.pipeline import analyze
    from rusus_desktop.store import Store
    from rusus_desktop.ui.workers import parse_published

    path = tmp_path_factory.mktemp("template") / "seeds.rusus"
    with Store(path) as store:
        store.add_documents(load_corpus([SEEDS]).documents)
        for summary in store.documents():
            doc = store.document(summary.id)
            result = analyze(doc.text, parse_published(doc.published))
            store.store_analysis(doc.id, pipeline_version, result.to_json())
    return path


@pytest.fixture
def project_copy(analysed_template, tmp_path) -> Path:
    target = tmp_path / "project.rusus"
    shutil.copyfile(analysed_template, target)
    return target


class WindowMaker:
    """Builds real main windows on project files and closes them (and their stores) afterwards."""

    def __init__(self, qtbot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.windows: list = []

    def settings(self):
        from rusus_desktop.ui.settings import open_settings

        settings = open_settings(self.tmp_path / "window.ini")
        settings.setValue("analyst/name", settings.value("analyst/name", "Test Analyst"))
        return settings

    def __call__(self, project: Path | str, *, restore: bool = False, background: bool = True,
                 analyse: bool = False, theme_name: str = "light", language: str = "en"):
        from rusus_desktop.store import Store
        from rusus_desktop.ui.app import build_window

        store = Store(project)
        window = build_window(store, settings=self.settings(), theme_name=theme_name, language=language,
                              restore=restore)
        self.qtbot.addWidget(window)
        if not restore:
            window.resize(1300, 850)
        window.show()
        self.qtbot.waitExposed(window)
        if background:
            window.start_background(analyse=analyse, wait=True)
        self.windows.append(window)
        return window

    def close(self, window) -> None:
        if window in self.windows:
            self.windows.remove(window)
        window.runner.shutdown()
        window.close()
        window.store.close()

    def close_all(self) -> None:
        for window in list(self.windows):
            self.close(window)


@pytest.fixture
def make_window(qtbot, tmp_path):
    maker = WindowMaker(qtbot, tmp_path)
    yield maker
    maker.close_all()


@pytest.fixture
def window(make_window, project_copy):
    """The real window on a copy of the analysed seeds, first document open."""
    return make_window(project_copy)


def add_document(project: Path, text: str, analysis: dict | None, version: str) -> str:
    """Put ``text`` (and, optionally, its analysis in the cache) into the project; returns its id."""
    from rusus_desktop.corpus.reader import document_from_text
    from rusus_desktop.store import Store

    doc = document_from_text(text, source_path="crafted.txt")
    with Store(project) as store:
        store.add_documents([doc])
        if analysis is not None:
            store.store_analysis(doc.id, version, analysis)
    return doc.id
