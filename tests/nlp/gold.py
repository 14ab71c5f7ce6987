"""Reading the hand-annotated gold files (tests/data/gold/<layer>/*.json) with their texts."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rusus_desktop.corpus.text import canonicalize, text_sha256

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
TEXT_DIRS = (ROOT / "seeds", ROOT / "tests" / "data" / "unseen")


def gold_documents(layer: str, prefixes: tuple[str, ...]) -> Iterator[tuple[str, dict]]:
    """Yield ``(canonical text, gold)`` for the ``layer`` gold files whose text file starts with a prefix.

    Fails the test when a text changed since it was annotated: its offsets would no longer hold.
    """
    for gold_path in sorted((GOLD / layer).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold["file"].startswith(prefixes):
            continue
        text_path = next(d / gold["file"] for d in TEXT_DIRS if (d / gold["file"]).exists())
        text = canonicalize(text_path.read_text(encoding="utf-8"))
        if text_sha256(text) != gold["text_sha256"]:
            pytest.fail(f"{gold_path.name}: the text changed since it was annotated; re-annotate it")
        yield text, gold
