"""Import annotations from the native format or W3C Web Annotation JSON-LD, all or nothing.

The whole file is checked before anything is written: JSON syntax, the native JSON Schema, every
document (matched by the sha256 of its canonical text, or brought along by a ``--with-text``
export), every annotation's offsets (in range, on character boundaries) and quote (``text[start:end]``
must equal it). Any problem refuses the file with a message naming each bad entry, and the project is
not touched. A valid file is applied in one transaction.

Importing is idempotent by annotation id: an id already in the project is skipped when nothing
differs, updated when the file's copy was modified later, and otherwise kept as the project has it.
Missing tags are created (with the file's colour, description and hotkey when it has a tag set).

Two phases, so the window can check a large file on a worker thread (STYLE §3.4, §3.7):

- :func:`plan_import_file` / :func:`plan_import` read, parse, schema-check and check every entry
  against an :class:`ImportSnapshot` (document texts, annotations and tags, read from the Store on
  its own thread by :func:`take_snapshot`), reporting progress and stopping when cancelled. They never
  touch the Store, so they may run on any thread. They return an :class:`ImportPlan` or raise
  :class:`InvalidImport` / :class:`ImportCancelled`.
- :func:`apply_plan` writes a plan in one transaction on the Store's thread, checking again inside
  it that every document the plan relies on is still there and deciding add/update/skip against
  the annotations as they are at that moment.

:func:`import_file` and :func:`import_data` do both on the calling thread (the CLI).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rusus_desktop.corpus.model import Annotation, Document, Tag
from rusus_desktop.corpus.text import canonicalize, quote_context, text_sha256
from rusus_desktop.errors import NotFound, RususError, SpanError
from rusus_desktop.export.errors import ImportCancelled, InvalidImport, ProjectChanged
from rusus_desktop.export.model import CancelledFn, ProgressFn
from rusus_desktop.export.native import FORMAT, VERSION
from rusus_desktop.export.schema import count_items, entry_name, native_schema, validate_native
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
    changed_meanwhile: int = 0  # annotations edited in the project while the file was being checked

    def summary(self) -> str:
        kind = "Rusus annotations" if self.format == FORMAT else "W3C Web Annotations"
        lines = [f"Imported {kind} from {self.source}: {self.added} added, {self.updated} updated, "
                 f"{len(self.skipped)} skipped."]
        if self.documents_added:
            lines.append(f"{self.documents_added} document(s) added from the file.")
        lines.extend(self.documents_replaced)
        if self.tags_created:
            lines.append("Tags created: " + ", ".join(self.tags_created) + ".")
        if self.changed_meanwhile:
            lines.append(f"{self.changed_meanwhile} annotation(s) changed in the project while the file was "
                         f"being checked; they were compared with their current state.")
        reasons: dict[str, int] = {}
        for _, why in self.skipped:
            reasons[why] = reasons.get(why, 0) + 1
        lines.extend(f"  skipped {n}: {why}" for why, n in reasons.items())
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportSnapshot:
    """What planning needs to know about the project, read on the Store's thread.

    ``texts`` maps a document id (the sha256 of its canonical text) to that text; ``annotations``
    maps annotation ids to the project's annotations and ``tag_names`` tag ids to names (both only
    to say beforehand what will be added, updated or skipped; :func:`apply_plan` decides again).
    """

    texts: Mapping[str, str]
    annotations: Mapping[str, Annotation] | None = None
    tag_names: Mapping[str, str] | None = None


def take_snapshot(store: Store) -> ImportSnapshot:
    """Read what :func:`plan_import` needs from ``store`` (on its thread; quick, read only)."""
    return ImportSnapshot(texts=store.document_texts(), annotations={a.id: a for a in store.annotations()},
                          tag_names={t.id: t.name for t in store.tags()})


class _StoreTexts(Mapping):
    """The project's texts read on demand (the CLI plans and applies on the Store's thread)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getitem__(self, doc_id: str) -> str:
        try:
            return self._store.document(doc_id).text
        except NotFound:
            raise KeyError(doc_id) from None

    def __iter__(self) -> Iterator[str]:
        return iter([d.id for d in self._store.documents()])

    def __len__(self) -> int:
        return self._store.document_count()


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
    prefix: str = ""
    quote: str = ""
    suffix: str = ""

    def annotation(self, tag_id: str) -> Annotation:
        return Annotation(id=self.id, doc_id=self.doc_id, start=self.start, end=self.end, tag_id=tag_id,
                          quote=self.quote, prefix=self.prefix, suffix=self.suffix, note=self.note,
                          author=self.author, created=self.created, modified=self.modified, origin=self.origin,
                          status="anchored", text_sha256=self.doc_id)


