"""Label Studio, doccano, brat, CSV and CoNLL exports, each parsed back by a reader written here from the
format's own description (not the exporter's code), with every span checked against the text."""
from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from export_testkit import fake_analysis, load, make_project, populate, projects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rusus_desktop.export import ExportError, ExportOptions, ExportScope, export_project
from rusus_desktop.store import Store

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def expected_annotations(store: Store) -> set[tuple]:
    names = {t.id: t.name for t in store.tags()}
    return {(a.doc_id, a.start, a.end, names[a.tag_id]) for a in store.annotations()}


def texts_of(store: Store) -> dict[str, str]:
    return {s.id: store.document(s.id).text for s in store.documents()}


# -- readers ------------------------------------------------------------------------------------------


def read_labelstudio(path: Path) -> tuple[set, set, dict]:
    """Tasks: data.text; regions value.start/end count code points; value.text repeats the span."""
    annotations, predictions, notes = set(), set(), {}
    for task in json.loads(path.read_text(encoding="utf-8")):
        text, doc_id = task["data"]["text"], task["data"]["document_id"]
        for kind, bucket in (("annotations", annotations), ("predictions", predictions)):
            for completion in task.get(kind, []):
                for region in completion["result"]:
                    assert region["type"] == "labels" and region["to_name"] == "text"
                    value = region["value"]
                    assert text[value["start"]:value["end"]] == value["text"]
                    (label,) = value["labels"]
                    bucket.add((doc_id, value["start"], value["end"], label))
                    if "meta" in region:
                        notes[region["id"]] = region["meta"]["text"][0]
    return annotations, predictions, notes


def read_doccano(path: Path) -> set:
    """JSONL; label offsets count UTF-16 code units (doccano's browser front end)."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        units = record["text"].encode("utf-16-le")
        for start, end, label in record["label"]:
            span = units[2 * start:2 * end].decode("utf-16-le")  # fails on a split surrogate pair
            cp_start = len(units[:2 * start].decode("utf-16-le"))
            assert record["text"][cp_start:cp_start + len(span)] == span
            out.add((record["document_id"], cp_start, cp_start + len(span), label))
    return out


def read_brat(folder: Path) -> tuple[dict, dict]:
    """brat standoff: T<n> TAB <type> <start> <end>[;<start> <end>] TAB <text>; #<n> TAB AnnotatorNotes T<n> TAB note.

    Returns ``{(txt file, T id): (type name, fragments, text)}`` and ``{(txt file, T id): note}``.
    """
    entity_types = set()
    section = None
    for line in (folder / "annotation.conf").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif line.strip() and section == "entities":
            entity_types.add(line.strip())
    display = {}
    section = None
    for line in (folder / "visual.conf").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "labels" and "|" in line:
            slug, name = (p.strip() for p in line.split("|", 1))
            display[slug] = name
    spans, notes = {}, {}
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            ident, middle, rest = line.split("\t", 2)
            if ident.startswith("T"):
                type_name, ranges = middle.split(" ", 1)
                assert type_name in entity_types and " " not in type_name
                frags = [tuple(int(x) for x in r.split(" ")) for r in ranges.split(";")]
                for a, b in frags:
                    assert 0 <= a < b <= len(text)
                    assert not any(ch in LINE_BREAKS for ch in text[a:b])
                assert " ".join(text[a:b] for a, b in frags) == rest
                spans[(txt.name, ident)] = (display[type_name], frags, rest)
            elif ident.startswith("#"):
                kind, target = middle.split(" ")
                assert kind == "AnnotatorNotes" and (txt.name, target) in spans
                notes[(txt.name, target)] = rest
    return spans, notes


def read_csv(path: Path) -> list[dict]:
    """UTF-8 with BOM, RFC 4180, CRLF; a leading ' protects cells from formula evaluation."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return [{k: (v[1:] if v.startswith("'") else v) for k, v in row.items()} for row in rows]


def read_conll(path: Path, texts: dict[str, str]) -> dict[str, list[tuple[int, int, str]]]:
    """TOKEN START END TAG per line; -DOCSTART- lines carry the document id; blank lines end sentences."""
    entities: dict[str, list[tuple[int, int, str]]] = {}
    doc_id = None
    current = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line:
            current = None
            continue
        token, start, end, tag = line.split("\t")
        if token == "-DOCSTART-":
            doc_id = start
            entities[doc_id] = []
            covered = []
            continue
        start, end = int(start), int(end)
        assert texts[doc_id][start:end] == token and not any(ch.isspace() for ch in token)
        covered.append((start, end))
        if tag.startswith("B-"):
            current = [start, end, tag[2:]]
            entities[doc_id].append(current)
        elif tag.startswith("I-"):
            assert current is not None and current[2] == tag[2:]
            current[1] = end
        else:
            assert tag == "O"
            current = None
    return {k: [tuple(e) for e in v] for k, v in entities.items()}


