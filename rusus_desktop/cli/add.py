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
        added, present = store.add_documents(loaded.documents)
        added_set = set(added)
        for doc in loaded.documents:
            state = "added" if doc.id in added_set else "already in project"
            print(f"{state}: {doc.source_path}  [{doc.title[:70]}]")
        for path in loaded.duplicates:
            print(f"skipped: {path}: same text as another file in this batch")
        for skipped in loaded.skipped:
            print(f"skipped: {skipped.path}: {skipped.reason}")
        print(f"{len(added)} added, {len(present)} already present, "
              f"{len(loaded.skipped) + len(loaded.duplicates)} skipped; project: {store.path}")
    return 0 if (added or present or not loaded.skipped) else 1
