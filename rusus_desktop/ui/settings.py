"""Window settings (layout, zoom, theme, language, last document and scroll position).

Kept in an INI file in the user data folder (``RUSUS_DATA_DIR`` in tests), never in the project
file: a shared project should not carry one analyst's window layout or reading position.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from rusus_desktop.paths import user_data_dir

SETTINGS_FILE = "window.ini"


def open_settings(path: str | Path | None = None) -> QSettings:
    target = Path(path) if path is not None else user_data_dir() / SETTINGS_FILE
    return QSettings(str(target), QSettings.Format.IniFormat)


def project_group(project_path: str | Path | None) -> str:
    """Settings group for per-project values (last document, scroll position)."""
    import hashlib  # loads OpenSSL (~3 ms): not before the window's first paint, which never needs it

    key = str(Path(project_path).resolve()) if project_path else ":memory:"
    return "projects/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def value_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def value_int(settings: QSettings, key: str, default: int) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def value_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return [str(v) for v in value]
