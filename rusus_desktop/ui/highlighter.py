"""Highlighting the reader: a lazy syntax highlighter over the session's span indexes (STYLE §3.8).

The highlighter holds named :class:`HighlightLayer` objects, drawn in ``z`` order (a higher layer's
format properties win where they set the same property). For each text block it formats (those on
screen first; see :class:`SpanHighlighter`), it finds the block's code-point range, asks each visible layer's ``SpanIndex`` for
the spans there, cuts the block at every span boundary (``corpus.spans.segments``) and sets one
merged ``QTextCharFormat`` per piece. Formats are cached per combination of span keys, so a
document with 50k spans builds only a few dozen formats. Nothing is written into the document:
formats live in the block layouts and vanish with them (no ``mergeCharFormat``, no HTML).

To add a layer (issue 5's annotations): subclass :class:`HighlightLayer`, implement
``char_format(key)`` (and ``compose`` for how overlapping spans of that layer look), then
``highlighter.add_layer(layer)``. After a change call ``highlighter.refresh(start, end)``.
"""
from __future__ import annotations

import time
from collections.abc import Hashable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)

from rusus_desktop.corpus.spans import Span, SpanIndex, segments
from rusus_desktop.corpus.text import OffsetMap
from rusus_desktop.ui import theme

translate = QCoreApplication.translate

# The paragraph-gap space is looked for among the first characters of a paragraph (about half of
# the shortest reading line), so the gap stays above the paragraph's first line.
GAP_SEARCH_LIMIT = 36


class HighlightLayer:
    """One kind of highlight (entities, dates, annotations …) with its own formats and visibility.

    Args:
        name: the session layer it draws (``session.layer(name)``).
        z: drawing order; higher layers are merged last.
    """

    def __init__(self, name: str, z: int = 0) -> None:
        self.name = name
        self.z = z
        self.index = SpanIndex()
        self.visible = True
        self.hidden_labels: set[str] = set()
        self.dark = False
        self.text_color: QColor | None = None  # the palette's text colour (set with set_dark)
        self._formats: dict[Hashable, QTextCharFormat] = {}

    # -- override points ---------------------------------------------------------------------

    def key(self, span: Span) -> Hashable:
        """What decides a span's look (default: its label)."""
        return span.label

    def char_format(self, key: Hashable) -> QTextCharFormat:
        """The format for one key (built once per theme and cached)."""
        raise NotImplementedError

    def compose(self, spans: Sequence[Span]) -> QTextCharFormat | None:
        """The format for a piece of text covered by ``spans`` of this layer (default: merge)."""
        if len(spans) == 1:
            return self.cached_format(self.key(spans[0]))
        fmt = QTextCharFormat()
        for span in spans:
            fmt.merge(self.cached_format(self.key(span)))
        return fmt

    def describe(self, span: Span) -> str:
        """Plain-text tooltip line for a span (shown on hover)."""
        return span.label

    # -- plumbing ----------------------------------------------------------------------------

    def cached_format(self, key: Hashable) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self.char_format(key)
        return fmt

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self._formats.clear()

    def shows(self, span: Span) -> bool:
        return span.label not in self.hidden_labels


def _type_format(style: theme.HighlightStyle, dark: bool, text: QColor | None = None) -> QTextCharFormat:
    """Detected spans: the type's underline style in its colour, and the text nudged towards it.

    No background: backgrounds belong to the analyst's annotations (issue 5), so the two layers
    stay distinct when they overlap.
    """
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(style.color(dark))
    if text is not None:
        fmt.setForeground(theme.mix(text, style.color(dark), 0.55 if dark else 0.6))
    return fmt


class EntityLayer(HighlightLayer):
    """PER/ORG/LOC/MISC: a tint and an underline in the type's colour and style."""

    def __init__(self, z: int = 10) -> None:
        super().__init__("entities", z)

    def char_format(self, key: Hashable) -> QTextCharFormat:
        style = theme.HIGHLIGHT_STYLES.get(str(key), theme.HIGHLIGHT_STYLES["MISC"])
        return _type_format(style, self.dark, self.text_color)

    def describe(self, span: Span) -> str:
        style = theme.HIGHLIGHT_STYLES.get(span.label)
        kind = style.label if style else span.label
        return translate("Highlighter", "{kind}: {text}").format(kind=kind, text=span.ref.text
                                                                 if span.ref is not None else "")


