"""The item models pass Qt's model tester and filter/sort as the corpus panel needs."""
from __future__ import annotations

from PySide6.QtCore import Qt

from rusus_desktop.corpus.model import DocumentSummary
from rusus_desktop.nlp.types import Analysis, EntitySpan
from rusus_desktop.ui.models import CorpusEntityIndex, CorpusFilterProxy, DocIdRole, DocumentListModel


def _rows() -> list[DocumentSummary]:
    return [DocumentSummary(id=f"d{i}", title=t, source_path=f"/x/{i}.txt", source=None, published=p, length=10,
                            position=i, annotation_count=i % 2)
            for i, (t, p) in enumerate([("Đối thoại", "2021-07-29"), ("Ấn Độ", None), ("Bầu cử", "2021-04-14T08:54")])]


def test_document_list_model(qtmodeltester):
    model = DocumentListModel()
    model.set_documents(_rows())
    model.set_entity_counts({"d0": 12})
    model.set_snippets({"d1": "… <b>Ấn</b> …"}, "an")
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, model.PUBLISHED)) == "2021-07-29"
    assert model.data(model.index(2, model.PUBLISHED)) == "2021-04-14"
    assert model.data(model.index(1, model.ENTITIES)) == ""  # not analysed yet
    assert model.data(model.index(1, model.TITLE), Qt.ItemDataRole.ToolTipRole).startswith("Ấn Độ")


def test_proxy_sorts_and_intersects_filters(qtmodeltester):
    model = DocumentListModel()
    model.set_documents(_rows())
    proxy = CorpusFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.sort(model.TITLE, Qt.SortOrder.AscendingOrder)  # sorted without diacritics: an, bau, doi
    assert [proxy.data(proxy.index(r, 0), DocIdRole) for r in range(3)] == ["d1", "d2", "d0"]
    proxy.set_filter("search", ["d0", "d1"])
    proxy.set_filter("entity", ["d1", "d2"])
    assert [proxy.doc_id(r) for r in range(proxy.rowCount())] == ["d1"]
    proxy.set_filter("entity", None)
    assert proxy.rowCount() == 2
    assert proxy.row_of("d2") is None


def test_corpus_entity_index_counts_documents_and_mentions():
    index = CorpusEntityIndex()
    index.add("a", Analysis((EntitySpan(0, 6, "Lavrov", "PER"), EntitySpan(10, 16, "Lavrov", "PER"),
                             EntitySpan(20, 23, "Nga", "LOC")), (), (), "1"))
    index.add("b", Analysis((EntitySpan(0, 13, "Sergey  Lavrov", "PER"),), (), (), "1"))
    assert index.documents_mentioning("LAVROV") == {"a", "b"}
    assert index.documents_mentioning("nga") == {"a"}
    label, key, counter = index.entries()[0]
    assert (label, key) == ("PER", "Lavrov") and counter == {"a": 2}
    assert "Sergey Lavrov" in index.entity_names()  # whitespace collapsed
    index.discard("a")
    assert index.documents_mentioning("nga") == set()
