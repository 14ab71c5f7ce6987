"""``rusus-desktop annotations``: list a project's annotations."""
from __future__ import annotations

import argparse
import json

HELP = "list the annotations in a project (as text or JSON)"
DESCRIPTION = (
    "List every annotation: document, code-point offsets [start, end), tag, quote, note, author and "
    "times. --json prints one JSON object (see the module docstring of rusus_desktop.cli.annotations)."
)

# JSON shape (offsets are code points into the canonical text, end exclusive):
# {"project": "<path>", "count": N,
#  "annotations": [{"id", "document": {"id", "title", "path"}, "start", "end", "quote", "prefix", "suffix",
#                   "tag", "tag_id", "color", "note", "author", "created", "modified", "origin", "status"}]}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", required=True, help="project file (.rusus)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--document", metavar="ID|PATH", help="only this document")
    parser.add_argument("--tag", metavar="NAME", action="append", help="only this tag (repeatable)")
    parser.add_argument("--orphaned", action="store_true",
                        help="only annotations that lost their place when a text changed (to review)")


def collect(store, *, document: str | None = None, tags: list[str] | None = None,
            orphaned: bool = False) -> list[dict]:
    from rusus_desktop.errors import NotFound
    from rusus_desktop.store.tagset import find_tag

    doc_id = store.find_document(document).id if document else None
    tag_ids = None
    if tags:
        tag_ids = []
        for name in tags:
            tag = find_tag(store, name)
            if tag is None:
                raise NotFound(f"No tag named {name!r} in this project.")
            tag_ids.append(tag.id)
    by_tag = {t.id: t for t in store.tags()}
    docs = {d.id: d for d in store.documents()}
    out = []
    for a in store.annotations(doc_id, tag_ids=tag_ids):
        if orphaned and a.status != "orphaned":
            continue
        d = docs.get(a.doc_id)
        tag = by_tag.get(a.tag_id)
        out.append({
            "id": a.id,
            "document": {"id": a.doc_id, "title": d.title if d else "", "path": d.source_path if d else ""},
            "start": a.start, "end": a.end, "quote": a.quote, "prefix": a.prefix, "suffix": a.suffix,
            "tag": tag.name if tag else "", "tag_id": a.tag_id, "color": tag.color if tag else "",
            "note": a.note, "author": a.author, "created": a.created, "modified": a.modified,
            "origin": a.origin, "status": a.status,
        })
    return out


def _short(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from rusus_desktop.store import Store

    with Store(args.project, create=False, default_tags=False) as store:
        rows = collect(store, document=args.document, tags=args.tag, orphaned=args.orphaned)
        path = str(store.path)
    if args.json:
        print(json.dumps({"project": path, "count": len(rows), "annotations": rows}, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no annotations")
        return 0
    current = None
    for r in rows:
        if r["document"]["id"] != current:
            current = r["document"]["id"]
            print(f"{_short(r['document']['title'], 80)}  [{current[:12]}]")
        flag = "  NEEDS REVIEW (text changed)" if r["status"] == "orphaned" else ""
        print(f"  {r['id'][:12]}  {r['start']}-{r['end']}  {r['tag']}: “{_short(r['quote'], 60)}”"
              f"  {r['author'] or '-'} {r['modified']}{flag}")
        if r["note"]:
            print(f"      note: {_short(r['note'], 100)}")
    print(f"{len(rows)} annotation{'s' if len(rows) != 1 else ''}")
    return 0
