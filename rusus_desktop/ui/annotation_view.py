"""How the analyst's annotations look and respond in the reader.

* :class:`AnnotationLayer` – a highlighter layer: each tag tints its text with the tag's colour;
  where annotations overlap the tints are mixed and deepened, so overlaps stand out.
* :class:`AnnotationGutter` – side bars in the reader's left margin, one lane per overlapping
  annotation (lanes are stable: assigned by paragraph, not by scroll position), a dot where an
  annotation carries a note. Overlaps stay visibly distinct even when tints are similar.
* :class:`AnnotationInteraction` – mouse behaviour on the text: a drag selection snaps to whole
  words unless Alt is held; a click on annotated text selects that annotation, or offers a picker
  when several overlap there.

Offsets are code points; Qt positions only appear inside these classes (via ``session.offsets``).
"""
from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPainter, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QWidget

from rusus_desktop.corpus.model import Annotation, Tag
from rusus_desktop.corpus.spans import Span
from rusus_desktop.corpus.words import snap_to_words
from rusus_desktop.ui.highlighter import HighlightLayer
from rusus_desktop.ui.session import ANNOTATION_LAYER

translate = QCoreApplication.translate

LANE_WIDTH = 5
BAR_WIDTH = 3
MAX_LANES = 8


def tag_color(tag: Tag | None) -> QColor:
    color = QColor(tag.color) if tag is not None else QColor("#888888")
    return color if color.isValid() else QColor("#888888")


def tag_swatch(color: str | QColor, size: int = 16) -> QIcon:
    """A rounded colour square for menus and lists."""
    icon = QIcon()
    for s in (size, size * 2):
        pixmap = QPixmap(s, s)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = QColor(color)
        p.setPen(c.darker(130))
        p.setBrush(c)
        p.drawRoundedRect(QRectF(s * 0.15, s * 0.15, s * 0.7, s * 0.7), s * 0.15, s * 0.15)
        p.end()
        icon.addPixmap(pixmap)
    return icon


class AnnotationLayer(HighlightLayer):
    """Tag tints over annotated text (spans: label = tag id, ref = Annotation).

    Tints are opaque (the tag colour blended into the page colour): translucent backgrounds of
    adjacent format ranges overlap by a fraction of a pixel and leave visible seams.
    """

    def __init__(self, z: int = 30, *, page: Callable[[], QColor] | None = None) -> None:
        super().__init__(ANNOTATION_LAYER, z)
        self.tags: dict[str, Tag] = {}
        self.page = page or (lambda: QColor("#1e1e1e") if self.dark else QColor("#ffffff"))

    def set_tags(self, tags: Sequence[Tag]) -> None:
        self.tags = {t.id: t for t in tags}
        self._formats.clear()

    def _tint(self, color: QColor, alpha: int) -> QColor:
        a = min(255, alpha + (25 if self.dark else 0)) / 255.0
        base = self.page()
        return QColor.fromRgbF(color.redF() * a + base.redF() * (1 - a), color.greenF() * a + base.greenF() * (1 - a),
                               color.blueF() * a + base.blueF() * (1 - a))

    def char_format(self, key: Hashable) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if isinstance(key, tuple):  # several tags overlap: mixed, deeper tint
            colors = [tag_color(self.tags.get(k)) for k in key]
            r = sum(c.red() for c in colors) // len(colors)
            g = sum(c.green() for c in colors) // len(colors)
            b = sum(c.blue() for c in colors) // len(colors)
            fmt.setBackground(self._tint(QColor(r, g, b), 70 + 30 * min(3, len(colors))))
        else:
            fmt.setBackground(self._tint(tag_color(self.tags.get(str(key))), 64))
        return fmt

    def compose(self, spans: Sequence[Span]) -> QTextCharFormat | None:
        if len(spans) == 1:
            return self.cached_format(spans[0].label)
        return self.cached_format(tuple(sorted(s.label for s in spans)))

    def describe(self, span: Span) -> str:
        tag = self.tags.get(span.label)
        name = tag.name if tag is not None else "?"
        ann: Annotation | None = span.ref
        line = translate("Annotations", "Tag: {tag}").format(tag=name)
        if ann is not None and ann.note:
            note = " ".join(ann.note.split())
            line += " — " + (note if len(note) <= 80 else note[:79] + "…")
        if ann is not None and ann.author:
            line += translate("Annotations", " ({author})").format(author=ann.author)
        return line


