"""A non-editable install (the wheel pip and pipx install) carries the seeds and resources and finds them.

Builds the wheel with ``pip wheel --no-deps`` (hatchling in an isolated build environment),
checks its contents byte for byte, installs it with ``pip install --no-deps --target`` and runs it
from there, away from the source tree, so ``rusus_desktop/resources.py`` can only use ``_data/``.
"""
from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # builds and installs a wheel: ~10 s


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = list(out.glob("rusus_desktop-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def target(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return target


def _run_installed(target: Path, tmp_path: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """Run Python with the --target install first on sys.path, from a folder outside the checkout."""
    env = dict(os.environ, PYTHONPATH=str(target), RUSUS_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8")
    cmd = [sys.executable, "-c", code] if code is not None else [sys.executable, "-m", "rusus_desktop", *args]
    return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_wheel_carries_seeds_and_resources_byte_identical(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        packaged = {name: zf.read(name) for name in names}
    seeds = _files(ROOT / "seeds")
    assert seeds and all(name.endswith(".txt") for name in seeds)
    for name, data in seeds.items():
        assert packaged.get(f"rusus_desktop/_data/seeds/{name}") == data, name
    resources = _files(ROOT / "resources")
    assert "icons/rusus-desktop.svg" in resources
    for name, data in resources.items():
        assert packaged.get(f"rusus_desktop/_data/resources/{name}") == data, name
    # Only the package and its metadata: no tests, venv, build output or source-tree copies.
    assert {name.split("/")[0] for name in names} == {"rusus_desktop", wheel.name.split("-py")[0] + ".dist-info"}
    dist_info = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    entry_points = packaged[dist_info].decode()
    assert "rusus-desktop = rusus_desktop.__main__:main" in entry_points
    metadata = packaged[dist_info.replace("entry_points.txt", "METADATA")].decode()
    assert f"Version: {importlib.metadata.version('rusus-desktop')}" in metadata


def test_installed_package_finds_its_data_not_the_source_tree(target, tmp_path):
    code = textwrap.dedent("""
        import json, rusus_desktop
        from rusus_desktop import resources
        print(json.dumps({"package": rusus_desktop.__file__, "version": rusus_desktop.__version__,
                          "seeds": str(resources.seeds_dir()), "resources": str(resources.resource_path()),
                          "icon": resources.resource_path("icons/rusus-desktop.svg").is_file(),
                          "n_seeds": len(list(resources.seeds_dir().glob("*.txt")))}))
    """)
    proc = _run_installed(target, tmp_path, code=code)
    assert proc.returncode == 0, proc.stderr
    import json

    found = json.loads(proc.stdout)
    package = target / "rusus_desktop"
    assert Path(found["package"]).resolve() == (package / "__init__.py").resolve()
    assert found["version"] == importlib.metadata.version("rusus-desktop")
    assert Path(found["seeds"]).resolve() == (package / "_data" / "seeds").resolve()
    assert Path(found["resources"]).resolve() == (package / "_data" / "resources").resolve()
    assert found["icon"] and found["n_seeds"] == 5


def test_installed_command_starts_and_builds_the_default_project(target, tmp_path):
    version = _run_installed(target, tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"rusus-desktop {importlib.metadata.version('rusus-desktop')}"

    code = textwrap.dedent("""
        from rusus_desktop.project_setup import open_startup_project
        store = open_startup_project()
        print(store.path, store.document_count())
        store.close()
    """)
    proc = _run_installed(target, tmp_path, code=code)
    assert proc.returncode == 0, proc.stderr
    path, count = proc.stdout.split()
    assert Path(path) == tmp_path / "data" / "default.rusus"  # user data folder, not the install
    assert int(count) == 5
    assert not list(target.rglob("*.rusus"))


def test_installed_window_starts(target, tmp_path):
    if not (target / "rusus_desktop" / "cli" / "screenshot.py").is_file():
        pytest.skip("the 'screenshot' sub-command is not in this checkout yet; the window start is not checked")
    out = tmp_path / "window.png"
    proc = _run_installed(target, tmp_path, "screenshot", str(out))
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
