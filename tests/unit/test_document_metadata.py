"""Titles, front matter, datelines and analyst edits of document metadata."""
from __future__ import annotations

import pytest

from rusus_desktop.corpus.reader import document_from_text, read_document


def test_title_is_first_non_empty_line():
    doc = document_from_text("\n\n  Quan hệ Nga-Mỹ  \nNội dung bài báo.\n")
    assert doc.title == "Quan hệ Nga-Mỹ"


def test_front_matter_gives_metadata_and_is_not_text():
    doc = document_from_text("---\ntitle: Tiêu đề riêng\nsource: VnExpress\npublished: 2021-06-16\n---\n"
                             "Dòng đầu tiên\nNội dung.\n")
    assert (doc.title, doc.source, doc.published) == ("Tiêu đề riêng", "VnExpress", "2021-06-16")
    assert doc.text.startswith("Dòng đầu tiên")


@pytest.mark.parametrize("dateline, expected", [
    ("14/04/2021 - 08:54", "2021-04-14T08:54"),
    ("20:43 | 29/07/2021", "2021-07-29T20:43"),
    ("Thứ Hai, 13/3/2023 09:12 (GMT+7)", "2023-03-13T09:12"),
])
def test_published_from_dateline(dateline, expected):
    doc = document_from_text(f"Tiêu đề bài viết\n{dateline}\nNga và Mỹ nối lại đối thoại về kiểm soát vũ khí.\n")
    assert doc.published is not None and doc.published.startswith(expected)


def test_seed_documents_have_titles(seed_files):
    for path in seed_files:
        doc = read_document(path)
        assert doc.title and len(doc.title) < 300
        assert doc.source_path == str(path)


def test_analyst_edits_title_source_published(store, seed_files):
    doc = read_document(seed_files[0])
    store.add_documents([doc])
    previous, change = store.update_document(doc.id, title="Tiêu đề mới", source="Báo Tin tức",
                                             published="2021-10-24")
    assert previous["title"] == doc.title and change.doc_id == doc.id
    edited = store.document(doc.id)
    assert (edited.title, edited.source, edited.published) == ("Tiêu đề mới", "Báo Tin tức", "2021-10-24")
    assert store.search("tieu de moi")[0].doc_id == doc.id  # the index follows the title
    with pytest.raises(ValueError):
        store.update_document(doc.id, published="24/10/2021")
    with pytest.raises(ValueError):
        store.update_document(doc.id, title="  ")
    with pytest.raises(ValueError):
        store.update_document(doc.id, text="x")
