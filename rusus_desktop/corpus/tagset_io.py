"""Tag set files: how a team shares one tag set (export from one project, import into another).

The format (``docs/tagsets.md`` has the long version)::

    {
      "format": "rusus-tagset",
      "version": 1,
      "name": "Russia–US relations",              (optional)
      "tags": [
        {"name": "Arms control", "color": "#1f77b4",
         "description": "Treaties, strategic stability…",  (optional, default "")
         "hotkey": "3"}                                     (optional: "" or one of 1-9, 0, a-z)
      ]
    }

Rules, checked before anything is written (import is all-or-nothing): UTF-8 JSON, at most
1 MB; ``format``/``version`` exactly as above; 1 to 500 tags; each name non-empty after
trimming, at most 100 characters, unique ignoring case; colours ``#rrggbb``; hotkeys unique;
no other keys (a typo such as ``"colour"`` is an error, not silently ignored). Names are
NFC-normalised and trimmed. Order in the file is the order in the palette.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rusus_desktop.corpus.model import Tag
from rusus_desktop.errors import RususError

FORMAT = "rusus-tagset"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_TAGS = 500
MAX_NAME = 100
HOTKEYS = tuple("1234567890abcdefghijklmnopqrstuvwxyz")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_TAG_KEYS = {"name", "color", "description", "hotkey"}
_TOP_KEYS = {"format", "version", "name", "tags", "exported_at"}


class TagSetError(RususError):
    """A tag set file was refused; the message names the entry and the reason."""


@dataclass(frozen=True, slots=True)
class TagSpec:
    """One tag as a tag set file describes it (no id: ids belong to a project)."""

    name: str
    color: str
    description: str = ""
    hotkey: str = ""


def normalize_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


def tagset_to_json(tags: Iterable[Tag], *, name: str = "", exported_at: str | None = None) -> dict:
    data: dict = {"format": FORMAT, "version": VERSION}
    if name:
        data["name"] = name
    if exported_at:
        data["exported_at"] = exported_at
    data["tags"] = [{"name": t.name, "color": t.color.lower(), "description": t.description, "hotkey": t.hotkey}
                    for t in sorted(tags, key=lambda t: (t.position, t.name))]
    return data


def dump_tagset(tags: Iterable[Tag], path: str | Path, *, name: str = "", exported_at: str | None = None) -> Path:
    """Write a tag set file (atomically: a temporary file renamed into place)."""
    path = Path(path)
    text = json.dumps(tagset_to_json(tags, name=name, exported_at=exported_at), ensure_ascii=False, indent=2) + "\n"
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def parse_tagset(data: object) -> list[TagSpec]:
    """Validate decoded JSON; return the tags in file order.

    Raises:
        TagSetError: naming the first problem found (``tags[3].color: …``).
    """
    if not isinstance(data, dict):
        raise TagSetError("A tag set file holds one JSON object, not a list or a value.")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise TagSetError(f"Unknown field(s) {', '.join(sorted(unknown))}: this is not a tag set file.")
    if data.get("format") != FORMAT:
        raise TagSetError(f'"format" must be "{FORMAT}" (found {data.get("format")!r}): '
                          f"this is not a Rusus Desktop tag set file.")
    if data.get("version") != VERSION:
        raise TagSetError(f'"version" {data.get("version")!r} is not supported (this app reads version {VERSION}).')
    if "name" in data and not isinstance(data["name"], str):
        raise TagSetError('"name" must be text.')
    tags = data.get("tags")
    if not isinstance(tags, list) or not tags:
        raise TagSetError('"tags" must be a non-empty list.')
    if len(tags) > MAX_TAGS:
        raise TagSetError(f"Too many tags ({len(tags)}; at most {MAX_TAGS}).")
    specs: list[TagSpec] = []
    names: dict[str, int] = {}
    hotkeys: dict[str, int] = {}
    for i, entry in enumerate(tags):
        where = f"tags[{i}]"
        if not isinstance(entry, dict):
            raise TagSetError(f"{where}: each tag is an object with name and color.")
        extra = set(entry) - _TAG_KEYS
        if extra:
            raise TagSetError(f"{where}: unknown field(s) {', '.join(sorted(extra))} "
                              f"(allowed: {', '.join(sorted(_TAG_KEYS))}).")
        name = entry.get("name")
        if not isinstance(name, str) or not normalize_name(name):
            raise TagSetError(f"{where}: a tag needs a non-empty name.")
        name = normalize_name(name)
        where = f"{where} ({name!r})"
        if len(name) > MAX_NAME:
            raise TagSetError(f"{where}: the name is longer than {MAX_NAME} characters.")
        if "\n" in name or "\t" in name:
            raise TagSetError(f"{where}: the name must be on one line.")
        key = name.casefold()
        if key in names:
            raise TagSetError(f"{where}: the same name as tags[{names[key]}].")
        names[key] = i
        color = entry.get("color")
        if not isinstance(color, str) or not _COLOR.match(color):
            raise TagSetError(f"{where}: color must look like \"#1f77b4\" (found {color!r}).")
        description = entry.get("description", "")
        if description is None:
            description = ""
        if not isinstance(description, str):
            raise TagSetError(f"{where}: description must be text.")
        hotkey = entry.get("hotkey", "")
        if hotkey is None:
            hotkey = ""
        if not isinstance(hotkey, str) or (hotkey and hotkey.lower() not in HOTKEYS):
            raise TagSetError(f"{where}: hotkey must be empty or one key: 1-9, 0 or a-z (found {hotkey!r}).")
        hotkey = hotkey.lower()
        if hotkey:
            if hotkey in hotkeys:
                raise TagSetError(f"{where}: hotkey {hotkey!r} is already used by tags[{hotkeys[hotkey]}].")
            hotkeys[hotkey] = i
        specs.append(TagSpec(name=name, color=color.lower(), description=description, hotkey=hotkey))
    return specs


def load_tagset(path: str | Path) -> list[TagSpec]:
    """Read and validate a tag set file.

    Raises:
        TagSetError: unreadable, too large, not JSON, or not a valid tag set (nothing is changed).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TagSetError(f"{path}: too large for a tag set file ({size} bytes; at most {MAX_BYTES}).")
        raw = path.read_bytes()
    except OSError as exc:
        raise TagSetError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TagSetError(f"{path}: not UTF-8 text, so not a tag set file.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TagSetError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    try:
        return parse_tagset(data)
    except TagSetError as exc:
        raise TagSetError(f"{path}: {exc}") from None


__all__ = ["FORMAT", "VERSION", "HOTKEYS", "TagSetError", "TagSpec", "dump_tagset", "load_tagset",
           "normalize_name", "parse_tagset", "tagset_to_json"]
