"""The JSON Schema of the native format (``resources/schemas/rusus-annotations-v1.schema.json``) and
validation against it with messages that name the entry (``documents[2].annotations[5] (id …)``)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from rusus_desktop.errors import RususError
from rusus_desktop.resources import resource_path

SCHEMA_FILE = "schemas/rusus-annotations-v1.schema.json"


@cache
def native_schema() -> dict:
    return json.loads(resource_path(SCHEMA_FILE).read_text(encoding="utf-8"))


def _inline_refs(node: Any, defs: dict) -> Any:
    """The schema with every local ``#/$defs/…`` reference replaced by its target.

    Same meaning, but jsonschema no longer resolves a reference per annotation, which makes
    validating a large export about three times faster.
    """
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
            target = _inline_refs(defs[node["$ref"].removeprefix("#/$defs/")], defs)
            return {**target, **{k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"}}
        return {k: _inline_refs(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_refs(x, defs) for x in node]
    return node


@cache
def _validator():
    try:
        from jsonschema import Draft202012Validator
    except ImportError:  # pragma: no cover - jsonschema is a dependency
        raise RususError("Checking annotation files needs the 'jsonschema' package "
                         "(pip install jsonschema).") from None
    schema = native_schema()
    flat = _inline_refs({k: v for k, v in schema.items() if k != "$defs"}, schema["$defs"])
    return Draft202012Validator(flat)


def entry_name(data: Any, path: Iterable[str | int]) -> str:
    """``documents[2].annotations[5] (annotation 3f2a…), field start`` for a path into ``data``."""
    steps = list(path)
    node = data
    label, label_at = "", 0
    for n, step in enumerate(steps):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(step, int):
            if isinstance(node.get("id"), str) and ("start" in node or "quote" in node):
                label, label_at = f"annotation {node['id']}", n + 1
            elif isinstance(node.get("title"), str):
                label, label_at = f"document “{node['title'][:60]}”", n + 1
            elif isinstance(node.get("name"), str):
                label, label_at = f"tag “{node['name']}”", n + 1

    def render(part: list[str | int]) -> str:
        text = ""
        for step in part:
            text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
        return text

    head = render(steps[:label_at] if label else steps)
    if not label:
        return head or "the file"
    rest = render(steps[label_at:])
    return f"{head} ({label})" + (f", field {rest}" if rest else "")


def _message(error) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in ("pattern", "oneOf", "anyOf") and description:
        return f"{error.instance!r} is not valid: expected {description.rstrip('.')}"
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field(s)")
    if error.validator == "const":
        return f"{error.instance!r} is not allowed here (expected {error.validator_value!r})"
    return error.message


def _sort_key(error) -> list[tuple[int, int | str]]:
    return [(0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path]


def validate_native(data: Any) -> list[tuple[str, str]]:
    """Every schema violation in ``data``, as ``(entry, why)`` pairs in file order."""
    problems: list[tuple[str, str]] = []
    for error in sorted(_validator().iter_errors(data), key=_sort_key):
        problems.append((entry_name(data, list(error.absolute_path)), _message(error)))
    return problems
