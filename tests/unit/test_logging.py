"""The log file: in the platform log folder (or under RUSUS_DATA_DIR), rotating, with bug-report context."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

import rusus_desktop
from rusus_desktop import __version__
from rusus_desktop.logging_setup import (
    LOG_FILE_NAME,
    log_exception,
    log_file,
    set_context,
    setup_logging,
    teardown_logging,
)

PACKAGE_DIR = Path(rusus_desktop.__file__).resolve().parent


@pytest.fixture(autouse=True)
def _fresh_logging():
    teardown_logging()
    yield
    teardown_logging()


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_log_file_honours_rusus_data_dir(_isolated_user_data):
    path = setup_logging()
    assert path == _isolated_user_data / "logs" / LOG_FILE_NAME
    assert log_file() == path
    logging.getLogger("rusus_desktop.store").error("disk full while saving")
    _flush()
    text = path.read_text(encoding="utf-8")
    assert f"Rusus Desktop {__version__} started" in text
    assert "ERROR" in text and "rusus_desktop.store" in text and "disk full while saving" in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout is Linux's")
def test_log_file_is_in_the_platform_log_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("RUSUS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = setup_logging()
    assert path == tmp_path / "state" / "rusus-desktop" / "log" / LOG_FILE_NAME
    assert path.is_file()
    assert not path.is_relative_to(PACKAGE_DIR)  # never inside the install folder


def test_changing_the_data_dir_moves_the_log(monkeypatch, tmp_path):
    first = setup_logging()
    assert setup_logging() == first  # idempotent
    monkeypatch.setenv("RUSUS_DATA_DIR", str(tmp_path / "other"))
    second = setup_logging()
    assert second == tmp_path / "other" / "logs" / LOG_FILE_NAME
    assert len([h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None)
                in (str(first), str(second))]) == 1


def test_errors_are_logged_with_context_to_report_a_bug(_isolated_user_data):
    path = setup_logging()
    set_context("project", "/home/analyst/tin-tuc.rusus")
    try:
        raise ValueError("tag 'PER' not in tag set")
    except ValueError as exc:
        report = log_exception(type(exc), exc, exc.__traceback__, where="the tag panel")
    _flush()
    logged = path.read_text(encoding="utf-8")
    for text in (report, logged):
        assert f"Rusus Desktop {__version__}: unexpected error in the tag panel" in text
        assert "ValueError: tag 'PER' not in tag set" in text
        assert "python: 3." in text and "platform: " in text
        assert "project: /home/analyst/tin-tuc.rusus" in text
        assert "Traceback (most recent call last)" in text and "test_logging.py" in text
    assert f"log file: {path}" in report


def test_log_rotates(_isolated_user_data):
    path = setup_logging(max_bytes=2_000)
    logger = logging.getLogger("rusus_desktop.test")
    for i in range(200):
        logger.warning("line %d %s", i, "x" * 40)
    _flush()
    assert path.with_name(LOG_FILE_NAME + ".1").is_file()
    assert path.stat().st_size <= 2_000
