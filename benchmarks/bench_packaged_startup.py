"""Start-up of the PyInstaller build against the pip-installed app, side by side in one run.

    .venv/bin/python benchmarks/bench_packaged_startup.py [--runs 5] [--dist dist/rusus-desktop]

Times, as the median of --runs interleaved runs after one warm-up run each (so the page cache and the
default project exist, as on an analyst's second launch):

* ``--version``: process start to exit (interpreter, bootloader, package imports);
* the window (offscreen, ``RUSUS_STARTUP_PROBE=1``): process start until the corpus list first
  paints, when ``ui/app.py`` quits on purpose: time to a visible window;
* ``screenshot OUT.png`` (offscreen): process start to the main window with the first document's
  highlights rendered and saved as PNG;
* ``analyze --json`` on the smallest seed: start-up plus loading the CRF models and tagging.

and prints the ratio built / installed for each. The built app is ``dist/rusus-desktop`` from
``make package``; without it this prints how to build it and exits 0 (so ``make bench`` passes).
A sub-command missing from this checkout is reported and left out.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    if cmd[-1] == "{probe}":  # the window with the start-up probe
        cmd, env = cmd[:-1], dict(env, RUSUS_STARTUP_PROBE="1")
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          timeout=600)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"RUSUS_DATA_DIR": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"), "XDG_STATE_HOME": str(home / "state"),
                "QT_QPA_PLATFORM": "offscreen"})
    return env


def has_command(exe: Path, name: str, env: dict[str, str]) -> bool:
    out = subprocess.run([str(exe), "--help"], env=env, capture_output=True, text=True, timeout=120).stdout
    return any(line.split()[:1] == [name] for line in out.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="start-up of the built app vs the pip-installed app")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "rusus-desktop")
    parser.add_argument("--installed", type=Path, default=Path(sys.executable).parent / "rusus-desktop")
    args = parser.parse_args(argv)

    built = args.dist / ("rusus-desktop.exe" if os.name == "nt" else "rusus-desktop")
    if not built.is_file():
        print(f"bench_packaged_startup: no build at {built}; run `make package` first. Skipped.")
        return 0
    if not args.installed.is_file():
        print(f"bench_packaged_startup: no installed command at {args.installed}. Skipped.")
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="rusus-bench-"))
    try:
        apps = {"installed": args.installed, "built": built}
        envs = {name: environment(scratch / name) for name in apps}
        seed = min((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
        steps: list[tuple[str, list[str]]] = [("--version", ["--version"])]
        missing = []
        app_py = ROOT / "rusus_desktop" / "ui" / "app.py"
        if app_py.is_file() and "RUSUS_STARTUP_PROBE" in app_py.read_text(encoding="utf-8"):
            steps.append(("window painted (corpus list)", ["{probe}"]))
        else:
            missing.append("window start-up probe")
        for name, step in (("screenshot", ("screenshot (window)", ["screenshot", str(scratch / "{app}.png")])),
                           ("analyze", (f"analyze --json {seed.name}", ["analyze", "--json", str(seed)]))):
            if all(has_command(exe, name, envs[app]) for app, exe in apps.items()):
                steps.append(step)
            else:
                missing.append(name)

        print(f"Start-up, median of {args.runs} interleaved runs after a warm-up (2 cores, QT_QPA_PLATFORM=offscreen)")
        print(f"  installed: {args.installed}\n  built:     {built}")
        print(f"{'step':<42}{'installed':>12}{'built':>12}{'built/installed':>18}")
        for label, step_args in steps:
            cmds = {app: [str(exe), *(a.replace("{app}", app) for a in step_args)] for app, exe in apps.items()}
            for app, cmd in cmds.items():
                timed(cmd, envs[app])  # warm-up: page cache, default project, analysis cache
            samples: dict[str, list[float]] = {app: [] for app in apps}
            for _ in range(args.runs):  # interleaved, so a load change on the machine hits both alike
                for app, cmd in cmds.items():
                    samples[app].append(timed(cmd, envs[app]))
            medians = {app: statistics.median(values) for app, values in samples.items()}
            ratio = medians["built"] / medians["installed"]
            print(f"{label:<42}{medians['installed']:>11.3f}s{medians['built']:>11.3f}s{ratio:>17.2f}x", flush=True)
        for name in missing:
            print(f"({name}: not available in this checkout yet, not measured)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
