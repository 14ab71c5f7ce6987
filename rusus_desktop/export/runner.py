"""Run an export: detections for documents the cache lacks, the format, the write, the check.

:func:`run_export` works on a :class:`ProjectSnapshot` only and never touches the Store, so the
window can run it on a worker thread; :func:`export_project` is the one-call version for the
command line and tests.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rusus_desktop.export.brat import MANIFEST, build_brat
from rusus_desktop.export.common import detection_spans
from rusus_desktop.export.conll import build_conll
from rusus_desktop.export.doccano import build_doccano
from rusus_desktop.export.errors import ExportCancelled, ExportError
from rusus_desktop.export.labelstudio import build_labelstudio
from rusus_desktop.export.model import (
    Built,
    CancelledFn,
    ExportOptions,
    ExportScope,
    ProgressFn,
    ProjectSnapshot,
)
from rusus_desktop.export.native import build_native
from rusus_desktop.export.snapshot import collect
from rusus_desktop.export.table import build_csv
from rusus_desktop.export.w3c import build_w3c
from rusus_desktop.export.writer import write_file, write_folder


@dataclass(frozen=True, slots=True)
class FormatInfo:
    key: str
    label: str
    suffix: str  # file suffix, "" for a folder
    offsets: str  # the offset unit, as documented in docs/export-formats.md
    build: Callable[..., Built]

    @property
    def folder(self) -> bool:
        return not self.suffix


FORMATS: dict[str, FormatInfo] = {f.key: f for f in (
    FormatInfo("json", "Rusus annotations JSON (native)", ".json",
               "Unicode code points of the NFC text", build_native),
    FormatInfo("w3c", "W3C Web Annotation (JSON-LD)", ".jsonld",
               "Unicode code points of the NFC text (TextPositionSelector)", build_w3c),
    FormatInfo("labelstudio", "Label Studio tasks (JSON)", ".json",
               "Unicode code points of the NFC text", build_labelstudio),
    FormatInfo("doccano", "doccano sequence labelling (JSONL)", ".jsonl",
               "UTF-16 code units (what doccano counts)", build_doccano),
    FormatInfo("brat", "brat standoff (folder of .txt + .ann)", "",
               "characters = Unicode code points of the .txt text", build_brat),
    FormatInfo("csv", "CSV spreadsheet (UTF-8 with BOM)", ".csv",
               "Unicode code points of the NFC text", build_csv),
    FormatInfo("conll", "CoNLL BIO of detected entities", ".conll",
               "Unicode code points of the NFC text (START/END columns)", build_conll),
)}

# analyze(text, published) with ``published`` as the Store keeps it (ISO string or None).
AnalyzeFn = Callable[[str, str | None], Any]


@dataclass
class ExportResult:
    """What was exported, for the summary the analyst sees."""

    format: str
    path: Path
    files: list[Path]
    documents: int
    annotations: int
    entities: int = 0
    dates: int = 0
    bytes: int = 0
    offsets: str = ""
    left_out: int = 0  # orphaned annotations (awaiting review) that were not exported
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.documents} document{'s' if self.documents != 1 else ''}",
                 f"{self.annotations} annotation{'s' if self.annotations != 1 else ''}"]
        if self.entities or self.format == "conll":
            parts.append(f"{self.entities} detected entit{'ies' if self.entities != 1 else 'y'}")
        if self.dates:
            parts.append(f"{self.dates} date{'s' if self.dates != 1 else ''}")
        what = "folder" if FORMATS[self.format].folder else "file"
        lines = [f"Exported {', '.join(parts)} as {FORMATS[self.format].label} to {what} {self.path} "
                 f"({len(self.files)} file{'s' if len(self.files) != 1 else ''}, {self.bytes:,} bytes; "
                 f"checked by reading it back).",
                 f"Offsets: {self.offsets}."]
        if self.left_out:
            lines.append(f"{self.left_out} annotation(s) whose text changed and that await review were not "
                         f"exported.")
        lines.extend(self.warnings)
        return "\n".join(lines)


def _published_for_pipeline(value: str | None) -> dt.date | dt.datetime | None:
    """The document's ISO ``published`` string as the pipeline takes it (None when absent or odd)."""
    if not value:
        return None
    try:
        if "T" in value:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _default_analyze(text: str, published: str | None) -> Any:
    try:
        from rusus_desktop.nlp.pipeline import analyze
    except ImportError as exc:
        raise ExportError(f"Detected entities are needed but the NLP pipeline is not available ({exc}).") from None
    return analyze(text, published=_published_for_pipeline(published))


def _as_json(result: Any) -> dict:
    return result.to_json() if hasattr(result, "to_json") else dict(result)


