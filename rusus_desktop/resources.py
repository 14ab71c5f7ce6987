"""The one place that finds bundled data files (resources/ and seeds/).

A wheel (pip, pipx) carries them as ``rusus_desktop/_data/{resources,seeds}``
(pyproject force-include); a PyInstaller build keeps the same layout; an editable
install or a source checkout reads them from the repository root.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_root(kind: str) -> Path:
    bundled = _PACKAGE_DIR / "_data" / kind
    if bundled.is_dir():
        return bundled
    source_tree = _PACKAGE_DIR.parent / kind
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"Rusus Desktop's bundled {kind!r} folder is missing; reinstall the app")


def resource_path(name: str = "") -> Path:
    """Path of a file under ``resources/`` (e.g. ``resource_path("gazetteers/countries.tsv")``)."""
    return _data_root("resources") / name if name else _data_root("resources")


def seeds_dir() -> Path:
    """The bundled default corpus: five Vietnamese news articles."""
    return _data_root("seeds")
