"""Argument parsing and dispatch for ``rusus-desktop``."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rusus_desktop import __version__
from rusus_desktop.errors import RususError

# name -> module under rusus_desktop.cli. Modules are imported when the parser is built, so keep
# their top level light (no underthesea, no Qt).
COMMANDS: dict[str, str] = {
    "open": "open_window",
    "add": "add",
    "analyze": "analyze",
    "annotate": "annotate",
    "annotations": "annotations",
    "export": "export",
    "import": "import_",
    "screenshot": "screenshot",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rusus-desktop",
        description="Read and annotate Vietnamese news corpora. With no sub-command, opens the window "
                    "on the default project (created from the bundled corpus on first launch).",
    )
    parser.add_argument("--version", action="version", version=f"rusus-desktop {__version__}")
    parser.add_argument("--project", help="project file to open in the window (default: your default project)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(f"rusus_desktop.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"rusus_desktop.cli.{module_name}":
                continue  # a sub-command not built yet in this checkout
            raise
        cmd = sub.add_parser(name, help=module.HELP, description=getattr(module, "DESCRIPTION", module.HELP))
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        from rusus_desktop.cli import open_window

        return open_window.run(args)
    try:
        return int(args._run(args) or 0)
    except RususError as exc:
        print(f"rusus-desktop {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"rusus-desktop {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours. Point stdout at devnull so
        # the interpreter's final flush does not raise again.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
