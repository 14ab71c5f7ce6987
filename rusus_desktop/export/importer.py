"""Import annotations from the native format or W3C Web Annotation JSON-LD, all or nothing.

The whole file is checked before anything is written: JSON syntax, the native JSON Schema, every
document (matched by the sha256 of its canonical text, or brought along by a ``--with-text``
export), every annotation's offsets (in range, on character boundaries) and quote (``text[start:end]``
must equal it). Any problem refuses the file with a message naming each bad entry, and the project is
not touched. A valid file is applied in one transaction.

Importing is idempotent by annotation id: an id already in the project is skipped when nothing
differs, updated when the file's copy was modified later, and otherwise kept as the project has it.
Missing tags are created (with the file's colour, description and hotkey when it has a tag set).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rusus_desktop.corpus.model import Annotation, Document, Tag
from rusus_desktop.corpus.text import canonicalize, quote_context, text_sha256
from rusus_desktop.errors import NotFound, RususError, SpanError
from rusus_desktop.export.errors import InvalidImport
from rusus_desktop.export.native import FORMAT, VERSION
from rusus_desktop.export.schema import entry_name, native_schema, validate_native
from rusus_desktop.export.w3c import parse_w3c_annotation, w3c_items
from rusus_desktop.store.project import Store, check_span, new_id, now_iso


@dataclass
class ImportReport:
    """What an import did (``skipped`` pairs say which entry and why)."""

    source: str
    format: str  # "rusus-annotations" | "w3c"
    added: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    documents_added: int = 0
    documents_replaced: list[str] = field(default_factory=list)  # one line per earlier version replaced
    reanchored: list = field(default_factory=list)  # the Store's re-anchoring reports for those
    tags_created: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kind = "Rusus annotations" if self.format == FORMAT else "W3C Web Annotations"
        lines = [f"Imported {kind} from {self.source}: {self.added} added, {self.updated} updated, "
                 f"{len(self.skipped)} skipped."]
        if self.documents_added:
            lines.append(f"{self.documents_added} document(s) added from the file.")
        lines.extend(self.documents_replaced)
        if self.tags_created:
            lines.append("Tags created: " + ", ".join(self.tags_created) + ".")
        reasons: dict[str, int] = {}
        for _, why in self.skipped:
            reasons[why] = reasons.get(why, 0) + 1
        lines.extend(f"  skipped {n}: {why}" for why, n in reasons.items())
        return "\n".join(lines)


@dataclass
class _Candidate:
    where: str
    id: str
    doc_id: str
    start: int
    end: int
    tag: str
    note: str | None
    author: str
    created: str
    modified: str
    origin: str


@dataclass
class _Plan:
    format: str
    problems: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    new_documents: list[Document] = field(default_factory=list)
    tagset: list[dict] = field(default_factory=list)
    candidates: list[_Candidate] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def _date_time_re() -> re.Pattern:
    return re.compile(native_schema()["$defs"]["dateTime"]["pattern"])


def _parse_time(value: str) -> _dt.datetime | None:
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


def parse_json_bytes(raw: bytes, source: str) -> Any:
    """Decode and parse, refusing with the line and column of a syntax error."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidImport(source, [("the file", f"is not UTF-8 text (bad byte at position {exc.start})")]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidImport(source, [("the file", f"is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                                  f"column {exc.colno}")]) from None


