"""CSV: one row per annotation (and, with ``--detections``, per detected entity or date).

UTF-8 with a byte-order mark so spreadsheet programs (Excel, LibreOffice, Numbers) recognise the
encoding and show Vietnamese correctly; RFC 4180 quoting with CRLF row ends, so quotes and notes may
span lines. Offsets (``start``, ``end``) are Unicode code points of the canonical text, end
exclusive. A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or ``'`` gets
one extra leading ``'`` so that a spreadsheet shows it as text instead of running it as a formula
(OWASP "CSV injection"); strip one leading ``'`` from such cells to get the exact value back.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable

from rusus_desktop.export.errors import ExportError
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot

Detections = dict[str, tuple[list[dict], list[dict]]]
COLUMNS = ["document_id", "document_title", "document_path", "kind", "annotation_id", "start", "end",
           "quote", "tag", "note", "author", "created", "modified", "origin"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def protect(value: str) -> str:
    """The cell text for ``value`` (see module docstring)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unprotect(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def build_csv(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    rows: list[list[str]] = [COLUMNS]
    n_ann = n_ent = n_dates = 0
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        head = [doc.id, doc.title, doc.source_path]
        for ann in data.annotations:
            rows.append(head + ["annotation", ann.id, str(ann.start), str(ann.end), ann.quote,
                                snapshot.tag_names[ann.tag_id], ann.note if ann.note is not None else "",
                                ann.author, ann.created, ann.modified, ann.origin])
            n_ann += 1
        if snapshot.options.detections:
            entities, dates = detections.get(doc.id, ([], []))
            for e in entities:
                rows.append(head + ["entity", "", str(e["start"]), str(e["end"]), e["text"], e["label"],
                                    "", "", "", "", "pipeline"])
            for d in dates:
                rows.append(head + ["date", "", str(d["start"]), str(d["end"]), d["text"], "DATE",
                                    d.get("value") or "", "", "", "", "pipeline"])
            n_ent += len(entities)
            n_dates += len(dates)
    cells = [[protect(c) for c in row] for row in rows]
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(cells)
    data = buf.getvalue().encode("utf-8-sig")
    return Built(files=[OutFile("", data, _checker(cells))], annotations=n_ann, entities=n_ent, dates=n_dates)


def _checker(expected: list[list[str]]) -> Callable[[bytes], None]:
    def check(raw: bytes) -> None:
        if not raw.startswith(b"\xef\xbb\xbf"):
            raise ExportError("The written CSV file lost its UTF-8 byte-order mark.")
        try:
            parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ExportError(f"The written CSV file does not read back ({exc}).") from None
        if parsed != expected:
            raise ExportError("The written CSV file reads back different from what was meant to be written.")

    return check
