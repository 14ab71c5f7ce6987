"""The tag and annotation list models pass Qt's model tester."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from rusus_desktop.corpus.reader import document_from_text  # noqa: E402
from rusus_desktop.store import Store  # noqa: E402


def test_tag_list_model(qtmodeltester, qapp):
    from rusus_desktop.ui.annotation_models import TagListModel

    edits = []
    model = TagListModel(edit=lambda tag_id, fields: edits.append((tag_id, fields)) or True)
    with Store(None) as store:
        model.set_tags(store.tags(), {store.tags()[0].id: 3})
        qtmodeltester.check(model)
        assert model.data(model.index(0, TagListModel.USES)) == 3
        assert model.setData(model.index(1, TagListModel.NAME), "Đổi tên")
        assert edits == [(store.tags()[1].id, {"name": "Đổi tên"})]


def test_annotation_list_model(qtmodeltester, qapp):
    from rusus_desktop.ui.annotation_models import AnnotationListModel

    with Store(None) as store:
        doc = document_from_text("Điện Kremlin và Nhà Trắng.\n", source_path="a.txt")
        store.add_documents([doc])
        tag = store.tags()[0]
        store.add_annotation(store.make_annotation(doc.id, 0, 12, tag.id, note="ghi chú", author="An"))
        store.add_annotation(store.make_annotation(doc.id, 16, 25, tag.id))
        model = AnnotationListModel()
        model.set_rows(store.annotations(), {t.id: t for t in store.tags()}, {doc.id: "Tiêu đề"}, with_documents=True)
        qtmodeltester.check(model)
        assert model.columnCount() == 6
        assert model.data(model.index(0, AnnotationListModel.QUOTE)) == "Điện Kremlin"
        assert model.data(model.index(0, AnnotationListModel.DOCUMENT)) == "Tiêu đề"