@dataclass
class ImportPlan:
    """A checked import, ready for :func:`apply_plan` (made by :func:`plan_import`)."""

    format: str
    source: str = "the import"
    problems: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    new_documents: list[Document] = field(default_factory=list)
    tagset: list[dict] = field(default_factory=list)
    candidates: list[_Candidate] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    # what the snapshot said each candidate would do: "add", "update" or a reason to skip
    expected: dict[str, str] = field(default_factory=dict)

    def preview(self) -> tuple[int, int, int]:
        """``(to add, to update, to skip)`` as the snapshot saw the project (without a snapshot of the
        annotations, every candidate counts as an addition)."""
        actions = [self.expected.get(c.id, "add") for c in self.candidates]
        add, update = actions.count("add"), actions.count("update")
        return add, update, len(self.skipped) + len(actions) - add - update


class _Progress:
    """Counts work done, reports it, and raises :class:`ImportCancelled` once ``cancelled()`` says so."""

    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
        self.total, self.done = max(total, 1), 0
        self._progress = progress or (lambda done, total, message: None)
        self._cancelled = cancelled or (lambda: False)
        self._every = max(1, self.total // 200)
        self._shown = -self._every
        self.message = ""

    def stage(self, message: str) -> None:
        self.message = message
        self.check()
        self._progress(min(self.done, self.total), self.total, message)

    def check(self) -> None:
        if self._cancelled():
            raise ImportCancelled("Import cancelled; the project was not changed.")

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if self.done - self._shown >= self._every:
            self.check()
            self._shown = self.done
            self._progress(min(self.done, self.total), self.total, self.message)


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


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RususError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def import_file(store: Store, path: str | Path) -> ImportReport:
    """Import ``path`` into ``store`` (see module docstring). Raises :class:`InvalidImport`."""
    path = Path(path)
    raw = _read(path)
    return import_data(store, parse_json_bytes(raw, str(path)), str(path))


def import_data(store: Store, data: Any, source: str = "the import") -> ImportReport:
    """Import already-parsed JSON ``data`` into ``store``, all or nothing."""
    return apply_plan(store, plan_import(data, ImportSnapshot(texts=_StoreTexts(store)), source))


def plan_import_file(path: str | Path, snapshot: ImportSnapshot, *, progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None) -> ImportPlan:
    """Read, parse and check ``path`` against ``snapshot`` (any thread; see :func:`plan_import`)."""
    path = Path(path)
    stop = _Progress(1, progress, cancelled)
    stop.stage(f"Reading {path.name}…")
    raw = _read(path)
    stop.stage(f"Reading {path.name}…")
    data = parse_json_bytes(raw, str(path))
    del raw
    return plan_import(data, snapshot, str(path), progress=progress, cancelled=cancelled)


def plan_import(data: Any, snapshot: ImportSnapshot, source: str = "the import", *,
                progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> ImportPlan:
    """Check parsed JSON ``data`` and work out what importing it does, without touching the Store.

    Thread-safe: reads only ``data`` and ``snapshot``. ``progress(done, total, message)`` is called
    as entries are checked; ``cancelled()`` is polled every ~100 entries.

    Raises:
        InvalidImport: naming every bad entry and why.
        ImportCancelled: when ``cancelled()`` returned true.
    """
    if isinstance(data, dict) and "format" in data and "@context" not in data:
        if data.get("format") != FORMAT:
            raise InvalidImport(source, [("format", f"{data.get('format')!r} is not a format Rusus Desktop "
                                                    f"imports (expected {FORMAT!r} or W3C Web Annotation)")])
        n = count_items(data)
        plan = _plan_native(snapshot, data, _Progress(n + n // 4, progress, cancelled))
    elif _looks_w3c(data):
        plan = _plan_w3c(snapshot, data, progress, cancelled)
    else:
        raise InvalidImport(source, [("the file", "is neither a Rusus annotations file (\"format\": "
                                                  f"\"{FORMAT}\") nor W3C Web Annotation JSON-LD")])
    if plan.problems:
        raise InvalidImport(source, plan.problems)
    plan.source = source
    if snapshot.annotations is not None:
        names = snapshot.tag_names or {}
        for cand in plan.candidates:
            current = snapshot.annotations.get(cand.id)
            if current is not None:
                current_tag = names.get(current.tag_id)
                tag_id = current.tag_id if current_tag == cand.tag else "\0" + cand.tag
                plan.expected[cand.id] = _decide(current, cand.annotation(tag_id))
            else:
                plan.expected[cand.id] = "add"
    return plan


def _looks_w3c(data: Any) -> bool:
    if isinstance(data, list):
        return all(isinstance(x, dict) for x in data)
    if not isinstance(data, dict):
        return False
    return "@context" in data or data.get("type") in ("Annotation", "AnnotationCollection", "AnnotationPage")


# -- planning: checks only, no writes ---------------------------------------------------------------


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


def _with_context(cand: _Candidate, text: str) -> _Candidate:
    cand.prefix, cand.quote, cand.suffix = quote_context(text, cand.start, cand.end)
    return cand


def _plan_native(snapshot: ImportSnapshot, data: dict, tick: _Progress) -> ImportPlan:
    plan = ImportPlan(format=FORMAT)
    if data.get("version") != VERSION:
        plan.problems.append(("version", f"this file is version {data.get('version')!r}; this Rusus Desktop "
                                         f"reads version {VERSION}"))
        return plan
    tick.stage("Checking the file against the format's schema…")
    plan.problems.extend(validate_native(data, step=tick))
    if plan.problems:
        return plan
    tick.stage("Checking offsets and quotes…")
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
        text = snapshot.texts.get(sha)
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
            if j % 4 == 3:
                tick()
            a_where = entry_name(data, ["documents", i, "annotations", j])
            if ann["id"] in seen_ids:
                plan.problems.append((a_where, f"the id is used twice in the file (also {seen_ids[ann['id']]})"))
                continue
            seen_ids[ann["id"]] = a_where
            why = _check_span(text, ann["start"], ann["end"], ann["quote"])
            if why:
                plan.problems.append((a_where, why))
                continue
            plan.candidates.append(_with_context(_Candidate(
                where=a_where, id=ann["id"], doc_id=sha, start=ann["start"], end=ann["end"], tag=ann["tag"],
                note=ann["note"], author=ann["author"], created=ann["created"], modified=ann["modified"],
                origin=ann["origin"]), text))
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


def _plan_w3c(snapshot: ImportSnapshot, data: Any, progress: ProgressFn | None,
              cancelled: CancelledFn | None) -> ImportPlan:
    plan = ImportPlan(format="w3c")
    items, problems = w3c_items(data)
    tick = _Progress(len(items), progress, cancelled)
    tick.stage("Checking the annotations…")
    plan.problems.extend(problems)
    date_time = _date_time_re()
    seen_ids: dict[str, str] = {}
    stamp = now_iso()
    for where, item in items:
        tick()
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
        text = plan.texts.get(ann.text_sha256) or snapshot.texts.get(ann.text_sha256)
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
        plan.candidates.append(_with_context(_Candidate(
            where=where, id=ann.id, doc_id=ann.text_sha256, start=start, end=end, tag=ann.tag, note=ann.note,
            author=ann.author, created=created, modified=modified, origin=ann.origin), text))
    return plan


# -- applying: one transaction ------------------------------------------------------------------------


_KEPT_OTHER_DOCUMENT = "an annotation with this id is on another document in the project; kept the project's"
_UNCHANGED = "already in the project, unchanged"
_KEPT_NEWER = "the project's copy is as new or newer; kept it"


def _same(a: Annotation, b: Annotation) -> bool:
    keys = ("doc_id", "start", "end", "tag_id", "note", "author", "created", "modified", "origin", "status")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def _decide(current: Annotation, ann: Annotation) -> str:
    """What importing ``ann`` over the project's ``current`` (same id) does: "update" or why it is skipped."""
    if current.doc_id != ann.doc_id:
        return _KEPT_OTHER_DOCUMENT
    if _same(current, ann):
        return _UNCHANGED
    never = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
    if (_parse_time(ann.modified) or never) > (_parse_time(current.modified) or never):
        return "update"
    return _KEPT_NEWER


def apply_plan(store: Store, plan: ImportPlan) -> ImportReport:
    """Write ``plan`` into ``store`` in one transaction (on the Store's thread), all or nothing.

    Inside the transaction every document the plan checked offsets against is looked up again (a
    document removed since the snapshot refuses the import, nothing changed), and each annotation is
    added, updated or skipped against the project's annotations as they are now.
    """
    if plan.problems:
        raise InvalidImport(plan.source, plan.problems)
    source = plan.source
    report = ImportReport(source=source, format=plan.format, skipped=list(plan.skipped))
    try:
        with store.db.atomic():
            bringing = {d.id for d in plan.new_documents}
            gone = [sha for sha in plan.texts if sha not in bringing and not store.has_document(sha)]
            if gone:
                raise ProjectChanged(
                    f"{source} was not imported: {len(gone)} document(s) it annotates were removed from the "
                    f"project while the file was being checked; the project was not changed.")
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
            current_by_id = store.annotations_by_id([c.id for c in plan.candidates]) if plan.candidates else {}
            to_add: list[Annotation] = []
            to_update: list[Annotation] = []
            for cand in plan.candidates:
                tag = tags.get(cand.tag)
                if tag is None:
                    tag = tags[cand.tag] = store.ensure_tag(cand.tag)
                    report.tags_created.append(cand.tag)
                ann = cand.annotation(tag.id)
                current = current_by_id.get(cand.id)
                action = "add" if current is None else _decide(current, ann)
                if plan.expected and plan.expected.get(cand.id, "add") != action:
                    report.changed_meanwhile += 1
                if action == "add":
                    to_add.append(ann)
                    current_by_id[ann.id] = ann
                elif action == "update":
                    to_update.append(ann)
                else:
                    report.skipped.append((cand.where, action))
            store.add_annotations(to_add)
            store.update_annotations(to_update)
            report.added, report.updated = len(to_add), len(to_update)
    except sqlite3.Error as exc:
        raise RususError(f"{source} could not be imported ({exc}); the project was not changed.") from None
    return report
