"""Shared fixtures. Tests never touch the real user data folder: RUSUS_DATA_DIR points at a temp dir."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    data = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("RUSUS_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    yield data


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def project_path(tmp_path) -> Path:
    return tmp_path / "test.rusus"


@pytest.fixture
def store():
    from rusus_desktop.store import Store

    s = Store(None)
    yield s
    s.close()


@pytest.fixture
def python_exe() -> str:
    return sys.executable


def pytest_configure(config):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
