"""A row of flat icon buttons, as the side panels put under their lists."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from rusus_desktop.ui import icons


def tool_button_row(parent: QWidget, prefix: str,
                    specs: Sequence[tuple[str, str, Callable[[], object]]]
                    ) -> tuple[QHBoxLayout, dict[str, QToolButton]]:
    """Build auto-raised icon buttons from ``(key, icon name, slot)`` specs.

    Each button is named ``<prefix>_<key>`` (tests and style sheets find it by that name). Returns
    the row's layout, so the caller can add a stretch and its own widgets, and the buttons by key.
    """
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    buttons: dict[str, QToolButton] = {}
    for key, icon_name, slot in specs:
        button = QToolButton(parent)
        button.setObjectName(f"{prefix}_{key}")
        button.setAutoRaise(True)
        button.setIcon(icons.icon(icon_name))
        button.clicked.connect(slot)
        buttons[key] = button
        row.addWidget(button)
    return row, buttons
