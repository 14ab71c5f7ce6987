"""Qt item models: thin adapters over the store's rows and the analyses (STYLE §1 A1).

* :class:`DocumentListModel` – the corpus list (title, published, source, entity and annotation
  counts), with the search snippet of each hit;
* :class:`CorpusFilterProxy` – sorting plus the intersection of the active filters
  (full-text search, "mentions entity", "has tag");
* :class:`CorpusEntityIndex` – plain Python: which documents mention which entity, how often.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

if TYPE_CHECKING:
    from rusus_desktop.corpus.model import DocumentSummary
    from rusus_desktop.ui.startup import ListedDocument

translate = QCoreApplication.translate

DocIdRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3
QueryRole = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """``store.folding.fold``, imported when first used: importing ``rusus_desktop.store`` loads
    sqlite-utils, which the window's first paint (the corpus list) does not need."""
    from rusus_desktop.store.folding import fold as real_fold

    return real_fold(text)


class DocumentListModel(QAbstractTableModel):
    """One row per document, in project order.

    Rows are the store's ``DocumentSummary``; at start-up, until the project is open, the
    ``ListedDocument`` rows read for the first paint (``ui/startup.py``), which have the same fields.
    """

    TITLE, PUBLISHED, SOURCE, ENTITIES, ANNOTATIONS = range(5)
    COLUMN_COUNT = 5

    # Views ask every cell for many roles (font, colours, check state, size hint …) at every
    # layout and paint: hundreds of calls for five documents before the window's first paint.
    # Roles a method never answers are turned away before any other work.
    _DATA_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, SortRole, Qt.ItemDataRole.ToolTipRole,
                             Qt.ItemDataRole.TextAlignmentRole, DocIdRole, SnippetRole, QueryRole,
                             Qt.ItemDataRole.AccessibleTextRole})
    _HEADER_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                               Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
                               Qt.ItemDataRole.TextAlignmentRole})
    # The two count columns are headed by icons (narrow, in any language); names in tool tips.
    _HEADER_TITLES = (QT_TRANSLATE_NOOP("DocumentListModel", "Title"),
                      QT_TRANSLATE_NOOP("DocumentListModel", "Published"),
                      QT_TRANSLATE_NOOP("DocumentListModel", "Source"), "", "")
    _HEADER_TIPS = ("", QT_TRANSLATE_NOOP("DocumentListModel", "Publication date from the dateline"), "",
                    QT_TRANSLATE_NOOP("DocumentListModel", "Entities: detected mentions"),
                    QT_TRANSLATE_NOOP("DocumentListModel", "Notes: your annotations"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentSummary | ListedDocument] = []
        self._row_of: dict[str, int] = {}
        self._entity_counts: dict[str, int] = {}
        self._snippets: dict[str, str] = {}
        self._query = ""

    # -- feeding -----------------------------------------------------------------------------

    def set_documents(self, rows: Iterable[DocumentSummary | ListedDocument]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def set_entity_counts(self, counts: dict[str, int]) -> None:
        self._entity_counts.update(counts)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.ENTITIES), self.index(len(self._rows) - 1, self.ENTITIES))

    def set_entity_count(self, doc_id: str, count: int) -> None:
        self._entity_counts[doc_id] = count
        row = self._row_of.get(doc_id)
        if row is not None:
            idx = self.index(row, self.ENTITIES)
            self.dataChanged.emit(idx, idx)

    def set_annotation_count(self, doc_id: str, count: int) -> None:
        row = self._row_of.get(doc_id)
        if row is None:
            return
        from dataclasses import replace

        self._rows[row] = replace(self._rows[row], annotation_count=count)
        idx = self.index(row, self.ANNOTATIONS)
        self.dataChanged.emit(idx, idx)

    def set_snippets(self, snippets: dict[str, str], query: str = "") -> None:
        self._snippets = dict(snippets)
        self._query = query
        if self._rows:
            # Row heights change with the snippet line; the tree view re-measures changed rows.
            self.dataChanged.emit(self.index(0, self.TITLE), self.index(len(self._rows) - 1, self.TITLE),
                                  [Qt.ItemDataRole.DisplayRole, SnippetRole, Qt.ItemDataRole.SizeHintRole])

    def doc_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, doc_id: str) -> int | None:
        return self._row_of.get(doc_id)

    def summary(self, doc_id: str) -> DocumentSummary | None:
        row = self._row_of.get(doc_id)
        return self._rows[row] if row is not None else None

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role not in self._HEADER_ROLES or orientation != Qt.Orientation.Horizontal \
                or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            title = self._HEADER_TITLES[section]
            return translate("DocumentListModel", title) if title else ""
        if role == Qt.ItemDataRole.DecorationRole and section in (self.ENTITIES, self.ANNOTATIONS):
            from rusus_desktop.ui import icons

            return icons.icon("entities" if section == self.ENTITIES else "note")
        if role == Qt.ItemDataRole.AccessibleTextRole and section in (self.ENTITIES, self.ANNOTATIONS):
            return (translate("DocumentListModel", "Entities") if section == self.ENTITIES
                    else translate("DocumentListModel", "Notes"))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._HEADER_TIPS[section]
            return translate("DocumentListModel", tip) if tip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (self.ENTITIES, self.ANNOTATIONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in self._DATA_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TITLE:
                return row.title
            if col == self.PUBLISHED:
                return (row.published or "")[:10]
            if col == self.SOURCE:
                return row.source or ""
            if col == self.ENTITIES:
                count = self._entity_counts.get(row.id)
                return "" if count is None else str(count)
            if col == self.ANNOTATIONS:
                return str(row.annotation_count) if row.annotation_count else ""
        elif role == SortRole:
            if col == self.TITLE:
                return fold(row.title)
            if col == self.PUBLISHED:
                return row.published or ""
            if col == self.SOURCE:
                return fold(row.source or "")
            if col == self.ENTITIES:
                return self._entity_counts.get(row.id, -1)
            if col == self.ANNOTATIONS:
                return row.annotation_count
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TITLE:
                parts = [row.title]
                if row.source:
                    parts.append(translate("DocumentListModel", "Source: {source}").format(source=row.source))
                if row.published:
                    parts.append(translate("DocumentListModel", "Published: {date}").format(
                        date=row.published.replace("T", " ")))
                if row.source_path:
                    parts.append(row.source_path)
                return "\n".join(parts)
            if col == self.ENTITIES and row.id not in self._entity_counts:
                return translate("DocumentListModel", "Not analysed yet")
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.ENTITIES, self.ANNOTATIONS):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == DocIdRole:
            return row.id
        elif role == SnippetRole:
            return self._snippets.get(row.id) if col == self.TITLE else None
        elif role == QueryRole:
            return self._query
        elif role == Qt.ItemDataRole.AccessibleTextRole and col == self.TITLE:
            return row.title
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)


