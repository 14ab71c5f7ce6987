"""The reader: a read-only ``QPlainTextEdit`` showing a document's canonical text (STYLE §3.8).

Text is always set with ``setPlainText``: markup in an article (``<b>``, ``<script>``, ``&amp;``) is
shown exactly as written and nothing is ever fetched. Highlights come from a
:class:`SpanHighlighter` over the session's span indexes; search hits and flashes are overlays.

Everything public speaks code points over the canonical text; the conversion to Qt's UTF-16
positions happens here and in the highlighter only (``session.offsets``).
"""
from __future__ import annotations

import html
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from rusus_desktop.corpus.model import Change, Document
from rusus_desktop.ui import theme
from rusus_desktop.ui.highlighter import DateLayer, EntityLayer, FurnitureLayer, SpanHighlighter
from rusus_desktop.ui.overlays import Overlays
from rusus_desktop.ui.session import FURNITURE_LAYER, DocumentSession

translate = QCoreApplication.translate

COLUMN_EMS = 40.0  # reading column width, in ems of the reading font (~75 characters a line)
MIN_MARGIN = 18
ZOOM_STEPS = (60, 70, 80, 90, 100, 110, 120, 135, 150, 170, 200, 240)
FURNITURE_MODES = ("dim", "hide", "show")


