"""Argument parsing and dispatch for ``rusus-desktop``."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rusus_desktop.errors import RususError

# name -> module under rusus_desktop.cli. Only the module of the sub-command being run is imported
# (all of them for --help), so keep their top level light (no underthesea, no Qt).
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


class _VersionAction(argparse.Action):
    """``--version``, reading the package metadata only when asked (it costs start-up time)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0,
                         help=help or "show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from rusus_desktop import version

        print(f"rusus-desktop {version()}")
        parser.exit()


def _command_in(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (skipping the global ``--project X``), if any."""
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--project":
            i += 2
            continue
        if arg.startswith("-"):
            return None
        return arg if arg in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that sub-command's module is imported (faster start-up)."""
    parser = argparse.ArgumentParser(
        prog="rusus-desktop",
        description="Read and annotate Vietnamese news corpora. With no sub-command, opens the window "
                    "on the default project (created from the bundled corpus on first launch).",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--project", help="project file to open in the window (default: your default project)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            # Listed (for usage messages) without importing its module.
            sub.add_parser(name, add_help=False)
            continue
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
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # The bare command (how launchers start the app) opens the window. Building the parser
        # costs ~4 ms of that start-up (argparse formats each option as it is added), and there is
        # nothing to parse: these are the values parse_args([]) gives.
        from rusus_desktop.cli import open_window

        return open_window.run(argparse.Namespace(command=None, project=None))
    command = _command_in(argv)
    if command is None and any(a in ("-h", "--help") for a in argv):
        parser = build_parser()  # the top-level help lists every sub-command with its help
    else:
        # Import only the module that runs: opening the window is the start-up path.
        parser = build_parser(only=command or "open")
    args = parser.parse_args(argv)
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
