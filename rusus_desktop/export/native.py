"""The native format: ``{"format": "rusus-annotations", "version": 1, ...}`` (docs/export-formats.md).

Offsets: half-open ``[start, end)`` Unicode code points into the canonical text (NFC, ``\\n``).
"""
from __future__ import annotations

import json
from collections.abc import Callable

from rusus_desktop.corpus.model import Annotation, Tag
from rusus_desktop.corpus.text import text_sha256
from rusus_desktop.export.common import json_bytes
from rusus_desktop.export.errors import ExportError
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot
from rusus_desktop.export.schema import validate_native

FORMAT = "rusus-annotations"
VERSION = 1
OFFSETS = "unicode-codepoints-nfc"

Detections = dict[str, tuple[list[dict], list[dict]]]


def tag_json(tag: Tag) -> dict:
    return {"name": tag.name, "color": tag.color, "description": tag.description, "hotkey": tag.hotkey}


def annotation_json(ann: Annotation, tag_name: str) -> dict:
    return {"id": ann.id, "start": ann.start, "end": ann.end, "quote": ann.quote, "prefix": ann.prefix,
            "suffix": ann.suffix, "tag": tag_name, "note": ann.note, "author": ann.author,
            "created": ann.created, "modified": ann.modified, "origin": ann.origin}


def build_native(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    documents = []
    n_ann = n_ent = n_dates = 0
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        entry: dict = {"id": doc.id, "path": doc.source_path, "title": doc.title, "source": doc.source,
                       "published": doc.published, "text_sha256": doc.id, "length": len(doc.text)}
        if snapshot.options.with_text:
            entry["text"] = doc.text
        entry["annotations"] = [annotation_json(a, snapshot.tag_names[a.tag_id]) for a in data.annotations]
        n_ann += len(data.annotations)
        if snapshot.options.detections:
            entities, dates = detections.get(doc.id, ([], []))
            entry["entities"] = entities
            entry["dates"] = dates
            n_ent += len(entities)
            n_dates += len(dates)
        documents.append(entry)
    obj = {"format": FORMAT, "version": VERSION, "exported_at": snapshot.exported_at, "offsets": OFFSETS,
           "tagset": [tag_json(t) for t in snapshot.tags], "documents": documents}
    problems = validate_native(obj)
    if problems:
        where, why = problems[0]
        raise ExportError(f"The export does not match its own schema ({len(problems)} problems; first: "
                          f"{where}: {why}). Nothing was written.")
    texts = {d.document.id: d.document.text for d in snapshot.documents}
    return Built(files=[OutFile("", json_bytes(obj), _checker(obj, texts))],
                 annotations=n_ann, entities=n_ent, dates=n_dates)


def _checker(expected: dict, texts: dict[str, str]) -> Callable[[bytes], None]:
    def check(raw: bytes) -> None:
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ExportError(f"The written file does not read back as JSON ({exc}).") from None
        if parsed != expected:  # ``expected`` passed the schema before it was written
            raise ExportError("The written file reads back different from what was meant to be written.")
        for doc in parsed["documents"]:
            text = doc.get("text", texts.get(doc["id"]))
            if text is None:
                continue
            if text_sha256(text) != doc["text_sha256"] or len(text) != doc["length"]:
                raise ExportError(f"Document {doc['id']}: text, hash and length disagree in the written file.")
            for ann in doc["annotations"]:
                if text[ann["start"]:ann["end"]] != ann["quote"]:
                    raise ExportError(f"Annotation {ann['id']}: offsets do not cover its quote in the "
                                      f"written file.")
            for span in doc.get("entities", []) + doc.get("dates", []):
                if text[span["start"]:span["end"]] != span["text"]:
                    raise ExportError(f"Document {doc['id']}: a detected span does not cover its text.")

    return check
