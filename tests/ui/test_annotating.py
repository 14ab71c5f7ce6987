"""The annotator in the real window: tag with a hotkey, see it, undo, redo, restart, overlaps,
suggestions, tag edits, notes, re-anchoring. Highlights are checked in the block layouts."""
from __future__ import annotations

import unicodedata

import pytest
from annotating_support import SEEDS, Windows, background_over, formats_at, select_cp, select_qt
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from rusus_desktop.nlp.types import Analysis, DateSpan, EntitySpan
from rusus_desktop.store.history import History


@pytest.fixture
def windows(qtbot, tmp_path):
    w = Windows(qtbot, tmp_path)
    yield w
    w.close_all()


def _first_tag(window):
    return window.store.tags()[0]


def _tint(window, tag) -> str:
    """The reader's tint for a tag (its colour blended into the page)."""
    return window.annotator.layer._tint(QColor(tag.color if hasattr(tag, "color") else tag), 64).name()


def test_hotkey_tags_selection_undo_redo_and_restart(windows, tmp_path, qtbot):
    path = tmp_path / "p.rusus"
    w = windows.make(path)
    text = w.session.document.text
    start = text.index("Vladimir V. Putin")
    end = start + len("Vladimir V. Putin")
    tag = _first_tag(w)
    assert tag.hotkey == "1"
    select_cp(w, start, end)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    [ann] = w.store.annotations(w.session.doc_id)
    assert (ann.start, ann.end, ann.quote, ann.author) == (start, end, "Vladimir V. Putin", "Lan Nguyễn")
    assert background_over(w, start, end)[0] == _tint(w, tag)
    assert w.annotator.undo_action.text() == f"Undo Tag “{tag.name}”"
    assert w.annotator.annotation_panel.model.rowCount() == 1

    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.store.annotations() == []
    assert background_over(w, start, end) is None
    assert w.annotator.redo_action.text() == f"Redo Tag “{tag.name}”"

    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [a.id for a in w.store.annotations()] == [ann.id]  # the same annotation, not a new one
    assert background_over(w, start, end)[0] == _tint(w, tag)

    doc_id = w.session.doc_id
    windows.close(w)
    w2 = windows.make(path)
    assert w2.session.doc_id == doc_id
    assert background_over(w2, start, end)[0] == _tint(w2, tag)
    # The history survived the restart: undo is offered with its name and works.
    assert w2.annotator.undo_action.isEnabled()
    assert w2.annotator.undo_action.text() == f"Undo Tag “{tag.name}”"
    w2.annotator.undo_action.trigger()
    assert w2.store.annotations() == []
    assert background_over(w2, start, end) is None
    windows.close(w2)
    # ...and so does the undone state (redo is still there after another restart).
    w3 = windows.make(path)
    assert w3.annotator.redo_action.isEnabled() and w3.store.annotations() == []
    w3.annotator.redo_action.trigger()
    assert [a.id for a in w3.store.annotations()] == [ann.id]