def _as_the_analyst_sees_them(feedback, doc, entities: list[dict], dates: list[dict]
                              ) -> tuple[list[dict], list[dict]]:
    """Apply the analyst's verdicts: rejected suggestions go, corrected spans and labels replace the
    pipeline's, strings accepted elsewhere are suggested here too (as the window shows them)."""
    from rusus_desktop.store.feedback import Suggestion

    suggestions = [Suggestion(doc.id, e["start"], e["end"], e["text"], e["label"], "entity") for e in entities]
    suggestions += [Suggestion(doc.id, d["start"], d["end"], d["text"], d["kind"], "date") for d in dates]
    original = {(d["start"], d["end"]): d for d in dates}
    visible = feedback.visible(suggestions, doc_id=doc.id, text=doc.text)
    out = {"entities": [{"start": s.start, "end": s.end, "text": s.text, "label": s.label}
                        for s in visible if s.layer == "entity"],
           "dates": [original.get((s.start, s.end)) or {"start": s.start, "end": s.end, "text": s.text,
                                                       "kind": s.label, "value": None, "mod": None}
                     for s in visible if s.layer == "date"]}
    kept_entities, kept_dates, _ = detection_spans(doc.text, out)
    return kept_entities, kept_dates


def run_export(snapshot: ProjectSnapshot, fmt: str, out: str | Path, *, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None, analyze: AnalyzeFn | None = None) -> ExportResult:
    """Export ``snapshot`` as ``fmt`` to ``out`` (a file, or a folder for brat) and verify it.

    Runs on any thread; must not be given the Store. ``progress(done, total, message)`` is called
    as work advances; ``cancelled()`` is polled between documents and files, and when it returns
    True the export stops with :class:`ExportCancelled` and nothing is left at ``out``.

    Raises:
        ExportError: unknown format, unwritable destination, missing pipeline, or a written file that
            did not read back as intended (the destination is then left as it was).
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    info = FORMATS[fmt]
    out = Path(out)
    progress = progress or (lambda done, total, message: None)
    cancelled = cancelled or (lambda: False)
    analyze = analyze or _default_analyze
    docs = snapshot.documents
    missing = [d for d in docs if snapshot.want_detections and d.detections is None]
    # One unit per analysis (slow), one per document formatted, one per file written.
    n_files_guess = 2 * len(docs) + 3 if info.folder else 1
    total = len(missing) * 5 + len(docs) + n_files_guess
    done = 0

    def stop_if_cancelled() -> None:
        if cancelled():
            raise ExportCancelled("Export cancelled; nothing was written.")

    analyses: dict[str, dict | None] = {d.document.id: d.detections for d in docs}
    for n, data in enumerate(missing):
        stop_if_cancelled()
        progress(done, total, f"Detecting entities in “{data.document.title[:50]}” ({n + 1}/{len(missing)})")
        analyses[data.document.id] = _as_json(analyze(data.document.text, data.document.published))
        done += 5
    dropped = 0
    detections: dict[str, tuple[list[dict], list[dict]]] = {}
    if snapshot.want_detections:
        for data in docs:
            entities, dates, bad = detection_spans(data.document.text, analyses.get(data.document.id))
            dropped += bad
            if snapshot.feedback is not None:
                entities, dates = _as_the_analyst_sees_them(snapshot.feedback, data.document, entities, dates)
            detections[data.document.id] = (entities, dates)

    def tick(i: int) -> None:
        stop_if_cancelled()
        progress(done + i, total, f"Formatting document {i + 1} of {len(docs)}")

    built = info.build(snapshot, detections, tick)
    done += len(docs)
    stop_if_cancelled()
    total = done + len(built.files)
    progress(done, total, f"Writing {out}")
    if info.folder:
        write_folder(out, built.files, marker=MANIFEST, cancelled=cancelled,
                     progress=lambda n: progress(done + n, total, f"Writing {out}"))
        files = [out / f.name for f in built.files]
    else:
        write_file(out, built.files[0])
        files = [out]
    progress(total, total, "Done")
    warnings = list(built.warnings)
    if dropped:
        warnings.append(f"{dropped} detected span(s) did not match the text and were left out.")
    return ExportResult(format=fmt, path=out, files=files, documents=len(docs), annotations=built.annotations,
                        entities=built.entities, dates=built.dates, bytes=sum(len(f.data) for f in built.files),
                        offsets=info.offsets, left_out=snapshot.orphaned, warnings=warnings)


def export_project(store, fmt: str, out: str | Path, scope: ExportScope | None = None,
                   options: ExportOptions | None = None, *, progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None, analyze: AnalyzeFn | None = None,
                   version: str | None = None) -> ExportResult:
    """Snapshot ``store`` and export it (on the calling thread)."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    snapshot = collect(store, fmt, scope, options, version=version)
    return run_export(snapshot, fmt, out, progress=progress, cancelled=cancelled, analyze=analyze)