class AnnotationGutter(QWidget):
    """Side bars left of the reading column: one lane per overlapping annotation.

    A child of the reader (not of its viewport), placed in the left viewport margin and repainted
    on every ``updateRequest``. Clicking a bar emits ``clicked`` with the annotations under it.
    """

    clicked = Signal(list, QPoint)  # [Annotation], global position

    def __init__(self, view, session) -> None:
        super().__init__(view)
        self.setObjectName("annotationGutter")
        self.view = view
        self.session = session
        self.tags: dict[str, Tag] = {}
        self.current_id: str | None = None
        self.lanes: dict[str, int] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        view.updateRequest.connect(self._on_view_update_request)
        view.viewport().installEventFilter(self)
        self._reposition()
        self.show()

    # -- data ------------------------------------------------------------------------------

    def set_tags(self, tags: Sequence[Tag]) -> None:
        self.tags = {t.id: t for t in tags}
        self.update()

    def recompute(self) -> None:
        """Assign lanes by paragraph overlap (stable while scrolling and resizing)."""
        doc = self.view.document()
        offsets = self.session.offsets
        spans = sorted(self.session.layer(ANNOTATION_LAYER), key=lambda s: (s.start, -s.end))
        lane_end: list[int] = []  # last block number used in each lane
        lanes: dict[str, int] = {}
        for span in spans:
            b0 = doc.findBlock(offsets.to_qt(span.start)).blockNumber()
            b1 = doc.findBlock(offsets.to_qt(max(span.start, span.end - 1))).blockNumber()
            for lane, last in enumerate(lane_end):
                if last < b0:
                    lane_end[lane] = b1
                    break
            else:
                lane = len(lane_end)
                lane_end.append(b1)
            lanes[span.ref.id] = lane
        self.lanes = lanes
        self._reposition()
        self.update()

    # -- geometry --------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._reposition()
        return False

    def _lane_count(self) -> int:
        return min(MAX_LANES, max(self.lanes.values(), default=-1) + 1)

    def _reposition(self) -> None:
        vp = self.view.viewport().geometry()
        room = max(0, vp.x() - 2)
        width = min(room, max(1, self._lane_count()) * LANE_WIDTH + 6)
        self.setGeometry(vp.x() - width - 1, vp.y(), width, vp.height())

    def _on_view_update_request(self, _rect, _dy) -> None:
        self.update()

    # -- painting --------------------------------------------------------------------------

    def _visible_range(self) -> tuple[int, int, float]:
        view = self.view
        block = view.firstVisibleBlock()
        if not block.isValid():
            return 0, 0, 0.0
        offsets = self.session.offsets
        start = offsets.from_qt(block.position())
        height = view.viewport().height()
        offset = view.contentOffset()
        last = block
        while block.isValid():
            top = view.blockBoundingGeometry(block).translated(offset).top()
            if top > height:
                break
            last = block
            block = block.next()
        end = offsets.from_qt(last.position() + last.length())
        return start, end, float(height)

    def _line_y(self, position: int, bottom: bool) -> float | None:
        view = self.view
        qpos = self.session.offsets.to_qt(position)
        block = view.document().findBlock(qpos)
        if not block.isValid() or not block.isVisible():
            return None
        geom = view.blockBoundingGeometry(block).translated(view.contentOffset())
        line = block.layout().lineForTextPosition(qpos - block.position())
        if not line.isValid():
            return geom.bottom() if bottom else geom.top()
        return geom.top() + line.y() + (line.height() if bottom else 0.0)

    def bars(self) -> list[tuple[Annotation, QRectF]]:
        """Each visible annotation's bar rectangle (gutter coordinates)."""
        if self.session.document is None:
            return []
        start, end, height = self._visible_range()
        out = []
        for span in self.session.layer(ANNOTATION_LAYER).overlapping(start, max(end, start + 1)):
            ann = span.ref
            lane = min(self.lanes.get(ann.id, 0), MAX_LANES - 1)
            y0 = self._line_y(ann.start, False)
            y1 = self._line_y(max(ann.start, ann.end - 1), True)
            y0 = -2.0 if y0 is None or ann.start < start else y0
            y1 = height + 2 if y1 is None or ann.end > end else y1
            x = self.width() - 3 - (lane + 1) * LANE_WIDTH
            out.append((ann, QRectF(x, y0 + 1, BAR_WIDTH, max(4.0, y1 - y0 - 2))))
        return out

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for ann, rect in self.bars():
            color = tag_color(self.tags.get(ann.tag_id))
            if ann.id == self.current_id:
                p.setPen(color.darker(160))
                p.setBrush(color)
                p.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 2, 2)
            else:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(rect, 1.5, 1.5)
            if ann.note:
                p.setPen(color.darker(170))
                p.setBrush(self.palette().base())
                p.drawEllipse(QRectF(rect.center().x() - 2.5, rect.top() - 1, 5, 5))
        p.end()

    def annotations_at(self, point: QPoint) -> list[Annotation]:
        return [ann for ann, rect in self.bars() if rect.adjusted(-1, -1, 1, 1).contains(point.toPointF())]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        anns = self.annotations_at(event.position().toPoint())
        if anns:
            self.clicked.emit(anns, event.globalPosition().toPoint())
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            anns = self.annotations_at(event.pos())
            if anns:
                from PySide6.QtWidgets import QToolTip

                lines = [describe_annotation(a, self.tags.get(a.tag_id)) for a in anns]
                QToolTip.showText(event.globalPos(), "<br>".join(html.escape(x) for x in lines), self)
                return True
        return super().event(event)


