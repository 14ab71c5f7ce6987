"""The JSON Schema of the native format (``resources/schemas/rusus-annotations-v1.schema.json``) and
validation against it with messages that name the entry (``documents[2].annotations[5] (id …)``)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
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


def _sort_key(path) -> list[tuple[int, int | str]]:
    return [(0, p) if isinstance(p, int) else (1, p) for p in path]


# The lists inside a document that can be long; they are checked a chunk at a time.
_ITEM_LISTS = ("annotations", "entities", "dates")
CHUNK = 100


@cache
def _part_validators():
    """Validators for one document (its long lists emptied) and for a chunk of each long list."""
    from jsonschema import Draft202012Validator

    document = _validator().schema["properties"]["documents"]["items"]
    lists = {key: Draft202012Validator({"type": "array", "items": document["properties"][key]["items"]})
             for key in _ITEM_LISTS}
    return Draft202012Validator(document), lists


def count_items(data: Any) -> int:
    """How many entries :func:`validate_native` reports through ``step`` (for a progress total)."""
    if not (isinstance(data, dict) and isinstance(data.get("documents"), list)):
        return 0
    return sum(len(doc[key]) for doc in data["documents"] if isinstance(doc, dict)
               for key in _ITEM_LISTS if isinstance(doc.get(key), list))


def _iter_errors(data: Any, step: Callable[[int], None]) -> Iterator[tuple[list, Any]]:
    """``(absolute path, error)`` for every violation; the same errors as validating ``data`` whole.

    The schema gives each list nothing but ``items``, so a document's long lists can be checked a
    chunk at a time (and a document with them emptied checks the rest of it); ``step(n)`` is called
    after each chunk of ``n`` entries, which lets a caller report progress or stop (by raising).
    """
    validator = _validator()
    if not (isinstance(data, dict) and isinstance(data.get("documents"), list)):
        for error in validator.iter_errors(data):
            yield list(error.absolute_path), error
        return
    for error in validator.iter_errors({**data, "documents": []}):
        yield list(error.absolute_path), error
    document_validator, list_validators = _part_validators()
    for i, doc in enumerate(data["documents"]):
        lists = {key: doc[key] for key in _ITEM_LISTS if isinstance(doc, dict) and isinstance(doc.get(key), list)}
        for error in document_validator.iter_errors({**doc, **{key: [] for key in lists}} if lists else doc):
            yield ["documents", i, *error.absolute_path], error
        for key, items in lists.items():
            for offset in range(0, len(items), CHUNK):
                chunk = items[offset:offset + CHUNK]
                for error in list_validators[key].iter_errors(chunk):
                    index, *rest = error.absolute_path
                    yield ["documents", i, key, offset + index, *rest], error
                step(len(chunk))


def validate_native(data: Any, *, step: Callable[[int], None] | None = None) -> list[tuple[str, str]]:
    """Every schema violation in ``data``, as ``(entry, why)`` pairs in file order.

    ``step(n)``, when given, is called as each chunk of ``n`` annotations (entities, dates) has been
    checked (:func:`count_items` gives the total); it may raise to stop the check.
    """
    found = sorted(_iter_errors(data, step or (lambda n: None)), key=lambda pair: _sort_key(pair[0]))
    return [(entry_name(data, path), _message(error)) for path, error in found]
