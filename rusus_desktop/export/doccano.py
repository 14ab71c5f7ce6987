"""doccano sequence-labelling JSONL: one document per line, ``{"text": …, "label": [[start, end, tag], …]}``.

Offsets: **UTF-16 code units**, the unit doccano's browser front end counts in (doccano issue #2290;
the project option "count grapheme clusters as one character" must stay off). For text without
characters outside the Basic Multilingual Plane (emoji and a few rare CJK), which is nearly all
Vietnamese news, these equal code points. Extra keys (``document_id``, ``title``) become doccano
metadata. doccano has no per-span notes, authors or times, so those are not carried.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from rusus_desktop.corpus.text import OffsetMap
from rusus_desktop.export.errors import ExportError
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot

Detections = dict[str, tuple[list[dict], list[dict]]]


def build_doccano(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    lines: list[dict] = []
    n_ann = n_ent = n_dates = 0
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        utf16 = OffsetMap(doc.text)  # code point -> UTF-16 position (identity for BMP-only text)
        labels = [[utf16.to_qt(a.start), utf16.to_qt(a.end), snapshot.tag_names[a.tag_id]]
                  for a in data.annotations]
        n_ann += len(labels)
        if snapshot.options.detections:
            entities, dates = detections.get(doc.id, ([], []))
            labels += [[utf16.to_qt(e["start"]), utf16.to_qt(e["end"]), e["label"]] for e in entities]
            labels += [[utf16.to_qt(d["start"]), utf16.to_qt(d["end"]), "DATE"] for d in dates]
            n_ent += len(entities)
            n_dates += len(dates)
        lines.append({"text": doc.text, "label": labels, "document_id": doc.id, "title": doc.title})
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    return Built(files=[OutFile("", data, _checker(lines))], annotations=n_ann, entities=n_ent, dates=n_dates)


def _checker(expected: list[dict]) -> Callable[[bytes], None]:
    def check(raw: bytes) -> None:
        try:
            parsed = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
        except (UnicodeDecodeError, ValueError) as exc:
            raise ExportError(f"The written doccano file does not read back as JSON lines ({exc}).") from None
        if parsed != expected:
            raise ExportError("The written doccano file reads back different from what was meant to be written.")
        for line in parsed:
            units = len(line["text"].encode("utf-16-le")) // 2
            if any(not (0 <= s < e <= units) for s, e, _ in line["label"]):
                raise ExportError(f"doccano document {line['document_id']}: a label is out of range.")

    return check
