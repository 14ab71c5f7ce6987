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


def check_new_project_path(project: str | Path) -> Path:
    """``project`` as a Path, or :class:`ProjectError` when it names an existing non-empty file."""
    from rusus_desktop.errors import ProjectError

    project = Path(project)
    if project.exists() and project.stat().st_size > 0:
        raise ProjectError(f"{project} already exists; choose a new file name (nothing was changed).")
    return project


def new_project_from_paths(project: str | Path, paths: list[str | Path], *, loaded=None):
    """Create a project file at ``project`` holding the documents under ``paths``.

    Refuses to overwrite an existing non-empty file. Returns ``(store, CorpusLoad)`` so the caller
    can report what was skipped and why. ``loaded``, when given, is ``load_corpus(paths)`` already
    done (the window reads the files on a worker thread); ``paths`` is then not read again. If the
    documents cannot be added, the file this call created is removed again.
    """
    project = check_new_project_path(project)
    if loaded is None:
        loaded = load_corpus(paths)
    existed = project.exists()
    store = Store(project)
    try:
        store.add_documents(loaded.documents)
    except BaseException:
        store.close()
        if not existed:
            for leftover in (project, *(project.with_name(project.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise
    return store, loaded
