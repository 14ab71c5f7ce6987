"""Find in the open document (Ctrl+F): every hit marked, next/previous, diacritics optional.

Matching folds case and Vietnamese diacritics unless "Match diacritics" is on (``store.folding``
keeps offsets, so a hit in the folded text is the same range in the original).
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from rusus_desktop.store.folding import fold
from rusus_desktop.ui import icons
from rusus_desktop.ui.document_view import DocumentView

translate = QCoreApplication.translate


def find_all(text: str, query: str, *, exact: bool = False, folded_text: str | None = None) -> list[tuple[int, int]]:
    """Code-point ranges of ``query`` in ``text``; case and diacritics are ignored unless ``exact``."""
    if not query:
        return []
    if exact:
        hay, needle = text, query
    else:
        hay = folded_text if folded_text is not None else fold(text)
        needle = fold(query)
    out = []
    i = hay.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = hay.find(needle, i + max(1, len(needle)))
    return out


class FindBar(QWidget):
    """The find bar under the reader. Emits ``closed`` when hidden with Esc or its close button."""

    closed = Signal()

    def __init__(self, view: DocumentView, next_action: QAction, previous_action: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self._folded: tuple[str, str] | None = None  # (doc id, folded text)

        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(240)
        self.exact = QCheckBox(self)
        self.exact.setObjectName("findExact")
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(90)
        prev_button, next_button = QToolButton(self), QToolButton(self)
        prev_button.setDefaultAction(previous_action)
        next_button.setDefaultAction(next_action)
        for b in (prev_button, next_button):
            b.setAutoRaise(True)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("findClose")
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(icons.icon("close"))
        self.close_button.clicked.connect(self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(self.count)
        layout.addWidget(self.exact)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._on_return)
        self.exact.toggled.connect(lambda _c: self.search())
        view.session.document_loaded.connect(lambda _d: self._on_document_changed())
        self.retranslate()

    # -- searching ---------------------------------------------------------------------------

    def open_bar(self) -> None:
        selected = self.view.selected_span()
        if selected is not None and self.view.session.document is not None:
            text = self.view.session.document.text[selected[0]:selected[1]]
            if text and "\n" not in text and len(text) < 200:
                self.edit.setText(text)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.view.overlays.clear("search")
        self.view.overlays.clear("current")
        self.view.setFocus()
        self.closed.emit()

    def search(self) -> None:
        """Mark every hit of the query; select the first one at or after the cursor."""
        self._timer.stop()
        session = self.view.session
        query = self.edit.text()
        doc = session.document
        if doc is None or not query:
            self.hits, self.current = [], -1
            self.view.overlays.clear("search")
            self.view.overlays.clear("current")
            self._update_count()
            return
        exact = self.exact.isChecked()
        folded = None
        if not exact:
            if self._folded is None or self._folded[0] != doc.id:
                self._folded = (doc.id, fold(doc.text))
            folded = self._folded[1]
        self.hits = find_all(doc.text, query, exact=exact, folded_text=folded)
        fmt = QTextCharFormat()
        color = QColor("#f2c14e")
        color.setAlpha(110)
        fmt.setBackground(color)
        self.view.overlays.set("search", self.hits, fmt, session.offsets)
        self.current = -1
        if self.hits:
            start = self.view.cursor_position()
            sel = self.view.selected_span()
            if sel is not None:
                start = sel[0]
            i = bisect.bisect_left(self.hits, (start, -1))
            self._go(i % len(self.hits))
        else:
            self.view.overlays.clear("current")
            self._update_count()

    def find_next(self) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if not self.hits:
            self.search()
            return
        self._go((self.current + 1) % len(self.hits))

    def find_previous(self) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if not self.hits:
            self.search()
            return
        self._go((self.current - 1) % len(self.hits))

    def _go(self, i: int) -> None:
        self.current = i
        start, end = self.hits[i]
        fmt = QTextCharFormat()
        fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
        fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
        self.view.overlays.set("current", [(start, end)], fmt, self.view.session.offsets)
        self.view.select_span(start, end, flash=False)
        self._update_count()

    def _on_return(self) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            self.find_next()

    def _on_document_changed(self) -> None:
        self._folded = None
        if self.isVisible():
            self.search()

    def _update_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(translate("FindBar", "No matches"))
        else:
            self.count.setText(translate("FindBar", "{current} of {total}").format(
                current=self.current + 1, total=len(self.hits)))

    # -- Qt ----------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(translate("FindBar", "Find in document"))
        self.exact.setText(translate("FindBar", "Match case and diacritics"))
        self.exact.setToolTip(translate("FindBar", "When off, “hoa binh” also finds “hòa bình” and “Hoà Bình”"))
        self.close_button.setToolTip(translate("FindBar", "Close the find bar (Esc)"))
        self._update_count()
