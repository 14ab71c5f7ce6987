"""Shared helpers for the export/import tests (no Qt): projects, fake detections, comparisons,
hypothesis strategies over Vietnamese text with NFD input, emoji and overlapping spans."""
from __future__ import annotations

import datetime
import hashlib
import re
import sqlite3
import unicodedata
from dataclasses import replace
from pathlib import Path

from hypothesis import strategies as st

from rusus_desktop.corpus.model import Annotation, Document, Tag
from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.corpus.text import is_boundary, quote_context
from rusus_desktop.store import Store

SAMPLE_TEXTS = (
    "Tổng thống Nga Vladimir Putin và Tổng thống Mỹ Joe Biden gặp nhau tại Genève, Thụy Sĩ.\n"
    "Hai bên nhất trí khởi động đối thoại về ổn định chiến lược 😀 và kiểm soát vũ khí.\n\n"
    "Ông Lavrov nói: \"Đây là bước đi tích cực\".",
    # NFD input (decomposed tone marks) with CRLF line ends: canonicalised on the way in.
    unicodedata.normalize("NFD", "Bộ Ngoại giao Việt Nam hoan nghênh cuộc gặp.\r\nHòa bình và hoà giải 👨‍👩‍👧 là ưu tiên."),
    "Lệnh trừng phạt mới của EU nhằm vào ngành năng lượng Nga 🇷🇺.\nMoskva tuyên bố sẽ đáp trả.",
)


def fixed_time(n: int) -> str:
    return f"2024-07-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z"


def make_project(path: str | Path | None = None, texts=SAMPLE_TEXTS, *, default_tags: bool = True) -> Store:
    store = Store(path, default_tags=default_tags)
    store.add_documents([document_from_text(t, source_path=f"/corpus/{i:02d}.txt") for i, t in enumerate(texts)])
    return store


def annotate(store: Store, doc_id: str, start: int, end: int, tag_name: str, *, note: str | None = None,
             author: str = "Analyst", n: int = 0, origin: str = "manual", ann_id: str | None = None) -> Annotation:
    tag = store.ensure_tag(tag_name)
    ann = store.make_annotation(doc_id, start, end, tag.id, note=note, author=author, origin=origin, ann_id=ann_id)
    ann = replace(ann, created=fixed_time(n), modified=fixed_time(n + 1))
    store.add_annotation(ann)
    return ann


def find(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def populate(store: Store) -> list[Annotation]:
    """A few annotations on the sample texts: overlapping, with notes, after emoji, on NFD input."""
    docs = [store.document(s.id) for s in store.documents()]
    t0, t1, t2 = docs[0].text, docs[1].text, docs[2].text
    out = [
        annotate(store, docs[0].id, *find(t0, "Vladimir Putin"), "Quote", note="Người nói chính", n=1),
        annotate(store, docs[0].id, *find(t0, "Tổng thống Nga Vladimir Putin"), "Confrontation", n=2,
                 author="Lan"),
        annotate(store, docs[0].id, *find(t0, "kiểm soát vũ khí"), "Arms control", note="=SUM(A1)\tcó tab\nvà dòng mới",
                 n=3),
        annotate(store, docs[0].id, *find(t0, "vũ khí.\n\nÔng Lavrov"), "Claim to verify", note="", n=4),
        annotate(store, docs[1].id, *find(t1, "Hòa bình và hoà giải 👨‍👩‍👧"), "Cooperation", n=5, origin="detected"),
        annotate(store, docs[2].id, *find(t2, "Moskva"), "Sanctions", note="- phản ứng", author="Minh", n=6),
        annotate(store, docs[2].id, *find(t2, "Nga 🇷🇺"), "Hợp tác đặc biệt", n=7),
    ]
    return out


def fake_analysis(text: str, published: str | None = None) -> dict:
    """Deterministic stand-in for the NLP pipeline: capitalised runs are entities, one date."""
    entities = []
    for m in re.finditer(r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*)(?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*)*", text):
        label = ("PER", "LOC", "ORG", "MISC")[len(m.group()) % 4]
        entities.append({"start": m.start(), "end": m.end(), "text": m.group(), "label": label})
    dates = []
    m = re.search(r"\d{1,2}/\d{1,2}", text)
    if m:
        dates.append({"start": m.start(), "end": m.end(), "text": m.group(), "kind": "date", "value": None,
                      "mod": None})
    return {"body": [[0, len(text)]], "entities": entities, "dates": dates, "pipeline_version": "fake-1"}


def annotation_rows(store: Store) -> list[tuple]:
    names = {t.id: t.name for t in store.tags()}
    return sorted((a.id, a.doc_id, a.start, a.end, a.quote, a.prefix, a.suffix, names[a.tag_id], a.note, a.author,
                   a.created, a.modified, a.origin) for a in store.annotations())


def tag_rows(store: Store, names: set[str] | None = None) -> list[tuple]:
    return [(t.name, t.color, t.description, t.hotkey) for t in store.tags() if names is None or t.name in names]


def document_rows(store: Store) -> list[tuple]:
    return sorted((d.id, d.text, d.title, d.source_path, d.source, d.published)
                  for d in (store.document(s.id) for s in store.documents()))


def fingerprint(path: Path) -> tuple[str, str]:
    """sha256 of the project file's bytes and of its SQL dump (store closed)."""
    raw = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump = hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()
    finally:
        conn.close()
    return raw, dump


# -- hypothesis ----------------------------------------------------------------------------------------

_VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ" + "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_PIECES = st.one_of(
    st.text(alphabet=_VIET, min_size=1, max_size=8),
    st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". ", "\t", "\"", "“", "”", "-", "=", "'", "@"]),
    st.sampled_from(["😀", "👍🏽", "👨‍👩‍👧", "🇻🇳", "𠀀", "✌️", "é", "x̃", "Hoà", "Hòa", "Thụy Sĩ"]),
)


