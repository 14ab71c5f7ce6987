"""The tag palette: the project's tags in order, and everything one does with them.

Double-click (or Enter, or the tag button) applies a tag to the reader's selection; each tag's
hotkey (1–9 by default) does the same from the reader. Names and hotkeys are edited in place (F2);
colour, order, delete, import and export are buttons. Every change is an undo command.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.ui import icons
from rusus_desktop.ui.annotation_models import TagListModel
from rusus_desktop.ui.tool_row import tool_button_row

translate = QCoreApplication.translate


class TagPanel(QWidget):
    """See the module docstring. ``annotator`` is the :class:`~rusus_desktop.ui.annotator.Annotator`."""

    def __init__(self, annotator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagPanel")
        self.annotator = annotator
        self.model = TagListModel(self, edit=self._on_model_edit)
        self.view = QTreeView(self)
        self.view.setObjectName("tagList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TagListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TagListModel.HOTKEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TagListModel.USES, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.activated.connect(self._on_view_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.installEventFilter(self)

        row, self.buttons = tool_button_row(self, "tag", (
            ("apply", "tag", self.apply_current),
            ("new", "tag-plus", self.new_tag),
            ("rename", "rename", self.rename_current),
            ("color", "palette", self.recolour_current),
            ("up", "arrow-up", lambda: self.move_current(-1)),
            ("down", "arrow-down", lambda: self.move_current(1)),
            ("delete", "delete", self.delete_current),
        ))
        row.addStretch(1)
        more = QToolButton(self)
        more.setObjectName("tag_more")
        more.setAutoRaise(True)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setIcon(icons.icon("more"))
        self.more_menu = QMenu(more)
        self.import_action = self.more_menu.addAction(icons.icon("import"), "", self.annotator.import_tagset)
        self.export_action = self.more_menu.addAction(icons.icon("export"), "", self.annotator.export_tagset)
        more.setMenu(self.more_menu)
        self.buttons["more"] = more
        row.addWidget(more)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.retranslate()
        self.refresh()

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_tag()
        self.model.set_tags(self.annotator.tags(), self.annotator.tag_usage())
        if current is not None:
            self.select_tag(current.id)
        self._update_buttons()

    def current_tag(self):
        index = self.view.currentIndex()
        return self.model.tag_at(index.row()) if index.isValid() else None

    def select_tag(self, tag_id: str) -> None:
        row = self.model.row_of(tag_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        tag = self.current_tag()
        row = self.view.currentIndex().row()
        for key in ("apply", "rename", "color", "delete"):
            self.buttons[key].setEnabled(tag is not None)
        self.buttons["up"].setEnabled(tag is not None and row > 0)
        self.buttons["down"].setEnabled(tag is not None and row < self.model.rowCount() - 1)

    # -- actions ---------------------------------------------------------------------------

    def apply_current(self) -> None:
        tag = self.current_tag()
        if tag is not None:
            self.annotator.apply_tag(tag.id)

    def new_tag(self) -> None:
        tag = self.annotator.new_tag_interactive()
        if tag is not None:
            self.select_tag(tag.id)
            self.view.edit(self.model.index(self.model.row_of(tag.id), TagListModel.NAME))

    def rename_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(self.model.index(index.row(), TagListModel.NAME))

    def recolour_current(self) -> None:
        tag = self.current_tag()
        if tag is not None:
            self.annotator.recolour_tag_interactive(tag.id)

    def move_current(self, delta: int) -> None:
        tag = self.current_tag()
        if tag is not None:
            self.annotator.move_tag(tag.id, delta)
            self.select_tag(tag.id)

    def delete_current(self) -> None:
        tag = self.current_tag()
        if tag is not None:
            self.annotator.delete_tag_interactive(tag.id)

    def _on_model_edit(self, tag_id: str, fields: dict) -> bool:
        return self.annotator.edit_tag(tag_id, **fields)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == TagListModel.USES or index.column() == TagListModel.NAME:
            tag = self.model.tag_at(index.row())
            if tag is not None:
                self.annotator.apply_tag(tag.id)

    def _on_view_activated(self, index: QModelIndex) -> None:
        pass  # double-click handles the mouse; Enter is handled in eventFilter

    def _on_view_context_menu(self, pos) -> None:
        menu = QMenu(self)
        for key in ("apply", "new", "rename", "color", "up", "down", "delete"):
            button = self.buttons[key]
            action = menu.addAction(button.icon(), button.toolTip(), button.click)
            action.setEnabled(button.isEnabled())
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.view and event.type() == QEvent.Type.KeyPress and self.view.state() != \
                QAbstractItemView.State.EditingState:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.apply_current()
                return True
            if key == Qt.Key.Key_Delete:
                self.delete_current()
                return True
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if key == Qt.Key.Key_Up else 1)
                return True
        if obj is self.view and event.type() == QEvent.Type.FocusIn:
            self.annotator.project_focus()
        return False

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        tips = {
            "apply": translate("TagPanel", "Tag the selected text (double-click a tag, or press its hotkey)"),
            "new": translate("TagPanel", "New tag"),
            "rename": translate("TagPanel", "Rename tag (F2)"),
            "color": translate("TagPanel", "Change colour…"),
            "up": translate("TagPanel", "Move up (Ctrl+Up)"),
            "down": translate("TagPanel", "Move down (Ctrl+Down)"),
            "delete": translate("TagPanel", "Delete tag…"),
            "more": translate("TagPanel", "Share the tag set"),
        }
        for key, tip in tips.items():
            self.buttons[key].setToolTip(tip)
            self.buttons[key].setAccessibleName(tip)
        self.import_action.setText(translate("TagPanel", "&Import Tag Set…"))
        self.export_action.setText(translate("TagPanel", "&Export Tag Set…"))
        self.view.setAccessibleName(translate("TagPanel", "Tags"))
