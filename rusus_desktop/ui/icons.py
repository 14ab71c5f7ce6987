"""The only way widgets get icons: ``icon("find")``.

Every icon is a Material Design Icons glyph drawn by qtawesome, in the palette's text colour, so
the set is consistent and follows light and dark themes. Call only after the QApplication exists.

Importing qtawesome costs about 0.15 s (its qtpy layer star-imports every Qt class), more than the
whole bare start-up of a Qt window. So the rendered pixmaps are kept in a small disk cache keyed by
the qtawesome version, glyph and colour: a warm start builds file-backed QIcons and never imports
qtawesome. The first start (and any new glyph or colour) renders through qtawesome as usual.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

# semantic name -> qtawesome glyph (one family: mdi6, outline variants where they exist)
GLYPHS: dict[str, str] = {
    "new-project": "mdi6.folder-plus-outline",
    "open-project": "mdi6.folder-open-outline",
    "add-documents": "mdi6.file-document-plus-outline",
    "save-copy": "mdi6.content-save-outline",
    "quit": "mdi6.exit-to-app",
    "copy": "mdi6.content-copy",
    "select-all": "mdi6.select-all",
    "find": "mdi6.magnify",
    "find-next": "mdi6.chevron-down",
    "find-previous": "mdi6.chevron-up",
    "close": "mdi6.close",
    "clear": "mdi6.close-circle",
    "zoom-in": "mdi6.magnify-plus-outline",
    "zoom-out": "mdi6.magnify-minus-outline",
    "zoom-reset": "mdi6.magnify-remove-outline",
    "previous-document": "mdi6.chevron-left",
    "next-document": "mdi6.chevron-right",
    "analyse": "mdi6.text-search",
    "cancel": "mdi6.stop-circle-outline",
    "about": "mdi6.information-outline",
    "corpus": "mdi6.bookshelf",
    "entities": "mdi6.format-list-bulleted-type",
    "document": "mdi6.file-document-outline",
    "person": "mdi6.account-outline",
    "organisation": "mdi6.domain",
    "place": "mdi6.map-marker-outline",
    "misc": "mdi6.shape-outline",
    "date": "mdi6.calendar-outline",
    "furniture": "mdi6.unfold-less-horizontal",
    "language": "mdi6.translate",
    "theme": "mdi6.theme-light-dark",
    "filter": "mdi6.filter-variant",
    "tag": "mdi6.tag-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "note": "mdi6.note-text-outline",
    "reader": "mdi6.book-open-page-variant-outline",
    # annotating (issue 5)
    "tag-plus": "mdi6.tag-plus-outline",
    "tags": "mdi6.tag-multiple-outline",
    "rename": "mdi6.rename-outline",
    "palette": "mdi6.palette-outline",
    "arrow-up": "mdi6.arrow-up",
    "arrow-down": "mdi6.arrow-down",
    "delete": "mdi6.delete-outline",
    "more": "mdi6.dots-horizontal",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "accept": "mdi6.check",
    "accept-all": "mdi6.check-all",
    "reject": "mdi6.close-circle-outline",
    "edit-note": "mdi6.note-edit-outline",
    "jump": "mdi6.arrow-right-circle-outline",
    "preferences": "mdi6.cog-outline",
    "review": "mdi6.alert-outline",
    "place-at-selection": "mdi6.selection-marker",
    "annotations": "mdi6.text-box-check-outline",
}
ENTITY_ICONS = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "misc", "DATE": "date"}

SIZES = (16, 20, 24, 32, 48)
_memo: dict[tuple[str, str], QIcon] = {}


def _cache_dir() -> Path:
    override = os.environ.get("RUSUS_DATA_DIR")
    if override:
        base = Path(override) / "cache"
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("rusus-desktop", appauthor=False))
    return base / "icons"


def _qtawesome_version() -> str:
    """A key that changes when qtawesome is upgraded, without importing it or reading metadata.

    importlib.metadata costs ~60 ms on the start-up path; the stat of the installed package's
    files tells the same thing (a new release rewrites them) for the price of two syscalls.
    """
    try:
        from importlib.util import find_spec

        spec = find_spec("qtawesome")
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin is None:
            return "unknown"
        facts = [origin.stat(), (origin.parent / "fonts").stat()]
        return "-".join(f"{st.st_mtime_ns}:{st.st_size}" for st in facts)
    except Exception:  # noqa: BLE001 - any failure just disables the cache key's precision
        return "unknown"


_version: str | None = None


def icon_color() -> QColor:
    pal = QGuiApplication.palette()
    text = pal.color(QPalette.ColorRole.WindowText)
    base = pal.color(QPalette.ColorRole.Window)
    # A little softer than the text, so a row of tool buttons reads calm rather than heavy.
    return QColor.fromRgbF(text.redF() * 0.82 + base.redF() * 0.18, text.greenF() * 0.82 + base.greenF() * 0.18,
                           text.blueF() * 0.82 + base.blueF() * 0.18)


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The icon for ``name`` (a key of :data:`GLYPHS`), in the theme's icon colour unless given."""
    glyph = GLYPHS[name]
    qcolor = QColor(color) if color is not None else icon_color()
    key = (glyph, qcolor.name())
    cached = _memo.get(key)
    if cached is not None:
        return cached
    result = _from_disk(glyph, qcolor) or _render(glyph, qcolor)
    _memo[key] = result
    return result


def _stem(glyph: str, color: QColor) -> str:
    """The cached files' name: glyph, colour and a checksum of the qtawesome version.

    A CRC rather than hashlib: hashlib loads OpenSSL (~3 ms on the start-up path); zlib is
    already loaded with PySide6, and a checksum is all a cache key needs here.
    """
    global _version
    if _version is None:
        _version = _qtawesome_version()
    return f"{glyph.replace('.', '_')}-{color.name()[1:]}-{zlib.crc32(_version.encode()):08x}"


def _from_disk(glyph: str, color: QColor) -> QIcon | None:
    folder = _cache_dir()
    stem = _stem(glyph, color)
    files = [folder / f"{stem}-{size}.png" for size in SIZES]
    if not all(f.is_file() for f in files):
        return None
    result = QIcon()
    for size, path in zip(SIZES, files, strict=True):
        result.addFile(str(path), QSize(size, size))
    return result


def _render(glyph: str, color: QColor) -> QIcon:
    import qtawesome

    source = qtawesome.icon(glyph, color=color)
    result = QIcon()
    folder = _cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = None  # type: ignore[assignment]
    stem = _stem(glyph, color)
    for size in SIZES:
        pixmap = source.pixmap(QSize(size, size))
        # Pixmaps are rendered at device pixel ratio 1 so that the cached file is the same on any
        # screen; Qt picks the larger sizes on high-DPI screens.
        pixmap.setDevicePixelRatio(1.0)
        result.addPixmap(pixmap)
        if folder is not None:
            tmp = folder / f"{stem}-{size}.png.tmp{os.getpid()}"
            if pixmap.save(str(tmp), "PNG"):
                try:
                    os.replace(tmp, folder / f"{stem}-{size}.png")
                except OSError:
                    pass
    return result


def clear_memo() -> None:
    """Forget built icons (after a palette change, so the next ``icon()`` uses the new colour)."""
    _memo.clear()
