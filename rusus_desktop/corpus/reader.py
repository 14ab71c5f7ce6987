"""Read corpus files into :class:`Document` values, skipping bad files with a reason."""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rusus_desktop.corpus.decoding import BinaryContent, UndecodableText, decode_bytes
from rusus_desktop.corpus.model import Document
from rusus_desktop.corpus.text import canonicalize, text_sha256
from rusus_desktop.errors import DocumentSkipped, RususError

CORPUS_SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 20 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_TITLE_MAX = 300


@dataclass
class CorpusLoad:
    """The outcome of loading paths: documents (deduplicated by text) and per-file skip reasons."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[DocumentSkipped] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def iter_corpus_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Yield corpus files under ``paths`` (files as given; folders searched recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in CORPUS_SUFFIXES and not child.name.startswith("."):
                    yield child
        else:
            yield path


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        kv = _FRONT_MATTER_LINE.match(line)
        if kv:
            meta[kv.group(1).lower()] = kv.group(2).strip().strip("\"'")
    return meta, text[match.end():]


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            line = line.lstrip("#").strip() or line
            return line[:_TITLE_MAX]
    return ""


def _published_from_text(text: str) -> str | None:
    try:
        # The dateline parser lives with the date grammar; imported here lazily so the
        # corpus layer stays cheap and works even if the NLP package is trimmed.
        from rusus_desktop.nlp.dates import find_dateline
    except ImportError:
        return None
    when = find_dateline(text)
    if when is None:
        return None
    if hasattr(when, "hour") and (when.hour or when.minute):
        return when.isoformat(timespec="minutes")
    return when.date().isoformat() if hasattr(when, "date") else when.isoformat()


def document_from_text(raw_text: str, *, source_path: str = "", file_sha256: str = "",
                       encoding: str = "utf-8") -> Document:
    """Build a Document from already-decoded text (canonicalised here)."""
    text = canonicalize(raw_text)
    meta, body = _front_matter(text)
    if meta:
        text = body
    if not text.strip():
        raise DocumentSkipped(source_path or "<text>", "empty file (no text)")
    published = meta.get("published") or meta.get("date") or _published_from_text(text)
    return Document(
        id=text_sha256(text),
        text=text,
        title=(meta.get("title") or _first_line(text))[:_TITLE_MAX],
        source_path=source_path,
        file_sha256=file_sha256,
        source=meta.get("source") or meta.get("url") or None,
        published=published,
        encoding=encoding,
    )


def read_document(path: str | os.PathLike, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read one file into a Document.

    Raises:
        DocumentSkipped: with a short reason an analyst understands (missing, unreadable,
            too large, empty, binary, undecodable).
    """
    p = Path(path)
    shown = str(path)
    try:
        if not p.exists():
            raise DocumentSkipped(shown, "no such file")
        if p.is_dir():
            raise DocumentSkipped(shown, "is a folder, not a file")
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentSkipped(shown, f"too large ({size / 1024 / 1024:.1f} MB; the limit is "
                                         f"{max_bytes / 1024 / 1024:.0f} MB)")
        data = p.read_bytes()
    except PermissionError:
        raise DocumentSkipped(shown, "permission denied") from None
    except OSError as exc:
        raise DocumentSkipped(shown, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentSkipped(shown, "empty file (no text)")
    try:
        text, encoding = decode_bytes(data)
    except (BinaryContent, UndecodableText) as exc:
        raise DocumentSkipped(shown, str(exc)) from None
    return document_from_text(text, source_path=shown, file_sha256=hashlib.sha256(data).hexdigest(),
                              encoding=encoding)


class LoadCancelled(RususError):
    """:func:`load_corpus` stopped because its ``cancelled()`` said so; nothing was loaded."""


def load_corpus(paths: Iterable[str | os.PathLike], *, max_bytes: int = MAX_FILE_BYTES,
                progress: Callable[[int, int, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> CorpusLoad:
    """Load every corpus file under ``paths``; bad files are skipped with a reason, never fatal.

    Pure (reads files, touches no project), so it may run on a worker thread. ``progress(done,
    total, path)``, when given, is called before each file is read (``done`` of the ``total`` files
    found are finished; ``path`` is the one being read) and once at the end; ``cancelled()``, when
    given, is polled while listing and before each file, and once it returns true
    :class:`LoadCancelled` is raised.
    """
    result = CorpusLoad()
    seen: set[str] = set()
    files: list[Path] = []
    for file in iter_corpus_files(paths):
        if cancelled is not None and len(files) % 256 == 0 and cancelled():
            raise LoadCancelled("Adding documents was cancelled; nothing was added.")
        files.append(file)
    for done, file in enumerate(files):
        if cancelled is not None and cancelled():
            raise LoadCancelled("Adding documents was cancelled; nothing was added.")
        if progress is not None:
            progress(done, len(files), str(file))
        try:
            doc = read_document(file, max_bytes=max_bytes)
        except DocumentSkipped as skipped:
            result.skipped.append(skipped)
            continue
        if doc.id in seen:
            result.duplicates.append(doc.source_path)
            continue
        seen.add(doc.id)
        result.documents.append(doc)
    if progress is not None:
        progress(len(files), len(files), "")
    return result
