"""Schema versioning: fresh files, forward migration, and refusing what we must not touch."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlite_utils import Database

from rusus_desktop.errors import CorruptProject, NotAProject, SchemaTooNew
from rusus_desktop.store import Store
from rusus_desktop.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_has_current_schema(project_path):
    with Store(project_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"documents", "tags", "annotations", "analysis_cache", "suggestion_feedback",
                "undo_log"} <= set(store.db.table_names())
        assert len(store.tags()) == 8


def test_version_1_file_migrates_forward_keeping_data(project_path, seed_files):
    from rusus_desktop.corpus.reader import read_document

    db = Database(project_path)
    migrations.apply(db, stop_before="0002_feedback_and_history")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    doc = read_document(seed_files[0])
    db["documents"].insert({"id": doc.id, "title": doc.title, "source_path": doc.source_path, "text": doc.text,
                            "length": len(doc.text), "position": 0, "added_at": "2026-01-01T00:00:00Z"})
    db.close()
    with Store(project_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.document(doc.id).text == doc.text
        assert "undo_log" in store.db.table_names()


def test_newer_schema_is_refused_and_file_unchanged(project_path):
    Store(project_path).close()
    conn = sqlite3.connect(project_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _sha(project_path)
    with pytest.raises(SchemaTooNew, match="newer Rusus Desktop"):
        Store(project_path)
    assert _sha(project_path) == before


def test_other_sqlite_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Nguyễn Văn A')")
    conn.commit()
    conn.close()
    before = _sha(path)
    with pytest.raises(NotAProject, match="not a Rusus Desktop project"):
        Store(path)
    assert _sha(path) == before


def test_non_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.rusus"
    path.write_text("Đây không phải là cơ sở dữ liệu.\n" * 50, encoding="utf-8")
    before = _sha(path)
    with pytest.raises(NotAProject):
        Store(path)
    assert _sha(path) == before


def test_corrupt_project_is_refused_unchanged(project_path, seed_files):
    from rusus_desktop.corpus.reader import load_corpus

    with Store(project_path) as store:
        store.add_documents(load_corpus(seed_files).documents)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(project_path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - 16, page):  # scribble over every page but the header
        data[offset + 8: offset + 40] = b"\xde\xad\xbe\xef" * 8
    project_path.write_bytes(bytes(data))
    before = _sha(project_path)
    with pytest.raises(CorruptProject, match="damaged"):
        Store(project_path)
    assert _sha(project_path) == before


def test_empty_file_becomes_a_project(tmp_path):
    path = tmp_path / "empty.rusus"
    path.write_bytes(b"")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
