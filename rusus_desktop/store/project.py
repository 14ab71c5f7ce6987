"""The Store: the only code that touches SQL.

Contract: one Store per open project, used from one thread (sqlite3's ``check_same_thread`` stays on
as a tripwire). Every public write is one transaction (``db.atomic()``): when a write method
returns, the change is on disk (WAL, ``synchronous=FULL``), and a crash at any moment leaves the file
as it was before or after that write, never in between.
"""
from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from rusus_desktop.corpus.model import Annotation, Change, Document, DocumentSummary, SearchHit, Tag
from rusus_desktop.corpus.text import quote_context
from rusus_desktop.errors import (
    CorruptProject,
    NotAProject,
    NotFound,
    ProjectError,
    ProjectLocked,
    SchemaTooNew,
    SpanError,
)
from rusus_desktop.store import folding
from rusus_desktop.store.locking import ProjectLock
from rusus_desktop.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations

PROJECT_SUFFIX = ".rusus"
SQLITE_HEADER = b"SQLite format 3\x00"

# A small starting tag set that suits Russia–US coverage; the analyst edits it freely.
DEFAULT_TAGS: tuple[tuple[str, str, str], ...] = (
    ("Cooperation", "#2ca02c", "Dialogue, agreements, joint work between the sides"),
    ("Confrontation", "#d62728", "Threats, accusations, expulsions, military pressure"),
    ("Arms control", "#1f77b4", "Treaties, strategic stability, nuclear and missile limits"),
    ("Sanctions", "#ff7f0e", "Sanctions imposed, threatened or lifted"),
    ("Cyber", "#9467bd", "Cyber attacks, ransomware, hacking, cyber security talks"),
    ("Ukraine", "#e3b505", "The war in or the crisis over Ukraine"),
    ("Quote", "#17becf", "A direct quotation worth citing"),
    ("Claim to verify", "#8c564b", "A factual claim that needs checking"),
)


class AddResult(tuple):
    """``(added, present)`` as before, plus ``reanchored``: reports for documents that replaced an
    earlier version of the same file (see :meth:`Store.add_documents`)."""

    def __new__(cls, added: list[str], present: list[str], reanchored: list | None = None) -> AddResult:
        self = super().__new__(cls, (added, present))
        self.reanchored = list(reanchored or [])
        return self

    @property
    def added(self) -> list[str]:
        return self[0]

    @property
    def present(self) -> list[str]:
        return self[1]


