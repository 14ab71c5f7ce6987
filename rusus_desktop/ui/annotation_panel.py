"""The annotation list: this document's annotations or the whole corpus's, with their notes.

Columns: tag, quote, note, author, modified time (and document, corpus-wide). Filter by tag;
double-click (or Enter) jumps to the passage, opening its document if needed. Below the list the
selected annotation's note is edited in place (saved with Ctrl+Enter, the Save button, or when the
editor loses focus) as one undoable "Edit note". Annotations whose text changed and could not be
placed again are marked "needs review" and can be placed at the reader's selection.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.ui import icons
from rusus_desktop.ui.annotation_models import AnnotationListModel
from rusus_desktop.ui.annotation_view import tag_color, tag_swatch
from rusus_desktop.ui.tool_row import tool_button_row

translate = QCoreApplication.translate

ALL_TAGS = ""


class AnnotationPanel(QWidget):
    """See the module docstring. ``annotator`` is the :class:`~rusus_desktop.ui.annotator.Annotator`."""

    def __init__(self, annotator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self.annotator = annotator
        self.corpus_wide = False
        self._note_for: str | None = None  # annotation id whose note is in the editor
        self._sized = False

        self.scope = QComboBox(self)
        self.scope.setObjectName("annotationScope")
        self.scope.addItem("", False)
        self.scope.addItem("", True)
        self.scope.currentIndexChanged.connect(self._on_scope_changed)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("annotationTagFilter")
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.scope, 1)
        top.addWidget(self.tag_filter, 1)

        self.model = AnnotationListModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("annotationList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.header().setDefaultSectionSize(120)
        self.view.header().setMinimumSectionSize(40)
        self.view.activated.connect(self._on_view_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.installEventFilter(self)

        row, self.buttons = tool_button_row(self, "annotation", (
            ("jump", "jump", self.jump_current),
            ("retag", "tag", self.retag_menu),
            ("place", "place-at-selection", self.place_current),
            ("delete", "delete", self.delete_selected),
        ))
        row.addStretch(1)
        self.count_label = QLabel(self)
        row.addWidget(self.count_label)

        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("annotationNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(96)
        self.note.installEventFilter(self)
        self.save_note_button = QToolButton(self)
        self.save_note_button.setObjectName("annotation_save_note")
        self.save_note_button.setIcon(icons.icon("edit-note"))
        self.save_note_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_note_button.clicked.connect(self.save_note)
        save = QShortcut(QKeySequence("Ctrl+Return"), self.note)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.save_note)
        note_row = QHBoxLayout()
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.note_label, 1)
        note_row.addWidget(self.save_note_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addLayout(note_row)
        layout.addWidget(self.note)
        self.retranslate()
        self.refresh()

    # -- data ------------------------------------------------------------------------------

    def set_corpus_wide(self, corpus_wide: bool) -> None:
        self.scope.setCurrentIndex(1 if corpus_wide else 0)

    def _on_scope_changed(self, _index: int) -> None:
        self.corpus_wide = bool(self.scope.currentData())
        self.refresh()

    def _refresh_tag_filter(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(translate("AnnotationPanel", "All tags"), ALL_TAGS)
        for tag in self.annotator.tags():
            self.tag_filter.addItem(tag_swatch(tag_color(tag)), tag.name, tag.id)
        i = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(0, i))
        self.tag_filter.blockSignals(False)

    def set_tag_filter(self, tag_id: str | None) -> None:
        i = self.tag_filter.findData(tag_id or ALL_TAGS)
        self.tag_filter.setCurrentIndex(max(0, i))

    def refresh(self) -> None:
        self._refresh_tag_filter()
        selected = self.current_annotation()
        store = self.annotator.store
        tag_id = self.tag_filter.currentData() or None
        session = self.annotator.session
        if self.corpus_wide:
            rows = store.annotations(tag_ids=[tag_id] if tag_id else None)
        elif session.document is not None:
            rows = store.annotations(session.doc_id, tag_ids=[tag_id] if tag_id else None)
        else:
            rows = []
        titles = {d.id: d.title for d in store.documents()} if self.corpus_wide else {}
        widths_known = self.model.columnCount() == (6 if self.corpus_wide else 5)
        self.model.set_rows(rows, {t.id: t for t in self.annotator.tags()}, titles, with_documents=self.corpus_wide)
        if not widths_known or not self._sized:
            self._sized = True
            for col, width in ((0, 110), (1, 190), (2, 170), (3, 90), (4, 120), (5, 160)):
                self.view.setColumnWidth(col, width)
        orphans = sum(1 for a in rows if a.status == "orphaned")
        text = translate("AnnotationPanel", "{n} annotation(s)").format(n=len(rows))
        if orphans:
            text += " · " + translate("AnnotationPanel", "{n} need review").format(n=orphans)
        self.count_label.setText(text)
        if selected is not None:
            self.select_annotation(selected.id)
        self._update_note_editor()
        self._update_buttons()

    def current_annotation(self):
        index = self.view.currentIndex()
        return self.model.annotation_at(index.row()) if index.isValid() else None

    def selected_annotations(self) -> list:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [a for a in (self.model.annotation_at(r) for r in rows) if a is not None]

    def select_annotation(self, ann_id: str) -> bool:
        row = self.model.row_of(ann_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().blockSignals(False)
        self.view.scrollTo(index)
        self._update_note_editor()
        self._update_buttons()
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.save_note()  # leaving an annotation keeps what was typed for it
        self._update_note_editor()
        self._update_buttons()
        ann = self.model.annotation_at(current.row()) if current.isValid() else None
        if ann is not None:
            self.annotator.set_current(ann, source=self)

    def _update_note_editor(self) -> None:
        ann = self.current_annotation()
        if ann is not None and ann.id == self._note_for and self.note.document().isModified():
            return  # keep the analyst's unsaved typing
        self._note_for = ann.id if ann is not None else None
        self.note.blockSignals(True)
        self.note.setPlainText((ann.note or "") if ann is not None else "")
        self.note.document().setModified(False)
        self.note.blockSignals(False)
        self.note.setEnabled(ann is not None)
        self.save_note_button.setEnabled(ann is not None)

    def _update_buttons(self) -> None:
        ann = self.current_annotation()
        for key in ("jump", "retag", "delete"):
            self.buttons[key].setEnabled(ann is not None)
        self.buttons["place"].setEnabled(ann is not None and ann.doc_id == self.annotator.session.doc_id)

    # -- actions ---------------------------------------------------------------------------

    def save_note(self) -> None:
        ann_id = self._note_for
        if ann_id is None or not self.note.document().isModified():
            return
        text = self.note.toPlainText()
        self.note.document().setModified(False)
        self.annotator.edit_note(ann_id, text)

    def jump_current(self) -> None:
        ann = self.current_annotation()
        if ann is not None:
            self.annotator.jump_to(ann)

    def retag_menu(self) -> None:
        ann = self.current_annotation()
        if ann is None:
            return
        menu = QMenu(self)
        for tag in self.annotator.tags():
            action = menu.addAction(tag_swatch(tag_color(tag)), tag.name)
            action.setEnabled(tag.id != ann.tag_id)
            action.triggered.connect(lambda _=False, t=tag.id, a=ann.id: self.annotator.retag(a, t))
        menu.exec(self.buttons["retag"].mapToGlobal(self.buttons["retag"].rect().bottomLeft()))

    def place_current(self) -> None:
        ann = self.current_annotation()
        if ann is not None:
            self.annotator.place_at_selection(ann.id)

    def delete_selected(self) -> None:
        anns = self.selected_annotations() or ([self.current_annotation()] if self.current_annotation() else [])
        if anns:
            self.annotator.delete_annotations([a.id for a in anns])

    def _on_view_activated(self, index: QModelIndex) -> None:
        ann = self.model.annotation_at(index.row())
        if ann is not None:
            self.annotator.jump_to(ann)

    def _on_view_context_menu(self, pos) -> None:
        if self.current_annotation() is None:
            return
        menu = QMenu(self)
        for key in ("jump", "retag", "place", "delete"):
            button = self.buttons[key]
            action = menu.addAction(button.icon(), button.toolTip(), button.click)
            action.setEnabled(button.isEnabled())
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        if obj is self.note and event.type() == QEvent.Type.FocusOut:
            self.save_note()
        if obj is self.view and event.type() == QEvent.Type.FocusIn:
            self.annotator.document_focus()
        return False

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.scope.setItemText(0, translate("AnnotationPanel", "This document"))
        self.scope.setItemText(1, translate("AnnotationPanel", "Whole corpus"))
        tips = {
            "jump": translate("AnnotationPanel", "Go to the passage (Enter)"),
            "retag": translate("AnnotationPanel", "Change tag…"),
            "place": translate("AnnotationPanel", "Place at Selection: anchor this annotation to the text "
                                                  "selected in the reader"),
            "delete": translate("AnnotationPanel", "Delete (Del)"),
        }
        for key, tip in tips.items():
            self.buttons[key].setToolTip(tip)
            self.buttons[key].setAccessibleName(tip)
        self.note_label.setText(translate("AnnotationPanel", "Note"))
        self.note.setPlaceholderText(translate("AnnotationPanel", "A note on the selected annotation…"))
        self.save_note_button.setText(translate("AnnotationPanel", "Save"))
        self.save_note_button.setToolTip(translate("AnnotationPanel", "Save the note (Ctrl+Enter)"))
        self.view.setAccessibleName(translate("AnnotationPanel", "Annotations"))
        if self.tag_filter.count():
            self.tag_filter.setItemText(0, translate("AnnotationPanel", "All tags"))