class DateLayer(HighlightLayer):
    """Date expressions; the tooltip gives the normalised value."""

    def __init__(self, z: int = 20) -> None:
        super().__init__("dates", z)

    def char_format(self, key: Hashable) -> QTextCharFormat:
        return _type_format(theme.HIGHLIGHT_STYLES["DATE"], self.dark, self.text_color)

    def describe(self, span: Span) -> str:
        date = span.ref
        label = theme.HIGHLIGHT_STYLES["DATE"].label
        if date is None:
            return label
        value = date.value or translate("Highlighter", "no exact value")
        line = translate("Highlighter", "{kind}: {value}").format(kind=label, value=value)
        if getattr(date, "mod", None):
            line += f" ({date.mod})"
        return line


class FurnitureLayer(HighlightLayer):
    """Page furniture (related-news lists, navigation …): dimmed text."""

    def __init__(self, palette: QPalette, z: int = 0) -> None:
        super().__init__("furniture", z)
        self.palette = palette

    def char_format(self, key: Hashable) -> QTextCharFormat:
        fmt = QTextCharFormat()
        text = self.palette.color(QPalette.ColorRole.Text)
        base = self.palette.color(QPalette.ColorRole.Base)
        fmt.setForeground(theme.mix(text, base, 0.55))
        return fmt

    def describe(self, span: Span) -> str:
        return translate("Highlighter", "Page furniture (outside the article)")


