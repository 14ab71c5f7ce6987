"""Highlights land on the right code points, whatever comes before them (emoji, combining marks).

Assertions read the block layouts' format ranges (what Qt draws), never pixels.
"""
from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

from tests.ui.conftest import add_document

U = QTextCharFormat.UnderlineStyle

TITLE = "Bản tin thử 🌏"
# Astral emoji (two UTF-16 units each), a skin-tone modifier, a ZWJ family, and combining marks that
# NFC cannot compose (x + acute, q + dot below) all come before the names.
BODY = ("Tin 😀👍🏽 nóng x́ q̣ 👨‍👩‍👧: Ngoại trưởng Sergey Lavrov gặp ông Antony Blinken tại Geneva "
        "ngày 16/6/2021.\n"
        "Tin liên quan\n"
        "Điện Kremlin nói <b>không</b> &amp; <script>alert(1)</script> về NATO.")
TEXT = TITLE + "\n" + BODY


def _span(text: str, needle: str, label: str) -> dict:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle, "label": label}


def crafted_analysis(version: str) -> dict:
    entities = [_span(TEXT, "Sergey Lavrov", "PER"), _span(TEXT, "Antony Blinken", "PER"),
                _span(TEXT, "Geneva", "LOC"), _span(TEXT, "Điện Kremlin", "ORG"), _span(TEXT, "NATO", "ORG")]
    d = TEXT.index("ngày 16/6/2021")
    dates = [{"start": d, "end": d + len("ngày 16/6/2021"), "text": "ngày 16/6/2021", "kind": "date",
              "value": "2021-06-16", "mod": None}]
    furniture = TEXT.index("Tin liên quan")
    body = [[0, furniture - 1], [furniture + len("Tin liên quan") + 1, len(TEXT)]]
    return {"entities": sorted(entities, key=lambda e: e["start"]), "dates": dates, "body": body,
            "pipeline_version": version}


def highlight_ranges(window, style=None) -> list[tuple[int, int, int]]:
    """(start, end, underline style) in code points for every underlined format range."""
    view = window.view
    offsets = window.session.offsets
    out = []
    block = view.document().firstBlock()
    while block.isValid():
        base = block.position()
        for r in block.layout().formats():
            fmt = r.format
            if fmt.underlineStyle() == U.NoUnderline:
                continue
            if style is not None and fmt.underlineStyle() != style:
                continue
            a = offsets.from_qt(base + r.start)
            b = offsets.from_qt(base + r.start + r.length)
            out.append((a, b, fmt.underlineStyle()))
        block = block.next()
    return sorted(out)


def open_crafted(make_window, project_copy, pipeline_version):
    doc_id = add_document(project_copy, TEXT, crafted_analysis(pipeline_version), pipeline_version)
    window = make_window(project_copy)
    window.open_document(doc_id)
    return window, doc_id


def test_astral_characters_shift_qt_positions_but_not_ours(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    assert window.view.toPlainText() == TEXT
    # The Qt document is longer (surrogate pairs); the map takes care of the difference.
    assert window.view.document().characterCount() - 1 > len(TEXT)
    start = TEXT.index("Sergey Lavrov")
    assert window.session.offsets.to_qt(start) > start


def test_entities_and_dates_are_underlined_at_their_code_points(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    analysis = crafted_analysis(pipeline_version)
    expected = {(e["start"], e["end"]) for e in analysis["entities"]} | {
        (d["start"], d["end"]) for d in analysis["dates"]}
    got = highlight_ranges(window)
    assert {(a, b) for a, b, _ in got} == expected
    by_range = {(a, b): style for a, b, style in got}
    lavrov = TEXT.index("Sergey Lavrov")
    assert TEXT[lavrov:lavrov + 13] == "Sergey Lavrov"
    assert by_range[(lavrov, lavrov + 13)] == U.SingleUnderline  # PER
    kremlin = TEXT.index("Điện Kremlin")
    assert by_range[(kremlin, kremlin + len("Điện Kremlin"))] == U.DashUnderline  # ORG
    assert by_range[(TEXT.index("Geneva"), TEXT.index("Geneva") + 6)] == U.DotLine  # LOC
    date = TEXT.index("ngày 16/6/2021")
    assert by_range[(date, date + len("ngày 16/6/2021"))] == U.WaveUnderline  # DATE


def test_selected_span_speaks_code_points(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    start = TEXT.index("Lavrov")
    window.view.select_span(start, start + 6, flash=False)
    assert window.view.selected_span() == (start, start + 6)
    assert window.view.textCursor().selectedText() == "Lavrov"


def test_toggling_a_type_removes_only_its_highlights(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    window.reader_actions.show_types["PER"].trigger()  # uncheck
    assert not window.reader_actions.show_types["PER"].isChecked()
    styles = {style for _, _, style in highlight_ranges(window)}
    assert U.SingleUnderline not in styles
    assert U.DashUnderline in styles and U.WaveUnderline in styles
    window.legend.chips["PER"].click()  # the legend chip shares the action
    assert window.reader_actions.show_types["PER"].isChecked()
    assert U.SingleUnderline in {style for _, _, style in highlight_ranges(window)}
    window.reader_actions.show_types["DATE"].setChecked(False)
    assert U.WaveUnderline not in {style for _, _, style in highlight_ranges(window)}


def test_hover_text_gives_type_and_date_value(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    hl = window.view.highlighter
    assert hl.describe(TEXT.index("Lavrov")) == ["Person: Sergey Lavrov"]
    assert hl.describe(TEXT.index("16/6")) == ["Date: 2021-06-16"]
    assert hl.describe(TEXT.index("gặp")) == []


def test_html_like_text_is_shown_literally(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    view = window.view
    shown = view.toPlainText()
    for literal in ("<b>không</b>", "&amp;", "<script>alert(1)</script>"):
        assert literal in shown
    # No markup became formatting: the text inside <b> carries no bold weight.
    bold_at = TEXT.index("<b>không") + 3
    block = view.document().findBlock(window.session.offsets.to_qt(bold_at))
    assert block.text().startswith("Điện Kremlin nói <b>")
    for r in block.layout().formats():
        assert r.format.fontWeight() < 600 or r.start == 0
    # Tooltips escape what they show.
    kremlin = TEXT.index("NATO")
    assert "NATO" in hl_tooltip(window, kremlin)


def hl_tooltip(window, position: int) -> str:
    return "\n".join(window.view.highlighter.describe(position))


def test_page_furniture_is_dimmed_and_can_be_folded(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    view = window.view
    doc = view.document()
    furniture_block = doc.findBlock(window.session.offsets.to_qt(TEXT.index("Tin liên quan")))
    formats = furniture_block.layout().formats()
    assert formats and all(r.format.foreground().color() != view.palette().text().color() for r in formats
                           if r.format.hasProperty(r.format.Property.ForegroundBrush))
    window.set_furniture_mode("hide")
    assert not furniture_block.isVisible()
    assert doc.firstBlock().isVisible()
    window.reader_actions.toggle_furniture.trigger()  # back to dimmed
    assert furniture_block.isVisible()


def test_refresh_rehighlights_only_touched_blocks(make_window, project_copy, pipeline_version):
    window, _ = open_crafted(make_window, project_copy, pipeline_version)
    hl = window.view.highlighter
    before = hl.blocks_highlighted
    start = TEXT.index("Geneva")
    hl.refresh(start, start + 6)
    assert hl.blocks_highlighted - before == 1
