"""``rusus-desktop open``: the window (also what runs with no sub-command)."""
from __future__ import annotations

import argparse

HELP = "open the window (the default when no command is given)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", help="project file to open (default: your default project)")


def run(args: argparse.Namespace) -> int:
    import gc

    # Start-up creates tens of thousands of long-lived objects (Qt's Python types and enums, the
    # modules, the window) and next to no garbage, yet the cyclic garbage collector would walk
    # them some sixty times before the window first paints (~5 ms). It stays off until the window
    # is complete: run_app turns it back on.
    gc.disable()
    # Qt is imported only here, so every other sub-command runs without a display.
    from rusus_desktop.ui.app import run_app

    return run_app(project=getattr(args, "project", None))