def now_iso() -> str:
    """Current UTC time as ISO 8601 with a Z, second precision (what annotations record)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except PermissionError:
        raise ProjectError(f"{path}: permission denied; the project file cannot be opened.") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if header and header != SQLITE_HEADER:
        raise NotAProject(f"{path} is not a Rusus Desktop project (not an SQLite database). "
                          f"Nothing was changed.")


class Store:
    """A project file (or an in-memory project when ``path`` is None).

    Args:
        path: the ``.rusus`` file; created when missing unless ``create=False``.
        create: allow creating a new file.
        lock: hold the single-instance lock (the window and CLI do; read-only tools may not).
        default_tags: seed a new project with :data:`DEFAULT_TAGS`.

    Raises:
        NotAProject, CorruptProject, SchemaTooNew, ProjectLocked: with a message for the analyst;
            the file on disk is left exactly as it was.
    """

    def __init__(self, path: str | Path | None = None, *, create: bool = True, lock: bool = True,
                 default_tags: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self._lock: ProjectLock | None = None
        if self.path is None:
            self.db = Database(memory=True)
            self._prepare(new_file=True, default_tags=default_tags)
            return
        exists = self.path.exists() and self.path.stat().st_size > 0
        if not exists and not create:
            raise ProjectError(f"{self.path}: no such project file.")
        if exists:
            _check_header(self.path)
        if lock:
            self._lock = ProjectLock(self.path)
            self._lock.acquire()
        try:
            conn = sqlite3.connect(str(self.path), timeout=5.0)
            self.db = Database(conn)
            self._prepare(new_file=not exists, default_tags=default_tags)
        except BaseException:
            self.close()
            raise

    # -- opening -------------------------------------------------------------------------------

    def _prepare(self, *, new_file: bool, default_tags: bool) -> None:
        db = self.db
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            if not new_file:
                self._check_existing()
            db.execute("PRAGMA foreign_keys = ON")
            if self.path is not None:
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise ProjectLocked(f"{self.path}: could not switch to WAL mode ({mode}); "
                                        f"the file may be in use.")
                # FULL: a commit is on disk before the write call returns ("reported as saved").
                db.execute("PRAGMA synchronous = FULL")
            migrations.apply(db)
            if new_file and default_tags and not self.tags():
                with db.atomic():
                    for pos, (name, color, description) in enumerate(DEFAULT_TAGS):
                        db["tags"].insert({"id": new_id(), "name": name, "color": color,
                                           "description": description,
                                           "hotkey": str(pos + 1) if pos < 9 else "", "position": pos})
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ProjectLocked(f"{self.path}: the database is locked by another program. "
                                    f"Close it and try again.") from None
            raise CorruptProject(f"{self.path}: cannot be used as a project ({exc}). "
                                 f"Nothing was changed.") from None
        except sqlite3.DatabaseError as exc:
            raise CorruptProject(f"{self.path} is damaged or not a project ({exc}). "
                                 f"Nothing was changed.") from None

    def _check_existing(self) -> None:
        db = self.db
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = set(db.table_names())
        if app_id != APPLICATION_ID:
            if tables:
                raise NotAProject(f"{self.path} is an SQLite database but not a Rusus Desktop project. "
                                  f"Nothing was changed.")
            return  # an empty database file: safe to initialise
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"{self.path} was written by a newer Rusus Desktop (schema {version}; "
                               f"this version understands up to {SCHEMA_VERSION}). Update the app to "
                               f"open it. Nothing was changed.")
        ok = db.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise CorruptProject(f"{self.path} is damaged ({ok}). Nothing was changed; restore a copy.")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            try:
                db.close()
            except Exception:  # noqa: BLE001 - closing must not mask the original error
                pass
            self.db = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    def save_copy(self, target: str | Path) -> Path:
        """Write a consistent copy of the project to ``target`` (SQLite online backup)."""
        target = Path(target)
        if self.path is not None and target.resolve() == self.path.resolve():
            raise ProjectError("Choose a different file for the copy.")
        tmp = target.with_name(target.name + ".partial")
        if tmp.exists():
            tmp.unlink()
        dest = sqlite3.connect(str(tmp))
        try:
            self.db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        tmp.replace(target)
        return target

    # -- documents -----------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[Document]) -> AddResult:
        """Add documents in one transaction; return ``(added ids, already present ids)``.

        A document whose source path is already in the project with another text is a new version
        of that file: it takes the old one's place and the annotations are re-anchored
        (:mod:`rusus_desktop.store.reanchor`); its id counts as added and the result's
        ``reanchored`` lists one report per replaced document.
        """
        from rusus_desktop.store.reanchor import previous_version, replace_document

        added: list[str] = []
        present: list[str] = []
        reports = []
        with self.db.atomic():
            position = self.db.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM documents").fetchone()[0]
            # file names of the stored paths: a new file whose name is not among them cannot be a
            # new version of one (saves a table scan per file when adding a large folder)
            names = {Path(p).name for (p,) in self.db.execute("SELECT DISTINCT source_path FROM documents")
                     if p}
            for doc in docs:
                if self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone():
                    present.append(doc.id)
                    continue
                old = previous_version(self, doc, names)
                if doc.source_path:
                    names.add(Path(doc.source_path).name)
                if old is not None:
                    reports.append(replace_document(self, old, doc))
                    added.append(doc.id)
                    continue
                self._insert_document(doc, position)
                position += 1
                added.append(doc.id)
        return AddResult(added, present, reports)

    def _insert_document(self, doc: Document, position: int) -> None:
        self.db["documents"].insert({
            "id": doc.id, "title": doc.title, "source": doc.source, "source_path": doc.source_path,
            "file_sha256": doc.file_sha256, "published": doc.published, "encoding": doc.encoding,
            "text": doc.text, "length": len(doc.text), "position": position, "added_at": now_iso(),
        })
        self.db.execute("INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
                        [doc.id, folding.fold(doc.title), folding.fold(doc.text)])

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def document_texts(self) -> dict[str, str]:
        """Every document's canonical text by id (a read-only snapshot a worker may be given)."""
        return dict(self.db.execute("SELECT id, text FROM documents").fetchall())

    def document(self, doc_id: str) -> Document:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFound(f"No document with id {doc_id} in this project.")
        return self._document_from_row(self._row_dict("documents", row))

    def find_document(self, ref: str) -> Document:
        """A document by id, id prefix (≥ 6 chars), source path, or 1-based position in the list."""
        row = self.db.execute("SELECT id FROM documents WHERE id = ? OR source_path = ?", [ref, ref]).fetchone()
        if row is None and len(ref) >= 6:
            rows = self.db.execute("SELECT id FROM documents WHERE id LIKE ?", [ref + "%"]).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            resolved = str(Path(ref).resolve()) if ref else ref
            for rid, path in self.db.execute("SELECT id, source_path FROM documents"):
                if path and str(Path(path).resolve()) == resolved:
                    row = (rid,)
                    break
        if row is None and ref.isdigit():
            row = self.db.execute("SELECT id FROM documents ORDER BY position LIMIT 1 OFFSET ?",
                                  [int(ref) - 1]).fetchone()
        if row is None:
            raise NotFound(f"No document matching {ref!r} in this project.")
        return self.document(row[0])

    def _row_dict(self, table: str, row: tuple) -> dict:
        cols = [c.name for c in self.db[table].columns]
        return dict(zip(cols, row))

    @staticmethod
    def _document_from_row(r: dict) -> Document:
        return Document(id=r["id"], text=r["text"], title=r["title"], source_path=r["source_path"],
                        file_sha256=r["file_sha256"], source=r["source"], published=r["published"],
                        encoding=r["encoding"])

    def documents(self) -> list[DocumentSummary]:
        """Corpus list rows, in list order, with annotation counts (entity counts come from the cache)."""
        rows = self.db.execute(
            """SELECT d.id, d.title, d.source_path, d.source, d.published, d.length, d.position,
                      (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id) AS n_ann
               FROM documents d ORDER BY d.position"""
        ).fetchall()
        return [DocumentSummary(id=r[0], title=r[1], source_path=r[2], source=r[3], published=r[4],
                                length=r[5], position=r[6], annotation_count=r[7]) for r in rows]

    def document_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def update_document(self, doc_id: str, **fields: str | None) -> tuple[dict, Change]:
        """Edit title, source or published; return the previous values (for undo) and the change."""
        allowed = {"title", "source", "published"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot edit {sorted(unknown)}; editable fields are {sorted(allowed)}")
        if "title" in fields and not (fields["title"] or "").strip():
            raise ValueError("A document needs a title.")
        if fields.get("published"):
            _validate_published(fields["published"])
        doc = self.document(doc_id)
        previous = {k: getattr(doc, k) for k in fields}
        with self.db.atomic():
            self.db["documents"].update(doc_id, fields)
            if "title" in fields:
                self.db.execute("UPDATE documents_fts SET title = ? WHERE doc_id = ?",
                                [folding.fold(fields["title"] or ""), doc_id])
        return previous, Change("documents", doc_id)

    def remove_document(self, doc_id: str) -> Change:
        with self.db.atomic():
            self.db.execute("DELETE FROM documents_fts WHERE doc_id = ?", [doc_id])
            self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        return Change("documents", doc_id)

    # -- search --------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 200, snippet_width: int = 60) -> list[SearchHit]:
        """Full-text search, diacritics optional: ``thuy si`` finds ``Thụy Sĩ``.

        Returns hits in corpus order with a snippet of the original text around the first match and
        the code-point ranges of every matched word.
        """
        match = folding.fts_query(query)
        if match is None:
            return []
        try:
            rows = self.db.execute(
                """SELECT f.doc_id, d.title, d.text FROM documents_fts f JOIN documents d ON d.id = f.doc_id
                   WHERE documents_fts MATCH ? ORDER BY d.position LIMIT ?""", [match, limit]).fetchall()
        except sqlite3.OperationalError:
            return []
        terms = folding.query_terms(query)
        hits = []
        for doc_id, title, text in rows:
            spans = _term_spans(folding.fold(text), terms)
            if spans:
                s, e = spans[0]
                lo, hi = max(0, s - snippet_width), min(len(text), e + snippet_width)
                snippet = ("…" if lo else "") + text[lo:hi].replace("\n", " ") + ("…" if hi < len(text) else "")
            else:  # matched in the title only
                snippet = title
            hits.append(SearchHit(doc_id=doc_id, title=title, snippet=snippet, match_count=len(spans),
                                  matches=tuple(spans)))
        return hits

    # -- tags ----------------------------------------------------------------------------------

    def tags(self) -> list[Tag]:
        return [Tag(**r) for r in self.db.query("SELECT id, name, color, description, hotkey, position "
                                                 "FROM tags ORDER BY position, name")]

    def tag(self, tag_id: str) -> Tag:
        rows = list(self.db.query("SELECT id, name, color, description, hotkey, position FROM tags "
                                  "WHERE id = ?", [tag_id]))
        if not rows:
            raise NotFound(f"No tag with id {tag_id}.")
        return Tag(**rows[0])

    def tag_by_name(self, name: str) -> Tag | None:
        rows = list(self.db.query("SELECT id, name, color, description, hotkey, position FROM tags "
                                  "WHERE name = ?", [name]))
        return Tag(**rows[0]) if rows else None

    def add_tag(self, tag: Tag) -> Change:
        if not tag.name.strip():
            raise ValueError("A tag needs a name.")
        if self.tag_by_name(tag.name) is not None:
            raise ValueError(f"A tag named {tag.name!r} already exists.")
        with self.db.atomic():
            self.db["tags"].insert({"id": tag.id, "name": tag.name, "color": tag.color,
                                    "description": tag.description, "hotkey": tag.hotkey,
                                    "position": tag.position})
        return Change("tags", ids=(tag.id,))

    def update_tag(self, tag: Tag) -> tuple[Tag, Change]:
        previous = self.tag(tag.id)
        other = self.tag_by_name(tag.name)
        if other is not None and other.id != tag.id:
            raise ValueError(f"A tag named {tag.name!r} already exists.")
        with self.db.atomic():
            self.db["tags"].update(tag.id, {"name": tag.name, "color": tag.color, "description": tag.description,
                                            "hotkey": tag.hotkey, "position": tag.position})
        return previous, Change("tags", ids=(tag.id,))

    def remove_tag(self, tag_id: str) -> tuple[Tag, Change]:
        """Remove an unused tag (callers first remove or move its annotations)."""
        previous = self.tag(tag_id)
        used = self.db.execute("SELECT COUNT(*) FROM annotations WHERE tag_id = ?", [tag_id]).fetchone()[0]
        if used:
            raise ValueError(f"The tag {previous.name!r} is used by {used} annotations.")
        with self.db.atomic():
            self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        return previous, Change("tags", ids=(tag_id,))

    def ensure_tag(self, name: str, color: str | None = None) -> Tag:
        """The tag called ``name``, created (with a palette colour) when missing."""
        tag = self.tag_by_name(name)
        if tag is not None:
            return tag
        existing = self.tags()
        palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#7f7f7f", "#bcbd22", "#17becf"]
        tag = Tag(id=new_id(), name=name, color=color or palette[len(existing) % len(palette)],
                  position=max((t.position for t in existing), default=-1) + 1)
        self.add_tag(tag)
        return tag

    # -- annotations ---------------------------------------------------------------------------

    def make_annotation(self, doc_id: str, start: int, end: int, tag_id: str, *, note: str | None = None,
                        author: str = "", origin: str = "manual", ann_id: str | None = None) -> Annotation:
        """Build (not save) an annotation with quote and context taken from the document text."""
        doc = self.document(doc_id)
        check_span(doc.text, start, end)
        prefix, quote, suffix = quote_context(doc.text, start, end)
        stamp = now_iso()
        return Annotation(id=ann_id or new_id(), doc_id=doc_id, start=start, end=end, tag_id=tag_id,
                          quote=quote, prefix=prefix, suffix=suffix, note=note, author=author,
                          created=stamp, modified=stamp, origin=origin, text_sha256=doc.id)

    def add_annotation(self, ann: Annotation) -> Change:
        """Insert ``ann`` (also used by redo: the same id comes back)."""
        with self.db.atomic():
            self.db["annotations"].insert(_annotation_row(ann))
        return Change("annotations", ann.doc_id, ann.start, ann.end, (ann.id,))

    def add_annotations(self, anns: Sequence[Annotation]) -> Change:
        """Insert many annotations in one transaction (an import); each row as :meth:`add_annotation`
        writes it."""
        if anns:
            columns = list(_annotation_row(anns[0]))
            names = ", ".join(f'"{c}"' for c in columns)
            with self.db.atomic():
                self.db.conn.executemany(
                    f"INSERT INTO annotations ({names}) VALUES ({', '.join('?' * len(columns))})",
                    [tuple(_annotation_row(a).values()) for a in anns])
        return Change("annotations", ids=tuple(a.id for a in anns))

    def update_annotations(self, anns: Sequence[Annotation]) -> Change:
        """Replace many stored annotations (same ids) in one transaction, as :meth:`update_annotation`."""
        if anns:
            columns = [c for c in _annotation_row(anns[0]) if c != "id"]
            sets = ", ".join(f'"{c}" = ?' for c in columns)
            with self.db.atomic():
                self.db.conn.executemany(
                    f"UPDATE annotations SET {sets} WHERE id = ?",
                    [tuple(row[c] for c in columns) + (a.id,) for a in anns for row in (_annotation_row(a),)])
        return Change("annotations", ids=tuple(a.id for a in anns))

    def annotations_by_id(self, ids: Iterable[str]) -> dict[str, Annotation]:
        """The stored annotations among ``ids`` (missing ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Annotation] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            sql = f"SELECT * FROM annotations WHERE id IN ({','.join('?' * len(chunk))})"
            for r in self.db.query(sql, chunk):
                found[r["id"]] = _annotation_from_row(r)
        return found

    def remove_annotation(self, ann_id: str) -> tuple[Annotation, Change]:
        ann = self.annotation(ann_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [ann_id])
        return ann, Change("annotations", ann.doc_id, ann.start, ann.end, (ann_id,))

    def update_annotation(self, ann: Annotation) -> tuple[Annotation, Change]:
        """Replace the stored annotation with ``ann`` (same id); return the previous value."""
        previous = self.annotation(ann.id)
        with self.db.atomic():
            self.db["annotations"].update(ann.id, _annotation_row(ann))
        lo, hi = min(previous.start, ann.start), max(previous.end, ann.end)
        return previous, Change("annotations", ann.doc_id, lo, hi, (ann.id,))

    def annotation(self, ann_id: str) -> Annotation:
        rows = list(self.db.query('SELECT * FROM annotations WHERE id = ?', [ann_id]))
        if not rows:
            raise NotFound(f"No annotation with id {ann_id}.")
        return _annotation_from_row(rows[0])

    def annotations(self, doc_id: str | None = None, *, tag_ids: Sequence[str] | None = None) -> list[Annotation]:
        sql = "SELECT a.* FROM annotations a JOIN documents d ON d.id = a.doc_id"
        where, params = [], []
        if doc_id is not None:
            where.append("a.doc_id = ?")
            params.append(doc_id)
        if tag_ids is not None:
            where.append(f"a.tag_id IN ({','.join('?' * len(tag_ids))})")
            params.extend(tag_ids)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY d.position, a.start, a."end", a.created'
        return [_annotation_from_row(r) for r in self.db.query(sql, params)]

    # -- analysis cache ------------------------------------------------------------------------

    def cached_analysis(self, text_sha256: str, pipeline_version: str) -> dict | None:
        row = self.db.execute("SELECT result FROM analysis_cache WHERE text_sha256 = ? AND pipeline_version = ?",
                              [text_sha256, pipeline_version]).fetchone()
        return json.loads(row[0]) if row else None

    def store_analysis(self, text_sha256: str, pipeline_version: str, result: dict) -> Change:
        with self.db.atomic():
            self.db["analysis_cache"].upsert({"text_sha256": text_sha256, "pipeline_version": pipeline_version,
                                              "result": json.dumps(result, ensure_ascii=False),
                                              "created": now_iso()},
                                             pk=("text_sha256", "pipeline_version"))
        return Change("entities", text_sha256)

    def analysed_ids(self, pipeline_version: str) -> set[str]:
        return {r[0] for r in self.db.execute(
            "SELECT d.id FROM documents d JOIN analysis_cache c ON c.text_sha256 = d.id "
            "WHERE c.pipeline_version = ?", [pipeline_version])}

    # -- settings ------------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        with self.db.atomic():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")


def _term_spans(folded_text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Ranges where a query word starts a word of the folded text (prefix match, like the FTS query)."""
    import re

    if len(terms) > 1:
        # Prefer the words as a phrase, so "hoa binh" points at "hòa bình", not at "hóa" elsewhere.
        phrase = r"(?<!\w)" + r"\W+".join(re.escape(t) for t in terms) + r"\w*"
        found = [(m.start(), m.end()) for m in re.finditer(phrase, folded_text)]
        if found:
            return found
    spans: list[tuple[int, int]] = []
    for term in terms:
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"\w*", folded_text):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def _validate_published(value: str) -> None:
    try:
        if "T" in value:
            _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        else:
            _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM).") from None