@st.composite
def raw_texts(draw) -> str:
    """Vietnamese-like text; sometimes given in NFD, sometimes with CRLF (both canonicalised on read)."""
    text = "".join(draw(st.lists(_PIECES, min_size=1, max_size=40)))
    if not text.strip() or text.startswith("---"):
        text = "Tin " + text
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


def boundary_spans(text: str, draw, max_spans: int = 6) -> list[tuple[int, int]]:
    cuts = [i for i in range(len(text) + 1) if is_boundary(text, i)]
    if len(cuts) < 2:
        return []
    spans = []
    for _ in range(draw(st.integers(0, max_spans))):
        a = draw(st.sampled_from(cuts[:-1]))
        b = draw(st.sampled_from([c for c in cuts if c > a]))
        spans.append((a, b))
    return spans


names = st.text(alphabet=_VIET + " -&/", min_size=1, max_size=12).filter(lambda s: s.strip())
free_text = st.text(alphabet=_VIET + " \n\t\"'=+-@,.😀", max_size=30)
times = st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0).isoformat() + "Z")


@st.composite
def projects(draw) -> tuple[list[Document], list[Tag], list[Annotation]]:
    """Documents, a tag set and annotations (overlapping spans allowed) ready to load into a Store."""
    docs: dict[str, Document] = {}
    for i in range(draw(st.integers(1, 3))):
        doc = document_from_text(draw(raw_texts()), source_path=f"/c/{i}.txt")
        docs.setdefault(doc.id, doc)
    tag_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    tags = [Tag(id=f"t{i}", name=n, color=draw(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)),
                description=draw(free_text), hotkey=str(i + 1), position=i) for i, n in enumerate(tag_names)]
    anns = []
    for doc in docs.values():
        for s, e in boundary_spans(doc.text, draw):
            prefix, quote, suffix = quote_context(doc.text, s, e)
            created = draw(times)
            anns.append(Annotation(
                id=draw(st.uuids()).hex, doc_id=doc.id, start=s, end=e, tag_id=draw(st.sampled_from(tags)).id,
                quote=quote, prefix=prefix, suffix=suffix, note=draw(st.one_of(st.none(), free_text)),
                author=draw(st.one_of(st.just(""), names)), created=created,
                modified=max(created, draw(times)), origin=draw(st.sampled_from(["manual", "detected"])),
                text_sha256=doc.id))
    return list(docs.values()), tags, anns


def load(docs, tags, anns) -> Store:
    store = Store(None, default_tags=False)
    store.add_documents(docs)
    for tag in tags:
        store.add_tag(tag)
    for ann in anns:
        store.add_annotation(ann)
    return store
