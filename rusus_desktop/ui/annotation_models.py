"""Qt models over the tag set and the annotations (thin adapters over the store's values).

Edits made through a model (renaming a tag in place, changing its hotkey) become undo commands
via the ``edit_requested`` callbacks; models never write to the store themselves.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from rusus_desktop.corpus.model import Annotation, Tag
from rusus_desktop.ui.annotation_view import tag_color, tag_swatch

translate = QCoreApplication.translate

IdRole = Qt.ItemDataRole.UserRole + 1
ObjectRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

ModelIndex = QModelIndex | QPersistentModelIndex


class TagListModel(QAbstractTableModel):
    """The tag set in palette order: name (with colour swatch), hotkey, number of annotations."""

    NAME, HOTKEY, USES = range(3)

    def __init__(self, parent=None, *, edit: Callable[[str, dict], bool] | None = None) -> None:
        super().__init__(parent)
        self._tags: list[Tag] = []
        self._uses: dict[str, int] = {}
        self._edit = edit

    def set_tags(self, tags: Sequence[Tag], uses: dict[str, int]) -> None:
        self.beginResetModel()
        self._tags = list(tags)
        self._uses = dict(uses)
        self.endResetModel()

    def tag_at(self, row: int) -> Tag | None:
        return self._tags[row] if 0 <= row < len(self._tags) else None

    def row_of(self, tag_id: str) -> int:
        return next((i for i, t in enumerate(self._tags) if t.id == tag_id), -1)

    def tags(self) -> list[Tag]:
        return list(self._tags)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._tags)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("TagPanel", "Tag"), translate("TagPanel", "Key"),
                translate("TagPanel", "Uses"))[section] if 0 <= section < 3 else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._tags)):
            return None
        tag = self._tags[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.NAME:
                return tag.name
            if col == self.HOTKEY:
                return tag.hotkey
            if col == self.USES:
                return self._uses.get(tag.id, 0) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DecorationRole and col == self.NAME:
            return tag_swatch(tag_color(tag))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = tag.description or tag.name
            if tag.hotkey:
                tip += "\n" + translate("TagPanel", "Hotkey: {key}").format(key=tag.hotkey)
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.HOTKEY, self.USES):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == IdRole:
            return tag.id
        if role == ObjectRole:
            return tag
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.NAME, self.HOTKEY) and self._edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._edit is None:
            return False
        tag = self._tags[index.row()]
        field = {self.NAME: "name", self.HOTKEY: "hotkey"}.get(index.column())
        if field is None:
            return False
        value = str(value or "").strip()
        if value == getattr(tag, field):
            return False
        return bool(self._edit(tag.id, {field: value}))


def short_time(stamp: str) -> str:
    """``2026-11-22T18:11:24Z`` -> ``2026-11-22 18:11`` (UTC, as stored)."""
    return stamp.replace("T", " ")[:16] if stamp else ""


class AnnotationListModel(QAbstractTableModel):
    """Annotations with tag, quote, note, author and time (and document, corpus-wide)."""

    TAG, QUOTE, NOTE, AUTHOR, TIME, DOCUMENT = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []
        self._tags: dict[str, Tag] = {}
        self._titles: dict[str, str] = {}
        self.with_documents = False

    def set_rows(self, rows: Sequence[Annotation], tags: dict[str, Tag], titles: dict[str, str] | None = None,
                 *, with_documents: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._tags = dict(tags)
        self._titles = dict(titles or {})
        self.with_documents = with_documents
        self.endResetModel()

    def annotation_at(self, row: int) -> Annotation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, ann_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == ann_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else (6 if self.with_documents else 5)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (translate("AnnotationPanel", "Tag"), translate("AnnotationPanel", "Quote"),
                 translate("AnnotationPanel", "Note"), translate("AnnotationPanel", "Author"),
                 translate("AnnotationPanel", "Modified"), translate("AnnotationPanel", "Document"))
        return names[section] if 0 <= section < self.columnCount() else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        ann = self._rows[index.row()]
        tag = self._tags.get(ann.tag_id)
        col = index.column()
        orphan = ann.status == "orphaned"
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TAG:
                return tag.name if tag else "?"
            if col == self.QUOTE:
                return " ".join(ann.quote.split())
            if col == self.NOTE:
                return " ".join((ann.note or "").split())
            if col == self.AUTHOR:
                return ann.author
            if col == self.TIME:
                return short_time(ann.modified)
            if col == self.DOCUMENT:
                return self._titles.get(ann.doc_id, ann.doc_id[:12])
        if role == Qt.ItemDataRole.DecorationRole and col == self.TAG:
            return tag_swatch(tag_color(tag))
        if role == Qt.ItemDataRole.ToolTipRole:
            if orphan:
                return translate("AnnotationPanel", "Needs review: the document's text changed and this passage "
                                                    "was not found again. Select the right text and choose "
                                                    "“Place at Selection”, or delete it.")
            if col == self.QUOTE:
                return ann.quote
            if col == self.NOTE and ann.note:
                return ann.note
            if col == self.TIME:
                return translate("AnnotationPanel", "Created {created}, modified {modified} (UTC)").format(
                    created=short_time(ann.created), modified=short_time(ann.modified))
        if role == Qt.ItemDataRole.ForegroundRole and orphan and col == self.QUOTE:
            from PySide6.QtGui import QColor

            return QColor("#b3261e")
        if role == Qt.ItemDataRole.FontRole and orphan and col == self.QUOTE:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        if role == IdRole:
            return ann.id
        if role == ObjectRole:
            return ann
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