def _refilter(proxy: QSortFilterProxyModel, change) -> None:
    """Apply ``change()`` to a proxy's row filter (Qt 6.10+ API, falling back to the older one)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:  # Qt < 6.10
        change()
        proxy.invalidateRowsFilter()


class CorpusFilterProxy(QSortFilterProxyModel):
    """Sorts by :data:`SortRole` and keeps the rows allowed by every active filter."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._filters: dict[str, set[str]] = {}
        self._allowed: set[str] | None = None

    def set_filter(self, name: str, ids: Iterable[str] | None) -> None:
        """Restrict to ``ids`` under filter ``name``; ``None`` removes that filter."""
        if ids is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = set(ids)
        allowed: set[str] | None = None
        for value in self._filters.values():
            allowed = set(value) if allowed is None else allowed & value
        _refilter(self, lambda: setattr(self, "_allowed", allowed))

    def active_filters(self) -> list[str]:
        return list(self._filters)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        if self._allowed is None:
            return True
        model = self.sourceModel()
        return model.doc_id(source_row) in self._allowed

    def doc_id(self, row: int) -> str:
        return self.data(self.index(row, 0), DocIdRole)

    def row_of(self, doc_id: str) -> int | None:
        src = self.sourceModel().row_of(doc_id)
        if src is None:
            return None
        idx = self.mapFromSource(self.sourceModel().index(src, 0))
        return idx.row() if idx.isValid() else None


class CorpusEntityIndex:
    """Which documents mention which entity, how often. Plain Python, updated per analysis."""

    def __init__(self) -> None:
        # (label, key) -> Counter(doc_id -> mentions)
        self.mentions: dict[tuple[str, str], Counter] = {}
        self._by_doc: dict[str, list[tuple[str, str]]] = {}
        self._folded: dict[str, str] = {}

    def clear(self) -> None:
        self.mentions.clear()
        self._by_doc.clear()

    def add(self, doc_id: str, analysis) -> None:
        # Imported here: the session (and what it loads) is not needed for the first paint.
        from rusus_desktop.ui.session import entity_key

        self.discard(doc_id)
        keys: list[tuple[str, str]] = []
        for entity in analysis.entities:
            k = (entity.label, entity_key(entity.text))
            self.mentions.setdefault(k, Counter())[doc_id] += 1
            keys.append(k)
        self._by_doc[doc_id] = keys

    def discard(self, doc_id: str) -> None:
        for k in set(self._by_doc.pop(doc_id, ())):
            counter = self.mentions.get(k)
            if counter is not None:
                counter.pop(doc_id, None)
                if not counter:
                    del self.mentions[k]

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._by_doc

    def documents_mentioning(self, query: str) -> set[str]:
        """Documents with an entity whose words contain ``query`` (diacritics and case optional)."""
        needle = " ".join(fold(query).split())
        if not needle:
            return set()
        out: set[str] = set()
        for (_, key), counter in self.mentions.items():
            folded = self._folded.get(key)
            if folded is None:
                folded = self._folded[key] = fold(key)
            if needle in folded:
                out.update(counter)
        return out

    def entity_names(self) -> list[str]:
        """Distinct entity texts, most mentioned first (for completion)."""
        totals: Counter = Counter()
        for (_, key), counter in self.mentions.items():
            totals[key] += sum(counter.values())
        return [k for k, _ in totals.most_common()]

    def entries(self) -> list[tuple[str, str, Counter]]:
        """``(label, key, Counter(doc_id -> mentions))`` sorted by documents, then mentions."""
        return sorted(((label, key, counter) for (label, key), counter in self.mentions.items()),
                      key=lambda e: (-len(e[2]), -sum(e[2].values()), fold(e[1])))
