"""The legend above the reader: one toggle per highlight type, with its colour, style and count."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

from rusus_desktop.ui import theme

translate = QCoreApplication.translate


class LegendBar(QWidget):
    """Checkable chips sharing state with the View menu's actions (``ReaderActions.show_types``)."""

    def __init__(self, type_actions: dict[str, QAction], furniture_actions: dict[str, QAction],
                 fold_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendBar")
        # Never let the legend hold the reader wider than the window allows; chips past the edge clip.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(2)
        self.chips: dict[str, QToolButton] = {}
        self._counts: dict[str, int | None] = {}
        self._compact = False
        self._actions = type_actions
        for key, action in type_actions.items():
            chip = QToolButton(self)
            chip.setObjectName(f"legend{key.title()}")
            chip.setDefaultAction(action)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setAutoRaise(True)
            chip.setIconSize(QSize(16, 16))
            chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            layout.addWidget(chip)
            self.chips[key] = chip
            action.changed.connect(lambda k=key: self._refresh_chip(k))
        layout.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("legendStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.status)
        self.furniture = QToolButton(self)
        self.furniture.setObjectName("legendFurniture")
        self.furniture.setDefaultAction(fold_action)
        self.furniture.setAutoRaise(True)
        self.furniture.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.furniture.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        menu = QMenu(self.furniture)
        for action in furniture_actions.values():
            menu.addAction(action)
        self.furniture.setMenu(menu)
        layout.addWidget(self.furniture)
        # Flat chips: a hidden type shows a grey swatch and grey text rather than a raised button.
        self.setStyleSheet(
            "#legendBar QToolButton { border: none; border-radius: 4px; padding: 3px 7px; }"
            "#legendBar QToolButton:hover { background: palette(midlight); }"
            "#legendBar QToolButton:checked { background: transparent; color: palette(window-text); }"
            "#legendBar QToolButton:checked:hover { background: palette(midlight); }"
            "#legendBar QToolButton:!checked { color: palette(dark); }"
            "#legendBar QToolButton#legendFurniture { color: palette(window-text); }")
        self.retranslate()

    def set_counts(self, counts: dict[str, int] | None) -> None:
        """Occurrences per type in the open document (None: not analysed yet)."""
        self._counts = dict(counts) if counts is not None else {}
        QTimer.singleShot(0, self._update_compact)  # once the layout has settled
        for key in self.chips:
            self._refresh_chip(key)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def _refresh_chip(self, key: str) -> None:
        chip = self.chips[key]
        action = self._actions[key]
        count = self._counts.get(key)
        label = theme.HIGHLIGHT_STYLES[key].label
        # The action's text stays the bare type name (menus); the chip adds the count. When the
        # reader is narrow the chips show only swatch and count (the name is in the tool tip).
        if self._compact:
            chip.setText(str(count) if count is not None else "")
        else:
            chip.setText(f"{label} {count}" if count is not None else label)
        chip.setToolTip(f"{label}: {action.toolTip()}" if self._compact else action.toolTip())

    def _fits(self) -> bool:
        """Whether the chips fit with their names (icon, padding and spacing ~ 36 px each)."""
        labels = sum(QFontMetrics(c.font()).horizontalAdvance(
            f"{theme.HIGHLIGHT_STYLES[k].label} {self._counts.get(k, '')}") + 36 for k, c in self.chips.items())
        status = self.status.sizeHint().width() if self.status.text() else 0
        return labels + self.furniture.sizeHint().width() + status + 24 <= self.width()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_compact()

    def _update_compact(self) -> None:
        compact = not self._fits()
        if compact != self._compact:
            self._compact = compact
            for key in self.chips:
                self._refresh_chip(key)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setAccessibleName(translate("LegendBar", "Highlight types"))
        for key in self.chips:
            self._refresh_chip(key)