# -- fixed-sample tests ---------------------------------------------------------------------------------


def _project():
    store = make_project()
    populate(store)
    return store


def test_labelstudio(tmp_path):
    store = _project()
    out = tmp_path / "ls.json"
    export_project(store, "labelstudio", out, options=ExportOptions(detections=True), analyze=fake_analysis)
    annotations, predictions, notes = read_labelstudio(out)
    assert annotations == expected_annotations(store)
    expected_pred = {(d, e["start"], e["end"], e["label"]) for d, t in texts_of(store).items()
                     for e in fake_analysis(t)["entities"]}
    assert {p for p in predictions if p[3] != "DATE"} == expected_pred
    assert notes == {a.id: a.note for a in store.annotations() if a.note}


def test_doccano_counts_utf16_units(tmp_path):
    store = _project()
    out = tmp_path / "d.jsonl"
    export_project(store, "doccano", out)
    assert read_doccano(out) == expected_annotations(store)
    # After an emoji, doccano's offsets run ahead of code points: the unit really is UTF-16.
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    moskva_like = [lab for lab in line["label"] if lab[2] == "Claim to verify"][0]
    cp = line["text"].index("vũ khí.\n\nÔng")
    assert moskva_like[0] == cp + 1  # one astral character (😀) earlier in the text


def test_brat(tmp_path):
    store = _project()
    out = tmp_path / "brat"
    result = export_project(store, "brat", out, options=ExportOptions(detections=True), analyze=fake_analysis)
    spans, notes = read_brat(out)
    manifest = json.loads((out / "rusus-export.json").read_text(encoding="utf-8"))
    file_doc = {d["txt"]: d["id"] for d in manifest["documents"]}
    texts = texts_of(store)
    names = {t.id: t.name for t in store.tags()}
    for a in store.annotations():
        txt = next(k for k, v in file_doc.items() if v == a.doc_id)
        matches = [(key, s) for key, s in spans.items() if key[0] == txt and s[0] == names[a.tag_id]
                   and s[1][0][0] >= a.start and s[1][-1][1] <= a.end]
        assert matches, a
        key, (_, frags, _) = matches[0]
        # The fragments hold exactly the quote's characters minus its line breaks.
        assert "".join(texts[a.doc_id][x:y] for x, y in frags) == "".join(
            ch for ch in a.quote if ch not in LINE_BREAKS)
        if a.note and a.note.strip():
            assert notes[key] == re.sub(f"[\t{LINE_BREAKS}]+", " ", a.note).strip()
    assert "Hop_tac_dac_biet" in (out / "visual.conf").read_text(encoding="utf-8")
    assert result.files[-1].name == "rusus-export.json"
    crossing = [s for s in spans.values() if s[0] == "Claim to verify"][0]
    assert len(crossing[1]) == 2  # "vũ khí.\n\nÔng Lavrov" is cut at the blank line