def test_tagging_after_emoji_combining_marks_and_nfd_input(windows, tmp_path, qtbot):
    src = tmp_path / "emoji.txt"
    raw = "Bình luận 👍🏽👨\u200d👩\u200d👧 rồi Hoa\u0300 bình: Tổng thống Joe Biden phát biểu.\n"
    src.write_text(raw, encoding="utf-8")  # "Hoà" typed in NFD
    w = windows.make(tmp_path / "e.rusus", paths=[src])
    text = w.session.document.text
    assert text == unicodedata.normalize("NFC", raw)
    start = text.index("Joe Biden")
    offsets = w.session.offsets
    qstart = offsets.to_qt(start)
    assert qstart > start  # astral characters before it: UTF-16 positions differ from code points
    select_qt(w, qstart, qstart + len("Joe Biden"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    [ann] = w.store.annotations()
    assert (ann.start, ann.end, ann.quote) == (start, start + 9, "Joe Biden")
    assert background_over(w, start, start + 9) is not None
    # A selection over the emoji sequence itself is stored as whole code points.
    e0 = text.index("👍")
    select_qt(w, offsets.to_qt(e0), offsets.to_qt(e0 + 7))
    qtbot.keyClick(w.view, Qt.Key.Key_3)
    emoji = [a for a in w.store.annotations() if a.id != ann.id][0]
    assert emoji.quote == "👍🏽👨\u200d👩\u200d👧"
    nfc = text.index("Hoà")
    select_cp(w, nfc, nfc + 3)
    qtbot.keyClick(w.view, Qt.Key.Key_4)
    assert any(a.quote == "Hoà" for a in w.store.annotations())


def test_overlapping_tags_stay_distinct_and_click_offers_a_picker(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "o.rusus")
    text = w.session.document.text
    a0 = text.index("Tổng thống Nga Vladimir V. Putin")
    a1 = a0 + len("Tổng thống Nga Vladimir V. Putin")
    b0 = text.index("Nga Vladimir V. Putin và người đồng cấp Biden")
    b1 = b0 + len("Nga Vladimir V. Putin và người đồng cấp Biden")
    tags = w.store.tags()
    select_cp(w, a0, a1)
    first = w.annotator.apply_tag(tags[0].id)
    select_cp(w, b0, b1)
    second = w.annotator.apply_tag(tags[1].id)
    # Probe inside words (the paragraph's first space carries the reader's paragraph-gap format).
    only_a = background_over(w, a0, a0 + 3)
    both = background_over(w, b0, b0 + 3)
    only_b = background_over(w, a1 + 1, a1 + 3)
    assert only_a[0] == _tint(w, tags[0]) and only_b[0] == _tint(w, tags[1])
    # Where they overlap: a third, deeper tint (darker than either alone).
    assert both is not None and both[0] not in (only_a[0], only_b[0])
    assert QColor(both[0]).lightness() < min(QColor(only_a[0]).lightness(), QColor(only_b[0]).lightness())
    # Side bars: two lanes in the gutter.
    lanes = w.annotator.gutter.lanes
    assert {lanes[first.id], lanes[second.id]} == {0, 1}
    bars = dict((a.id, r) for a, r in w.annotator.gutter.bars())
    assert bars[first.id].x() != bars[second.id].x()
    # Click inside the overlap: a picker lists both; choosing one makes it current.
    view = w.view
    rect = view.cursorRect(_cursor_at(w, (b0 + a1) // 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 1, rect.center().y()))
    qtbot.waitUntil(lambda: w.annotator.picker is not None and w.annotator.picker.isVisible())
    picks = [a for a in w.annotator.picker.actions() if a.data() is not None]
    assert {a.data().id for a in picks} == {first.id, second.id}
    target = next(a for a in picks if a.data().id == second.id)
    target.trigger()
    assert w.annotator.current.id == second.id
    assert w.annotator.annotation_panel.current_annotation().id == second.id
    w.annotator.picker.close()
    # A click where only one annotation is selects it directly.
    rect = view.cursorRect(_cursor_at(w, a0 + 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 1, rect.center().y()))
    qtbot.waitUntil(lambda: w.annotator.current is not None and w.annotator.current.id == first.id)


def _cursor_at(window, cp: int):
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.session.offsets.to_qt(cp))
    return cursor


def test_mouse_selection_snaps_to_words_unless_alt(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "s.rusus")
    text = w.session.document.text
    word = text.index("Vladimir V. Putin")
    view = w.view

    def drag(a: int, b: int, modifier=Qt.KeyboardModifier.NoModifier):
        view.setTextCursor(_cursor_at(w, 0))  # no selection under the press (that would start a drag)
        r1, r2 = view.cursorRect(_cursor_at(w, a)), view.cursorRect(_cursor_at(w, b))
        p1, p2 = QPoint(r1.x() + 1, r1.center().y()), QPoint(r2.x() + 1, r2.center().y())
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, modifier, p1)
        qtbot.mouseMove(view.viewport(), p2)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, modifier, p2)
        qtbot.wait(20)

    drag(word + 2, word + len("Vladimir V. Pu"))
    assert view.selected_span() == (word, word + len("Vladimir V. Putin"))
    drag(word + 2, word + len("Vladimir V. Pu"), Qt.KeyboardModifier.AltModifier)
    assert view.selected_span() == (word + 2, word + len("Vladimir V. Pu"))


def _fake_analysis(text: str) -> Analysis:
    ents = []
    for s, label in (("Joe Biden", "PER"), ("Vladimir V. Putin", "PER"), ("Thụy Sĩ", "LOC"), ("Nhà Trắng", "ORG")):
        i = text.index(s)
        ents.append(EntitySpan(i, i + len(s), s, label))
    ents.sort(key=lambda e: e.start)
    j = text.index("tháng 6")
    return Analysis(entities=tuple(ents), dates=(DateSpan(j, j + 7, "tháng 6", "date", "2021-06"),),
                    body=((0, len(text)),), pipeline_version="test@1")


def test_accept_and_reject_suggestions(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "g.rusus")
    session = w.session
    text = session.document.text
    analysis = _fake_analysis(text)
    w.store.store_analysis(session.doc_id, "test@1", analysis.to_json())
    session.set_analysis(analysis)
    i = text.index("Joe Biden")
    [biden] = w.annotator.suggestions_at(i + 1)
    assert (biden.text, biden.label) == ("Joe Biden", "PER")

    # The context menu offers the verdicts.
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    w.annotator.populate_context_menu(menu, i + 1)
    titles = [a.text() for a in menu.actions()]
    detected = next(a.menu() for a in menu.actions() if a.text().startswith("Detected Person"))
    assert "Accept as Person" in [a.text() for a in detected.actions()]
    assert any(t.startswith("Reject") for t in [a.text() for a in detected.actions()])
    assert titles

    assert w.annotator.accept_suggestion(biden)
    [ann] = w.store.annotations()
    assert (ann.quote, ann.origin) == ("Joe Biden", "detected")
    assert w.store.tag(ann.tag_id).name == "Person"
    assert background_over(w, i, i + 9) is not None
    assert w.annotator.undo_action.text() == "Undo Accept “Joe Biden” as Person"

    j = text.index("Nhà Trắng")
    [white_house] = w.annotator.suggestions_at(j)
    assert w.annotator.reject_suggestion(white_house)
    assert not any(s.ref.text == "Nhà Trắng" for s in session.layer("entities"))
    assert "Nhà Trắng" not in {e.text for e in session.analysis.entities}  # not counted either
    w.annotator.undo_action.trigger()
    assert any(s.ref.text == "Nhà Trắng" for s in session.layer("entities"))
    w.annotator.redo_action.trigger()

    # Corpus-wide views do not count it either.
    w.annotator._apply_verdicts(session.doc_id, analysis)
    assert not any(key == "Nhà Trắng" for _label, key in w.entity_index.mentions)
    assert any(key == "Joe Biden" for _label, key in w.entity_index.mentions)
    # Another document: the rejected string stays hidden there too (project-wide verdict).
    from rusus_desktop.store.feedback import feedback_mapping

    assert feedback_mapping(w.store) == {"Joe Biden": "PER", "Nhà Trắng": None}

    # Correct a label; accept all of one entity across the corpus in one step.
    k = text.index("Thụy Sĩ")
    [swiss] = w.annotator.suggestions_at(k)
    assert w.annotator.correct_suggestion(swiss, label="ORG")
    assert feedback_mapping(w.store)["Thụy Sĩ"] == "ORG"
    p = text.index("Vladimir V. Putin")
    [putin] = w.annotator.suggestions_at(p)
    n = w.annotator.accept_all(putin)
    assert n == 1
    assert w.annotator.undo_action.text().startswith("Undo Accept all “Vladimir V. Putin”")


def test_rename_recolour_reorder_and_delete_tags(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "t.rusus")
    a = w.annotator
    text = w.session.document.text
    s = text.index("Joe Biden")
    tag = _first_tag(w)
    select_cp(w, s, s + 9)
    ann = a.apply_tag(tag.id)
    panel = a.tag_panel
    # Rename in place in the tag list.
    index = panel.model.index(panel.model.row_of(tag.id), 0)
    assert panel.model.setData(index, "Hợp tác")
    assert w.store.tag(tag.id).name == "Hợp tác"
    assert a.undo_action.text() == f"Undo Rename tag “{tag.name}” to “Hợp tác”"
    assert a.tag_actions[tag.id].text() == "Hợp tác"
    # Recolour: the highlight follows.
    assert a.edit_tag(tag.id, color="#000080")
    assert background_over(w, s, s + 9)[0] == _tint(w, "#000080")
    # Reorder.
    assert a.move_tag(tag.id, 2)
    assert [t.id for t in w.store.tags()].index(tag.id) == 2
    # Delete, moving the annotation to another tag (through the dialog).
    other = next(t for t in w.store.tags() if t.id != tag.id)

    def choose():
        dialog = a.delete_dialog
        dialog.move.setChecked(True)
        dialog.target.setCurrentIndex(dialog.target.findData(other.id))
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, choose)
    assert a.delete_tag_interactive(tag.id)
    assert w.store.tag_by_name("Hợp tác") is None
    assert w.store.annotation(ann.id).tag_id == other.id
    assert background_over(w, s, s + 9)[0] == _tint(w, other)
    assert tag.id not in a.tag_actions
    # Undo brings the tag and the annotation's tag back.
    a.undo_action.trigger()
    assert w.store.tag(tag.id).name == "Hợp tác"
    assert w.store.annotation(ann.id).tag_id == tag.id
    # Delete removing the annotations.
    QTimer.singleShot(0, lambda: (a.delete_dialog.remove.setChecked(True), a.delete_dialog.accept()))
    assert a.delete_tag_interactive(tag.id)
    assert w.store.annotations() == []
    assert background_over(w, s, s + 9) is None
    # Tag-set edits live on the project stack and also survive a restart.
    path = w.store.path
    windows.close(w)
    w2 = windows.make(path)
    w2.annotator.project_focus()
    assert w2.annotator.undo_action.text() == "Undo Delete tag “Hợp tác”"
    w2.annotator.undo_action.trigger()
    assert [x.id for x in w2.store.annotations()] == [ann.id]


