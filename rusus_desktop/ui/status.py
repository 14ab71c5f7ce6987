"""Status bar pieces: analysis progress with a stop button, and the project file's path."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QToolButton, QWidget

if TYPE_CHECKING:  # the status bar is part of the first paint; the workers load after it
    from rusus_desktop.ui.workers import AnalysisProgress

translate = QCoreApplication.translate


class AnalysisStatus(QWidget):
    """"Analysing 2 of 5 documents" with a progress bar and a stop button; hidden when idle."""

    def __init__(self, cancel_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysisStatus")
        self.label = QLabel(self)
        self.label.setObjectName("analysisLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("analysisProgress")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.bar.setFixedHeight(10)
        self.stop = QToolButton(self)
        self.stop.setObjectName("analysisStop")
        self.stop.setDefaultAction(cancel_action)
        self.stop.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)
        self._progress: AnalysisProgress | None = None
        self.setVisible(False)

    def set_progress(self, progress: AnalysisProgress | None) -> None:
        self._progress = progress
        if progress is None:
            self.setVisible(False)
            return
        self.setVisible(True)
        self.bar.setValue(int(progress.fraction * 1000))
        self._update_label()

    def _update_label(self) -> None:
        p = self._progress
        if p is None:
            return
        current = min(p.done_docs + 1, p.total_docs)
        self.label.setText(translate("AnalysisStatus", "Analysing document {current} of {total}…").format(
            current=current, total=p.total_docs))
        self.bar.setToolTip(translate("AnalysisStatus", "{percent}% done").format(percent=int(p.fraction * 100)))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._update_label()
        super().changeEvent(event)


class ProjectLabel(QLabel):
    """The open project's file, elided in the middle; the full path is in the tool tip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)
        self.setContentsMargins(6, 0, 6, 0)
        self.path = ""
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_path(self, path: str | Path | None) -> None:
        self.path = str(path) if path else translate("ProjectLabel", "(in memory)")
        self.setToolTip(translate("ProjectLabel", "Project file: {path}").format(path=self.path))
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.path, Qt.TextElideMode.ElideMiddle, max(60, self.width() - 12)))

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        hint.setWidth(min(self.fontMetrics().horizontalAdvance(self.path) + 16, 520))
        return hint