class DocumentView(QPlainTextEdit):
    """Read-only, selectable text of the open document with layered highlights.

    Signals:
        context_menu_requested(QPoint, int): global position and the code point under the mouse
            (-1 when outside the text); the window builds the menu (issue 5 adds tag actions).
        selection_changed_span(object): the selection as ``(start, end)`` code points, or None.
        zoom_changed(int): zoom in percent.
    """

    context_menu_requested = Signal(QPoint, int)
    selection_changed_span = Signal(object)
    zoom_changed = Signal(int)

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.session = session
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setCenterOnScroll(False)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setBackgroundVisible(False)
        # The margins around the reading column belong to the page, not the window.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.document().setDocumentMargin(12)

        self._base_font = theme.reading_font()
        self._zoom = 100
        self._apply_font()

        self.highlighter = SpanHighlighter(self.document())
        self.highlighter.view = self
        self.furniture_layer = FurnitureLayer(self.palette())
        self.highlighter.add_layer(self.furniture_layer)
        self.highlighter.add_layer(EntityLayer())
        self.highlighter.add_layer(DateLayer())
        self.overlays = Overlays(self)
        self.furniture_mode = "dim"
        self._dark = theme.is_dark(self.palette())
        self.highlighter.set_dark(self._dark, self.palette())
        self.highlighter.set_reading_layout(self.font())

        session.document_loaded.connect(self._on_session_document_loaded)
        session.document_closed.connect(self._on_session_document_closed)
        session.analysis_changed.connect(self._on_session_analysis_changed)
        session.layer_changed.connect(self._on_session_layer_changed)
        self.selectionChanged.connect(self._on_selection_changed)
        self.retranslate()

    # -- session -----------------------------------------------------------------------------

    def _on_session_document_loaded(self, document: Document) -> None:
        self.overlays.clear()
        self.highlighter.set_sources(self._session_indexes(), self.session.offsets, rehighlight=False)
        first_line = document.text.split("\n", 1)[0]
        # The first line is styled as a heading when it is the document's title.
        self.highlighter.title_length = len(first_line) if first_line.strip() and \
            " ".join(first_line.split()) == " ".join(document.title.split()) else 0
        self.setPlainText(document.text)
        self.highlighter.document_replaced()
        self.highlighter.rehighlight()  # all of a small document; the visible part of a large one
        self._apply_furniture_mode()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _on_session_document_closed(self) -> None:
        self.overlays.clear()
        self.highlighter.set_sources({}, self.session.offsets, rehighlight=False)
        self.setPlainText("")
        self.highlighter.document_replaced()

    def _on_session_analysis_changed(self, _analysis) -> None:
        with self.keeping_position():
            self.highlighter.set_sources(self._session_indexes(), self.session.offsets)
            self._apply_furniture_mode()

    @contextmanager
    def keeping_position(self):
        """Keep the first visible character at the top across a change that re-lays out the text.

        Highlighting changes line heights (the title line, paragraph gaps) and folding hides lines;
        QPlainTextEdit scrolls by line numbers, so without this the text would jump.
        """
        anchor = self.top_position() if self.verticalScrollBar().value() > 0 else None
        try:
            yield
        finally:
            if anchor is not None:
                self.scroll_to_position(anchor)

    def _on_session_layer_changed(self, change: Change) -> None:
        self.highlighter.set_sources(self._session_indexes(), self.session.offsets, rehighlight=False)
        self.highlighter.refresh(change.start, change.end)
        if change.layer == FURNITURE_LAYER:
            self._apply_furniture_mode()

    def _session_indexes(self) -> dict:
        return {name: self.session.layer(name) for name in self.session.layer_names()}

    # -- selection and positions (code points) -----------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code points ``(start, end)``, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        offsets = self.session.offsets
        return offsets.from_qt(cursor.selectionStart()), offsets.from_qt(cursor.selectionEnd())

    def cursor_position(self) -> int:
        return self.session.offsets.from_qt(self.textCursor().position())

    def select_span(self, start: int, end: int, *, flash: bool = True) -> None:
        """Select ``[start, end)`` (code points) and scroll it into the upper third of the view."""
        offsets = self.session.offsets
        self.highlighter.ensure_highlighted(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        block = cursor.block()
        if not block.isVisible():  # inside folded furniture: unfold rather than select hidden text
            self.set_furniture_mode("dim")
        self.setTextCursor(cursor)
        self._scroll_to_cursor()
        if flash:
            color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            color.setAlpha(90)
            self.overlays.flash(start, end, color, offsets)

    def position_at(self, point: QPoint) -> int:
        """Code point under ``point`` (viewport coordinates), or -1 when not over text."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(point.y() - rect.center().y()) > rect.height():
            return -1
        pos = cursor.position()
        # cursorForPosition snaps to the nearest gap; step back when the point is left of it.
        if point.x() < rect.x() and pos > 0:
            pos -= 1
        block = cursor.block()
        if pos >= block.position() + block.length() - 1:
            return -1
        return self.session.offsets.from_qt(pos)

    def top_position(self) -> int:
        """Code point of the first character visible at the top (to restore the scroll position)."""
        cursor = self.cursorForPosition(QPoint(0, 0))
        return self.session.offsets.from_qt(cursor.position())

    def scroll_to_position(self, position: int) -> None:
        """Scroll so that the line holding code point ``position`` is at the top (cursor untouched)."""
        offsets = self.session.offsets
        doc = self.document()
        qpos = min(offsets.to_qt(max(0, position)), max(0, doc.characterCount() - 1))
        block = doc.findBlock(qpos)
        if not block.isValid():
            return
        if not block.isVisible():  # folded away: the next line that is shown (else the last one)
            following = block
            while following.isValid() and not following.isVisible():
                following = following.next()
            if not following.isValid():
                following = block
                while following.isValid() and not following.isVisible():
                    following = following.previous()
            if not following.isValid():
                return
            block, qpos = following, following.position()
        layout = block.layout()
        if layout.lineCount() == 0:
            doc.documentLayout().blockBoundingRect(block)  # lays the block out
        line = layout.lineForTextPosition(qpos - block.position()) if layout.lineCount() else None
        # QPlainTextEdit scrolls by lines: the scroll bar's value is the top line's number.
        self.verticalScrollBar().setValue(block.firstLineNumber() + (line.lineNumber() if line and
                                                                     line.isValid() else 0))

    def restore_position(self, position: int) -> None:
        """Scroll to ``position`` now, or once the view is shown with its real size."""
        if self.isVisible():
            self.scroll_to_position(position)
            self._pending_top = None
        else:
            self._pending_top = position

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if getattr(self, "_pending_top", None) is not None:
            top, self._pending_top = self._pending_top, None
            QTimer.singleShot(0, lambda: self.scroll_to_position(top))

    def _scroll_to_cursor(self) -> None:
        self.ensureCursorVisible()
        rect = self.cursorRect()
        height = self.viewport().height()
        if rect.top() > height * 0.6 or rect.top() < height * 0.1:
            lines = int((rect.top() - height / 3) / max(1.0, QFontMetricsF(self.font()).lineSpacing()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + lines)

    def _on_selection_changed(self) -> None:
        self.selection_changed_span.emit(self.selected_span())

    # -- page furniture ----------------------------------------------------------------------

    def set_furniture_mode(self, mode: str) -> None:
        """``dim`` (default) greys text outside the article body, ``hide`` folds it, ``show`` leaves it."""
        if mode not in FURNITURE_MODES:
            mode = "dim"
        if mode == self.furniture_mode:
            return
        self.furniture_mode = mode
        with self.keeping_position():
            self.highlighter.set_layer_visible(FURNITURE_LAYER, mode != "show")
            self._apply_furniture_mode()

    def _apply_furniture_mode(self) -> None:
        doc = self.document()
        hide = self.furniture_mode == "hide"
        if not hide and not getattr(self, "_folded", False):
            return  # nothing is folded and nothing should be: no need to visit every block
        self._folded = hide
        furniture = self.session.layer(FURNITURE_LAYER)
        offsets = self.session.offsets
        changed = False
        block = doc.firstBlock()
        while block.isValid():
            visible = True
            if hide and furniture:
                cp0 = offsets.from_qt(block.position())
                cp1 = cp0 + len(block.text())
                spans = furniture.overlapping(cp0, max(cp1, cp0 + 1))
                # A block is folded when furniture covers all of it (blank lines inside count too).
                visible = not (spans and spans[0].start <= cp0 and spans[-1].end >= cp1
                               and _covers(spans, cp0, cp1))
            if block.isVisible() != visible:
                block.setVisible(visible)
                changed = True
            block = block.next()
        if changed:
            doc.markContentsDirty(0, doc.characterCount())
            self.viewport().update()

    # -- zoom --------------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        percent = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], int(percent)))
        if percent == self._zoom:
            return
        with self.keeping_position():
            self._zoom = percent
            self._apply_font()
        self.zoom_changed.emit(percent)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom), ZOOM_STEPS[0]))

    def zoom_reset(self) -> None:
        self.set_zoom(100)

    def _apply_font(self) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * self._zoom / 100.0)
        self.setFont(font)
        self._update_margins()
        if hasattr(self, "highlighter"):
            self.highlighter.set_reading_layout(font)

    def set_reading_font(self, font: QFont) -> None:
        self._base_font = QFont(font)
        self._apply_font()

    def _update_margins(self) -> None:
        width = self.width() - (self.verticalScrollBar().sizeHint().width()
                                if self.verticalScrollBar().isVisible() else 0)
        column = QFontMetricsF(self.font()).averageCharWidth() * COLUMN_EMS * 1.9
        side = max(MIN_MARGIN, int((width - column) / 2))
        self.setViewportMargins(side, 8, side, 8)

    # -- Qt overrides ------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Large documents are formatted lazily: format what is about to be painted first.
        self.highlighter.ensure_visible()
        super().paintEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # The side margins grow with the width; they must not make the widget refuse to shrink.
        return QSize(240, 120)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 600)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Keep the reading position: the first visible character stays at the top when the text
        # rewraps (window or panel resized, zoom), as a reader expects.
        anchor = None
        if event.oldSize().width() > 0 and event.oldSize().width() != event.size().width() \
                and self.document().characterCount() > 1 and self.verticalScrollBar().value() > 0:
            anchor = self.top_position()
        super().resizeEvent(event)
        self._update_margins()
        if anchor is not None:
            self.scroll_to_position(anchor)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        position = self.position_at(self.viewport().mapFromGlobal(event.globalPos()))
        self.context_menu_requested.emit(event.globalPos(), position)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            position = self.position_at(event.pos())
            lines = self.highlighter.describe(position) if position >= 0 else []
            if lines:
                # Escaped explicitly: an entity's text may look like HTML and must show literally.
                body = "<br>".join(html.escape(line) for line in lines)
                QToolTip.showText(event.globalPos(), f"<p style='white-space:pre'>{body}</p>", self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "highlighter"):
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "highlighter"):
            dark = theme.is_dark(self.palette())
            self.furniture_layer.palette = self.palette()
            self._dark = dark
            self.highlighter.set_dark(dark, self.palette())
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setPlaceholderText(translate("DocumentView", "Choose a document in the corpus list to read it."))
        self.setAccessibleName(translate("DocumentView", "Document text"))


def _covers(spans, start: int, end: int) -> bool:
    pos = start
    for span in spans:
        if span.start > pos:
            return False
        pos = max(pos, span.end)
        if pos >= end:
            return True
    return pos >= end