def test_notes_edit_in_the_panel_and_undo(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "n.rusus")
    a = w.annotator
    text = w.session.document.text
    s = text.index("Nhà Trắng")
    select_cp(w, s, s + 9)
    ann = a.apply_tag(_first_tag(w).id)
    panel = a.annotation_panel
    assert panel.current_annotation().id == ann.id
    panel.note.setFocus()
    panel.note.setPlainText("Cần kiểm chứng: ai nói?")
    panel.note.document().setModified(True)
    panel.save_note()
    assert w.store.annotation(ann.id).note == "Cần kiểm chứng: ai nói?"
    assert panel.model.data(panel.model.index(0, 2)) == "Cần kiểm chứng: ai nói?"
    assert a.undo_action.text() == "Undo Edit note"
    a.undo_action.trigger()
    assert w.store.annotation(ann.id).note is None
    assert panel.note.toPlainText() == ""
    # Filter by tag and the corpus-wide list.
    panel.set_tag_filter(w.store.tags()[1].id)
    assert panel.model.rowCount() == 0
    panel.set_tag_filter(None)
    assert panel.model.rowCount() == 1
    a.show_corpus_annotations()
    assert panel.model.with_documents and panel.model.rowCount() == 1
    # Jump to it from another document.
    other = [d.id for d in w.store.documents() if d.id != ann.doc_id][0]
    w.open_document(other)
    a.jump_to(ann)
    qtbot.waitUntil(lambda: w.session.doc_id == ann.doc_id and w.view.selected_span() == (ann.start, ann.end))


