"""The bundled corpus is the shared seeds, byte for byte, and the app finds it."""
from __future__ import annotations

from pathlib import Path

import pytest

from rusus_desktop.project_setup import open_startup_project
from rusus_desktop.resources import resource_path, seeds_dir

SHARED = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_seeds_are_found_and_complete():
    files = sorted(p.name for p in seeds_dir().glob("*.txt"))
    assert len(files) == 5
    assert resource_path().is_dir()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/seeds not beside this checkout")
def test_seeds_are_byte_identical_to_shared():
    ours = {p.name: p.read_bytes() for p in seeds_dir().glob("*")}
    theirs = {p.name: p.read_bytes() for p in SHARED.glob("*")}
    assert ours == theirs


def test_first_launch_creates_default_project_from_seeds(_isolated_user_data):
    store = open_startup_project()
    try:
        assert store.path == _isolated_user_data / "default.rusus"
        assert store.document_count() == 5
    finally:
        store.close()
    store = open_startup_project()  # second launch: same project, no duplicates
    try:
        assert store.document_count() == 5
    finally:
        store.close()
