"""Smoke-test the PyInstaller build in dist/rusus-desktop/ against the installed package.

    .venv/bin/python packaging/smoke_test.py [--dist dist/rusus-desktop] [--strict]

Run with the venv's Python (``make package`` does): the installed package is the reference.
Checks that the built executable

1. prints the version of the installed package metadata (``--version``);
2. carries the seed corpus byte for byte and no Qt module the app does not use;
3. gives the same ``analyze --json`` output for a seed file as ``.venv/bin/rusus-desktop``;
4. writes a screenshot offscreen (a PNG of plausible size that is not one flat colour);
5. writes nothing into its own folder (user data goes to the platform folders);
6. on Linux, ships share/ (menu entry, AppStream data, icons) and an install.sh that adds them
   to a user's menu and removes them again;

then prints the build's size. A sub-command that the source tree does not have yet is skipped with
a message (``--strict`` makes that a failure); one that the source has but the build lacks fails.
Exit status 0 when nothing failed.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# Qt modules a widgets app must not drag in (issue 7: the build is kept small).
FORBIDDEN_QT = ("QtWebEngine", "Qt6WebEngine", "QtQml", "Qt6Qml", "QtQuick", "Qt6Quick", "Qt3D", "Qt63D",
                "QtMultimedia", "Qt6Multimedia", "QtPdf", "Qt6Pdf", "QtCharts", "Qt6Charts", "QtDesigner",
                "Qt6Designer", "QtNetwork", "Qt6Network", "QtOpenGL", "Qt6OpenGL")
# Never needed offline: underthesea's deep models and their stacks.
FORBIDDEN_PACKAGES = ("torch", "transformers", "huggingface_hub", "tensorflow")


class Results:
    def __init__(self) -> None:
        self.passed = self.failed = self.skipped = 0

    def ok(self, name: str, detail: str = "") -> None:
        self.passed += 1
        print(f"PASS  {name}{': ' + detail if detail else ''}", flush=True)

    def fail(self, name: str, detail: str) -> None:
        self.failed += 1
        print(f"FAIL  {name}: {detail}", flush=True)

    def skip(self, name: str, detail: str) -> None:
        self.skipped += 1
        print(f"SKIP  {name}: {detail}", flush=True)


def run(cmd: list[str], env: dict[str, str], timeout: float = 300) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return proc, time.perf_counter() - start


def isolated_env(home: Path) -> dict[str, str]:
    """Environment with its own user data folder, config and offscreen Qt."""
    env = dict(os.environ)
    for key in ("PYTHONPATH", "PYTHONHOME"):
        env.pop(key, None)
    env.update({
        "RUSUS_DATA_DIR": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    })
    return env


def has_command(help_text: str, name: str) -> bool:
    return any(line.split()[:1] == [name] for line in help_text.splitlines())


def source_has_command(module: str) -> bool:
    return (ROOT / "rusus_desktop" / "cli" / f"{module}.py").is_file()


def png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def distinct_colours(path: Path, limit: int = 64) -> int | None:
    """How many colours a sample of the image has (None when Qt is not importable here)."""
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication, QImage
    except ImportError:
        return None
    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    image = QImage(str(path))
    if image.isNull():
        return 0
    colours = set()
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            colours.add(image.pixel(x, y))
            if len(colours) >= limit:
                return len(colours)
    return len(colours)


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def snapshot(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")}


def first_difference(a: bytes, b: bytes) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"first difference at byte {i}: built {a[max(0, i - 60):i + 60]!r} vs installed {b[max(0, i - 60):i + 60]!r}"
    return f"lengths differ: built {len(a)} bytes, installed {len(b)} bytes"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "rusus-desktop",
                        help="the one-folder build (default: dist/rusus-desktop)")
    parser.add_argument("--installed", type=Path, default=Path(sys.executable).parent / "rusus-desktop",
                        help="the pip-installed command to compare with (default: beside this Python)")
    parser.add_argument("--seed", type=Path, default=None, help="seed file for analyze (default: the smallest)")
    parser.add_argument("--strict", action="store_true", help="a skipped check is a failure")
    args = parser.parse_args(argv)

    results = Results()
    exe = args.dist / ("rusus-desktop.exe" if os.name == "nt" else "rusus-desktop")
    if not exe.is_file():
        print(f"FAIL  build: {exe} not found (run make package)")
        return 1
    installed = args.installed
    if not installed.is_file():
        print(f"FAIL  reference: {installed} not found (pip install the project first)")
        return 1
    before = snapshot(args.dist)
    scratch = Path(tempfile.mkdtemp(prefix="rusus-smoke-"))
    try:
        _check_version(results, exe, scratch)
        _check_contents(results, args.dist)
        help_text = _help(exe, scratch)
        seed = args.seed or min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
        _check_analyze(results, exe, installed, seed, help_text, scratch)
        _check_screenshot(results, exe, help_text, scratch)
        after = snapshot(args.dist)
        if sys.platform.startswith("linux"):
            _check_desktop_install(results, args.dist, scratch)
        if after == before:
            results.ok("install folder untouched", "no file created or removed in the build by running it")
        else:
            results.fail("install folder untouched", f"running the app changed the build: {sorted(after ^ before)[:5]}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    size = tree_size(args.dist)
    internal = args.dist / "_internal"
    parts = sorted(((tree_size(p) if p.is_dir() else p.stat().st_size, p.name)
                    for p in internal.iterdir() if not p.is_symlink()), reverse=True)[:6] if internal.is_dir() else []
    print(f"Build size: {size / 1e6:.1f} MB in {sum(1 for _ in args.dist.rglob('*'))} files ({args.dist}); "
          "largest: " + ", ".join(f"{name} {n / 1e6:.1f} MB" for n, name in parts))
    if args.strict and results.skipped:
        results.failed += results.skipped
        print("--strict: skipped checks count as failures")
    print(f"Smoke test of the build — {results.passed} passed, {results.failed} failed, {results.skipped} skipped")
    return 1 if results.failed else 0


def _check_version(results: Results, exe: Path, scratch: Path) -> None:
    expected = importlib.metadata.version("rusus-desktop")
    proc, seconds = run([str(exe), "--version"], isolated_env(scratch / "version"), timeout=120)
    out = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode == 0 and out == f"rusus-desktop {expected}":
        results.ok("--version", f"{out!r} matches the package metadata ({seconds:.2f} s)")
    else:
        results.fail("--version", f"exit {proc.returncode}, printed {out!r}, expected 'rusus-desktop {expected}'; "
                                  f"stderr: {proc.stderr.decode('utf-8', 'replace')[-500:]}")


def _check_contents(results: Results, dist: Path) -> None:
    internal = dist / "_internal"
    bundled = internal / "rusus_desktop" / "_data" / "seeds"
    ours = {p.name: p.read_bytes() for p in SEEDS.glob("*")}
    theirs = {p.name: p.read_bytes() for p in bundled.glob("*")} if bundled.is_dir() else {}
    if ours and ours == theirs:
        results.ok("bundled seeds", f"{len(ours)} files byte-identical to seeds/")
    else:
        results.fail("bundled seeds", f"{bundled} differs from seeds/ ({sorted(set(ours) ^ set(theirs))})")
    resources = internal / "rusus_desktop" / "_data" / "resources"
    icon = resources / "icons" / "hicolor" / "256x256" / "apps" / "io.github.rusus.RususDesktop.png"
    if icon.is_file():
        results.ok("bundled resources", "resources/ (incl. the app icon) under rusus_desktop/_data")
    else:
        results.fail("bundled resources", f"{icon} missing")
    names = [str(p.relative_to(internal)) for p in internal.rglob("*")]
    forbidden = sorted({n for n in names for bad in FORBIDDEN_QT if bad in Path(n).name}
                       | {n for n in names if Path(n).parts[0] in FORBIDDEN_PACKAGES})
    if forbidden:
        results.fail("no unused Qt modules", f"found {forbidden[:8]}")
    else:
        results.ok("no unused Qt modules", "no WebEngine/QML/Quick/3D/Multimedia/PDF/Network/OpenGL, no torch")


def _help(exe: Path, scratch: Path) -> str:
    proc, _ = run([str(exe), "--help"], isolated_env(scratch / "help"), timeout=120)
    return proc.stdout.decode("utf-8", "replace")


def _check_analyze(results: Results, exe: Path, installed: Path, seed: Path, help_text: str,
                   scratch: Path) -> None:
    name = f"analyze --json {seed.name}"
    if not has_command(help_text, "analyze"):
        if source_has_command("analyze"):
            results.fail(name, "rusus_desktop/cli/analyze.py exists but the build has no 'analyze' command")
        else:
            results.skip(name, "the 'analyze' sub-command is not in this checkout yet "
                               "(rusus_desktop/cli/analyze.py missing); the NLP check did not run")
        return
    built, built_s = run([str(exe), "analyze", "--json", str(seed)], isolated_env(scratch / "a1"))
    reference, ref_s = run([str(installed), "analyze", "--json", str(seed)], isolated_env(scratch / "a2"))
    if reference.returncode != 0:
        results.fail(name, f"the installed package failed (exit {reference.returncode}): "
                           f"{reference.stderr.decode('utf-8', 'replace')[-800:]}")
    elif built.returncode != 0:
        results.fail(name, f"the build failed (exit {built.returncode}): {built.stderr.decode('utf-8', 'replace')[-800:]}")
    elif not built.stdout.strip():
        results.fail(name, "the build printed nothing")
    elif built.stdout != reference.stdout:
        results.fail(name, "output differs from the installed package's; " + first_difference(built.stdout, reference.stdout))
    else:
        results.ok(name, f"{len(built.stdout)} bytes of JSON identical to the installed package's "
                         f"(build {built_s:.1f} s, installed {ref_s:.1f} s)")


def _check_screenshot(results: Results, exe: Path, help_text: str, scratch: Path) -> None:
    name = "screenshot (offscreen)"
    if not has_command(help_text, "screenshot"):
        if source_has_command("screenshot"):
            results.fail(name, "rusus_desktop/cli/screenshot.py exists but the build has no 'screenshot' command")
        else:
            results.skip(name, "the 'screenshot' sub-command is not in this checkout yet "
                               "(rusus_desktop/cli/screenshot.py missing); the window check did not run")
        return
    out = scratch / "shot.png"
    proc, seconds = run([str(exe), "screenshot", str(out)], isolated_env(scratch / "shot"), timeout=300)
    if proc.returncode != 0 or not out.is_file():
        results.fail(name, f"exit {proc.returncode}, {out.name} {'written' if out.is_file() else 'not written'}; "
                           f"stderr: {proc.stderr.decode('utf-8', 'replace')[-800:]}")
        return
    data = out.read_bytes()
    size = png_size(data)
    if size is None:
        results.fail(name, f"{out.name} is not a PNG ({len(data)} bytes)")
        return
    width, height = size
    if not (400 <= width <= 10000 and 300 <= height <= 10000) or len(data) < 5000:
        results.fail(name, f"implausible PNG: {width}x{height}, {len(data)} bytes")
        return
    colours = distinct_colours(out)
    if colours is not None and colours < 8:
        results.fail(name, f"{width}x{height} PNG is nearly blank ({colours} colours)")
        return
    results.ok(name, f"{width}x{height} PNG, {len(data) / 1000:.0f} kB"
                     f"{f', {colours}+ colours' if colours is not None else ''} ({seconds:.1f} s)")


def _check_desktop_install(results: Results, dist: Path, scratch: Path) -> None:
    name = "desktop integration (install.sh)"
    app_id = "io.github.rusus.RususDesktop"
    script = dist / "install.sh"
    if not script.is_file() or not (dist / "share" / "applications" / f"{app_id}.desktop").is_file():
        results.fail(name, "install.sh or share/applications missing from the build")
        return
    home = scratch / "home"
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "share"), RUSUS_BIN_DIR=str(home / "bin"))
    proc, _ = run(["bash", str(script)], env, timeout=60)
    entry = home / "share" / "applications" / f"{app_id}.desktop"
    icon = home / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{app_id}.png"
    link = home / "bin" / "rusus-desktop"
    if proc.returncode != 0 or not entry.is_file() or not icon.is_file() or not link.is_symlink():
        results.fail(name, f"install.sh exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[-400:]}")
        return
    if f'Exec="{dist.resolve() / "rusus-desktop"}"' not in entry.read_text(encoding="utf-8"):
        results.fail(name, f"the installed menu entry does not start this build: {entry.read_text()[:300]}")
        return
    validator = shutil.which("desktop-file-validate")
    if validator:
        check = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        if check.returncode != 0:
            results.fail(name, f"installed entry does not validate: {check.stdout}{check.stderr}")
            return
    proc, _ = run(["bash", str(script), "--uninstall"], env, timeout=60)
    if proc.returncode != 0 or entry.exists() or icon.exists() or link.exists():
        results.fail(name, "install.sh --uninstall left files behind")
        return
    results.ok(name, "menu entry, icons and command installed for a user and removed again"
                     + ("" if validator else " (desktop-file-validate not installed)"))


if __name__ == "__main__":
    sys.exit(main())