def import_file(store: Store, path: str | Path) -> ImportReport:
    """Import ``path`` into ``store`` (see module docstring). Raises :class:`InvalidImport`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RususError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    return import_data(store, parse_json_bytes(raw, str(path)), str(path))


def import_data(store: Store, data: Any, source: str = "the import") -> ImportReport:
    """Import already-parsed JSON ``data`` into ``store``, all or nothing."""
    if isinstance(data, dict) and "format" in data and "@context" not in data:
        if data.get("format") != FORMAT:
            raise InvalidImport(source, [("format", f"{data.get('format')!r} is not a format Rusus Desktop "
                                                    f"imports (expected {FORMAT!r} or W3C Web Annotation)")])
        plan = _plan_native(store, data)
    elif _looks_w3c(data):
        plan = _plan_w3c(store, data)
    else:
        raise InvalidImport(source, [("the file", "is neither a Rusus annotations file (\"format\": "
                                                  f"\"{FORMAT}\") nor W3C Web Annotation JSON-LD")])
    if plan.problems:
        raise InvalidImport(source, plan.problems)
    return _apply(store, plan, source)


def _looks_w3c(data: Any) -> bool:
    if isinstance(data, list):
        return all(isinstance(x, dict) for x in data)
    if not isinstance(data, dict):
        return False
    return "@context" in data or data.get("type") in ("Annotation", "AnnotationCollection", "AnnotationPage")


# -- planning: checks only, no writes ---------------------------------------------------------------


def _existing_text(store: Store, sha: str) -> str | None:
    try:
        return store.document(sha).text
    except NotFound:
        return None


def _check_span(text: str, start: int, end: int, quote: str | None) -> str | None:
    try:
        check_span(text, start, end)
    except SpanError as exc:
        return str(exc)
    if quote is not None and unicodedata.normalize("NFC", quote) != text[start:end]:
        return (f"the quote {_short(quote)} does not match the text at [{start}, {end}), which reads "
                f"{_short(text[start:end])}")
    return None


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _plan_native(store: Store, data: dict) -> _Plan:
    plan = _Plan(format=FORMAT)
    if data.get("version") != VERSION:
        plan.problems.append(("version", f"this file is version {data.get('version')!r}; this Rusus Desktop "
                                         f"reads version {VERSION}"))
        return plan
    plan.problems.extend(validate_native(data))
    if plan.problems:
        return plan
    seen_tags: set[str] = set()
    for i, tag in enumerate(data["tagset"]):
        if tag["name"] in seen_tags:
            plan.problems.append((entry_name(data, ["tagset", i]), "the tag set names this tag twice"))
        seen_tags.add(tag["name"])
    plan.tagset = data["tagset"]
    seen_docs: set[str] = set()
    seen_ids: dict[str, str] = {}
    for i, doc in enumerate(data["documents"]):
        where = entry_name(data, ["documents", i])
        sha = doc["text_sha256"]
        if sha in seen_docs:
            plan.problems.append((where, "the same document (text_sha256) appears twice in the file"))
            continue
        seen_docs.add(sha)
        text = _existing_text(store, sha)
        if "text" in doc:
            canonical = canonicalize(doc["text"])
            if text_sha256(canonical) != sha:
                plan.problems.append((where, "its text does not match its text_sha256 (the text was changed "
                                             "after export)"))
                continue
            if text is None:
                text = canonical
                plan.new_documents.append(Document(
                    id=sha, text=canonical, title=doc["title"] or canonical.strip().split("\n")[0][:300],
                    source_path=doc["path"], source=doc["source"], published=doc["published"]))
        if text is None:
            if doc["annotations"]:
                plan.problems.append((where, f"unknown document: no document in this project has this text "
                                             f"(text_sha256 {sha[:12]}…); add the document first, or export "
                                             f"with --with-text to bring it along"))
            else:
                plan.skipped.append((where, "a document that is not in this project (no text in the file)"))
            continue
        if doc["length"] != len(text):
            plan.problems.append((where, f"length {doc['length']} does not match the document's text, "
                                         f"which has {len(text)} characters"))
            continue
        plan.texts[sha] = text
        for j, ann in enumerate(doc["annotations"]):
            a_where = entry_name(data, ["documents", i, "annotations", j])
            if ann["id"] in seen_ids:
                plan.problems.append((a_where, f"the id is used twice in the file (also {seen_ids[ann['id']]})"))
                continue
            seen_ids[ann["id"]] = a_where
            why = _check_span(text, ann["start"], ann["end"], ann["quote"])
            if why:
                plan.problems.append((a_where, why))
                continue
            plan.candidates.append(_Candidate(
                where=a_where, id=ann["id"], doc_id=sha, start=ann["start"], end=ann["end"], tag=ann["tag"],
                note=ann["note"], author=ann["author"], created=ann["created"], modified=ann["modified"],
                origin=ann["origin"]))
    return plan


def _anchor_by_quote(text: str, exact: str, prefix: str, suffix: str) -> tuple[int, int] | str:
    exact = unicodedata.normalize("NFC", exact)
    hits = []
    pos = text.find(exact)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(exact, pos + 1)
    if not hits:
        return f"its quote {_short(exact)} is not in the document"
    if len(hits) > 1:
        prefix, suffix = unicodedata.normalize("NFC", prefix), unicodedata.normalize("NFC", suffix)
        hits = [h for h in hits if text[:h].endswith(prefix) and text[h + len(exact):].startswith(suffix)]
        if len(hits) != 1:
            return (f"its quote {_short(exact)} occurs several times and its prefix/suffix do not single "
                    f"one out; add a TextPositionSelector")
    return hits[0], hits[0] + len(exact)


def _plan_w3c(store: Store, data: Any) -> _Plan:
    plan = _Plan(format="w3c")
    items, problems = w3c_items(data)
    plan.problems.extend(problems)
    date_time = _date_time_re()
    seen_ids: dict[str, str] = {}
    stamp = now_iso()
    for where, item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            where = f"{where} (id {item['id']})"
        ann, skip, problem = parse_w3c_annotation(where, item)
        if problem:
            plan.problems.append((where, problem))
            continue
        if skip:
            plan.skipped.append((where, skip))
            continue
        assert ann is not None
        if ann.id in seen_ids:
            plan.problems.append((where, f"the id is used twice in the file (also {seen_ids[ann.id]})"))
            continue
        seen_ids[ann.id] = where
        text = plan.texts.get(ann.text_sha256) or _existing_text(store, ann.text_sha256)
        if text is None:
            plan.problems.append((where, f"unknown document: no document in this project has the text its "
                                         f"target names (sha256 {ann.text_sha256[:12]}…)"))
            continue
        plan.texts[ann.text_sha256] = text
        if ann.start is not None and ann.end is not None:
            start, end = ann.start, ann.end
            why = _check_span(text, start, end, ann.exact)
            if why:
                plan.problems.append((where, why))
                continue
        else:
            found = _anchor_by_quote(text, ann.exact or "", ann.prefix, ann.suffix)
            if isinstance(found, str):
                plan.problems.append((where, found))
                continue
            start, end = found
            why = _check_span(text, start, end, None)
            if why:
                plan.problems.append((where, why))
                continue
        created = ann.created or stamp
        modified = ann.modified or created
        bad = [k for k, v in (("created", created), ("modified", modified)) if not date_time.match(v)]
        if bad:
            plan.problems.append((where, f"its {' and '.join(bad)} is not an ISO 8601 date-time with a time "
                                         f"zone (e.g. 2024-07-26T15:20:00Z)"))
            continue
        plan.candidates.append(_Candidate(where=where, id=ann.id, doc_id=ann.text_sha256, start=start, end=end,
                                          tag=ann.tag, note=ann.note, author=ann.author, created=created,
                                          modified=modified, origin=ann.origin))
    return plan


# -- applying: one transaction ------------------------------------------------------------------------


def _same(a: Annotation, b: Annotation) -> bool:
    keys = ("doc_id", "start", "end", "tag_id", "note", "author", "created", "modified", "origin", "status")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def _apply(store: Store, plan: _Plan, source: str) -> ImportReport:
    report = ImportReport(source=source, format=plan.format, skipped=list(plan.skipped))
    try:
        with store.db.atomic():
            if plan.new_documents:
                # A document from the file whose source path the project already holds with another
                # text is a new version of that file: the Store puts it in the old one's place and
                # re-anchors the old one's annotations (never dropping any). The report says so.
                result = store.add_documents(plan.new_documents)
                report.documents_added = len(result[0])
                for replaced in getattr(result, "reanchored", []):
                    report.reanchored.append(replaced)
                    report.documents_added -= 1
                    report.documents_replaced.append(
                        f"{replaced.source_path}: replaced by the file's newer text; its annotations: "
                        f"{replaced.summary()}.")
            existing_tags = store.tags()
            used_hotkeys = {t.hotkey for t in existing_tags if t.hotkey}
            position = max((t.position for t in existing_tags), default=-1) + 1
            for entry in plan.tagset:
                if store.tag_by_name(entry["name"]) is not None:
                    continue
                hotkey = entry.get("hotkey", "")
                hotkey = "" if hotkey in used_hotkeys else hotkey
                used_hotkeys.add(hotkey)
                store.add_tag(Tag(id=new_id(), name=entry["name"], color=entry["color"],
                                  description=entry.get("description", ""), hotkey=hotkey, position=position))
                position += 1
                report.tags_created.append(entry["name"])
            tags = {t.name: t for t in store.tags()}
            current_by_id = {a.id: a for a in store.annotations()} if plan.candidates else {}
            for cand in plan.candidates:
                tag = tags.get(cand.tag)
                if tag is None:
                    tag = tags[cand.tag] = store.ensure_tag(cand.tag)
                    report.tags_created.append(cand.tag)
                text = plan.texts[cand.doc_id]
                prefix, quote, suffix = quote_context(text, cand.start, cand.end)
                ann = Annotation(id=cand.id, doc_id=cand.doc_id, start=cand.start, end=cand.end, tag_id=tag.id,
                                 quote=quote, prefix=prefix, suffix=suffix, note=cand.note, author=cand.author,
                                 created=cand.created, modified=cand.modified, origin=cand.origin,
                                 status="anchored", text_sha256=cand.doc_id)
                current = current_by_id.get(cand.id)
                if current is None:
                    store.add_annotation(ann)
                    current_by_id[ann.id] = ann
                    report.added += 1
                    continue
                if current.doc_id != ann.doc_id:
                    report.skipped.append((cand.where, "an annotation with this id is on another document "
                                                       "in the project; kept the project's"))
                elif _same(current, ann):
                    report.skipped.append((cand.where, "already in the project, unchanged"))
                elif (_parse_time(ann.modified) or _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)) > \
                        (_parse_time(current.modified) or _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)):
                    store.update_annotation(ann)
                    report.updated += 1
                else:
                    report.skipped.append((cand.where, "the project's copy is as new or newer; kept it"))
    except sqlite3.Error as exc:
        raise RususError(f"{source} could not be imported ({exc}); the project was not changed.") from None
    return report
