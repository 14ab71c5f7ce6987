"""The corpus list's title column while searching: the title, and under it the hit's snippet.

Installed by ``CorpusPanel`` on the first search (a row without a snippet is drawn exactly as by
the view's default delegate, so the window's start-up does without this module).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from rusus_desktop.store.folding import fold, query_terms
from rusus_desktop.ui.models import QueryRole, SnippetRole


class TitleDelegate(QStyledItemDelegate):
    """Draws the title; under it, when searching, the hit's snippet with the matched words bold."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.data(SnippetRole):
            size.setHeight(size.height() + QFontMetrics(self._snippet_font(option.font)).lineSpacing() + 2)
        return size

    @staticmethod
    def _snippet_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return small

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        snippet = index.data(SnippetRole)
        if not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        text_color = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(4, 2, -4, -2)
        fm = QFontMetrics(opt.font)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(text_color)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), fm.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        small = self._snippet_font(opt.font)
        bold = QFont(small)
        bold.setBold(True)
        sfm, bfm = QFontMetrics(small), QFontMetrics(bold)
        y = rect.top() + fm.lineSpacing() + 1
        x = rect.left()
        right = rect.right()
        # Drawn as plain runs of text (never as rich text): a snippet may contain markup-like text.
        for piece, is_hit in _split_hits(snippet, index.data(QueryRole) or ""):
            font, metrics = (bold, bfm) if is_hit else (small, sfm)
            painter.setFont(font)
            painter.setPen(text_color if is_hit else dim)
            width = metrics.horizontalAdvance(piece)
            if x + width > right:
                piece = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, right - x)
                painter.drawText(x, y + metrics.ascent(), piece)
                break
            painter.drawText(x, y + metrics.ascent(), piece)
            x += width
        painter.restore()


def _split_hits(snippet: str, query: str) -> list[tuple[str, bool]]:
    """Cut ``snippet`` into runs, flagging words that start with a query term (diacritics optional)."""
    terms = query_terms(query)
    if not terms:
        return [(snippet, False)]
    folded = fold(snippet)
    marks = [False] * len(snippet)
    for term in terms:
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"\w*", folded):
            for i in range(m.start(), m.end()):
                marks[i] = True
    runs: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(snippet) + 1):
        if i == len(snippet) or marks[i] != marks[start]:
            runs.append((snippet[start:i], marks[start]))
            start = i
    return runs
