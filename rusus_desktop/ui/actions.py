"""Every QAction of the main window, with its shortcut and icon, in one place (STYLE §3.10).

``ReaderActions`` creates the actions once (``_create``) and sets their texts in ``retranslate``
(Frescobaldi's ``createActions``/``translateUI`` split), which the window calls again when the
language changes. Menus and the toolbar are assembled from these attributes in ``main_window.py``.

For issue 5: add the annotation actions (undo/redo from the window's ``QUndoGroup``, "Tag
selection", one action per tag hotkey …) in a function here or a sibling module and insert them
with ``window.edit_menu`` / ``window.toolbar`` / ``window.context_menu_actions``.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QIcon, QKeySequence

from rusus_desktop.ui import icons, theme
from rusus_desktop.ui.i18n import LANGUAGES

translate = QCoreApplication.translate
SK = QKeySequence.StandardKey


class ReaderActions(QObject):
    """The window's actions. Attribute names are stable; tests and issue 5 use them."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._icon_names: dict[QAction, str] = {}
        self._create()
        self.retranslate()

    def _action(self, icon: str | None = None, shortcut=None, *, checkable: bool = False,
                name: str = "") -> QAction:
        action = QAction(self.parent())
        if name:
            action.setObjectName(name)
        if icon:
            self._icon_names[action] = icon
        if shortcut is not None:
            seqs = shortcut if isinstance(shortcut, list) else [shortcut]
            keys: list[QKeySequence] = []
            for s in seqs:
                keys.extend(QKeySequence.keyBindings(s) if isinstance(s, SK) else [QKeySequence(s)])
            action.setShortcuts(keys)
        action.setCheckable(checkable)
        return action

    def _create(self) -> None:
        a = self._action
        # File
        self.new_project = a("new-project", SK.New, name="newProject")
        self.open_project = a("open-project", SK.Open, name="openProject")
        self.add_documents = a("add-documents", "Ctrl+Shift+O", name="addDocuments")
        self.save_copy = a("save-copy", SK.SaveAs, name="saveCopy")
        self.export_annotations = a("export", "Ctrl+Shift+E", name="exportAnnotations")
        self.import_annotations = a("import", None, name="importAnnotations")
        self.quit = a("quit", SK.Quit, name="quit")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Edit
        self.copy = a("copy", SK.Copy, name="copy")
        self.select_all = a("select-all", SK.SelectAll, name="selectAll")
        self.find = a("find", SK.Find, name="find")
        self.find_next = a("find-next", [SK.FindNext], name="findNext")
        self.find_previous = a("find-previous", [SK.FindPrevious], name="findPrevious")
        # View
        self.zoom_in = a("zoom-in", [SK.ZoomIn, "Ctrl+="], name="zoomIn")
        self.zoom_out = a("zoom-out", SK.ZoomOut, name="zoomOut")
        self.zoom_reset = a("zoom-reset", "Ctrl+0", name="zoomReset")
        self.show_types: dict[str, QAction] = {}
        for key in (*theme.ENTITY_KEYS, theme.DATE_KEY):
            action = a(None, checkable=True, name=f"show{key.title()}")
            action.setChecked(True)
            self.show_types[key] = action
        self.furniture_group = QActionGroup(self)
        self.furniture_modes: dict[str, QAction] = {}
        for mode in ("dim", "hide", "show"):
            action = a("furniture" if mode == "hide" else None, checkable=True, name=f"furniture{mode.title()}")
            self.furniture_group.addAction(action)
            self.furniture_modes[mode] = action
        self.furniture_modes["dim"].setChecked(True)
        self.toggle_furniture = a("furniture", "Ctrl+Shift+H", name="toggleFurniture")
        self.theme_group = QActionGroup(self)
        self.themes: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = a(None, checkable=True, name=f"theme{name.title()}")
            self.theme_group.addAction(action)
            self.themes[name] = action
        self.themes["system"].setChecked(True)
        self.language_group = QActionGroup(self)
        self.languages: dict[str, QAction] = {}
        for code in ("system", *LANGUAGES):
            action = a(None, checkable=True, name=f"language{code.title()}")
            self.language_group.addAction(action)
            self.languages[code] = action
        self.languages["system"].setChecked(True)
        # Document
        self.previous_document = a("previous-document", ["Ctrl+PgUp", "Alt+Up"], name="previousDocument")
        self.next_document = a("next-document", ["Ctrl+PgDown", "Alt+Down"], name="nextDocument")
        self.focus_corpus = a(None, "Ctrl+L", name="focusCorpus")
        self.next_entity = a(None, "F8", name="nextEntity")
        self.previous_entity = a(None, "Shift+F8", name="previousEntity")
        self.analyse_corpus = a("analyse", "Ctrl+Shift+A", name="analyseCorpus")
        self.cancel_analysis = a("cancel", None, name="cancelAnalysis")
        self.cancel_analysis.setEnabled(False)
        # Help
        self.about = a("about", None, name="about")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = a(None, None, name="aboutQt")
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        # Every shortcut works wherever focus is in the window (the reader, a panel, the list).
        for action in self.all():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setAutoRepeat(action in (self.zoom_in, self.zoom_out, self.find_next, self.find_previous,
                                            self.previous_document, self.next_document))

    def all(self) -> list[QAction]:
        return [v for v in vars(self).values() if isinstance(v, QAction)] + [
            *self.show_types.values(), *self.furniture_modes.values(), *self.themes.values(),
            *self.languages.values()]

    def refresh_icons(self, only: Iterable[QAction] | None = None) -> None:
        """(Re)build icons in the palette's colour; called at start and after a theme change.

        With ``only``, just those actions' icons (the frame's first paint shows the toolbar's
        alone; the menus' icons and the highlight swatches follow when the window is finished).
        """
        wanted = None if only is None else set(only)
        for action, name in self._icon_names.items():
            if wanted is None or action in wanted:
                action.setIcon(icons.icon(name))
        for key, action in self.show_types.items():
            if wanted is None or action in wanted:
                action.setIcon(type_swatch(key))

    def retranslate(self) -> None:
        self.new_project.setText(translate("Actions", "&New Project from Folder…"))
        self.new_project.setStatusTip(translate("Actions", "Create a project file holding every document in a folder"))
        self.open_project.setText(translate("Actions", "&Open Project…"))
        self.open_project.setStatusTip(translate("Actions", "Open another project file"))
        self.add_documents.setText(translate("Actions", "&Add Documents…"))
        self.add_documents.setStatusTip(translate("Actions", "Add text files or folders to this project"))
        self.save_copy.setText(translate("Actions", "Save a &Copy As…"))
        self.save_copy.setStatusTip(translate("Actions", "Write a copy of this project to another file"))
        self.export_annotations.setText(translate("Actions", "&Export Annotations…"))
        self.export_annotations.setStatusTip(translate(
            "Actions", "Save annotations as JSON, W3C Web Annotation, Label Studio, doccano, brat, CSV or CoNLL"))
        self.import_annotations.setText(translate("Actions", "&Import Annotations…"))
        self.import_annotations.setStatusTip(translate(
            "Actions", "Read annotations from a Rusus JSON or W3C Web Annotation file (all or nothing)"))
        self.quit.setText(translate("Actions", "&Quit"))
        self.copy.setText(translate("Actions", "&Copy"))
        self.select_all.setText(translate("Actions", "Select &All"))
        self.find.setText(translate("Actions", "&Find in Document…"))
        self.find_next.setText(translate("Actions", "Find &Next"))
        self.find_previous.setText(translate("Actions", "Find Pre&vious"))
        self.zoom_in.setText(translate("Actions", "Zoom &In"))
        self.zoom_out.setText(translate("Actions", "Zoom &Out"))
        self.zoom_reset.setText(translate("Actions", "&Actual Size"))
        for key, action in self.show_types.items():
            label = theme.HIGHLIGHT_STYLES[key].label
            action.setText(label)
            action.setToolTip(translate("Actions", "Show or hide {type} highlights").format(type=label.lower()))
        self.furniture_modes["dim"].setText(translate("Actions", "&Dim Page Furniture"))
        self.furniture_modes["hide"].setText(translate("Actions", "&Hide Page Furniture"))
        self.furniture_modes["show"].setText(translate("Actions", "Show Page Furniture &Plainly"))
        self.toggle_furniture.setText(translate("Actions", "Fold Page Furniture"))
        self.toggle_furniture.setToolTip(translate("Actions", "Fold away the text around the article (related news, menus)"))
        self.themes["system"].setText(translate("Actions", "Follow &System"))
        self.themes["light"].setText(translate("Actions", "&Light"))
        self.themes["dark"].setText(translate("Actions", "&Dark"))
        self.languages["system"].setText(translate("Actions", "Follow &System"))
        for code, name in LANGUAGES.items():
            self.languages[code].setText(name)
        self.previous_document.setText(translate("Actions", "&Previous Document"))
        self.next_document.setText(translate("Actions", "&Next Document"))
        self.focus_corpus.setText(translate("Actions", "Go to Corpus &List"))
        self.next_entity.setText(translate("Actions", "Next &Highlight"))
        self.previous_entity.setText(translate("Actions", "Previous Hi&ghlight"))
        self.analyse_corpus.setText(translate("Actions", "&Analyse Corpus"))
        self.analyse_corpus.setStatusTip(translate("Actions", "Find entities and dates in every document not analysed yet"))
        self.cancel_analysis.setText(translate("Actions", "&Stop Analysis"))
        self.cancel_analysis.setStatusTip(translate("Actions", "Stop analysing; finished documents are kept"))
        self.about.setText(translate("Actions", "&About Rusus Desktop"))
        self.about_qt.setText(translate("Actions", "About &Qt"))
        for action in self.all():
            if action.shortcut().isEmpty() or action in self.show_types.values():
                continue
            # Tool tips show the shortcut, as mature desktop apps do.
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            plain = action.text().replace("&", "").rstrip("…")
            action.setToolTip(f"{plain} ({native})")


