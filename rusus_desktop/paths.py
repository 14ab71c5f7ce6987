"""Where user data lives: the platform's standard folders, never the install folder."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "rusus-desktop"


def user_data_dir() -> Path:
    """Folder for the default project; ``RUSUS_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get("RUSUS_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir as _user_data_dir

        path = Path(_user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    override = os.environ.get("RUSUS_DATA_DIR")
    if override:
        path = Path(override) / "logs"
    else:
        from platformdirs import user_log_dir as _user_log_dir

        path = Path(_user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_project_path() -> Path:
    return user_data_dir() / "default.rusus"
