"""Highlighting the reader: a QSyntaxHighlighter over the session's span indexes (STYLE §3.8).

The highlighter holds named :class:`HighlightLayer` objects, drawn in ``z`` order (a higher layer's
format properties win where they set the same property). For each text block Qt asks to format,
``highlightBlock`` finds the block's code-point range, asks each visible layer's ``SpanIndex`` for
the spans there, cuts the block at every span boundary (``corpus.spans.segments``) and sets one
merged ``QTextCharFormat`` per piece. Formats are cached per combination of span keys, so a
document with 50k spans builds only a few dozen formats. Nothing is written into the document:
formats live in the block layouts and vanish with them (no ``mergeCharFormat``, no HTML).

To add a layer (issue 5's annotations): subclass :class:`HighlightLayer`, implement
``char_format(key)`` (and ``compose`` for how overlapping spans of that layer look), then
``highlighter.add_layer(layer)``. After a change call ``highlighter.refresh(start, end)``.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

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


class SpanHighlighter(QSyntaxHighlighter):
    """Formats blocks from the layers' span indexes. See the module docstring."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._layers: list[HighlightLayer] = []
        self.offsets = OffsetMap("")
        self._compose_cache: dict[tuple, QTextCharFormat] = {}
        self.blocks_highlighted = 0  # for tests and benchmarks
        self._gap_format: QTextCharFormat | None = None
        self._title_format: QTextCharFormat | None = None
        self.title_length = 0  # code points of the first line when it is the document's title

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

    def refresh(self, start: int, end: int) -> None:
        """Re-highlight only the blocks touching code points ``[start, end)``."""
        doc = self.document()
        if doc is None:
            return
        qstart, qend = self.offsets.to_qt(start), self.offsets.to_qt(max(start, end))
        block = doc.findBlock(qstart)
        last = doc.findBlock(qend)
        last_number = last.blockNumber() if last.isValid() else doc.blockCount() - 1
        while block.isValid() and block.blockNumber() <= last_number:
            self.rehighlightBlock(block)
            block = block.next()

    # -- Qt ----------------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        self.blocks_highlighted += 1
        if not text:
            return
        block = self.currentBlock()
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
        if pieces:
            by_span = {id(span): i for i, span in pieces}
            for a, b, active in segments([s for _, s in pieces], cp0, cp1):
                fmt = self._format_for(active, by_span)
                if fmt is not None:
                    qa, qb = offsets.to_qt(a) - qpos, offsets.to_qt(b) - qpos
                    self.setFormat(qa, qb - qa, fmt)
        # Reading layout last, merged over whatever the layers set.
        if cp0 == 0 and self._title_format is not None and self.title_length:
            self._merge(0, offsets.to_qt(min(self.title_length, cp1)), self._title_format, bool(pieces))
        elif self._gap_format is not None and qpos > 0 and block.previous().length() > 1:
            self._set_gap(text, cp0, qpos, bool(pieces))

    def _merge(self, start: int, length: int, fmt: QTextCharFormat, layered: bool) -> None:
        if not layered:
            self.setFormat(start, length, fmt)
            return
        pos, end = start, start + length
        while pos < end:  # walk runs of equal format so each keeps its layer look
            current = self.format(pos)
            run = pos + 1
            while run < end and self.format(run) == current:
                run += 1
            merged = QTextCharFormat(current)
            merged.merge(fmt)
            self.setFormat(pos, run - pos, merged)
            pos = run

    def _set_gap(self, text: str, cp0: int, qpos: int, layered: bool) -> None:
        """Give the paragraph's first space without a background the paragraph-gap format.

        (A background would be drawn as tall as the line, gap included.)
        """
        # Prefer a plain space (an underline on the larger space would sit lower); else any space
        # without a background; else (an annotation covers the whole first line) any space. Only
        # spaces early in the paragraph count: the gap must open above its first line, not in the
        # middle of the paragraph.
        limit = min(len(text), GAP_SEARCH_LIMIT)
        for plain_only in (True, False, None):
            i = text.find(" ", 0, limit)
            while i >= 0:
                q = self.offsets.to_qt(cp0 + i) - qpos
                current = self.format(q) if layered else None
                if current is None or plain_only is None or (
                        current.isEmpty() if plain_only else current.background().style() == Qt.BrushStyle.NoBrush):
                    merged = QTextCharFormat(current) if current is not None else QTextCharFormat()
                    merged.merge(self._gap_format)
                    self.setFormat(q, 1, merged)
                    return
                i = text.find(" ", i + 1, limit)
            if not layered:
                return

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