def test_first_use_asks_for_the_analyst_name(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "f.rusus", name=None)
    asked = []
    w.annotator.ask_name = lambda: asked.append(1) or "Minh"
    text = w.session.document.text
    s = text.index("Joe Biden")
    select_cp(w, s, s + 9)
    ann = w.annotator.apply_tag(_first_tag(w).id)
    select_cp(w, s, s + 3)
    w.annotator.apply_tag(_first_tag(w).id)
    assert asked == [1] and ann.author == "Minh"
    assert w.settings.value("analyst/name") == "Minh"
    # Preferences edit it.
    from PySide6.QtCore import QTimer

    def fill():
        d = w.annotator.preferences_dialog
        d.name.setText("Minh Trần")
        d.accept()

    QTimer.singleShot(0, fill)
    assert w.annotator.show_preferences()
    assert w.session.analyst_name == "Minh Trần"


def test_reanchoring_after_the_text_changes(windows, tmp_path, qtbot):
    src = tmp_path / "bai.txt"
    original = (SEEDS / "002_cb9fabbd559097a0.txt").read_text(encoding="utf-8")
    src.write_text(original, encoding="utf-8")
    w = windows.make(tmp_path / "r.rusus", paths=[src])
    text = w.session.document.text
    paragraphs = [p for p in text.split("\n") if len(p) > 80]
    keep_q = paragraphs[1][:40].rsplit(" ", 1)[0]
    lose_q = paragraphs[-1][:50].rsplit(" ", 1)[0]
    k = text.index(keep_q)
    select_cp(w, k, k + len(keep_q))
    keep = w.annotator.apply_tag(_first_tag(w).id)
    m = text.index(lose_q)
    select_cp(w, m, m + len(lose_q))
    lose = w.annotator.apply_tag(_first_tag(w).id)
    old_id = w.session.doc_id

    edited = "Cập nhật lúc 10:00 😀\n" + original.replace(paragraphs[-1], "Đoạn này đã bị viết lại hoàn toàn.")
    src.write_text(edited, encoding="utf-8")
    w.add_documents([str(src)])
    assert w.session.doc_id != old_id  # the open document was replaced by its new version
    new_text = w.session.document.text
    moved = w.store.annotation(keep.id)
    assert new_text[moved.start:moved.end] == keep_q and moved.start > k
    assert background_over(w, moved.start, moved.end) is not None
    orphan = w.store.annotation(lose.id)
    assert orphan.status == "orphaned" and orphan.quote == lose_q
    panel = w.annotator.annotation_panel
    assert panel.model.rowCount() == 2 and "1 need review" in panel.count_label.text()
    # The orphan can be placed again at a selection, undoably.
    target = new_text.index("Đoạn này")
    select_cp(w, target, target + len("Đoạn này"))
    assert w.annotator.place_at_selection(lose.id)
    placed = w.store.annotation(lose.id)
    assert placed.status == "anchored" and placed.quote == "Đoạn này"
    assert background_over(w, target, target + 8) is not None
    # History of the replaced text is gone; the new one starts fresh with the placement.
    assert History(w.store).entries(old_id) == []


def test_undo_is_per_document(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "u.rusus")
    a = w.annotator
    ids = [d.id for d in w.store.documents()]
    text = w.session.document.text
    select_cp(w, 0, 3)
    a.apply_tag(_first_tag(w).id)
    w.open_document(ids[1])
    assert not a.undo_action.isEnabled()  # nothing done in this document: Ctrl+Z does nothing here
    w.open_document(ids[0])
    assert a.undo_action.isEnabled()
    assert formats_at(w, 0, 3) and text[:3]


def test_delete_key_removes_the_current_annotation_and_gutter_click_selects(windows, tmp_path, qtbot):
    w = windows.make(tmp_path / "d.rusus")
    text = w.session.document.text
    s = text.index("Nhà Trắng")
    select_cp(w, s, s + 9)
    ann = w.annotator.apply_tag(_first_tag(w).id)
    w.annotator.set_current(None)
    # Click its side bar in the gutter.
    gutter = w.annotator.gutter
    [(bar_ann, rect)] = [(a, r) for a, r in gutter.bars() if a.id == ann.id]
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert w.annotator.current is not None and w.annotator.current.id == ann.id
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert w.store.annotations() == []
    assert w.annotator.undo_action.text() == "Undo Delete annotation"
