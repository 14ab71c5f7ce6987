"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` whose first page embeds every annotation.

Each analyst annotation becomes an ``Annotation`` with motivation ``tagging`` (plus ``commenting``
when it has a note), a ``TextualBody`` with purpose ``tagging`` holding the tag name, another with
purpose ``commenting`` holding the note, and a ``SpecificResource`` target whose source names the
document by the sha256 of its canonical text (RFC 6920 ``ni:///sha-256;…``) and whose selectors are
a ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``. Positions count
Unicode code points of the canonical (NFC) text, as the Web Annotation model requires.

Detected entities and dates (with ``--detections``) are extra annotations with motivation
``classifying`` and ``rusus:origin`` ``"pipeline"``; importing skips them.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote as _pct_quote
from urllib.parse import unquote as _pct_unquote

from rusus_desktop.corpus.model import Annotation
from rusus_desktop.export.common import check_json_equal, json_bytes, ni_uri, sha256_from_uri
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RUSUS_VOCAB = "urn:rusus-desktop:vocab:"
CONTEXT = [ANNO_CONTEXT, {"rusus": RUSUS_VOCAB}]
ORIGIN_KEY = "rusus:origin"
_ID_PREFIX = "urn:rusus-desktop:annotation:"
_DETECTION_NS = uuid.UUID("6f1d3c52-8d1e-4f8e-9a57-2b1f0e3c4d5a")

Detections = dict[str, tuple[list[dict], list[dict]]]


def annotation_iri(ann_id: str) -> str:
    """``urn:uuid:…`` for the app's uuid4-hex ids; any other id is kept verbatim in a private URN."""
    if re.fullmatch(r"[0-9a-f]{32}", ann_id):
        return f"urn:uuid:{uuid.UUID(hex=ann_id)}"
    return _ID_PREFIX + _pct_quote(ann_id, safe="")


def annotation_id_from_iri(iri: str) -> str:
    """Inverse of :func:`annotation_iri`; foreign IRIs map to a stable uuid5 hex (idempotent imports)."""
    if iri.startswith(_ID_PREFIX):
        return _pct_unquote(iri[len(_ID_PREFIX):])
    match = re.fullmatch(r"urn:uuid:([0-9a-fA-F-]{36})", iri)
    if match:
        return uuid.UUID(match.group(1)).hex
    return uuid.uuid5(uuid.NAMESPACE_URL, iri).hex


def _target(source: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> dict:
    return {"type": "SpecificResource", "source": source,
            "selector": [{"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                         {"type": "TextPositionSelector", "start": start, "end": end}]}


def annotation_to_w3c(ann: Annotation, tag_name: str, source: str) -> dict:
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": tag_name, "format": "text/plain"}]
    if ann.note is not None:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": ann.note,
                       "format": "text/plain"})
    item: dict = {"id": annotation_iri(ann.id), "type": "Annotation",
                  "motivation": "tagging" if ann.note is None else ["tagging", "commenting"],
                  "created": ann.created, "modified": ann.modified}
    if ann.author:
        item["creator"] = {"type": "Person", "name": ann.author}
    item["body"] = bodies
    item["target"] = _target(source, ann.quote, ann.prefix, ann.suffix, ann.start, ann.end)
    item[ORIGIN_KEY] = ann.origin
    return item


def detection_to_w3c(span: dict, label: str, text: str, source: str, version: str | None) -> dict:
    from rusus_desktop.corpus.text import quote_context

    prefix, exact, suffix = quote_context(text, span["start"], span["end"])
    ident = uuid.uuid5(_DETECTION_NS, f"{source}#{span['start']}-{span['end']}-{label}")
    item = {"id": f"urn:uuid:{ident}", "type": "Annotation", "motivation": "classifying",
            "body": {"type": "TextualBody", "purpose": "classifying", "value": label, "format": "text/plain"},
            "target": _target(source, exact, prefix, suffix, span["start"], span["end"]),
            "generator": {"type": "Software", "name": f"Rusus Desktop NLP pipeline {version or ''}".strip()},
            ORIGIN_KEY: "pipeline"}
    return item


def build_w3c(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    items: list[dict] = []
    n_ann = n_ent = n_dates = 0
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        source = ni_uri(doc.id)
        for ann in data.annotations:
            items.append(annotation_to_w3c(ann, snapshot.tag_names[ann.tag_id], source))
            n_ann += 1
        if snapshot.options.detections:
            entities, dates = detections.get(doc.id, ([], []))
            for e in entities:
                items.append(detection_to_w3c(e, e["label"], doc.text, source, snapshot.pipeline_version))
            for d in dates:
                items.append(detection_to_w3c(d, "DATE", doc.text, source, snapshot.pipeline_version))
            n_ent += len(entities)
            n_dates += len(dates)
    label = "Rusus Desktop annotations" + (f" — {snapshot.project_name}" if snapshot.project_name else "")
    collection: dict = {"@context": CONTEXT, "id": f"urn:uuid:{uuid.uuid4()}", "type": "AnnotationCollection",
                        "label": label, "total": len(items)}
    if items:
        collection["first"] = {"id": f"urn:uuid:{uuid.uuid4()}", "type": "AnnotationPage",
                               "partOf": collection["id"], "startIndex": 0, "items": items}
    return Built(files=[OutFile("", json_bytes(collection), check_json_equal(collection, "W3C file"))],
                 annotations=n_ann, entities=n_ent, dates=n_dates)


# -- reading (import) ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class W3CAnnotation:
    """One Web Annotation read for import; offsets may be missing (quote-only anchoring)."""

    where: str
    id: str
    text_sha256: str
    start: int | None
    end: int | None
    exact: str | None
    prefix: str
    suffix: str
    tag: str
    note: str | None
    author: str
    created: str | None
    modified: str | None
    origin: str


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: dict) -> list[str]:
    return [t for t in _as_list(node.get("type")) if isinstance(t, str)]


def w3c_items(data) -> tuple[list[tuple[str, object]], list[tuple[str, str]]]:
    """The annotations of a W3C file (a collection with embedded pages, a page, a list, or one
    annotation), each with the name of where it sits in the file; plus structural problems."""
    problems: list[tuple[str, str]] = []
    if isinstance(data, list):
        return [(f"[{i}]", item) for i, item in enumerate(data)], problems
    if not isinstance(data, dict):
        return [], [("the file", "is neither a JSON object nor a list of annotations")]
    types = _types(data)
    if "Annotation" in types:
        return [("the annotation", data)], problems
    pages: list[tuple[str, object]] = []
    if "AnnotationCollection" in types:
        first = data.get("first")
        if first is None:
            return [], problems  # an empty collection
        pages.append(("first", first))
    elif "AnnotationPage" in types:
        pages.append(("the page", data))
    else:
        return [], [("the file", "is not a Web Annotation, AnnotationPage or AnnotationCollection "
                                 "(no such 'type')")]
    out: list[tuple[str, object]] = []
    seen_pages = 0
    while pages:
        where, page = pages.pop(0)
        seen_pages += 1
        if not isinstance(page, dict):
            problems.append((where, "the page is not embedded in the file (only a link); embed the "
                                    "annotations to import them"))
            continue
        items = page.get("items")
        if not isinstance(items, list):
            problems.append((where, "the page has no 'items' list"))
            continue
        out.extend((f"{where}.items[{i}]", item) for i, item in enumerate(items))
        nxt = page.get("next")
        if nxt is not None and seen_pages < 10_000:
            if isinstance(nxt, dict):
                pages.append((f"{where}.next", nxt))
            else:
                problems.append((f"{where}.next", "the next page is only linked, not embedded"))
    return out, problems


def _selectors(target: dict) -> list[dict]:
    out = []
    for sel in _as_list(target.get("selector")):
        if isinstance(sel, dict):
            out.append(sel)
            out.extend(s for s in _as_list(sel.get("refinedBy")) if isinstance(s, dict))
    return out


def _text_value(body) -> str | None:
    if isinstance(body, dict):
        value = body.get("value")
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        return value if isinstance(value, str) else None
    return None


def parse_w3c_annotation(where: str, item) -> tuple[W3CAnnotation | None, str | None, str | None]:
    """Return ``(annotation, None, None)``, ``(None, skip_reason, None)`` or ``(None, None, problem)``."""
    if not isinstance(item, dict):
        return None, None, "is not a JSON object"
    ident = item.get("id")
    if "Annotation" not in _types(item):
        return None, None, "has no type 'Annotation'"
    if not isinstance(ident, str) or not ident.strip():
        return None, None, "has no 'id' (needed so that importing twice does not duplicate it)"
    where = f"{where} (id {ident})"
    motivations = [m for m in _as_list(item.get("motivation")) if isinstance(m, str)]
    origin = item.get(ORIGIN_KEY, item.get(RUSUS_VOCAB + "origin", "manual"))
    bodies = [b for b in _as_list(item.get("body"))]
    tags: list[str] = []
    notes: list[str] = []
    for body in bodies:
        if isinstance(body, str):
            continue  # an external resource (IRI): nothing the analyst's tag set can hold
        purposes = [p for p in _as_list(body.get("purpose")) if isinstance(p, str)] if isinstance(body, dict) else []
        value = _text_value(body)
        if value is None:
            continue
        if "tagging" in purposes or (not purposes and motivations == ["tagging"]):
            tags.append(value)
        elif "commenting" in purposes or "describing" in purposes or (not purposes and "commenting" in motivations):
            notes.append(value)
    if isinstance(item.get("bodyValue"), str):
        (tags if motivations == ["tagging"] else notes).append(item["bodyValue"])
    if origin == "pipeline" or (not tags and "classifying" in motivations):
        return None, "a detected entity or date, not an analyst's annotation", None
    if not tags:
        return None, None, "has no tag: no TextualBody with purpose 'tagging'"
    if len(tags) > 1:
        return None, None, f"has {len(tags)} tags ({', '.join(tags)}); a Rusus annotation carries one"
    tag = tags[0]
    if not tag.strip():
        return None, None, "has an empty tag"
    targets = _as_list(item.get("target"))
    if len(targets) != 1:
        return None, None, ("has no target" if not targets else
                            f"has {len(targets)} targets; a Rusus annotation marks one passage")
    target = targets[0]
    if not isinstance(target, dict):
        return None, None, "targets a whole resource, not a passage (no selector)"
    source = target.get("source")
    if isinstance(source, dict):
        source = source.get("id")
    if not isinstance(source, str):
        return None, None, "its target has no 'source'"
    sha = sha256_from_uri(source)
    if sha is None:
        return None, None, (f"its target source {source!r} does not name a document by text hash "
                            f"(expected ni:///sha-256;… or urn:sha256:…)")
    start = end = None
    exact: str | None = None
    prefix = suffix = ""
    for sel in _selectors(target):
        kinds = _types(sel)
        if "TextPositionSelector" in kinds:
            start, end = sel.get("start"), sel.get("end")
            if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
                return None, None, "its TextPositionSelector needs whole-number 'start' and 'end'"
        elif "TextQuoteSelector" in kinds:
            exact = sel.get("exact")
            prefix = sel.get("prefix") or ""
            suffix = sel.get("suffix") or ""
            if not isinstance(exact, str) or not exact:
                return None, None, "its TextQuoteSelector has no 'exact' text"
            if not isinstance(prefix, str) or not isinstance(suffix, str):
                return None, None, "its TextQuoteSelector has a prefix or suffix that is not text"
    if start is None and exact is None:
        return None, None, "its target has neither a TextPositionSelector nor a TextQuoteSelector"
    author = ""
    for creator in _as_list(item.get("creator"))[:1]:
        if isinstance(creator, dict):
            name = _as_list(creator.get("name")) or _as_list(creator.get("nickname"))
            author = name[0] if name and isinstance(name[0], str) else ""
    created = item.get("created")
    modified = item.get("modified")
    for key, value in (("created", created), ("modified", modified)):
        if value is not None and not isinstance(value, str):
            return None, None, f"its '{key}' is not a date-time string"
    if origin not in ("manual", "detected"):
        origin = "manual"
    note = "\n\n".join(notes) if notes else None
    return W3CAnnotation(where=where, id=annotation_id_from_iri(ident.strip()), text_sha256=sha, start=start,
                         end=end, exact=exact, prefix=prefix, suffix=suffix, tag=tag, note=note,
                         author=author, created=created, modified=modified, origin=origin), None, None
