"""``rusus-desktop add``: add documents to a project file."""
from __future__ import annotations

import argparse

HELP = "add .txt/.md files or folders to a project (creating it if needed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", required=True, help="project file (.rusus); created when missing")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")


def run(args: argparse.Namespace) -> int:
    from rusus_desktop.corpus.reader import load_corpus
    from rusus_desktop.store import Store

    loaded = load_corpus(args.paths)
    with Store(args.project) as store:
        result = store.add_documents(loaded.documents)
        added, present = result
        added_set = set(added)
        replaced = {r.new_id: r for r in getattr(result, "reanchored", ())}
        for doc in loaded.documents:
            if doc.id in replaced:
                print(f"updated: {doc.source_path}  [{doc.title[:70]}] (text changed; annotations: "
                      f"{replaced[doc.id].summary()})")
                continue
            state = "added" if doc.id in added_set else "already in project"
            print(f"{state}: {doc.source_path}  [{doc.title[:70]}]")
        if any(r.orphaned for r in replaced.values()):
            print(f"review the annotations that lost their place: rusus-desktop annotations "
                  f"--project {store.path} --orphaned")
        for path in loaded.duplicates:
            print(f"skipped: {path}: same text as another file in this batch")
        for skipped in loaded.skipped:
            print(f"skipped: {skipped.path}: {skipped.reason}")
        print(f"{len(added)} added, {len(present)} already present, "
              f"{len(loaded.skipped) + len(loaded.duplicates)} skipped; project: {store.path}")
    return 0 if (added or present or not loaded.skipped) else 1
