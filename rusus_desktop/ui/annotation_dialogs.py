"""Small dialogs of the annotator: deleting a tag in use, the analyst's name, preferences."""
from __future__ import annotations

import getpass
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.corpus.model import Tag
from rusus_desktop.ui.annotation_view import tag_color, tag_swatch

translate = QCoreApplication.translate


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers)
        return ""


class DeleteTagDialog(QDialog):
    """“The tag X is used by N annotations: delete them, or move them to another tag?”"""

    def __init__(self, tag: Tag, uses: int, others: Sequence[Tag], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deleteTagDialog")
        self.setWindowTitle(translate("TagPanel", "Delete Tag"))
        layout = QVBoxLayout(self)
        text = translate("TagPanel", "The tag “{tag}” is used by {n} annotation(s). What should happen to them?")
        label = QLabel(text.format(tag=tag.name, n=uses))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.remove = QRadioButton(translate("TagPanel", "&Delete the annotations with the tag"))
        self.move = QRadioButton(translate("TagPanel", "&Move the annotations to:"))
        self.target = QComboBox()
        self.target.setObjectName("moveTarget")
        for other in others:
            self.target.addItem(tag_swatch(tag_color(other)), other.name, other.id)
        group = QButtonGroup(self)
        group.addButton(self.remove)
        group.addButton(self.move)
        if others:
            self.move.setChecked(True)
        else:
            self.remove.setChecked(True)
            self.move.setEnabled(False)
        self.target.setEnabled(self.move.isChecked())
        self.move.toggled.connect(self.target.setEnabled)
        layout.addWidget(self.remove)
        layout.addWidget(self.move)
        layout.addWidget(self.target)
        hint = QLabel(translate("TagPanel", "You can undo this with Edit ▸ Undo."))
        hint.setEnabled(False)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("TagPanel", "Delete Tag"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def move_to(self) -> str | None:
        """The chosen target tag id, or None to delete the annotations."""
        return self.target.currentData() if self.move.isChecked() else None


class NameDialog(QDialog):
    """First use: who is annotating (stored with every annotation)."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analystNameDialog")
        self.setWindowTitle(translate("Preferences", "Your Name"))
        layout = QVBoxLayout(self)
        label = QLabel(translate("Preferences", "Your name is stored with every annotation you make, so a team "
                                                "can see who tagged what. You can change it later in "
                                                "Preferences."))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.name = QLineEdit(name or login_name())
        self.name.setObjectName("analystName")
        self.name.selectAll()
        layout.addWidget(self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> str:
        return " ".join(self.name.text().split())


class PreferencesDialog(QDialog):
    """Analyst name and annotating behaviour."""

    def __init__(self, name: str, snap_words: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(translate("Preferences", "Preferences"))
        form = QFormLayout(self)
        self.name = QLineEdit(name)
        self.name.setObjectName("analystName")
        self.name.setPlaceholderText(login_name())
        form.addRow(translate("Preferences", "Analyst &name:"), self.name)
        self.snap = QCheckBox(translate("Preferences", "&Snap selections to whole words (hold Alt to select "
                                                       "exactly)"))
        self.snap.setObjectName("snapWords")
        self.snap.setChecked(snap_words)
        form.addRow(self.snap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, bool]:
        return " ".join(self.name.text().split()), self.snap.isChecked()
