"""CoNLL-style BIO of the detected named entities, one token per line.

Four tab-separated columns: ``TOKEN START END TAG``. ``START``/``END`` are Unicode code points of the
document's canonical text (end exclusive), so every token can be checked against (or put back into)
the text; ``TAG`` is ``B-<label>``, ``I-<label>`` or ``O`` with the pipeline's labels (PER, ORG,
LOC, MISC). A blank line ends a sentence; each document starts with
``-DOCSTART-<TAB><document id><TAB>-<TAB>O`` followed by a blank line, the CoNLL-2003 convention
readers already skip. Tokens are syllables and punctuation marks (whitespace separates Vietnamese
syllables; an emoji with its modifiers is one token), cut further where an entity begins or ends.
Dates are not included: BIO cannot hold spans that overlap the entities.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rusus_desktop.corpus.text import is_boundary
from rusus_desktop.export.common import check_bytes_equal
from rusus_desktop.export.errors import ExportError
from rusus_desktop.export.model import Built, OutFile, ProjectSnapshot

Detections = dict[str, tuple[list[dict], list[dict]]]
_RAW_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token ranges in ``text[start:end]``: word runs and single symbols, with combining marks, variation
    selectors, skin tones and zero-width-joined sequences kept inside their token."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for m in _RAW_TOKEN.finditer(text, start, end):
        s, e = m.span()
        if out and out[-1][1] == s and (not is_boundary(text, s) or text[s - 1] == "\u200d"):
            out[-1] = (out[-1][0], e)
        elif e - s == 1 and unicodedata.category(text[s]) == "Cf" and text[s] != "\u200d":
            continue  # a lone zero-width or format character is not a token
        else:
            out.append((s, e))
    return out


def _cut(tokens: list[tuple[int, int]], cuts: set[int]) -> list[tuple[int, int]]:
    out = []
    for s, e in tokens:
        inner = sorted(c for c in cuts if s < c < e)
        for c in inner:
            out.append((s, c))
            s = c
        out.append((s, e))
    return out


def non_overlapping(entities: list[dict]) -> tuple[list[dict], int]:
    """Keep the longest of overlapping entities (earliest first on ties); return the kept and the dropped count."""
    kept: list[dict] = []
    taken: list[tuple[int, int]] = []
    for e in sorted(entities, key=lambda e: (-(e["end"] - e["start"]), e["start"])):
        if any(e["start"] < b and a < e["end"] for a, b in taken):
            continue
        kept.append(e)
        taken.append((e["start"], e["end"]))
    kept.sort(key=lambda e: e["start"])
    return kept, len(entities) - len(kept)


def _sentences(text: str, entities: list[dict]) -> list[tuple[int, int]]:
    from rusus_desktop.nlp.sentences import split_sentences

    ranges = split_sentences(text) or ([(0, len(text))] if text.strip() else [])
    merged: list[list[int]] = []
    for s, e in ranges:
        # An entity that a sentence break would cut keeps the two sentences together.
        if merged and any(ent["start"] < merged[-1][1] and ent["end"] > s for ent in entities):
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def document_lines(doc_id: str, text: str, entities: list[dict]) -> list[str]:
    lines = [f"-DOCSTART-\t{doc_id}\t-\tO", ""]
    labels: dict[int, tuple[str, int]] = {e["start"]: (e["label"], e["end"]) for e in entities}
    cuts = {e["start"] for e in entities} | {e["end"] for e in entities}
    for s_start, s_end in _sentences(text, entities):
        tokens = _cut(tokenize(text, s_start, s_end), cuts)
        if not tokens:
            continue
        current: tuple[str, int] | None = None
        for a, b in tokens:
            if a in labels:
                current = labels[a]
                tag = f"B-{current[0]}"
            elif current is not None and b <= current[1]:
                tag = f"I-{current[0]}"
            else:
                current = None
                tag = "O"
            if current is not None and b >= current[1]:
                current = None
            lines.append(f"{text[a:b]}\t{a}\t{b}\t{tag}")
        lines.append("")
    return lines


def build_conll(snapshot: ProjectSnapshot, detections: Detections, tick: Callable[[int], None]) -> Built:
    lines: list[str] = []
    n_ent = dropped = 0
    texts: dict[str, str] = {}
    for i, data in enumerate(snapshot.documents):
        tick(i)
        doc = data.document
        texts[doc.id] = doc.text
        entities, kept_dropped = non_overlapping(detections.get(doc.id, ([], []))[0])
        dropped += kept_dropped
        n_ent += len(entities)
        lines.extend(document_lines(doc.id, doc.text, entities))
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    warnings = [f"{dropped} overlapping entities were left out (BIO keeps the longest)."] if dropped else []
    return Built(files=[OutFile("", data, _checker(data, texts))], entities=n_ent, warnings=warnings)


def _checker(expected: bytes, texts: dict[str, str]) -> Callable[[bytes], None]:
    same = check_bytes_equal(expected, "CoNLL file")

    def check(raw: bytes) -> None:
        same(raw)
        text = ""
        for line in raw.decode("utf-8").split("\n"):
            if not line:
                continue
            token, start, end, _tag = line.split("\t")
            if token == "-DOCSTART-":
                text = texts[start]
                continue
            if text[int(start):int(end)] != token:
                raise ExportError(f"CoNLL token {token!r} at {start}–{end} does not match its document.")

    return check
