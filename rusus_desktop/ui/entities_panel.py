"""The entities panel: the open document's names by type ("Names"), its dates in time order with
their normalised values ("Dates"), and the names across the corpus ("Corpus": which documents
mention each, how often).

Clicking an entity or date asks for its next occurrence (``occurrence_requested``); clicking a
document under a corpus-wide entity opens it there (``document_occurrence_requested``).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.store.folding import fold
from rusus_desktop.ui import icons, theme
from rusus_desktop.ui.actions import type_swatch
from rusus_desktop.ui.models import CorpusEntityIndex, _refilter
from rusus_desktop.ui.session import DATE_LAYER, ENTITY_LAYER, DocumentSession

translate = QCoreApplication.translate

KindRole = Qt.ItemDataRole.UserRole + 10
LabelRole = Qt.ItemDataRole.UserRole + 11
KeyRole = Qt.ItemDataRole.UserRole + 12
DocRole = Qt.ItemDataRole.UserRole + 13
SortKeyRole = Qt.ItemDataRole.UserRole + 14

MAX_CORPUS_ROWS = 3000
NAMES_TAB, DATES_TAB, CORPUS_TAB = range(3)


def _group_name(key: str) -> str:
    return {
        "PER": translate("EntitiesPanel", "People"),
        "ORG": translate("EntitiesPanel", "Organisations"),
        "LOC": translate("EntitiesPanel", "Places"),
        "MISC": translate("EntitiesPanel", "Other names"),
        "DATE": translate("EntitiesPanel", "Dates"),
    }[key]


class FoldingFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose first column contains the filter, ignoring case and diacritics."""

    def __init__(self, parent=None, columns: tuple[int, ...] = (0,)) -> None:
        super().__init__(parent)
        self._needle = ""
        self._columns = columns
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_needle(self, text: str) -> None:
        needle = " ".join(fold(text).split())
        _refilter(self, lambda: setattr(self, "_needle", needle))

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt override
        if not self._needle:
            return True
        model = self.sourceModel()
        idx = model.index(row, 0, parent)
        if idx.data(KindRole) == "group":
            return False  # groups stay when a child matches (recursive filtering)
        return any(self._needle in fold(model.index(row, c, parent).data(Qt.ItemDataRole.DisplayRole) or "")
                   for c in self._columns)


def _tree(parent: QWidget, name: str, model) -> QTreeView:
    view = QTreeView(parent)
    view.setObjectName(name)
    view.setModel(model)  # before the header's modes: they apply to the model's sections
    view.setFrameShape(QTreeView.Shape.NoFrame)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setUniformRowHeights(True)
    view.setAnimated(False)
    view.setExpandsOnDoubleClick(True)
    view.setHeaderHidden(True)
    view.setIndentation(14)
    header = view.header()
    header.setMinimumSectionSize(16)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return view