def describe_annotation(ann: Annotation, tag: Tag | None, width: int = 48) -> str:
    quote = " ".join(ann.quote.split())
    if len(quote) > width:
        quote = quote[: width - 1] + "…"
    return f"{tag.name if tag else '?'}: “{quote}”"


class AnnotationInteraction(QObject):
    """Mouse behaviour over the reader's text (an event filter on its viewport).

    Signals:
        annotations_clicked(list, QPoint): annotations under a plain click (shortest first) and
            the global position; the annotator selects one or shows the picker.
    """

    annotations_clicked = Signal(list, QPoint)

    def __init__(self, view, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.session = session
        self.snap_words = True
        self._press: QPoint | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            press, self._press = self._press, None
            dragged = press is not None and (pos - press).manhattanLength() > 3
            gpos = event.globalPosition().toPoint()
            # After the view has finished its own handling of the release (selection final).
            QTimer.singleShot(0, lambda: self._after_release(pos, gpos, alt, dragged))
        return False

    def _after_release(self, pos: QPoint, gpos: QPoint, alt: bool, dragged: bool) -> None:
        if self.session.document is None:
            return
        if self.view.textCursor().hasSelection():
            if self.snap_words and not alt:
                self.snap_selection()
            return
        if dragged:
            return
        position = self.view.position_at(pos)
        if position < 0:
            return
        anns = self.session.annotations_at(position)
        if anns:
            self.annotations_clicked.emit(anns, gpos)

    def snap_selection(self) -> None:
        """Widen the current selection to whole words (keeping its direction)."""
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return
        offsets = self.session.offsets
        anchor, position = cursor.anchor(), cursor.position()
        a, b = offsets.from_qt(min(anchor, position)), offsets.from_qt(max(anchor, position))
        s, e = snap_to_words(self.session.document.text, a, b)
        if (s, e) == (a, b) or s == e:
            return
        new = QTextCursor(self.view.document())
        if anchor <= position:
            new.setPosition(offsets.to_qt(s))
            new.setPosition(offsets.to_qt(e), QTextCursor.MoveMode.KeepAnchor)
        else:
            new.setPosition(offsets.to_qt(e))
            new.setPosition(offsets.to_qt(s), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(new)


def picker_menu(anns: Sequence[Annotation], tags: dict[str, Tag], parent: QWidget) -> QMenu:
    """A menu listing overlapping annotations; each action's data is the annotation."""
    menu = QMenu(parent)
    menu.setObjectName("annotationPicker")
    menu.setToolTipsVisible(True)
    header = menu.addAction(translate("Annotations", "Several annotations here — choose one:"))
    header.setEnabled(False)
    for ann in anns:
        tag = tags.get(ann.tag_id)
        action = menu.addAction(tag_swatch(tag_color(tag)), describe_annotation(ann, tag))
        action.setData(ann)
        if ann.note:
            action.setToolTip(ann.note)
    return menu
