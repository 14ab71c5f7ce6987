"""``rusus-desktop screenshot``: a PNG of the real window, rendered offscreen."""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile

HELP = "save a PNG of the window showing a document with its highlights (runs offscreen)"
DESCRIPTION = ("Start the real window offscreen on a project, open document N (default: the first) with "
               "its highlights fully rendered, save a PNG of the whole window and exit. Documents without "
               "a cached analysis are analysed first (only that one).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", metavar="OUT.png", help="where to write the PNG")
    parser.add_argument("--project", help="project file (default: your default project)")
    parser.add_argument("--document", default="1", metavar="N",
                        help="1-based position in the corpus list, or a document id (default: 1)")
    parser.add_argument("--size", default="1400x900", metavar="WxH", help="window size (default: 1400x900)")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="palette (default: light)")
    parser.add_argument("--language", choices=("en", "vi"), default="en", help="interface language")
    parser.add_argument("--find", metavar="TEXT", help="also open the find bar searching for TEXT")
    parser.add_argument("--select", metavar="TEXT", help="select the first occurrence of TEXT")
    parser.add_argument("--furniture", choices=("dim", "hide", "show"), default="dim",
                        help="how page furniture is shown (default: dim)")
    parser.add_argument("--tab", choices=("names", "dates", "corpus"), default="names",
                        help="which tab of the entities panel to show (default: names)")


def run(args: argparse.Namespace) -> int:
    match = re.fullmatch(r"(\d+)[xX](\d+)", args.size)
    if not match:
        print(f"rusus-desktop screenshot: --size must look like 1400x900, not {args.size!r}", file=sys.stderr)
        return 2
    width, height = int(match.group(1)), int(match.group(2))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # always: this command never opens a visible window

    from rusus_desktop.ui.screenshot import take_screenshot

    with tempfile.TemporaryDirectory(prefix="rusus-shot-") as tmp:
        path = take_screenshot(
            args.output, project=args.project, document=args.document, size=(width, height),
            theme_name=args.theme, language=args.language, settings_path=os.path.join(tmp, "window.ini"),
            find=args.find, select=args.select, furniture=args.furniture, tab=args.tab)
    print(f"saved {path}")
    return 0
