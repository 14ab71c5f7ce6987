"""``rusus-desktop annotate``: add one annotation from a script, through the same core as the window."""
from __future__ import annotations

import argparse
import getpass

HELP = "tag a passage of a document (creating the tag if needed); prints the new annotation's id"
DESCRIPTION = (
    "Add one annotation to a project through the same code the window uses: one transaction, "
    "recorded in the undo history. Offsets are Unicode code points into the document's canonical text "
    "(NFC, \\n line ends), END exclusive. Offsets that are out of range or split a character from "
    "its combining marks are refused (exit status 2)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", required=True, help="project file (.rusus)")
    parser.add_argument("--document", required=True, metavar="ID|PATH",
                        help="document id (or a unique prefix of at least 6 characters), its source path, "
                             "or its 1-based position in the corpus list")
    parser.add_argument("--start", required=True, type=int, help="first code point of the passage")
    parser.add_argument("--end", required=True, type=int, help="code point just after the passage")
    parser.add_argument("--tag", required=True, metavar="NAME", help="tag name (created when the project has none)")
    parser.add_argument("--note", default=None, help="free-text note")
    parser.add_argument("--author", default=None,
                        help="analyst name stored with the annotation (default: your login name)")


def _default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): leave it empty
        return ""


def run(args: argparse.Namespace) -> int:
    from rusus_desktop.store import Store
    from rusus_desktop.store.history import History
    from rusus_desktop.store.ops import tag_passage

    if not args.tag.strip():
        from rusus_desktop.errors import RususError

        raise RususError("--tag needs a tag name.")
    with Store(args.project, create=False) as store:
        ann = tag_passage(store, args.document, args.start, args.end, args.tag, note=args.note,
                          author=args.author if args.author is not None else _default_author(),
                          history=History(store))
    print(ann.id)
    return 0
