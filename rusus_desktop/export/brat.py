"""brat standoff: a folder with ``NNNN_<id>.txt`` (the canonical text, UTF-8) and ``NNNN_<id>.ann`` per
document, plus ``annotation.conf``, ``visual.conf`` (display names and colours) and
``rusus-export.json`` (which file is which document).

``.ann`` lines: ``T<n>\\t<Type> <start> <end>[;<start> <end>…]\\t<text>`` for each span and
``#<n>\\tAnnotatorNotes T<n>\\t<note>`` for its note. Offsets are **characters**, i.e. Unicode code
points of the ``.txt`` file's text (what brat's Python server slices), end exclusive. brat cannot
show a line break inside a span, so a span that crosses lines is written as discontinuous fragments
split at the breaks (the text field joins the fragments with a space, as the brat format says).
Type names must be single words, so tags get ASCII names (``Hợp tác`` -> ``Hop_tac``) and
``visual.conf`` maps them back to the real names. Notes lose tabs and line breaks (one-line format);
authors and times are not carried.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from rusus_desktop.export.common import check_bytes_equal, check_json_equal, json_bytes, unique_slugs
from rusus_desktop.export.errors import ExportError
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot

Detections = dict[str, tuple[list[dict], list[dict]]]
MANIFEST = "rusus-export.json"
# Every character str.splitlines() breaks at: a reader that splits lines must never cut a text field.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RE = re.compile(f"[{re.escape(_LINE_BREAKS)}]")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks into non-empty pieces that contain none."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BREAK_RE.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def one_line(value: str) -> str:
    return re.sub(f"[\t{re.escape(_LINE_BREAKS)}]+", " ", value).strip()


def doc_stem(index: int, doc_id: str) -> str:
    return f"{index + 1:04d}_{doc_id[:16]}"


def build_brat(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    tag_names = [t.name for t in snapshot.tags]
    used_tags = sorted({snapshot.tag_names[a.tag_id] for d in snapshot.documents for a in d.annotations}
                       - set(tag_names))
    det_labels: list[str] = []
    if snapshot.options.detections:
        det_labels = sorted({e["label"] for ents, _ in detections.values() for e in ents})
        if any(dates for _, dates in detections.values()):
            det_labels.append("DATE")
    tag_types = unique_slugs(tag_names + used_tags)
    det_types = unique_slugs(det_labels, reserved={s.lower() for s in tag_types.values()})

    files: list[OutFile] = []
    manifest_docs = []
    warnings: list[str] = []
    n_ann = n_ent = n_dates = 0
    unplaceable = 0
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        stem = doc_stem(i, doc.id)
        ann_lines = _AnnLines(doc.text)
        for ann in data.annotations:
            tid = ann_lines.span(tag_types[snapshot.tag_names[ann.tag_id]], ann.start, ann.end)
            if tid is None:
                unplaceable += 1
                continue
            n_ann += 1
            if ann.note and one_line(ann.note):
                ann_lines.note(tid, ann.note)
        if snapshot.options.detections:
            entities, dates = detections.get(doc.id, ([], []))
            for e in entities:
                n_ent += ann_lines.span(det_types[e["label"]], e["start"], e["end"]) is not None
            for d in dates:
                n_dates += ann_lines.span(det_types["DATE"], d["start"], d["end"]) is not None
        lines = ann_lines.lines
        txt = doc.text.encode("utf-8")
        ann_bytes = "".join(line + "\n" for line in lines).encode("utf-8")
        files.append(OutFile(f"{stem}.txt", txt, check_bytes_equal(txt, f"brat text {stem}.txt")))
        files.append(OutFile(f"{stem}.ann", ann_bytes, _ann_checker(ann_bytes, doc.text, stem)))
        manifest_docs.append({"txt": f"{stem}.txt", "ann": f"{stem}.ann", "id": doc.id, "title": doc.title,
                              "path": doc.source_path})
    if unplaceable:
        warnings.append(f"{unplaceable} annotation(s) cover only line breaks and cannot be shown in brat; "
                        f"they were left out of the brat files.")

    all_types = list(tag_types.items()) + list(det_types.items())
    conf = "[entities]\n" + "".join(f"{slug}\n" for _, slug in all_types) + \
           "\n[relations]\n\n[events]\n\n[attributes]\n"
    colors = {t.name: t.color for t in snapshot.tags}
    visual = "[labels]\n" + "".join(f"{slug} | {name}\n" for name, slug in all_types) + "\n[drawing]\n" + \
             "".join(f"{slug}\tbgColor:{colors[name]}\n" for name, slug in tag_types.items() if name in colors)
    manifest = {"format": "rusus-annotations-brat", "version": 1,
                "offsets": "unicode-codepoints-nfc", "exported_at": snapshot.exported_at,
                "types": {slug: name for name, slug in all_types}, "documents": manifest_docs}
    conf_b, visual_b = conf.encode("utf-8"), visual.encode("utf-8")
    files.append(OutFile("annotation.conf", conf_b, check_bytes_equal(conf_b, "annotation.conf")))
    files.append(OutFile("visual.conf", visual_b, check_bytes_equal(visual_b, "visual.conf")))
    files.append(OutFile(MANIFEST, json_bytes(manifest), check_json_equal(manifest, MANIFEST)))
    return Built(files=files, annotations=n_ann, entities=n_ent, dates=n_dates, warnings=warnings)


class _AnnLines:
    """The lines of one ``.ann`` file, numbering T and # entries as they are added."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self._t = self._notes = 0

    def span(self, type_name: str, start: int, end: int) -> str | None:
        """Add the T line for ``[start, end)`` cut at line breaks; its id, or None when the span holds
        nothing but line breaks."""
        frags = fragments(self.text, start, end)
        if not frags:
            return None
        self._t += 1
        ranges = ";".join(f"{a} {b}" for a, b in frags)
        self.lines.append(f"T{self._t}\t{type_name} {ranges}\t{' '.join(self.text[a:b] for a, b in frags)}")
        return f"T{self._t}"

    def note(self, tid: str, note: str) -> None:
        self._notes += 1
        self.lines.append(f"#{self._notes}\tAnnotatorNotes {tid}\t{one_line(note)}")


def _ann_checker(expected: bytes, text: str, stem: str) -> Callable[[bytes], None]:
    def check(raw: bytes) -> None:
        if raw != expected:
            raise ExportError(f"The written {stem}.ann reads back different from what was meant to be written.")
        for line in raw.decode("utf-8").split("\n"):
            if not line.startswith("T"):
                continue
            _, type_ranges, quoted = line.split("\t", 2)
            ranges = type_ranges.split(" ", 1)[1]
            pieces = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            if " ".join(text[a:b] for a, b in pieces) != quoted:
                raise ExportError(f"{stem}.ann: {line.split(chr(9))[0]} does not match the text.")

    return check