def check_span(text: str, start: int, end: int) -> None:
    """Refuse offsets that are out of range, reversed, empty, or split a combining sequence."""
    from rusus_desktop.corpus.text import is_boundary

    if not (isinstance(start, int) and isinstance(end, int)):
        raise SpanError("Offsets must be whole numbers.")
    if start < 0 or end > len(text) or start >= end:
        raise SpanError(f"Offsets [{start}, {end}) are out of range for a document of {len(text)} "
                        f"characters (need 0 <= start < end <= {len(text)}).")
    for edge in (start, end):
        if not is_boundary(text, edge):
            raise SpanError(f"Offset {edge} splits a character from its combining mark; choose a "
                            f"boundary between whole characters.")


def _annotation_row(ann: Annotation) -> dict:
    return {"id": ann.id, "doc_id": ann.doc_id, "start": ann.start, "end": ann.end, "quote": ann.quote,
            "prefix": ann.prefix, "suffix": ann.suffix, "text_sha256": ann.text_sha256, "tag_id": ann.tag_id,
            "note": ann.note, "author": ann.author, "created": ann.created, "modified": ann.modified,
            "origin": ann.origin, "status": ann.status}


def _annotation_from_row(r: dict) -> Annotation:
    return Annotation(id=r["id"], doc_id=r["doc_id"], start=r["start"], end=r["end"], tag_id=r["tag_id"],
                      quote=r["quote"], prefix=r["prefix"], suffix=r["suffix"], note=r["note"],
                      author=r["author"], created=r["created"], modified=r["modified"], origin=r["origin"],
                      status=r["status"], text_sha256=r["text_sha256"])


def open_project(path: str | Path | None = None, **kwargs) -> Store:
    """Open (or create) a project file; see :class:`Store`."""
    return Store(path, **kwargs)


__all__ = ["Store", "open_project", "now_iso", "new_id", "check_span", "DEFAULT_TAGS", "PROJECT_SUFFIX",
           "replace"]
