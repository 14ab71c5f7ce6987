"""Start-up to a visible window with the corpus list, against a bare PySide6 window, in one run.

    .venv/bin/python benchmarks/bench_startup.py [--runs 9]

Both are timed the same way: a fresh Python process is started and the clock stops when the
process reports that its window has painted (for the app: the ``rusus-desktop`` command's main
function, until the corpus list's first paint, via ``RUSUS_STARTUP_PROBE=1`` in ``ui/app.py``;
for the bare window: a ``QMainWindow`` with a ``QTreeView``). Interpreter start, imports,
QApplication and first paint are included in both; byte-code caches are used as in an
installation.
Runs alternate between the two, after one warm-up each (so the default project exists, as on an
analyst's second launch); the medians are compared.

Goal (issue 4): the app takes at most 1.5x the bare window.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("STARTUP-PAINTED", flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTreeView()
window.setCentralWidget(view)
window.resize(1320, 860)
probe = Probe()
view.viewport().installEventFilter(probe)
window.show()
app.exec()
"""

APP = "import sys; from rusus_desktop.__main__ import main; sys.argv = ['rusus-desktop']; raise SystemExit(main())"


def time_until_painted(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if "STARTUP-PAINTED" in line:
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
            return elapsed
    err = proc.stderr.read()
    proc.wait(timeout=60)
    raise RuntimeError(f"the window never painted (exit {proc.returncode}): {err[-800:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rusus-bench-startup-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RUSUS_DATA_DIR=str(Path(home) / "data"),
                   RUSUS_STARTUP_PROBE="1", XDG_CONFIG_HOME=str(Path(home) / "config"),
                   XDG_CACHE_HOME=str(Path(home) / "cache"),
                   # As installed: byte-code caches are written and reused (kept out of the tree).
                   PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # Warm-up: creates the default project from the seeds and the icon cache (first launch).
        first_launch = time_until_painted(APP, env)
        time_until_painted(BARE, env)
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(time_until_painted(BARE, env))
            app.append(time_until_painted(APP, env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"start-up to a painted window (median of {args.runs}, process start included)")
    print(f"  bare PySide6 window      {b * 1000:7.0f} ms   (min {min(bare) * 1000:.0f})")
    print(f"  Rusus Desktop + corpus   {a * 1000:7.0f} ms   (min {min(app) * 1000:.0f})")
    print(f"  ratio app / bare         {a / b:7.2f}   goal <= 1.50  {'OK' if a / b <= 1.5 else 'OVER'}")
    print(f"  (first launch, creating the default project and icon cache: {first_launch * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
