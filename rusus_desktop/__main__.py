"""Entry point of ``rusus-desktop`` and ``python -m rusus_desktop``."""
from __future__ import annotations

import sys


def main() -> int:
    from rusus_desktop.cli.main import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
