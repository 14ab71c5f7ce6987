"""Rusus Desktop: a reader and annotator for Vietnamese news corpora."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def version() -> str:
    """The version, from one place: the installed package metadata (pyproject.toml)."""
    # importlib.metadata scans site-packages (tens of ms), so it is read on first use, not at
    # import: the window's start-up path never needs it.
    from importlib import metadata

    try:
        return metadata.version("rusus-desktop")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'rusus_desktop' has no attribute {name!r}")