class SpanHighlighter(QObject):
    """Formats blocks from the layers' span indexes. See the module docstring.

    Works like a ``QSyntaxHighlighter`` (formats go into each block's layout, never into the
    document), but lazily: a ``QSyntaxHighlighter`` formats every block of a document as soon as
    it is set, which for a 1 MB article costs ten times what Qt needs to show the plain text.
    Here small documents are formatted at once; large ones block by block as they come into view
    (``ensure_visible``, called by the view before it paints) and in idle time after that.
    """

    EAGER_BLOCKS = 800  # documents with up to this many blocks are formatted at once
    IDLE_SLICE = 0.006  # seconds of idle-time formatting per event-loop turn

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._doc = document
        self._layers: list[HighlightLayer] = []
        self.offsets = OffsetMap("")
        self._compose_cache: dict[tuple, QTextCharFormat] = {}
        self.blocks_highlighted = 0  # for tests and benchmarks
        self._gap_format: QTextCharFormat | None = None
        self._title_format: QTextCharFormat | None = None
        self.title_length = 0  # code points of the first line when it is the document's title
        self.view = None  # the QPlainTextEdit showing the document (for the visible range)
        self._generation = 1
        self._done: dict[int, int] = {}  # block number -> generation its formats belong to
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._idle_step)
        self._idle_next = 0
        # Idle formatting starts once the reader has settled, so it never competes with showing
        # a freshly opened document.
        self._idle_delay = QTimer(self)
        self._idle_delay.setSingleShot(True)
        self._idle_delay.setInterval(250)
        self._idle_delay.timeout.connect(self._idle.start)

    def document(self) -> QTextDocument:
        return self._doc

    # -- reading layout ----------------------------------------------------------------------

    def set_reading_layout(self, font: QFont, *, paragraph_gap: float = 0.55, title_scale: float = 1.3) -> None:
        """Space between paragraphs and a larger title line, for the reader's ``font``.

        QPlainTextEdit's layout ignores block margins and line height, but a line is as tall as its
        largest glyph. So one space in the first line of each paragraph gets a larger point size (and
        a negative letter spacing that gives back the extra width): the line grows upwards by about
        ``paragraph_gap`` of a line, which reads as space between paragraphs. Layout only: the
        document's text and formats are untouched. ``paragraph_gap=0`` turns it off.
        """
        size = font.pointSizeF() if font.pointSizeF() > 0 else 12.0
        self._gap_format = None
        if paragraph_gap > 0:
            big = QFont(font)
            big.setPointSizeF(size * (1.0 + paragraph_gap * 1.6))
            extra = QFontMetricsF(big).horizontalAdvance(" ") - QFontMetricsF(font).horizontalAdvance(" ")
            fmt = QTextCharFormat()
            fmt.setFontPointSize(big.pointSizeF())
            fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            fmt.setFontLetterSpacing(-extra)
            self._gap_format = fmt
        self._title_format = None
        if title_scale and title_scale != 1.0:
            fmt = QTextCharFormat()
            fmt.setFontPointSize(size * title_scale)
            fmt.setFontWeight(QFont.Weight.DemiBold)
            self._title_format = fmt
        self.rehighlight()

    # -- layers ------------------------------------------------------------------------------

    def add_layer(self, layer: HighlightLayer) -> HighlightLayer:
        self._layers = sorted([*(x for x in self._layers if x.name != layer.name), layer], key=lambda x: x.z)
        self._compose_cache.clear()
        return layer

    def layer(self, name: str) -> HighlightLayer | None:
        return next((x for x in self._layers if x.name == name), None)

    @property
    def layers(self) -> list[HighlightLayer]:
        return list(self._layers)

    def set_sources(self, indexes: dict[str, SpanIndex], offsets: OffsetMap, *, rehighlight: bool = True) -> None:
        """Point every layer at the session's current span index of the same name."""
        self.offsets = offsets
        for layer in self._layers:
            layer.index = indexes.get(layer.name, SpanIndex())
        if rehighlight:
            self.rehighlight()

    def set_layer_visible(self, name: str, visible: bool) -> None:
        layer = self.layer(name)
        if layer is not None and layer.visible != visible:
            layer.visible = visible
            self.rehighlight()

    def set_label_visible(self, name: str, label: str, visible: bool) -> None:
        layer = self.layer(name)
        if layer is None:
            return
        before = set(layer.hidden_labels)
        (layer.hidden_labels.discard if visible else layer.hidden_labels.add)(label)
        if layer.hidden_labels != before:
            self.rehighlight()

    def set_dark(self, dark: bool, palette: QPalette | None = None) -> None:
        for layer in self._layers:
            if palette is not None:
                layer.text_color = palette.color(QPalette.ColorRole.Text)
                if isinstance(layer, FurnitureLayer):
                    layer.palette = palette
            layer.set_dark(dark)
        self._compose_cache.clear()
        self.rehighlight()

    # -- refreshing --------------------------------------------------------------------------

    def document_replaced(self) -> None:
        """The view set new text: nothing is formatted yet (call before ``rehighlight``)."""
        self._done.clear()
        self._generation += 1
        self._idle.stop()
        self._idle_delay.stop()
        self._idle_next = 0

    def rehighlight(self) -> None:
        """Re-format the document: at once when small, else the visible part now, the rest when idle."""
        self._generation += 1
        doc = self._doc
        if doc.blockCount() <= self.EAGER_BLOCKS:
            self._idle.stop()
            self._idle_delay.stop()
            self._highlight_range(doc.firstBlock(), doc.lastBlock())
            return
        self.ensure_visible()
        self._idle_next = 0
        self._idle.stop()
        self._idle_delay.start()

    def rehighlightBlock(self, block: QTextBlock) -> None:  # noqa: N802 - QSyntaxHighlighter's name
        self._highlight_range(block, block)

    def refresh(self, start: int, end: int) -> None:
        """Re-format only the blocks touching code points ``[start, end)`` (now, seen or not)."""
        doc = self._doc
        qstart, qend = self.offsets.to_qt(start), self.offsets.to_qt(max(start, end))
        first = doc.findBlock(qstart)
        last = doc.findBlock(qend)
        if not first.isValid():
            return
        self._highlight_range(first, last if last.isValid() else doc.lastBlock())

    def ensure_highlighted(self, start: int, end: int) -> None:
        """Make sure the blocks over code points ``[start, end)`` carry current formats."""
        doc = self._doc
        block = doc.findBlock(self.offsets.to_qt(start))
        last = doc.findBlock(self.offsets.to_qt(max(start, end)))
        last_number = last.blockNumber() if last.isValid() else doc.blockCount() - 1
        self._highlight_stale(block, last_number)

    def ensure_visible(self) -> None:
        """Format the blocks in (and just below) the view's viewport that are not current yet.

        The visible range is estimated from text lengths rather than measured: measuring would lay
        the blocks out once without their formats and then again with them.
        """
        view = self.view
        if view is None:
            return
        block = view.firstVisibleBlock()
        if not block.isValid():
            return
        metrics = QFontMetricsF(view.font())
        viewport = view.viewport()
        per_line = max(20.0, viewport.width() / max(1.0, metrics.averageCharWidth()))
        lines_left = 1.5 * viewport.height() / max(1.0, metrics.lineSpacing()) + 2
        last = block
        b = block
        while b.isValid() and lines_left > 0:
            if b.isVisible():
                lines_left -= max(1.0, b.length() / per_line)
            last = b
            b = b.next()
        self._highlight_stale(block, last.blockNumber())

    def _highlight_stale(self, block: QTextBlock, last_number: int) -> None:
        generation, done = self._generation, self._done
        run_start = None
        while block.isValid() and block.blockNumber() <= last_number:
            if done.get(block.blockNumber()) != generation:
                if run_start is None:
                    run_start = block
                run_end = block
            elif run_start is not None:
                self._highlight_range(run_start, run_end)
                run_start = None
            block = block.next()
        if run_start is not None:
            self._highlight_range(run_start, run_end)

    def _idle_step(self) -> None:
        deadline = time.perf_counter() + self.IDLE_SLICE
        doc = self._doc
        block = doc.findBlockByNumber(self._idle_next)
        generation, done = self._generation, self._done
        first = last = None
        while block.isValid() and time.perf_counter() < deadline:
            if done.get(block.blockNumber()) != generation:
                self._format_block(block)
                first = first or block
                last = block
            block = block.next()
        if first is not None:
            doc.markContentsDirty(first.position(), last.position() + last.length() - first.position())
        if block.isValid():
            self._idle_next = block.blockNumber()
        else:
            self._idle.stop()

    def _highlight_range(self, first: QTextBlock, last: QTextBlock) -> None:
        block = first
        end = last.blockNumber()
        changed_from = changed_to = None
        while block.isValid() and block.blockNumber() <= end:
            if self._format_block(block):
                if changed_from is None:
                    changed_from = block
                changed_to = block
            block = block.next()
        if changed_from is not None:
            # One relayout for the whole run of blocks whose formats changed.
            self._doc.markContentsDirty(changed_from.position(),
                                        changed_to.position() + changed_to.length() - changed_from.position())

    # -- formatting one block ----------------------------------------------------------------

    def _format_block(self, block: QTextBlock) -> bool:
        """Set ``block``'s formats from the layers; True when its layout needs redoing."""
        self.blocks_highlighted += 1
        self._done[block.blockNumber()] = self._generation
        layout = block.layout()
        text = block.text()
        ranges = self._block_ranges(block, text) if text else []
        if not ranges and not layout.formats():
            return False
        formats = []
        for start, length, fmt in ranges:
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start, length, fmt
            formats.append(r)
        layout.setFormats(formats)
        return True

    def _block_ranges(self, block: QTextBlock, text: str) -> list[tuple[int, int, QTextCharFormat]]:
        """``(start, length, format)`` in UTF-16 units within the block, sorted, not overlapping."""
        qpos = block.position()
        offsets = self.offsets
        cp0 = offsets.from_qt(qpos)
        cp1 = cp0 + len(text)  # Python str: code points
        pieces: list[tuple[int, Span]] = []  # (layer position, span)
        for i, layer in enumerate(self._layers):
            if not layer.visible or not layer.index:
                continue
            hidden = layer.hidden_labels
            for span in layer.index.overlapping(cp0, cp1):
                if not hidden or span.label not in hidden:
                    pieces.append((i, span))
        ranges: list[tuple[int, int, QTextCharFormat]] = []
        if pieces:
            by_span = {id(span): i for i, span in pieces}
            for a, b, active in segments([s for _, s in pieces], cp0, cp1):
                fmt = self._format_for(active, by_span)
                if fmt is not None:
                    qa, qb = offsets.to_qt(a) - qpos, offsets.to_qt(b) - qpos
                    ranges.append((qa, qb - qa, fmt))
        # Reading layout last, merged over whatever the layers set.
        if cp0 == 0 and self._title_format is not None and self.title_length:
            ranges = _overlay(ranges, 0, offsets.to_qt(min(self.title_length, cp1)), self._title_format)
        elif self._gap_format is not None and qpos > 0 and block.previous().length() > 1:
            gap = self._gap_position(text, cp0, qpos, ranges)
            if gap is not None:
                ranges = _overlay(ranges, gap, gap + 1, self._gap_format)
        return ranges

    def _gap_position(self, text: str, cp0: int, qpos: int, ranges) -> int | None:
        """Where the paragraph gap goes: the first space early in the paragraph that carries no
        background (a background would be drawn as tall as the line, gap included).

        Prefer a plain space (an underline on the larger space would sit lower); else any space
        without a background; else (an annotation covers the whole first line) any space. Only
        spaces early in the paragraph count: the gap must open above its first line.
        """
        limit = min(len(text), GAP_SEARCH_LIMIT)

        def format_at(q: int) -> QTextCharFormat | None:
            for start, length, fmt in ranges:
                if start <= q < start + length:
                    return fmt
            return None

        for plain_only in (True, False, None):
            i = text.find(" ", 0, limit)
            while i >= 0:
                q = self.offsets.to_qt(cp0 + i) - qpos
                current = format_at(q)
                if current is None or plain_only is None or (
                        not plain_only and current.background().style() == Qt.BrushStyle.NoBrush):
                    return q
                i = text.find(" ", i + 1, limit)
            if not ranges:
                return None
        return None

    def _format_for(self, active: tuple[Span, ...], by_span: dict[int, int]) -> QTextCharFormat | None:
        layers = self._layers
        if len(active) == 1:
            span = active[0]
            return layers[by_span[id(span)]].compose(active)
        key = tuple((by_span[id(s)], layers[by_span[id(s)]].key(s)) for s in active)
        fmt = self._compose_cache.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            for i in sorted({i for i, _ in key}):
                part = layers[i].compose([s for s in active if by_span[id(s)] == i])
                if part is not None:
                    fmt.merge(part)
            self._compose_cache[key] = fmt
        return fmt

    def describe(self, position: int) -> list[str]:
        """Tooltip lines for the visible highlights at code point ``position``."""
        lines = []
        for layer in reversed(self._layers):
            if not layer.visible:
                continue
            for span in layer.index.at(position):
                if layer.shows(span):
                    lines.append(layer.describe(span))
        return lines


def _overlay(ranges: list[tuple[int, int, QTextCharFormat]], a: int, b: int,
             fmt: QTextCharFormat) -> list[tuple[int, int, QTextCharFormat]]:
    """Merge ``fmt`` over ``[a, b)``: covered pieces keep their look plus ``fmt``, gaps get ``fmt``."""
    if b <= a:
        return ranges
    out: list[tuple[int, int, QTextCharFormat]] = []
    pos = a
    for start, length, current in ranges:
        end = start + length
        if end <= a or start >= b:
            out.append((start, length, current))
            continue
        if start < a:
            out.append((start, a - start, current))
        lo, hi = max(start, a), min(end, b)
        if lo > pos:
            out.append((pos, lo - pos, fmt))
        merged = QTextCharFormat(current)
        merged.merge(fmt)
        out.append((lo, hi - lo, merged))
        pos = hi
        if end > b:
            out.append((b, end - b, current))
    if pos < b:
        out.append((pos, b - pos, fmt))
    out.sort(key=lambda r: r[0])
    return out
