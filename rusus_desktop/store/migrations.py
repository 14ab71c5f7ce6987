"""Every schema change, in order. Nothing else creates tables.

Each migration runs in one transaction with its record (sqlite-utils ``Migrations``) and also sets
``PRAGMA user_version`` to its number, so any SQLite tool can see which schema a file has and an
older app refuses a newer file before touching it.
"""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x52555355  # "RUSU": marks a SQLite file as a Rusus Desktop project
SCHEMA_VERSION = 2

migrations = Migrations("rusus_desktop")


def _set_version(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.executescript(
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,             -- sha256 of the canonical text (NFC, \\n, no BOM)
            title TEXT NOT NULL,
            source TEXT,                     -- publisher or site, analyst-editable
            source_path TEXT NOT NULL DEFAULT '',
            file_sha256 TEXT NOT NULL DEFAULT '',
            published TEXT,                  -- ISO 8601 date or date-time
            encoding TEXT NOT NULL DEFAULT 'utf-8',
            text TEXT NOT NULL,              -- canonical text; all offsets are code points into it
            length INTEGER NOT NULL,         -- code points
            position INTEGER NOT NULL,       -- order in the corpus list
            added_at TEXT NOT NULL
        );
        CREATE INDEX documents_source_path ON documents(source_path);

        -- Folded (diacritic-free, lowercase) copies of title and text; same length as the originals.
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
        );

        CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            hotkey TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,          -- code points, half-open [start, end)
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            text_sha256 TEXT NOT NULL,       -- text the offsets refer to
            tag_id TEXT NOT NULL REFERENCES tags(id),
            note TEXT,
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'detected')),
            status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphaned')),
            CHECK (start >= 0 AND "end" >= start)
        );
        CREATE INDEX annotations_doc_start ON annotations(doc_id, start);
        CREATE INDEX annotations_tag ON annotations(tag_id);

        CREATE TABLE analysis_cache (
            text_sha256 TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            result TEXT NOT NULL,            -- JSON: body, entities, dates (see `analyze --json`)
            created TEXT NOT NULL,
            PRIMARY KEY (text_sha256, pipeline_version)
        );

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """
    )
    _set_version(db, 1)


@migrations(name="0002_feedback_and_history")
def m0002_feedback_and_history(db: Database) -> None:
    db.executescript(
        """
        -- The analyst's verdicts on detected entities/dates: they feed back into detection.
        CREATE TABLE suggestion_feedback (
            id TEXT PRIMARY KEY,
            doc_id TEXT REFERENCES documents(id) ON DELETE CASCADE,  -- NULL: applies corpus-wide
            start INTEGER,
            "end" INTEGER,
            text TEXT NOT NULL,              -- the surface string the verdict is about
            layer TEXT NOT NULL CHECK (layer IN ('entity', 'date')),
            label TEXT,                      -- the corrected or accepted label; NULL when rejected
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected', 'corrected')),
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        );
        CREATE INDEX suggestion_feedback_text ON suggestion_feedback(text);
        CREATE INDEX suggestion_feedback_doc ON suggestion_feedback(doc_id, start);

        -- Undo history that survives a restart: each entry is a JSON description of one command.
        CREATE TABLE undo_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT,                     -- NULL for project-wide commands (tag set edits)
            label TEXT NOT NULL,
            command TEXT NOT NULL,           -- JSON, understood by the ui command factory
            state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
            created TEXT NOT NULL
        );
        """
    )
    _set_version(db, 2)