def test_brat_refuses_a_foreign_folder_and_replaces_its_own(tmp_path):
    store = _project()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export_project(store, "brat", foreign)
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    out = tmp_path / "brat"
    export_project(store, "brat", out)
    (out / "0001_stale.txt").write_text("old", encoding="utf-8")
    export_project(store, "brat", out, ExportScope(tag_names=("Quote",)))
    assert not (out / "0001_stale.txt").exists()
    assert len(list(out.glob("*.ann"))) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_csv(tmp_path):
    store = _project()
    out = tmp_path / "a.csv"
    export_project(store, "csv", out)
    raw = out.read_bytes()
    assert b"\r\n" in raw
    rows = read_csv(out)
    texts = texts_of(store)
    titles = {s.id: s.title for s in store.documents()}
    names = {t.id: t.name for t in store.tags()}
    by_id = {a.id: a for a in store.annotations()}
    assert len(rows) == len(by_id)
    for row in rows:
        a = by_id[row["annotation_id"]]
        start, end = int(row["start"]), int(row["end"])
        assert texts[row["document_id"]][start:end] == row["quote"] == a.quote
        assert row["document_title"] == titles[a.doc_id]
        assert (row["tag"], row["note"], row["author"], row["created"], row["modified"], row["origin"]) == (
            names[a.tag_id], a.note or "", a.author, a.created, a.modified, a.origin)
    formula = [r for r in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")) if "có tab" in "".join(r)]
    assert formula[0][9].startswith("'=SUM")  # shown as text, not run as a formula


def test_conll(tmp_path):
    store = _project()
    out = tmp_path / "a.conll"
    result = export_project(store, "conll", out, analyze=fake_analysis)
    texts = texts_of(store)
    found = read_conll(out, texts)
    for doc_id, text in texts.items():
        assert found[doc_id] == [(e["start"], e["end"], e["label"]) for e in fake_analysis(text)["entities"]]
    assert result.entities == sum(len(v) for v in found.values())


def test_conll_keeps_the_longest_of_overlapping_entities(tmp_path):
    store = make_project(texts=("Liên minh châu Âu và Nga.",))

    def overlapping(text, published=None):
        return {"entities": [{"start": 0, "end": 17, "text": text[0:17], "label": "ORG"},
                             {"start": 10, "end": 17, "text": text[10:17], "label": "LOC"},
                             {"start": 21, "end": 24, "text": "Nga", "label": "LOC"}], "dates": []}

    out = tmp_path / "o.conll"
    result = export_project(store, "conll", out, analyze=overlapping)
    doc_id = store.documents()[0].id
    assert read_conll(out, texts_of(store))[doc_id] == [(0, 17, "ORG"), (21, 24, "LOC")]
    assert "overlapping" in result.summary()


# -- property-based: random Vietnamese text, NFD input, emoji, overlapping spans --------------------------


@PROPERTY
@given(projects())
def test_labelstudio_doccano_csv_property(project):
    docs, tags, anns = project
    store = load(docs, tags, anns)
    expected = expected_annotations(store)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export_project(store, "labelstudio", tmp / "ls.json")
        assert read_labelstudio(tmp / "ls.json")[0] == expected
        export_project(store, "doccano", tmp / "d.jsonl")
        assert read_doccano(tmp / "d.jsonl") == expected
        export_project(store, "csv", tmp / "c.csv")
        rows = read_csv(tmp / "c.csv")
        texts = texts_of(store)
        assert {(r["document_id"], int(r["start"]), int(r["end"]), r["tag"]) for r in rows} == expected
        notes = {a.id: a.note or "" for a in store.annotations()}
        for r in rows:
            assert texts[r["document_id"]][int(r["start"]):int(r["end"])] == r["quote"]
            assert r["note"] == notes[r["annotation_id"]]


@PROPERTY
@given(projects())
def test_brat_property(project):
    docs, tags, anns = project
    store = load(docs, tags, anns)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "brat"
        result = export_project(store, "brat", out)
        spans, _ = read_brat(out)
        placeable = [a for a in store.annotations() if any(ch not in LINE_BREAKS for ch in a.quote)]
        assert len(spans) == len(placeable) == result.annotations
        manifest = json.loads((out / "rusus-export.json").read_text(encoding="utf-8"))
        texts = texts_of(store)
        by_file = {d["txt"]: d["id"] for d in manifest["documents"]}
        for txt, _ in spans:
            assert (out / txt).read_text(encoding="utf-8") == texts[by_file[txt]]


@PROPERTY
@given(projects(), st.data())
def test_conll_property(project, data):
    docs, tags, anns = project
    store = load(docs, tags, anns)
    texts = texts_of(store)

    def random_entities(text, published=None):
        ents, pos = [], 0
        tokens = list(re.finditer(r"\w+", text))
        for m in tokens:
            if m.start() >= pos and data.draw(st.booleans()):
                ents.append({"start": m.start(), "end": m.end(), "text": m.group(),
                             "label": data.draw(st.sampled_from(["PER", "ORG", "LOC", "MISC"]))})
                pos = m.end() + 1
        return {"entities": ents, "dates": []}

    analyses = {doc_id: random_entities(text) for doc_id, text in texts.items()}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "c.conll"
        by_text = {texts[d]: a for d, a in analyses.items()}
        export_project(store, "conll", out, analyze=lambda text, published=None: by_text[text])
        found = read_conll(out, texts)
        for doc_id in texts:
            assert found[doc_id] == [(e["start"], e["end"], e["label"]) for e in analyses[doc_id]["entities"]]
        # Every visible character is in exactly one token.
        lines = [line.split("\t") for line in out.read_text(encoding="utf-8").split("\n") if line]
        doc_id, covered = None, {}
        for token, start, end, _ in lines:
            if token == "-DOCSTART-":
                doc_id = start
                covered[doc_id] = []
                continue
            covered[doc_id].extend(range(int(start), int(end)))
        for doc_id, text in texts.items():
            assert len(covered[doc_id]) == len(set(covered[doc_id]))
            visible = {i for i, ch in enumerate(text) if not ch.isspace()
                       and not (unicodedata.category(ch) == "Cf" and ch != "\u200d")}
            assert visible <= set(covered[doc_id])
