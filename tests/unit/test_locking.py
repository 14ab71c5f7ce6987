"""A project open in one running instance is refused by another, with a clear message."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import pytest

from rusus_desktop.errors import ProjectLocked
from rusus_desktop.store import Store


def test_second_open_in_another_process_is_refused(project_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from rusus_desktop.store import Store
            s = Store({str(project_path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = hashlib.sha256(project_path.read_bytes()).hexdigest()
        with pytest.raises(ProjectLocked, match="open in another running Rusus Desktop"):
            Store(project_path)
        assert hashlib.sha256(project_path.read_bytes()).hexdigest() == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    with Store(project_path) as store:  # released when the other process ends
        assert store.document_count() == 0


def test_lock_released_on_close(project_path):
    Store(project_path).close()
    Store(project_path).close()


def test_lock_dies_with_a_killed_process(project_path):
    proc = subprocess.Popen([sys.executable, "-c",
                             f"from rusus_desktop.store import Store; s = Store({str(project_path)!r}); "
                             f"print('ready', flush=True); import time; time.sleep(60)"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.kill()
    proc.wait(timeout=10)
    with Store(project_path) as store:
        assert store.integrity_check() == "ok"
