"""`rusus-desktop add`: adds documents, reports skips with reasons, never duplicates."""
from __future__ import annotations

import subprocess
import sys

from rusus_desktop.store import Store


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rusus_desktop", *args], capture_output=True, text=True,
                          timeout=120)


def test_add_reports_added_and_skipped(tmp_path, seeds_dir, project_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty.md").write_bytes(b"")
    out = _cli("add", "--project", str(project_path), str(seeds_dir), str(tmp_path / "bin.txt"),
               str(tmp_path / "empty.md"), str(tmp_path / "missing.txt"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("added: ") == 5
    assert "bin.txt: binary" in out.stdout
    assert "empty.md: empty" in out.stdout
    assert "missing.txt: no such file" in out.stdout
    assert "5 added, 0 already present, 3 skipped" in out.stdout
    again = _cli("add", "--project", str(project_path), str(seeds_dir))
    assert "0 added, 5 already present" in again.stdout
    with Store(project_path) as store:
        assert store.document_count() == 5


def test_add_refuses_a_non_project_file(tmp_path, seeds_dir):
    bogus = tmp_path / "bogus.rusus"
    bogus.write_text("not a database " * 100)
    out = _cli("add", "--project", str(bogus), str(seeds_dir))
    assert out.returncode == 2
    assert "not a Rusus Desktop project" in out.stderr


def test_version_and_help():
    from rusus_desktop import __version__

    out = _cli("--version")
    assert out.stdout.strip() == f"rusus-desktop {__version__}"
    helptext = _cli("--help").stdout
    for command in ("add", "analyze", "annotate", "annotations", "export", "import", "screenshot"):
        assert command in helptext
