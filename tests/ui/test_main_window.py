"""The real window on the analysed seeds: opening documents, the corpus filters, jumping to entities,
find, zoom, navigation, and what survives a restart."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from rusus_desktop.ui.entities_panel import CORPUS_TAB, DATES_TAB, DocRole, KeyRole, KindRole, LabelRole
from rusus_desktop.ui.session import entity_key


def _doc_ids(window) -> list[str]:
    return window.corpus_panel.model.ids()


def _row_rect_center(view, index):
    return view.visualRect(index).center()


def test_first_document_is_open_with_its_highlights(window):
    ids = _doc_ids(window)
    assert len(ids) == 5
    assert window.session.doc_id == ids[0]
    assert window.view.toPlainText() == window.session.document.text
    assert window.session.analysis is not None
    assert len(window.session.layer("entities")) > 50
    assert window.corpus_panel.current_doc_id() == ids[0]
    assert window.windowTitle().endswith("Rusus Desktop")
    assert str(window.store.path) in window.project_label.toolTip()


def test_clicking_a_document_opens_it(window, qtbot):
    ids = _doc_ids(window)
    view = window.corpus_panel.view
    index = window.corpus_panel.proxy.index(2, 0)
    with qtbot.waitSignal(window.document_opened, timeout=2000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_row_rect_center(view, index))
    assert blocker.args == [ids[2]]
    assert window.view.toPlainText() == window.store.document(ids[2]).text


def test_next_and_previous_document_follow_the_list(window, qtbot):
    ids = _doc_ids(window)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc_id == ids[1]
    window.reader_actions.next_document.trigger()
    assert window.session.doc_id == ids[2]
    window.reader_actions.previous_document.trigger()
    assert window.session.doc_id == ids[1]
    window.open_document(ids[-1])
    assert not window.reader_actions.next_document.isEnabled()


def test_list_is_sortable_by_published_date(window):
    panel = window.corpus_panel
    panel.view.sortByColumn(panel.model.PUBLISHED, Qt.SortOrder.DescendingOrder)
    shown = [panel.model.summary(i).published or "" for i in panel.visible_ids()]
    assert shown == sorted(shown, reverse=True)
    assert panel.visible_ids()[0] == max(panel.model.ids(), key=lambda i: panel.model.summary(i).published or "")


def test_search_without_diacritics_filters_and_shows_snippets(window, qtbot):
    panel = window.corpus_panel
    qtbot.keyClicks(panel.search, "thuy si")
    panel.apply_search()
    visible = panel.visible_ids()
    assert 0 < len(visible) < 5
    assert set(visible) == {h.doc_id for h in window.store.search("thuy si")}
    for doc_id in visible:
        snippet = panel.model.data(panel.model.index(panel.model.row_of(doc_id), 0), Qt.ItemDataRole.UserRole + 2)
        assert snippet
    assert "of 5" in panel.summary.text()
    panel.search.clear()
    panel.apply_search()
    assert len(panel.visible_ids()) == 5


def test_entity_filter_keeps_documents_that_mention_it(window):
    panel = window.corpus_panel
    panel.filter_by_entity("lavrov")  # case and diacritics optional
    visible = set(panel.visible_ids())
    assert visible
    for doc_id in _doc_ids(window):
        mentions = any("Lavrov" in e["text"] for e in window.store.cached_analysis(
            doc_id, window.runner.version)["entities"])
        assert (doc_id in visible) == mentions


def test_tag_filter_keeps_documents_with_that_tag(window):
    store = window.store
    ids = _doc_ids(window)
    tag = store.tags()[0]
    store.add_annotation(store.make_annotation(ids[3], 0, 5, tag.id, author="t"))
    panel = window.corpus_panel
    panel.reload()
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData(tag.id))
    assert panel.visible_ids() == [ids[3]]
    panel.tag_filter.setCurrentIndex(0)
    assert len(panel.visible_ids()) == 5


def test_clicking_an_entity_selects_its_next_occurrence(window, qtbot):
    panel = window.entities_panel
    model, proxy, view = panel.doc_model, panel.doc_proxy, panel.doc_view
    group = model.item(0, 0)
    child = group.child(0, 0)
    assert child.data(KindRole) == "entity"
    label, key = child.data(LabelRole), child.data(KeyRole)
    occurrences = window.session.occurrences("entities", label, key)
    index = proxy.mapFromSource(child.index())
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    first = window.view.selected_span()
    assert first == (occurrences[0].start, occurrences[0].end)
    assert entity_key(window.view.textCursor().selectedText()) == key
    if len(occurrences) > 1:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
        assert window.view.selected_span() == (occurrences[1].start, occurrences[1].end)


def test_dates_are_listed_in_time_order_and_jump(window):
    panel = window.entities_panel
    panel.tabs.setCurrentIndex(DATES_TAB)
    model = panel.date_model
    values = [model.item(r, 0).text() for r in range(model.rowCount())]
    dated = [v for v in values if v != "—"]
    assert dated == sorted(dated)
    assert values[: len(dated)] == dated  # undated expressions come last
    index = panel.date_proxy.index(0, 0)
    panel._on_doc_activated(index)
    start, end = window.view.selected_span()
    assert window.session.document.text[start:end] == model.item(0, 0).data(KeyRole)


def test_corpus_view_lists_documents_per_entity_and_opens_them(window):
    panel = window.entities_panel
    panel.tabs.setCurrentIndex(CORPUS_TAB)
    panel.rebuild_corpus()
    model = panel.corpus_model
    assert model.rowCount() > 20
    # the most widespread entity first; its children are the documents that mention it
    top = model.item(0, 0)
    assert top.rowCount() >= 2
    other = next(top.child(r, 0) for r in range(top.rowCount())
                 if top.child(r, 0).data(DocRole) != window.session.doc_id)
    panel._on_corpus_activated(other.index())
    assert window.session.doc_id == other.data(DocRole)
    start, end = window.view.selected_span()
    assert entity_key(window.session.document.text[start:end]) == top.data(KeyRole)


def test_find_bar_finds_with_or_without_diacritics(window, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible()
    bar.edit.setText("thuy si")
    bar.search()
    text = window.session.document.text
    expected = text.count("Thụy Sĩ")
    assert len(bar.hits) == expected > 0
    start, end = window.view.selected_span()
    assert text[start:end] == "Thụy Sĩ"
    first = bar.current
    window.reader_actions.find_next.trigger()
    assert bar.current == (first + 1) % expected
    window.reader_actions.find_previous.trigger()
    assert bar.current == first
    bar.exact.setChecked(True)
    assert bar.hits == []
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_zoom_in_and_out(window, qtbot):
    view = window.view
    size = view.font().pointSizeF()
    window.reader_actions.zoom_in.trigger()
    assert view.zoom > 100 and view.font().pointSizeF() > size
    window.reader_actions.zoom_reset.trigger()
    window.reader_actions.zoom_out.trigger()
    assert view.zoom < 100 and view.font().pointSizeF() < size


def test_layout_document_scroll_and_zoom_survive_a_restart(make_window, project_copy):
    first = make_window(project_copy)
    ids = _doc_ids(first)
    first.open_document(ids[1])
    first.view.zoom_in()
    text = first.session.document.text
    body_start, body_end = max(first.session.analysis.body, key=lambda r: r[1] - r[0])
    target = text.index("\n", (body_start + body_end) // 2) + 1  # a paragraph in the article body
    first.view.scroll_to_position(target)
    top = first.view.top_position()
    assert top > 0
    first.set_furniture_mode("hide")
    first.reader_actions.show_types["LOC"].setChecked(False)
    make_window.close(first)

    second = make_window(project_copy, restore=True)
    assert second.session.doc_id == ids[1]
    assert second.view.zoom > 100
    assert second.view.furniture_mode == "hide"
    assert not second.reader_actions.show_types["LOC"].isChecked()
    from PySide6.QtCore import QCoreApplication

    for _ in range(5):
        QCoreApplication.processEvents()
    assert second.view.top_position() == top


def test_language_switches_live(window):
    window.set_language("vi")
    assert window.file_menu.title() == "&Tệp"
    assert window.entities_panel.tabs.tabText(0) == "Tên riêng"
    assert window.corpus_panel.model.headerData(0, Qt.Orientation.Horizontal) == "Tiêu đề"
    assert window.reader_actions.show_types["PER"].text() == "Người"
    window.set_language("en")
    assert window.file_menu.title() == "&File"
    assert window.reader_actions.show_types["PER"].text() == "Person"


def test_dark_theme_keeps_highlights(window):
    window.set_theme("dark")
    from rusus_desktop.ui import theme

    assert theme.is_dark(window.view.palette())
    block = window.view.document().findBlock(window.session.offsets.to_qt(window.session.layer("entities").spans[0].start))
    assert any(r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline for r in block.layout().formats())
    window.set_theme("light")


def test_about_box_shows_version_and_project_path(window):
    from rusus_desktop import __version__

    window.show_about()
    text = window.about_box.text()
    assert __version__ in text and str(window.store.path).split("/")[-1] in text
    window.about_box.close()


def test_no_index_is_left_behind(window):
    # The corpus list's current row is the open document, even after filtering it away and back.
    panel = window.corpus_panel
    panel.filter_by_entity("zzzz-no-such-entity")
    assert panel.visible_ids() == []
    assert panel.view.currentIndex() == QModelIndex() or not panel.view.currentIndex().isValid()
    panel.filter_by_entity("")
    assert len(panel.visible_ids()) == 5


def test_columns_can_be_shown_and_hidden(window):
    panel = window.corpus_panel
    source = panel.model.SOURCE
    assert panel.view.isColumnHidden(source)  # the seeds name no source
    panel.set_column_shown(source, True)
    assert not panel.view.isColumnHidden(source)
    panel.reload()
    assert not panel.view.isColumnHidden(source)  # the analyst's choice sticks