def type_swatch(key: str, size: int = 16) -> QIcon:
    """A small icon showing a highlight type's colour and underline style (legend and menus).

    The icon's Off state (a hidden type in a checkable legend chip) is the same shape in grey.
    """
    from PySide6.QtGui import QPalette

    style = theme.HIGHLIGHT_STYLES[key]
    dark = theme.is_dark()
    grey = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    result = QIcon()
    for s in (size, size * 2):
        result.addPixmap(_swatch_pixmap(style, s, style.color(dark), style.background(dark)),
                         QIcon.Mode.Normal, QIcon.State.On)
        faded = QColor(grey)
        faded.setAlpha(40)
        result.addPixmap(_swatch_pixmap(style, s, grey, faded), QIcon.Mode.Normal, QIcon.State.Off)
    return result


def _swatch_pixmap(style: theme.HighlightStyle, s: int, line: QColor, fill: QColor):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap, QTextCharFormat

    pixmap = QPixmap(s, s)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(s * 0.1, s * 0.14, s * 0.8, s * 0.56)
    p.setPen(Qt.PenStyle.NoPen)
    bg = QColor(fill)
    bg.setAlpha(min(255, bg.alpha() * 3))
    p.setBrush(bg)
    p.drawRoundedRect(rect, s * 0.12, s * 0.12)
    pen = QPen(line)
    pen.setWidthF(max(1.5, s / 9))
    U = QTextCharFormat.UnderlineStyle
    pen_styles = {U.SingleUnderline: Qt.PenStyle.SolidLine, U.DashUnderline: Qt.PenStyle.DashLine,
                  U.DotLine: Qt.PenStyle.DotLine, U.DashDotLine: Qt.PenStyle.DashDotLine,
                  U.WaveUnderline: Qt.PenStyle.SolidLine}
    pen.setStyle(pen_styles.get(style.underline, Qt.PenStyle.SolidLine))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setPen(pen)
    y = s * 0.86
    if style.underline == U.WaveUnderline:
        path = QPainterPath()
        path.moveTo(s * 0.08, y)
        step = s * 0.84 / 4
        for i in range(4):
            x = s * 0.08 + step * i
            path.quadTo(x + step / 2, y - s * 0.13 * (1 if i % 2 == 0 else -1), x + step, y)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    else:
        p.drawLine(int(s * 0.08), int(y), int(s * 0.92), int(y))
    p.end()
    return pixmap
