"""Helpers shared by the format builders."""
from __future__ import annotations

import base64
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from rusus_desktop.export.errors import ExportError


def json_bytes(obj: Any, *, indent: int | None = 2) -> bytes:
    """UTF-8 JSON without a byte-order mark; Vietnamese stays readable (no \\u escapes)."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return (text + "\n").encode("utf-8")


def check_json_equal(expected: Any, what: str) -> Callable[[bytes], None]:
    """A check that the bytes read back parse to exactly ``expected``."""

    def check(raw: bytes) -> None:
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ExportError(f"The written {what} does not read back as JSON ({exc}).") from None
        if parsed != expected:
            raise ExportError(f"The written {what} reads back different from what was meant to be written.")

    return check


def check_bytes_equal(expected: bytes, what: str) -> Callable[[bytes], None]:
    def check(raw: bytes) -> None:
        if raw != expected:
            raise ExportError(f"The written {what} reads back different from what was meant to be written.")

    return check


def ni_uri(sha256_hex: str) -> str:
    """RFC 6920 named-information URI of a text by the sha256 of its UTF-8 bytes."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def sha256_from_uri(uri: str) -> str | None:
    """The hex sha256 named by ``ni:///sha-256;…``, ``urn:sha256:…`` or a bare hex digest."""
    uri = uri.strip()
    match = re.fullmatch(r"ni://[^/]*/sha-256;([A-Za-z0-9_-]{43})(\?.*)?", uri)
    if match:
        raw = base64.urlsafe_b64decode(match.group(1) + "=")
        return raw.hex()
    match = re.fullmatch(r"(?:urn:sha256:|sha256:)?([0-9a-fA-F]{64})", uri)
    return match.group(1).lower() if match else None


def ascii_slug(name: str, *, fallback: str = "Tag") -> str:
    """An ASCII identifier for ``name`` (brat types): diacritics dropped, đ -> d, others -> _."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"{fallback}_{slug}" if slug else fallback
    return slug


def unique_slugs(names: list[str], *, reserved: set[str] | None = None) -> dict[str, str]:
    """``ascii_slug`` of each name, made unique with ``_2``, ``_3``… suffixes."""
    used = set(reserved or ())
    out: dict[str, str] = {}
    for name in names:
        if name in out:
            continue
        base = ascii_slug(name)
        slug, n = base, 2
        while slug.lower() in used:
            slug, n = f"{base}_{n}", n + 1
        used.add(slug.lower())
        out[name] = slug
    return out


def detection_spans(text: str, analysis: dict | None) -> tuple[list[dict], list[dict], int]:
    """Entities and dates of a cached or fresh analysis, in the ``analyze --json`` shape.

    Spans whose offsets fall outside the text or do not cover their ``text`` are dropped (the
    cache is keyed by text hash, so this only guards against a faulty pipeline); the third value
    counts them.
    """
    if not analysis:
        return [], [], 0
    dropped = 0
    entities: list[dict] = []
    for e in analysis.get("entities") or []:
        s, t = e.get("start"), e.get("end")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)) or text[s:t] != e.get("text"):
            dropped += 1
            continue
        entities.append({"start": s, "end": t, "text": e["text"], "label": str(e.get("label"))})
    dates: list[dict] = []
    for d in analysis.get("dates") or []:
        s, t = d.get("start"), d.get("end")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)) or text[s:t] != d.get("text"):
            dropped += 1
            continue
        dates.append({"start": s, "end": t, "text": d["text"], "kind": str(d.get("kind")),
                      "value": d.get("value"), "mod": d.get("mod")})
    entities.sort(key=lambda e: (e["start"], e["end"]))
    dates.sort(key=lambda d: (d["start"], d["end"]))
    return entities, dates, dropped
