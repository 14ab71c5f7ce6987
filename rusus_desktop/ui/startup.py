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
from pathlib import Path

from rusus_desktop.corpus.model import DocumentSummary

# Store.documents(), kept in step with store/project.py (schema checked by user_version below).
_QUERY = """SELECT d.id, d.title, d.source_path, d.source, d.published, d.length, d.position,
                   (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id) AS n_ann
            FROM documents d ORDER BY d.position"""
_KNOWN_SCHEMAS = range(1, 100)


def quick_documents(path: str | Path | None) -> list[DocumentSummary] | None:
    """The corpus list of the project at ``path``, or None when it cannot be read this way."""
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
    return [DocumentSummary(id=r[0], title=r[1], source_path=r[2], source=r[3], published=r[4], length=r[5],
                            position=r[6], annotation_count=r[7]) for r in rows]
