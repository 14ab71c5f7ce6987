"""``rusus-desktop export``: write the project's annotations in one of the export formats."""
from __future__ import annotations

import argparse
import sys

HELP = "export annotations (json, w3c, labelstudio, doccano, brat, csv, conll)"
DESCRIPTION = ("Export a project's annotations. The file is written to a temporary name, read back and "
               "checked, then renamed into place, so OUT is either the complete export or untouched. "
               "Formats and their offset units are described in docs/export-formats.md.")
FORMAT_CHOICES = ("json", "w3c", "labelstudio", "doccano", "brat", "csv", "conll")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", required=True, help="project file (.rusus)")
    parser.add_argument("--format", required=True, choices=FORMAT_CHOICES,
                        help="json: native (with JSON Schema); w3c: Web Annotation JSON-LD; labelstudio: "
                             "tasks; doccano: JSONL; brat: folder of .txt/.ann; csv: spreadsheet; "
                             "conll: BIO of detected entities")
    parser.add_argument("--with-text", action="store_true",
                        help="include each document's text (native JSON; lets an import bring the documents)")
    parser.add_argument("--detections", action="store_true",
                        help="include detected entities and dates (cached analysis, else the pipeline runs)")
    parser.add_argument("--tags", metavar="T,...", help="only annotations with these tags (comma-separated names)")
    parser.add_argument("--document", metavar="ID", help="only this document (id, id prefix, path or list number)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="output file (a folder for brat)")


def run(args: argparse.Namespace) -> int:
    from rusus_desktop.export import ExportOptions, ExportScope, export_project
    from rusus_desktop.store import Store

    tags = tuple(t.strip() for t in args.tags.split(",") if t.strip()) if args.tags else None
    # Reading only, so the window may keep the project open meanwhile (no instance lock).
    with Store(args.project, create=False, lock=False) as store:
        doc_ids = (store.find_document(args.document).id,) if args.document else None
        result = export_project(store, args.format, args.output,
                                ExportScope(document_ids=doc_ids, tag_names=tags),
                                ExportOptions(with_text=args.with_text, detections=args.detections),
                                progress=_progress_printer())
    print(result.summary())
    return 0


def _progress_printer():
    if not sys.stderr.isatty():
        return None
    state = {"last": -1}

    def progress(done: int, total: int, message: str) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != state["last"]:
            state["last"] = percent
            print(f"\r{percent:3d}% {message[:70]:70}", end="" if percent < 100 else "\n", file=sys.stderr)

    return progress
