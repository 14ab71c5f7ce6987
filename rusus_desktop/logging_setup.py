"""The log file: where errors are recorded with enough context to report a bug.

The log lives in the platform's log folder (``paths.user_log_dir()``: e.g.
``~/.local/state/rusus-desktop/log`` on Linux, ``%LOCALAPPDATA%\\rusus-desktop\\Logs`` on
Windows, ``~/Library/Logs/rusus-desktop`` on macOS; ``$RUSUS_DATA_DIR/logs`` when that is set),
never in the install folder. It rotates at about 1 MB and keeps three old files.

Qt-free: the Qt version is reported only when the caller has already imported Qt.
"""
from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from rusus_desktop import version
from rusus_desktop.paths import user_log_dir

LOG_FILE_NAME = "rusus-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("rusus_desktop")

_handler: logging.Handler | None = None
# Facts about the session that a bug report needs, beyond the environment (e.g. the open project).
_context: dict[str, str] = {}


def setup_logging(level: int = logging.INFO, *, max_bytes: int = MAX_BYTES) -> Path:
    """Send ``rusus_desktop`` log records (and other libraries' warnings) to the log file.

    Safe to call more than once: a second call with the same log folder changes nothing, and
    one after ``RUSUS_DATA_DIR`` changed moves the log to the new folder.

    Returns:
        The path of the current log file.
    """
    global _handler
    path = user_log_dir() / LOG_FILE_NAME
    if _handler is not None and Path(getattr(_handler, "baseFilename", "")) == path:
        return path
    teardown_logging()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=BACKUP_COUNT,
                                                   encoding="utf-8", delay=False)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    # On the root logger, so warnings from underthesea, sqlite-utils and Qt (via the UI's message
    # handler) land here too; third-party loggers stay at their default WARNING threshold.
    logging.getLogger().addHandler(handler)
    if log.level == logging.NOTSET or log.level > level:
        log.setLevel(level)
    _handler = handler
    log.info("Rusus Desktop %s started; %s", version(), "; ".join(f"{k}: {v}" for k, v in
                                                                  environment().items()))
    return path


def teardown_logging() -> None:
    """Detach and close the log file handler (tests, and before moving the log folder)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def log_file() -> Path | None:
    """The log file records are written to, or None before :func:`setup_logging`."""
    return Path(_handler.baseFilename) if isinstance(_handler, logging.FileHandler) else None


def set_context(key: str, value: object) -> None:
    """Remember a fact for error reports, e.g. ``set_context("project", path)``."""
    _context[key] = str(value)


def environment() -> dict[str, str]:
    """Version, Python, Qt, platform and the session's context, as shown in an error report."""
    facts = {
        "version": version(),
        "python": f"{platform.python_version()} ({platform.python_implementation()}, {sys.executable})",
        "platform": platform.platform(),
        "build": "PyInstaller" if getattr(sys, "frozen", False) else "Python package",
    }
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        pyside = sys.modules.get("PySide6")
        facts["qt"] = f"{qtcore.qVersion()} (PySide6 {getattr(pyside, '__version__', '?')})"
        app = qtcore.QCoreApplication.instance()
        if app is not None and hasattr(app, "platformName"):
            facts["qt platform"] = app.platformName()
    facts.update(_context)
    return facts


def error_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 *, where: str = "") -> str:
    """A plain-text report of an exception: what happened, where, the environment, the traceback."""
    summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    lines = [f"Rusus Desktop {version()}: unexpected error{f' in {where}' if where else ''}",
             summary, ""]
    lines += [f"{key}: {value}" for key, value in environment().items()]
    path = log_file()
    if path is not None:
        lines.append(f"log file: {path}")
    lines += ["", "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()]
    return "\n".join(lines)


def log_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                  *, where: str = "") -> str:
    """Record an unexpected exception with its context in the log; return the report text."""
    report = error_report(exc_type, exc, tb, where=where)
    log.error("%s", report)
    return report