class EntitiesPanel(QWidget):
    """Three tabs: "Names" and "Dates" (the open document) and "Corpus".

    Signals:
        occurrence_requested(str, str, str): layer, label, key – jump to its next occurrence.
        document_occurrence_requested(str, str, str, str): doc id, layer, label, key.
        entity_filter_requested(str): show only documents mentioning this entity.
    """

    occurrence_requested = Signal(str, str, str)
    document_occurrence_requested = Signal(str, str, str, str)
    entity_filter_requested = Signal(str)

    def __init__(self, session: DocumentSession, entity_index: CorpusEntityIndex,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entitiesPanel")
        self.session = session
        self.entity_index = entity_index
        self._titles: dict[str, str] = {}
        self._corpus_dirty = True

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("entityTabs")
        self.tabs.setDocumentMode(True)

        self.doc_model = QStandardItemModel(0, 2, self)
        self.doc_proxy = FoldingFilterProxy(self)
        self.doc_proxy.setSourceModel(self.doc_model)
        self.doc_filter = QLineEdit(self)
        self.doc_filter.setObjectName("documentEntityFilter")
        self.doc_filter.setClearButtonEnabled(True)
        self.doc_filter.textChanged.connect(self._on_doc_filter_changed)
        self.doc_view = _tree(self, "documentEntities", self.doc_proxy)
        self.doc_view.clicked.connect(self._on_doc_activated)
        self.doc_view.activated.connect(self._on_doc_activated)
        doc_page = QWidget(self)
        lay = QVBoxLayout(doc_page)
        lay.setContentsMargins(6, 6, 6, 4)
        lay.setSpacing(4)
        lay.addWidget(self.doc_filter)
        lay.addWidget(self.doc_view, 1)

        self.date_model = QStandardItemModel(0, 2, self)
        self.date_proxy = FoldingFilterProxy(self, columns=(0, 1))
        self.date_proxy.setSourceModel(self.date_model)
        self.date_filter = QLineEdit(self)
        self.date_filter.setObjectName("documentDateFilter")
        self.date_filter.setClearButtonEnabled(True)
        self.date_filter.textChanged.connect(lambda t: self.date_proxy.set_needle(t))
        self.date_view = _tree(self, "documentDates", self.date_proxy)
        self.date_view.setRootIsDecorated(False)
        self.date_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.date_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.date_view.clicked.connect(self._on_doc_activated)
        self.date_view.activated.connect(self._on_doc_activated)
        date_page = QWidget(self)
        lay = QVBoxLayout(date_page)
        lay.setContentsMargins(6, 6, 6, 4)
        lay.setSpacing(4)
        lay.addWidget(self.date_filter)
        lay.addWidget(self.date_view, 1)

        self.corpus_model = QStandardItemModel(0, 2, self)
        self.corpus_proxy = FoldingFilterProxy(self)
        self.corpus_proxy.setSourceModel(self.corpus_model)
        self.corpus_filter = QLineEdit(self)
        self.corpus_filter.setObjectName("corpusEntityFilter")
        self.corpus_filter.setClearButtonEnabled(True)
        self.corpus_filter.textChanged.connect(lambda t: self.corpus_proxy.set_needle(t))
        self.corpus_view = _tree(self, "corpusEntities", self.corpus_proxy)
        self.corpus_view.clicked.connect(self._on_corpus_activated)
        self.corpus_view.activated.connect(self._on_corpus_activated)
        corpus_page = QWidget(self)
        lay = QVBoxLayout(corpus_page)
        lay.setContentsMargins(6, 6, 6, 4)
        lay.setSpacing(4)
        lay.addWidget(self.corpus_filter)
        lay.addWidget(self.corpus_view, 1)

        self.tabs.addTab(doc_page, "")
        self.tabs.addTab(date_page, "")
        self.tabs.addTab(corpus_page, "")
        self.tabs.currentChanged.connect(lambda _i: self._maybe_rebuild_corpus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        session.document_loaded.connect(lambda _d: self.rebuild_document())
        session.analysis_changed.connect(lambda _a: self.rebuild_document())
        session.document_closed.connect(self.rebuild_document)
        self.retranslate()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(330, 600)

    # -- this document -----------------------------------------------------------------------

    def rebuild_document(self) -> None:
        model = self.doc_model
        model.removeRows(0, model.rowCount())
        session = self.session
        if session.document is None:
            return
        groups = session.entity_counts()
        for label in theme.ENTITY_KEYS:
            counter = groups.get(label)
            if not counter:
                continue
            group = self._group_item(label, sum(counter.values()))
            for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], fold(kv[0]))):
                name = QStandardItem(key)
                name.setData("entity", KindRole)
                name.setData(label, LabelRole)
                name.setData(key, KeyRole)
                name.setToolTip(key)
                num = QStandardItem(str(count))
                num.setData(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                            Qt.ItemDataRole.TextAlignmentRole)
                group[0].appendRow([name, num])
            model.appendRow(group)
        self._rebuild_dates()
        self.doc_view.expandAll()
        if self.doc_filter.text():
            self.doc_proxy.set_needle(self.doc_filter.text())

    def _rebuild_dates(self) -> None:
        model = self.date_model
        model.removeRows(0, model.rowCount())
        merged: dict[tuple[str, str], list] = {}
        for d in self.session.dates():
            merged.setdefault((" ".join(d.text.split()), d.value or ""), []).append(d)
        # Time order: by normalised value (expressions without one last), then by first position.
        for (text, value), items in sorted(merged.items(), key=lambda kv: (kv[0][1] == "", kv[0][1],
                                                                             kv[1][0].start)):
            when = QStandardItem(value or "—")
            when.setData("date", KindRole)
            when.setData("DATE", LabelRole)
            when.setData(text, KeyRole)
            mod = next((d.mod for d in items if d.mod), None)
            tip = translate("EntitiesPanel", "{text}: {value}").format(
                text=text, value=value or translate("EntitiesPanel", "no exact value"))
            if mod:
                tip += f" ({mod})"
            when.setToolTip(tip)
            shown = QStandardItem(f"{text}  ×{len(items)}" if len(items) > 1 else text)
            shown.setToolTip(tip)
            model.appendRow([when, shown])
        if self.date_filter.text():
            self.date_proxy.set_needle(self.date_filter.text())

    def _group_item(self, label: str, count: int) -> list[QStandardItem]:
        item = QStandardItem(type_swatch(label), _group_name(label))
        item.setData("group", KindRole)
        item.setData(label, LabelRole)
        item.setSelectable(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        num = QStandardItem(str(count))
        num.setSelectable(False)
        num.setData(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    Qt.ItemDataRole.TextAlignmentRole)
        return [item, num]

    def _on_doc_filter_changed(self, text: str) -> None:
        self.doc_proxy.set_needle(text)
        self.doc_view.expandAll()

    def _on_doc_activated(self, index: QModelIndex) -> None:
        idx = index.siblingAtColumn(0)
        kind = idx.data(KindRole)
        if kind == "entity":
            self.occurrence_requested.emit(ENTITY_LAYER, idx.data(LabelRole), idx.data(KeyRole))
        elif kind == "date":
            self.occurrence_requested.emit(DATE_LAYER, "DATE", idx.data(KeyRole))

    # -- corpus ------------------------------------------------------------------------------

    def set_titles(self, titles: dict[str, str]) -> None:
        self._titles = dict(titles)
        self.mark_corpus_dirty()

    def mark_corpus_dirty(self) -> None:
        self._corpus_dirty = True
        self._maybe_rebuild_corpus()

    def _maybe_rebuild_corpus(self) -> None:
        if self._corpus_dirty and self.tabs.currentIndex() == CORPUS_TAB and self.isVisible():
            self.rebuild_corpus()

    def rebuild_corpus(self) -> None:
        self._corpus_dirty = False
        model = self.corpus_model
        model.removeRows(0, model.rowCount())
        swatches = {k: type_swatch(k) for k in theme.ENTITY_KEYS}
        for label, key, counter in self.entity_index.entries()[:MAX_CORPUS_ROWS]:
            item = QStandardItem(swatches.get(label, swatches["MISC"]), key)
            item.setData("entity", KindRole)
            item.setData(label, LabelRole)
            item.setData(key, KeyRole)
            item.setToolTip(f"{key} — {theme.HIGHLIGHT_STYLES[label].label}" if label in theme.HIGHLIGHT_STYLES
                            else key)
            docs, mentions = len(counter), sum(counter.values())
            num = QStandardItem(translate("EntitiesPanel", "{docs} doc. · {mentions}").format(
                docs=docs, mentions=mentions))
            num.setToolTip(translate("EntitiesPanel", "Mentioned {mentions} times in {docs} documents").format(
                docs=docs, mentions=mentions))
            for doc_id, count in sorted(counter.items(), key=lambda kv: -kv[1]):
                child = QStandardItem(icons.icon("document"), self._titles.get(doc_id, doc_id[:12]))
                child.setData("document", KindRole)
                child.setData(label, LabelRole)
                child.setData(key, KeyRole)
                child.setData(doc_id, DocRole)
                child.setToolTip(self._titles.get(doc_id, doc_id))
                cnum = QStandardItem(str(count))
                cnum.setData(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             Qt.ItemDataRole.TextAlignmentRole)
                item.appendRow([child, cnum])
            model.appendRow([item, num])
        if self.corpus_filter.text():
            self.corpus_proxy.set_needle(self.corpus_filter.text())

    def _on_corpus_activated(self, index: QModelIndex) -> None:
        idx = index.siblingAtColumn(0)
        kind = idx.data(KindRole)
        if kind == "document":
            self.document_occurrence_requested.emit(idx.data(DocRole), ENTITY_LAYER, idx.data(LabelRole),
                                                    idx.data(KeyRole))
        elif kind == "entity":
            view = self.corpus_view
            view.setExpanded(index.siblingAtColumn(0), not view.isExpanded(index.siblingAtColumn(0)))

    # -- Qt ----------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._maybe_rebuild_corpus()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(NAMES_TAB, translate("EntitiesPanel", "Names"))
        self.tabs.setTabText(DATES_TAB, translate("EntitiesPanel", "Dates"))
        self.tabs.setTabText(CORPUS_TAB, translate("EntitiesPanel", "Corpus"))
        self.tabs.setTabToolTip(NAMES_TAB, translate("EntitiesPanel", "People, organisations, places and other "
                                                                      "names in this document"))
        self.tabs.setTabToolTip(DATES_TAB, translate("EntitiesPanel", "Dates in this document, in time order"))
        self.tabs.setTabToolTip(CORPUS_TAB, translate("EntitiesPanel", "Which documents mention each name"))
        self.doc_filter.setPlaceholderText(translate("EntitiesPanel", "Filter names"))
        self.date_filter.setPlaceholderText(translate("EntitiesPanel", "Filter dates"))
        self.corpus_filter.setPlaceholderText(translate("EntitiesPanel", "Filter names in the corpus"))
        self.doc_model.setHorizontalHeaderLabels([translate("EntitiesPanel", "Name"),
                                                  translate("EntitiesPanel", "Count")])
        self.date_model.setHorizontalHeaderLabels([translate("EntitiesPanel", "When"),
                                                   translate("EntitiesPanel", "As written")])
        self.corpus_model.setHorizontalHeaderLabels([translate("EntitiesPanel", "Name"),
                                                     translate("EntitiesPanel", "Mentions")])
        if self.session.document is not None:
            self.rebuild_document()
        self._corpus_dirty = True
        self._maybe_rebuild_corpus()
