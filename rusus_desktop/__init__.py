"""Rusus Desktop: a reader and annotator for Vietnamese news corpora."""
from __future__ import annotations

from importlib import metadata as _metadata

try:
    # One place for the version: the installed package metadata (pyproject.toml).
    __version__ = _metadata.version("rusus-desktop")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
