"""Hand-annotation helper for the entity gold files (tests/data/gold/entities, tests/data/unseen).

Annotators edit a plain-text *markup* file in which every entity is written inline as
``[[LABEL the name]]``, e.g. ``Tổng thống [[LOC Mỹ]] [[PER Joe Biden]]``. Reviewing a
whole line at a time in this form is far less error-prone than editing offsets by hand.

Commands:
    propose TEXT [--gold JSON] > FILE.ann
        Render TEXT with spans inline: from an existing gold file, else from our pipeline's
        suggestions. The annotator then reviews every line and fixes the markup.
    compile FILE.ann --text TEXT --out JSON
        Strip the markup, check that what is left is exactly the canonical TEXT (so offsets
        cannot drift), and write the gold JSON.
    write-unseen FILE.ann --out-dir DIR --gold-dir GOLD
        For articles we wrote ourselves: the markup *is* the source, so write DIR/<stem>.txt
        (the stripped text) and GOLD/<stem>.json (its gold) together.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from rusus_desktop.corpus.text import canonicalize, text_sha256
from rusus_desktop.nlp.types import ENTITY_LABELS

MARK = re.compile(r"\[\[(PER|ORG|LOC|MISC) (.+?)\]\]")


def strip_markup(markup: str) -> tuple[str, list[dict]]:
    """Return the plain text of ``markup`` and the entity dicts it marks (code-point offsets)."""
    out: list[str] = []
    entities: list[dict] = []
    pos = 0
    length = 0
    for match in MARK.finditer(markup):
        before = markup[pos:match.start()]
        out.append(before)
        length += len(before)
        label, name = match.group(1), match.group(2)
        entities.append({"start": length, "end": length + len(name), "text": name, "label": label})
        out.append(name)
        length += len(name)
        pos = match.end()
    out.append(markup[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        line = text[:text.find("[[") if "[[" in text else text.find("]]")].count("\n") + 1
        raise ValueError(f"malformed markup near line {line}")
    return text, entities


def render_markup(text: str, entities: list[dict]) -> str:
    """Inverse of :func:`strip_markup`."""
    parts: list[str] = []
    pos = 0
    for ent in sorted(entities, key=lambda e: e["start"]):
        parts.append(text[pos:ent["start"]])
        parts.append(f"[[{ent['label']} {text[ent['start']:ent['end']]}]]")
        pos = ent["end"]
    parts.append(text[pos:])
    return "".join(parts)


def gold_document(file_name: str, text: str, entities: list[dict]) -> dict:
    for ent in entities:
        assert ent["label"] in ENTITY_LABELS, ent
        assert text[ent["start"]:ent["end"]] == ent["text"], ent
    return {"file": file_name, "text_sha256": text_sha256(text), "entities": entities}


def _read_canonical(path: Path) -> str:
    return canonicalize(path.read_text(encoding="utf-8"))


def _propose(args: argparse.Namespace) -> int:
    text = _read_canonical(Path(args.text))
    if args.gold:
        entities = json.loads(Path(args.gold).read_text(encoding="utf-8"))["entities"]
    else:
        from rusus_desktop.nlp.pipeline import analyze

        entities = [e.to_json() for e in analyze(text).entities]
    sys.stdout.write(render_markup(text, entities))
    return 0


def _compile(args: argparse.Namespace) -> int:
    text = _read_canonical(Path(args.text))
    stripped, entities = strip_markup(Path(args.markup).read_text(encoding="utf-8"))
    if stripped != text:
        at = next((i for i, (a, b) in enumerate(zip(stripped, text, strict=False)) if a != b), min(len(stripped), len(text)))
        print(f"markup text differs from {args.text} at offset {at}: "
              f"{stripped[at - 20:at + 20]!r} vs {text[at - 20:at + 20]!r}", file=sys.stderr)
        return 1
    doc = gold_document(Path(args.text).name, text, entities)
    Path(args.out).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(entities)} entities")
    return 0


def _write_unseen(args: argparse.Namespace) -> int:
    markup_path = Path(args.markup)
    text, entities = strip_markup(canonicalize(markup_path.read_text(encoding="utf-8")))
    out_dir = Path(args.out_dir)
    txt = out_dir / f"{markup_path.stem}.txt"
    txt.write_text(text, encoding="utf-8")
    doc = gold_document(txt.name, text, entities)
    (Path(args.gold_dir) / f"{markup_path.stem}.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{txt}: {len(text)} chars, {len(entities)} entities")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("propose")
    p.add_argument("text")
    p.add_argument("--gold")
    p.set_defaults(func=_propose)
    c = sub.add_parser("compile")
    c.add_argument("markup")
    c.add_argument("--text", required=True)
    c.add_argument("--out", required=True)
    c.set_defaults(func=_compile)
    w = sub.add_parser("write-unseen")
    w.add_argument("markup")
    w.add_argument("--out-dir", required=True)
    w.add_argument("--gold-dir", required=True)
    w.set_defaults(func=_write_unseen)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
