"""``rusus-desktop analyze``: run the NLP pipeline on files and print what it finds.

``--json`` prints one object, the stable contract the quality measurements rely on::

    {"documents": [{"path", "text_sha256", "length", "published", "body", "entities", "dates"}]}

Offsets are code points into the canonical text, read exactly as the corpus reader reads it.
A file that cannot be read gets ``{"path": ..., "error": "..."}`` in its place and the rest
still print; the exit status is non-zero only when no file could be analysed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from typing import Any, TextIO

HELP = "find entities, dates and the article body in files (--json for the machine-readable contract)"
DESCRIPTION = (
    "Analyse Vietnamese news files: named entities (PER, ORG, LOC, MISC), dates and times with "
    "ISO 8601 values, and the character ranges of the article body. Offsets are Unicode code "
    "points into the canonical text (NFC, \\n line ends, no BOM)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="the documents' publication date (default: each document's own dateline)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files to analyse")


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def run(args: argparse.Namespace) -> int:
    documents = [analyze_path(path, args.published) for path in args.paths]
    if args.json:
        json.dump({"documents": documents}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for document in documents:
            print_summary(document, sys.stdout)
    analysed = sum(1 for d in documents if "error" not in d)
    return 0 if analysed else 1


def analyze_path(path: str, published: dt.date | None = None) -> dict[str, Any]:
    """Read ``path`` as the corpus reader does and analyse it; an unreadable file gives an error entry.

    Args:
        path: The file, reported back exactly as given.
        published: Overrides the document's own dateline as the anchor for relative dates.

    Returns:
        One ``documents`` entry of the JSON contract.
    """
    from rusus_desktop.corpus.reader import read_document
    from rusus_desktop.errors import DocumentSkipped
    from rusus_desktop.nlp.pipeline import analyze

    try:
        document = read_document(path)
    except DocumentSkipped as exc:
        return {"path": path, "error": exc.reason}
    anchor = published or _document_date(document.published)
    analysis = analyze(document.text, anchor)
    result = analysis.to_json()
    return {
        "path": path,
        "text_sha256": document.text_sha256,
        "length": document.length,
        "published": anchor.isoformat() if anchor else None,
        "body": result["body"],
        "entities": result["entities"],
        "dates": result["dates"],
    }


def _document_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def print_summary(document: dict[str, Any], out: TextIO) -> None:
    """The readable form: counts, then every entity and date with its offsets."""
    path = document["path"]
    if "error" in document:
        print(f"{path}: error: {document['error']}", file=out)
        print(file=out)
        return
    body_chars = sum(end - start for start, end in document["body"])
    labels = Counter(e["label"] for e in document["entities"])
    print(f"{path}", file=out)
    print(f"  {document['length']} characters, body {body_chars} in {len(document['body'])} range(s), "
          f"published {document['published'] or 'unknown'}", file=out)
    counts = ", ".join(f"{labels[label]} {label}" for label in ("PER", "ORG", "LOC", "MISC") if labels[label])
    print(f"  entities: {len(document['entities'])}" + (f" ({counts})" if counts else ""), file=out)
    for entity in document["entities"]:
        print(f"    {entity['start']:>6}-{entity['end']:<6} {entity['label']:<4} {entity['text']}", file=out)
    print(f"  dates: {len(document['dates'])}", file=out)
    for date in document["dates"]:
        value = date["value"] or "?"
        mod = f" {date['mod']}" if date["mod"] else ""
        print(f"    {date['start']:>6}-{date['end']:<6} {date['kind']:<8} {value}{mod}  {date['text']}", file=out)
    print(file=out)
