"""The corpus list for the window's first paint, read before the project is opened.

Opening a project means importing sqlite-utils and the store (about a third of a second of
start-up with the rest of the window). The window's first paint only needs the document list, so
:func:`quick_documents` reads it straight from the project file, read-only, with the standard
library's ``sqlite3`` and the same query as ``Store.documents()``. The list is replaced from the
store as soon as the project is open (``MainWindow.load_corpus``); if anything here looks unusual
(no file yet, another schema, a locked or damaged file) it returns None and the window opens the
project first, as before.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

# Store.documents(), kept in step with store/project.py (schema checked by user_version below).
_QUERY = """SELECT d.id, d.title, d.source_path, d.source, d.published, d.length, d.position,
                   (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id) AS n_ann
            FROM documents d ORDER BY d.position"""
_KNOWN_SCHEMAS = range(1, 100)


class ListedDocument(NamedTuple):
    """A row of the corpus list at the first paint: the fields of ``DocumentSummary``.

    The window takes these rather than ``DocumentSummary`` because importing the domain model
    (six slotted dataclasses, and ``dataclasses`` itself) adds ~6 ms to start-up, for rows that
    ``MainWindow.load_corpus`` replaces with the store's moments later.
    """

    id: str
    title: str
    source_path: str
    source: str | None
    published: str | None
    length: int
    position: int
    entity_count: int = 0
    annotation_count: int = 0


def quick_documents(path: str | Path | None, row_type: Callable[..., object] | None = None) -> list | None:
    """The corpus list of the project at ``path``, or None when it cannot be read this way.

    Each document is a ``DocumentSummary``, or a ``row_type`` made from the same keyword arguments
    (the window passes :class:`ListedDocument`).
    """
    if path is None:
        return None
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version not in _KNOWN_SCHEMAS:
            return None
        rows = conn.execute(_QUERY).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if row_type is None:
        from rusus_desktop.corpus.model import DocumentSummary

        row_type = DocumentSummary
    return [row_type(id=r[0], title=r[1], source_path=r[2], source=r[3], published=r[4], length=r[5],
                     position=r[6], annotation_count=r[7]) for r in rows]
