"""Opening the project the window starts with: the one named, or the default one created from the
bundled seeds on first launch."""
from __future__ import annotations

from pathlib import Path

from rusus_desktop.corpus.reader import load_corpus
from rusus_desktop.paths import default_project_path
from rusus_desktop.resources import seeds_dir
from rusus_desktop.store import Store


def open_startup_project(path: str | Path | None = None) -> Store:
    """Open ``path``, or the default project (filled from the bundled corpus when new or empty)."""
    if path is not None:
        return Store(path)
    store = Store(default_project_path())
    if store.document_count() == 0:
        store.add_documents(load_corpus([seeds_dir()]).documents)
    return store
