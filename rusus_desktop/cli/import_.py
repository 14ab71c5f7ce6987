"""``rusus-desktop import``: read annotations from a native or W3C Web Annotation file, all or nothing."""
from __future__ import annotations

import argparse
from pathlib import Path

HELP = "import annotations (native JSON or W3C Web Annotation) into a project, all or nothing"
DESCRIPTION = ("Import annotations into a project (created when missing). Documents are matched by the hash "
               "of their text; a native file exported with --with-text brings its documents along. Any "
               "invalid entry refuses the whole file and changes nothing; importing the same file again "
               "adds nothing.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", required=True, help="project file (.rusus); created when missing")
    parser.add_argument("input", metavar="IN.json", help="native export (.json) or W3C Web Annotation (.jsonld)")


def run(args: argparse.Namespace) -> int:
    from rusus_desktop.errors import RususError
    from rusus_desktop.export.importer import import_data, parse_json_bytes
    from rusus_desktop.store import Store

    source = Path(args.input)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise RususError(f"Cannot read {source}: {exc.strerror or exc}.") from None
    data = parse_json_bytes(raw, str(source))  # a syntax error refuses before any project is created
    project = Path(args.project)
    created = not (project.exists() and project.stat().st_size > 0)
    leftovers = [] if not created else [p for p in _sidecars(project) if not p.exists()]
    try:
        with Store(project) as store:
            report = import_data(store, data, str(source))
    except BaseException:
        if created:
            # The project did not exist before this command: leave no half-made file behind.
            for path in [project, *leftovers]:
                path.unlink(missing_ok=True)
        raise
    print(report.summary())
    print(f"Project: {project}" + (" (created)" if created else ""))
    return 0


def _sidecars(project: Path) -> list[Path]:
    return [Path(str(project) + suffix) for suffix in ("-wal", "-shm", "-journal", ".lock")]
