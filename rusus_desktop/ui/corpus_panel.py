"""The corpus panel: every document, sortable, filtered by full-text search, entity and tag."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.ui import icons
from rusus_desktop.ui.models import CorpusEntityIndex, CorpusFilterProxy, DocumentListModel

translate = QCoreApplication.translate


class CorpusPanel(QWidget):
    """Document list with a search box and entity/tag filters.

    Signals:
        document_requested(str): the analyst picked a document (click, keyboard, Enter).
    """

    document_requested = Signal(str)

    def __init__(self, store, entity_index: CorpusEntityIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("corpusPanel")
        self.store = store
        self.entity_index = entity_index
        self.model = DocumentListModel(self)
        self.proxy = CorpusFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._selecting = False

        self.search = QLineEdit(self)
        self.search.setObjectName("corpusSearch")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.entity_filter = QLineEdit(self)
        self.entity_filter.setObjectName("entityFilter")
        self.entity_filter.setClearButtonEnabled(True)
        self.entity_filter.addAction(icons.icon("person"), QLineEdit.ActionPosition.LeadingPosition)
        self._completer = QCompleter([], self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity_filter.setCompleter(self._completer)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.setMinimumContentsLength(8)

        self.view = QTreeView(self)
        self.view.setObjectName("corpusList")
        self.view.setFrameShape(QTreeView.Shape.NoFrame)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # project order until a header is clicked
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(False)
        self._title_delegate = None  # set by the first search (see _show_snippets)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DocumentListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DocumentListModel.SOURCE, QHeaderView.ResizeMode.Interactive)
        # Sized to the header text and the values, in whatever language the interface speaks.
        for col in (DocumentListModel.PUBLISHED, DocumentListModel.ENTITIES, DocumentListModel.ANNOTATIONS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicatorShown(True)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu)
        self._source_column_chosen = False
        self.view.setColumnHidden(DocumentListModel.SOURCE, True)
        header.resizeSection(DocumentListModel.SOURCE, self.view.fontMetrics().horizontalAdvance("vnexpress.net") + 16)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(lambda idx: self._request(idx))

        self.summary = QLabel(self)
        self.summary.setObjectName("corpusSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setContentsMargins(6, 2, 6, 2)

        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.entity_filter, 3)
        filters.addWidget(self.tag_filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(180)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self._entity_timer = QTimer(self)
        self._entity_timer.setSingleShot(True)
        self._entity_timer.setInterval(180)
        self._entity_timer.timeout.connect(self.apply_entity_filter)
        self.entity_filter.textChanged.connect(lambda _t: self._entity_timer.start())
        self.entity_filter.returnPressed.connect(self.apply_entity_filter)
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.apply_tag_filter())
        self.proxy.layoutChanged.connect(self._update_summary)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.proxy.modelReset.connect(self._update_summary)
        # Not retranslate(): the header asks the model for its texts when first laid out, and
        # telling it now that they changed would lay out the still empty header for nothing
        # (~2 ms of start-up).
        self._translate_texts()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(390, 600)

    # -- feeding -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the document list and tags from the store (keeps the current document)."""
        if self.store is None:
            return  # the project is still opening (progressive start-up); reload() follows
        current = self.current_doc_id()
        rows = self.store.documents()
        self.model.set_documents(rows)
        if not self._source_column_chosen:  # shown when there is something to show
            self.view.setColumnHidden(DocumentListModel.SOURCE, not any(r.source for r in rows))
        self.reload_tags()
        if current:
            self.select_document(current)
        self._update_summary()

    def reload_tags(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(translate("CorpusPanel", "Any tag"), None)
        for tag in (self.store.tags() if self.store is not None else []):
            self.tag_filter.addItem(_tag_icon(tag.color), tag.name, tag.id)
        index = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)

    def refresh_entity_names(self) -> None:
        from PySide6.QtCore import QStringListModel

        model = self._completer.model()
        names = self.entity_index.entity_names()
        if isinstance(model, QStringListModel):
            model.setStringList(names)
        if self.entity_filter.text().strip():
            self.apply_entity_filter()

    # -- filters -----------------------------------------------------------------------------

    def apply_search(self) -> None:
        self._search_timer.stop()
        query = self.search.text().strip()
        if self.store is None:
            return  # applied again once the project is open
        if not query:
            self.model.set_snippets({})
            self.proxy.set_filter("search", None)
        else:
            hits = self.store.search(query)
            self._show_snippets()
            self.model.set_snippets({h.doc_id: h.snippet for h in hits}, query)
            self.proxy.set_filter("search", [h.doc_id for h in hits])
        self._after_filter()

    def _show_snippets(self) -> None:
        """Give the title column the delegate that draws search hits' snippets.

        Done on the first search rather than at construction: without a snippet that delegate
        draws exactly what the view's default one does, and loading it (its Python overrides,
        QStyleOptionViewItem's enums) costs over a millisecond of start-up.
        """
        if self._title_delegate is None:
            from rusus_desktop.ui.title_delegate import TitleDelegate

            self._title_delegate = TitleDelegate(self.view)
            self.view.setItemDelegateForColumn(DocumentListModel.TITLE, self._title_delegate)

    def apply_entity_filter(self) -> None:
        self._entity_timer.stop()
        text = self.entity_filter.text().strip()
        self.proxy.set_filter("entity", self.entity_index.documents_mentioning(text) if text else None)
        self._after_filter()

    def apply_tag_filter(self) -> None:
        tag_id = self.tag_filter.currentData()
        if tag_id is None or self.store is None:
            self.proxy.set_filter("tag", None)
        else:
            self.proxy.set_filter("tag", {a.doc_id for a in self.store.annotations(tag_ids=[tag_id])})
        self._after_filter()

    def filter_by_entity(self, text: str) -> None:
        self.entity_filter.setText(text)
        self.apply_entity_filter()

    def _after_filter(self) -> None:
        self.view.doItemsLayout()
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current)
        self._update_summary()

    # -- selection ---------------------------------------------------------------------------

    def _on_header_context_menu(self, pos) -> None:
        """Show or hide columns (the title always stays)."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        model = self.model
        for col in range(1, model.COLUMN_COUNT):
            name = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or \
                model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(col))
            action.toggled.connect(lambda shown, c=col: self.set_column_shown(c, shown))
        menu.popup(self.view.header().mapToGlobal(pos))
        self._header_menu = menu

    def set_column_shown(self, column: int, shown: bool) -> None:
        if column == DocumentListModel.SOURCE:
            self._source_column_chosen = True
        self.view.setColumnHidden(column, not shown)

    def current_doc_id(self) -> str | None:
        idx = self.view.currentIndex()
        return self.proxy.doc_id(idx.row()) if idx.isValid() else None

    def select_document(self, doc_id: str) -> None:
        """Highlight ``doc_id`` in the list without requesting it again."""
        row = self.proxy.row_of(doc_id)
        self._selecting = True
        try:
            if row is None:
                self.view.selectionModel().clearSelection()
                return
            idx = self.proxy.index(row, 0)
            self.view.setCurrentIndex(idx)
            self.view.scrollTo(idx)
        finally:
            self._selecting = False

    def adjacent(self, doc_id: str | None, step: int) -> str | None:
        """The document ``step`` rows away from ``doc_id`` in the list as shown (sorted, filtered)."""
        count = self.proxy.rowCount()
        if not count:
            return None
        row = self.proxy.row_of(doc_id) if doc_id else None
        if row is None:
            return self.proxy.doc_id(0 if step > 0 else count - 1)
        target = row + step
        if 0 <= target < count:
            return self.proxy.doc_id(target)
        return None

    def visible_ids(self) -> list[str]:
        return [self.proxy.doc_id(r) for r in range(self.proxy.rowCount())]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._selecting and current.isValid():
            self._request(current)

    def _request(self, index: QModelIndex) -> None:
        if index.isValid():
            self.document_requested.emit(self.proxy.doc_id(index.row()))

    def _update_summary(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = translate("CorpusPanel", "%n document(s)", None, total)
        else:
            text = translate("CorpusPanel", "{shown} of {total} documents").format(shown=shown, total=total)
        self.summary.setText(text)

    # -- Qt ----------------------------------------------------------------------------------

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._translate_texts()
        self.model.retranslate()

    def _translate_texts(self) -> None:
        self.search.setPlaceholderText(translate("CorpusPanel", "Search all text (diacritics optional)"))
        self.search.setToolTip(translate("CorpusPanel", "Full-text search: “thuy si” finds “Thụy Sĩ”"))
        self.entity_filter.setPlaceholderText(translate("CorpusPanel", "Mentions entity…"))
        self.entity_filter.setToolTip(translate("CorpusPanel", "Only documents that mention this person, "
                                                              "organisation or place"))
        self.tag_filter.setToolTip(translate("CorpusPanel", "Only documents with annotations of this tag"))
        if self.tag_filter.count():
            self.tag_filter.setItemText(0, translate("CorpusPanel", "Any tag"))
        self.view.setAccessibleName(translate("CorpusPanel", "Documents"))
        self._update_summary()


def _tag_icon(color: str):
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, 10, 10, 3, 3)
    painter.end()
    return QIcon(pixmap)
