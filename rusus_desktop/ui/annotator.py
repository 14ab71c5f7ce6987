"""Annotating in the reader window (issue 5): wiring only.

``Annotator(window)`` adds to the main window:

* the annotation highlight layer, the side-bar gutter and the mouse behaviour (word snapping,
  clicking annotations, the picker where several overlap);
* tagging the selection from the toolbar's tag button, the reader's context menu, the tag palette
  or a tag's hotkey (1–9 by default, active in the reader);
* the tag palette and the annotation list as docks, and an Annotate menu;
* Edit ▸ Undo/Redo from a ``QUndoGroup`` (one stack per document plus one for the project) whose
  history is rebuilt from the project's undo log after a restart;
* accepting, rejecting and correcting detected entities and dates from the context menu;
* the analyst's name (asked on first use, kept in the user settings) and a Preferences dialog.

Every edit is a command from :mod:`rusus_desktop.ui.commands`; nothing here writes to the store.
GUI thread only.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QColorDialog, QDockWidget, QFileDialog, QMenu, QMessageBox, QToolButton

from rusus_desktop.corpus.model import Annotation, Tag
from rusus_desktop.corpus.tagset_io import TagSetError, load_tagset
from rusus_desktop.errors import RususError
from rusus_desktop.store import feedback as fb
from rusus_desktop.store import tagset
from rusus_desktop.store.history import History
from rusus_desktop.ui import commands as cmd
from rusus_desktop.ui import icons, theme
from rusus_desktop.ui.annotation_dialogs import DeleteTagDialog, NameDialog, PreferencesDialog
from rusus_desktop.ui.annotation_panel import AnnotationPanel
from rusus_desktop.ui.annotation_view import (
    AnnotationGutter,
    AnnotationInteraction,
    AnnotationLayer,
    describe_annotation,
    picker_menu,
    tag_color,
    tag_swatch,
)
from rusus_desktop.ui.session import ANNOTATION_LAYER
from rusus_desktop.ui.settings import value_bool
from rusus_desktop.ui.suggestions import suggestion_at
from rusus_desktop.ui.tag_panel import TagPanel

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

NAME_KEY = "analyst/name"
SNAP_KEY = "annotate/snap_words"


class Annotator(QObject):
    """See the module docstring.

    Signals:
        current_changed(object): the annotation the analyst is looking at (or None).
    """

    current_changed = Signal(object)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.view = window.view
        self.settings = window.settings
        self.current: Annotation | None = None
        self.last_tag_id: str | None = None
        self.picker: QMenu | None = None
        self._pending_jump: Annotation | None = None
        self.ask_name = self._ask_name_dialog  # replaceable (tests, scripted use)

        self.session.analyst_name = str(self.settings.value(NAME_KEY, "") or "")
        self.session.history = History(self.store)
        self.stacks = cmd.UndoStacks(self.session, self)

        self.layer = AnnotationLayer(page=lambda: self.view.palette().color(QPalette.ColorRole.Base))
        self.layer.set_dark(theme.is_dark(self.view.palette()))
        self.layer.set_tags(self.store.tags())
        self.view.highlighter.add_layer(self.layer)
        self.gutter = AnnotationGutter(self.view, self.session)
        self.gutter.set_tags(self.store.tags())
        self.interaction = AnnotationInteraction(self.view, self.session, self)
        self.interaction.snap_words = value_bool(self.settings, SNAP_KEY, True)

        self._create_actions()
        self.tag_panel = TagPanel(self)
        self.annotation_panel = AnnotationPanel(self)
        self._install()
        self._connect()
        self.retranslate()
        self._rebuild_tag_actions()
        if self.session.document is not None:
            self._on_session_document_loaded(self.session.document)

    # -- properties ------------------------------------------------------------------------

    @property
    def store(self):
        return self.session.store

    def tags(self) -> list[Tag]:
        return self.store.tags()

    def tag_usage(self) -> dict[str, int]:
        return tagset.tag_usage(self.store)

    # -- construction ----------------------------------------------------------------------

    def _create_actions(self) -> None:
        w = self.window
        group = self.stacks.group
        self.undo_action = group.createUndoAction(w)
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.setIcon(icons.icon("undo"))
        self.redo_action = group.createRedoAction(w)
        self.redo_action.setObjectName("redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icons.icon("redo"))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def make(name: str, icon: str | None = None, shortcut: str | None = None, slot=None) -> QAction:
            action = QAction(w)
            action.setObjectName(name)
            if icon:
                action.setIcon(icons.icon(icon))
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            if slot is not None:
                action.triggered.connect(slot)
            return action

        self.tag_menu = QMenu(w)
        self.tag_menu.setObjectName("tagMenu")
        self.tag_menu.setIcon(icons.icon("tag"))
        self.tag_actions: dict[str, QAction] = {}
        self.delete_annotation_action = make("deleteAnnotation", "delete", None, self.delete_current)
        self.delete_annotation_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_annotation_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(self.delete_annotation_action)
        self.edit_note_action = make("editNote", "edit-note", None, self.edit_current_note)
        self.new_tag_action = make("newTag", "tag-plus", None, self.new_tag_interactive)
        self.import_tags_action = make("importTagSet", "import", None, self.import_tagset)
        self.export_tags_action = make("exportTagSet", "export", None, self.export_tagset)
        self.preferences_action = make("preferences", "preferences", "Ctrl+,", self.show_preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.corpus_annotations_action = make("corpusAnnotations", "annotations", "Ctrl+Shift+L",
                                              self.show_corpus_annotations)

        self.tag_button = QToolButton(w)
        self.tag_button.setObjectName("tagButton")
        self.tag_button.setIcon(icons.icon("tag"))
        self.tag_button.setMenu(self.tag_menu)
        self.tag_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.tag_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tag_button.clicked.connect(self._on_tag_button_clicked)

    def _install(self) -> None:
        w = self.window
        # Edit: Undo/Redo first, Preferences last.
        edit = w.edit_menu
        first = edit.actions()[0] if edit.actions() else None
        edit.insertAction(first, self.undo_action)
        edit.insertAction(first, self.redo_action)
        edit.insertSeparator(first)
        edit.addSeparator()
        edit.addAction(self.preferences_action)
        # Annotate menu, before View.
        self.annotate_menu = QMenu(w)
        self.annotate_menu.setObjectName("annotateMenu")
        self.annotate_menu.addMenu(self.tag_menu)
        for item in (self.edit_note_action, self.delete_annotation_action, None, self.new_tag_action,
                     self.import_tags_action, self.export_tags_action, None, self.corpus_annotations_action):
            self.annotate_menu.addSeparator() if item is None else self.annotate_menu.addAction(item)
        view_menu = getattr(w, "view_menu", None)
        w.menuBar().insertMenu(view_menu.menuAction() if view_menu else None, self.annotate_menu)
        # Toolbar: undo, redo, the tag button.
        toolbar = w.toolbar
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        self.tag_button_action = toolbar.addWidget(self.tag_button)
        # Docks on the right, tabbed with the entities panel.
        self.tag_dock = self._dock("tagDock", self.tag_panel)
        self.annotation_dock = self._dock("annotationDock", self.annotation_panel)
        entities_dock = getattr(w, "entities_dock", None)
        if entities_dock is not None:
            w.splitDockWidget(entities_dock, self.tag_dock, Qt.Orientation.Vertical)
            w.tabifyDockWidget(self.tag_dock, self.annotation_dock)
            self.tag_dock.raise_()
        panels = getattr(w, "panels_menu", None)
        if panels is not None:
            panels.addAction(self.tag_dock.toggleViewAction())
            panels.addAction(self.annotation_dock.toggleViewAction())
            self.tag_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+3"))
            self.annotation_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+4"))

    def _dock(self, name: str, widget) -> QDockWidget:
        w = self.window
        dock = QDockWidget(w)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _connect(self) -> None:
        s = self.session
        s.document_loaded.connect(self._on_session_document_loaded)
        s.document_closed.connect(self._on_session_document_closed)
        s.layer_changed.connect(self._on_session_layer_changed)
        s.annotations_changed.connect(self._on_session_annotations_changed)
        s.tags_changed.connect(self._on_session_tags_changed)
        s.message.connect(self._status)
        self.interaction.annotations_clicked.connect(self._on_annotations_clicked)
        self.gutter.clicked.connect(self._on_annotations_clicked)
        self.view.installEventFilter(self)
        self.stacks.group.indexChanged.connect(lambda _i: self._flush())
        self.view.selection_changed_span.connect(lambda _s: self._update_actions())
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_panels)
        self._verdicts_timer = QTimer(self)
        self._verdicts_timer.setSingleShot(True)
        self._verdicts_timer.setInterval(400)
        self._verdicts_timer.timeout.connect(self.apply_verdicts_to_corpus_views)
        s.feedback_changed.connect(self._verdicts_timer.start)
        if hasattr(self.window, "background_started"):
            self.window.background_started.connect(self._verdicts_timer.start)
        self._connect_runner()
        languages = getattr(self.window, "languages", None)
        if languages is not None:
            languages.language_changed.connect(lambda _lang: self.retranslate())

    def _connect_runner(self) -> None:
        runner = getattr(self.window, "runner", None)
        if runner is not None and hasattr(runner, "analysis_stored"):
            # Connected after the window's own slot: the document's counts are corrected right after.
            runner.analysis_stored.connect(self._on_runner_analysis_stored)

    def _on_runner_analysis_stored(self, doc_id: str, analysis) -> None:
        if self._has_verdicts():
            self._apply_verdicts(doc_id, analysis)

    def _has_verdicts(self) -> bool:
        return self.store.db.execute("SELECT 1 FROM suggestion_feedback LIMIT 1").fetchone() is not None

    def _apply_verdicts(self, doc_id: str, analysis) -> None:
        from rusus_desktop.store.feedback import FeedbackIndex
        from rusus_desktop.ui.suggestions import visible_analysis

        index = self.session.feedback_index or FeedbackIndex.load(self.store)
        try:
            text = self.store.document(doc_id).text
        except RususError:
            return
        visible = visible_analysis(analysis, index, doc_id, text)
        entity_index = getattr(self.window, "entity_index", None)
        if entity_index is not None:
            entity_index.add(doc_id, visible)
        model = getattr(getattr(self.window, "corpus_panel", None), "model", None)
        if model is not None and hasattr(model, "set_entity_count"):
            model.set_entity_count(doc_id, len(visible.entities))

    def apply_verdicts_to_corpus_views(self) -> None:
        """Rejected suggestions are not counted corpus-wide either (entity counts, entity lists)."""
        runner = getattr(self.window, "runner", None)
        entity_index = getattr(self.window, "entity_index", None)
        if runner is None or entity_index is None or not self._store_open():
            return
        for doc_id in list(getattr(entity_index, "_by_doc", {})):
            analysis = runner.cached(doc_id)
            if analysis is not None:
                self._apply_verdicts(doc_id, analysis)
        refresh = getattr(self.window, "_refresh_corpus_views", None)
        if refresh is not None:
            refresh()

    # -- session events ----------------------------------------------------------------------

    def _on_session_document_loaded(self, document) -> None:
        self.stacks.activate(document.id)
        self.set_current(None)
        self.gutter.recompute()
        self._refresh_panels()
        pending, self._pending_jump = self._pending_jump, None
        if pending is not None and pending.doc_id == document.id:
            QTimer.singleShot(0, lambda: self.jump_to(pending))

    def _on_session_document_closed(self) -> None:
        self.set_current(None)
        self.gutter.recompute()
        self._refresh_panels()

    def _on_session_layer_changed(self, change) -> None:
        if change.layer == ANNOTATION_LAYER:
            self.gutter.recompute()

    def _on_session_annotations_changed(self, change) -> None:
        if self.current is not None and self.current.id in change.ids:
            try:
                self.current = self.store.annotation(self.current.id)
            except RususError:
                self.set_current(None)
        self._refresh_timer.start()
        if getattr(self.window, "corpus_panel", None) is not None:
            self._corpus_counts_timer().start()

    def _corpus_counts_timer(self) -> QTimer:
        timer = getattr(self, "_counts_timer", None)
        if timer is None:
            timer = self._counts_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(300)
            timer.timeout.connect(self._refresh_corpus_counts)
        return timer

    def _store_open(self) -> bool:
        return getattr(self.store, "db", None) is not None

    def _refresh_corpus_counts(self) -> None:
        """The corpus list's annotation counts (one query for the whole corpus, after a burst)."""
        if not self._store_open():
            return
        model = getattr(self.window.corpus_panel, "model", None)
        if model is None or not hasattr(model, "set_annotation_count"):
            return
        for summary in self.store.documents():
            current = model.summary(summary.id) if hasattr(model, "summary") else None
            if current is None or current.annotation_count != summary.annotation_count:
                model.set_annotation_count(summary.id, summary.annotation_count)

    def _on_session_tags_changed(self) -> None:
        panel = getattr(self.window, "corpus_panel", None)
        if panel is not None and hasattr(panel, "reload_tags"):
            panel.reload_tags()
        tags = self.store.tags()
        self.layer.set_tags(tags)
        self.gutter.set_tags(tags)
        self.view.highlighter.rehighlight()
        self._rebuild_tag_actions()
        self._refresh_timer.start()

    def _refresh_panels(self) -> None:
        if not self._store_open():
            return
        self.tag_panel.refresh()
        self.annotation_panel.refresh()
        self._update_actions()

    # -- tags as actions -------------------------------------------------------------------

    def _rebuild_tag_actions(self) -> None:
        for action in self.tag_actions.values():
            self.view.removeAction(action)
            action.deleteLater()
        self.tag_actions = {}
        self.tag_menu.clear()
        for tag in self.store.tags():
            action = QAction(tag_swatch(tag_color(tag)), tag.name, self.view)
            action.setObjectName(f"tagAction_{tag.id}")
            if tag.hotkey:
                action.setShortcut(QKeySequence(tag.hotkey))
                # Only while the reader has focus: digits typed in a filter box stay digits.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.view.addAction(action)
            if tag.description:
                action.setToolTip(tag.description)
            action.triggered.connect(lambda _c=False, t=tag.id: self.apply_tag(t))
            self.tag_actions[tag.id] = action
            self.tag_menu.addAction(action)
        self.tag_menu.addSeparator()
        self.tag_menu.addAction(self.new_tag_action)
        self._update_tag_button()
        self._update_actions()

    def _update_tag_button(self) -> None:
        tag = self._default_tag()
        self.tag_button.setText(tag.name if tag is not None else translate("Annotations", "Tag"))
        if tag is not None:
            self.tag_button.setIcon(tag_swatch(tag_color(tag), 20))
            self.tag_button.setToolTip(translate("Annotations", "Tag the selection as “{tag}” (click the arrow "
                                                                "for other tags)").format(tag=tag.name))

    def _default_tag(self) -> Tag | None:
        tags = self.store.tags()
        return next((t for t in tags if t.id == self.last_tag_id), tags[0] if tags else None)

    def _on_tag_button_clicked(self) -> None:
        tag = self._default_tag()
        if tag is not None:
            self.apply_tag(tag.id)

    def _update_actions(self) -> None:
        has_doc = self.session.document is not None
        has_sel = self.view.selected_span() is not None
        for action in self.tag_actions.values():
            action.setEnabled(has_doc)
        self.tag_button.setEnabled(has_doc)
        self.delete_annotation_action.setEnabled(self.current is not None)
        self.edit_note_action.setEnabled(self.current is not None)
        self.tag_menu.setEnabled(has_doc)
        self.tag_menu.setTitle(translate("Annotations", "&Tag Selection As") if has_sel or not has_doc
                               else translate("Annotations", "&Tag Selection As (select text first)"))

    # -- focus decides which history Ctrl+Z walks -----------------------------------------

    def document_focus(self) -> None:
        if self.session.doc_id is not None:
            self.stacks.activate(self.session.doc_id)

    def project_focus(self) -> None:
        self.stacks.activate(cmd.PROJECT_STACK)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.view and event.type() == QEvent.Type.FocusIn:
            self.document_focus()
        return False

    # -- the analyst -----------------------------------------------------------------------

    def _ask_name_dialog(self) -> str | None:
        dialog = NameDialog(parent=self.window)
        return dialog.value() if dialog.exec() else None

    def ensure_analyst_name(self) -> bool:
        """True when the analyst's name is known (asking once, on first use)."""
        if self.session.analyst_name:
            return True
        name = self.ask_name()
        if not name:
            self._status(translate("Annotations", "Annotations record who made them: set your name to start "
                                                  "tagging (Edit ▸ Preferences)."))
            return False
        self.set_analyst_name(name)
        return True

    def set_analyst_name(self, name: str) -> None:
        self.session.analyst_name = name
        self.settings.setValue(NAME_KEY, name)
        self.settings.sync()

    def show_preferences(self) -> bool:
        dialog = PreferencesDialog(self.session.analyst_name, self.interaction.snap_words, self.window)
        self.preferences_dialog = dialog
        if not dialog.exec():
            return False
        name, snap = dialog.values()
        if name:
            self.set_analyst_name(name)
        self.interaction.snap_words = snap
        self.settings.setValue(SNAP_KEY, snap)
        return True

    # -- pushing ---------------------------------------------------------------------------

    def push(self, command: cmd.OpCommand) -> bool:
        ok = self.stacks.push(command)
        self._flush()
        return ok

    def _flush(self) -> None:
        """Refresh the panels now if an edit asked for it (one refresh per user action)."""
        if self._refresh_timer.isActive():
            self._refresh_timer.stop()
            self._refresh_panels()
        else:
            self._update_actions()

    def _build(self, factory, *args, **kwargs):
        """Build a command, turning a refusal (bad span, duplicate name …) into a status message."""
        try:
            return factory(self.session, *args, **kwargs)
        except (RususError, ValueError) as exc:
            self._status(str(exc))
            return None

    def _status(self, text: str, msec: int = 6000) -> None:
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if bar is not None:
            bar.showMessage(text, msec)
        log.info("%s", text)

    # -- annotations -----------------------------------------------------------------------

    def apply_tag(self, tag_id: str) -> Annotation | None:
        """Tag the reader's selection; returns the new annotation (None when nothing was done)."""
        span = self.view.selected_span()
        if self.session.document is None or span is None or span[0] == span[1]:
            self._status(translate("Annotations", "Select some text first, then choose a tag."))
            return None
        if not self.ensure_analyst_name():
            return None
        command = self._build(cmd.AddAnnotation, self.session.doc_id, span[0], span[1], tag_id)
        if command is None or not self.push(command):
            return None
        self.last_tag_id = tag_id
        self._update_tag_button()
        # Collapse the selection so the new highlight shows (a selection paints over it).
        cursor = self.view.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        self.view.setTextCursor(cursor)
        ann = command.annotation
        self.set_current(ann)
        self._status(translate("Annotations", "Tagged “{quote}” as {tag}.").format(
            quote=_short(ann.quote), tag=self.store.tag(tag_id).name), 3000)
        return ann

    def set_current(self, ann: Annotation | None, *, source=None) -> None:
        self.current = ann
        self.gutter.current_id = ann.id if ann is not None else None
        self.gutter.update()
        if source is not self.annotation_panel and ann is not None:
            if not self.annotation_panel.select_annotation(ann.id):
                self._refresh_panels()
                self.annotation_panel.select_annotation(ann.id)
        self._update_actions()
        self.current_changed.emit(ann)

    def select_annotation(self, ann: Annotation) -> None:
        """Make ``ann`` current and show where it is (a brief flash, the selection is left alone)."""
        self.set_current(ann)
        color = tag_color(self.store.tag(ann.tag_id) if self._has_tag(ann.tag_id) else None)
        color.setAlpha(110)
        self.view.overlays.flash(ann.start, ann.end, color, self.session.offsets)
        self.annotation_dock.raise_()

    def _has_tag(self, tag_id: str) -> bool:
        return any(t.id == tag_id for t in self.store.tags())

    def _on_annotations_clicked(self, anns: list, global_pos: QPoint) -> None:
        if len(anns) == 1:
            self.select_annotation(anns[0])
            return
        tags = {t.id: t for t in self.store.tags()}
        menu = picker_menu(anns, tags, self.view)
        menu.triggered.connect(lambda action: action.data() is not None and self.select_annotation(action.data()))
        self.picker = menu
        menu.popup(global_pos)

    def jump_to(self, ann: Annotation) -> None:
        """Show an annotation's passage, opening its document first when needed."""
        if ann.doc_id != self.session.doc_id:
            self._pending_jump = ann
            opener = getattr(self.window, "open_document", None)
            (opener or self.session.open_document)(ann.doc_id)
            return
        if ann.status == "orphaned":
            self.view.select_span(ann.start, ann.start, flash=False)
            self._status(translate("Annotations", "This annotation lost its place when the text changed: select "
                                                  "the right passage and choose “Place at Selection”."), 8000)
        else:
            self.view.select_span(ann.start, ann.end)
        self.set_current(ann)
        self.view.setFocus()

    def delete_annotations(self, ann_ids: list[str]) -> bool:
        command = self._build(cmd.RemoveAnnotations, ann_ids)
        ok = command is not None and self.push(command)
        if ok and self.current is not None and self.current.id in ann_ids:
            self.set_current(None)
        return ok

    def delete_current(self) -> None:
        if self.current is not None:
            self.delete_annotations([self.current.id])

    def edit_note(self, ann_id: str, note: str | None) -> bool:
        note = (note or "").strip() or None
        try:
            if self.store.annotation(ann_id).note == note:
                return False
        except RususError:
            return False
        command = self._build(cmd.EditNote, ann_id, note)
        return command is not None and self.push(command)

    def edit_current_note(self) -> None:
        if self.current is None:
            return
        from PySide6.QtWidgets import QInputDialog

        tag = self.store.tag(self.current.tag_id)
        text, ok = QInputDialog.getMultiLineText(
            self.window, translate("Annotations", "Note"),
            describe_annotation(self.current, tag, 70), self.current.note or "")
        if ok:
            self.edit_note(self.current.id, text)

    def retag(self, ann_id: str, tag_id: str) -> bool:
        command = self._build(cmd.RetagAnnotation, ann_id, tag_id)
        return command is not None and self.push(command)

    def place_at_selection(self, ann_id: str) -> bool:
        span = self.view.selected_span()
        if span is None:
            self._status(translate("Annotations", "Select the passage in the reader first."))
            return False
        command = self._build(cmd.MoveAnnotation, ann_id, span[0], span[1])
        return command is not None and self.push(command)

    def show_corpus_annotations(self) -> None:
        self.annotation_dock.show()
        self.annotation_dock.raise_()
        self.annotation_panel.set_corpus_wide(True)
        self.annotation_panel.view.setFocus()

    # -- tags ------------------------------------------------------------------------------

    def create_tag(self, name: str, color: str | None = None, description: str = "") -> Tag | None:
        command = self._build(cmd.CreateTag, name, color, description)
        if command is None or not self.push(command):
            return None
        return command.op.tag

    def new_tag_interactive(self) -> Tag | None:
        base = translate("Annotations", "New tag")
        names = {t.name.casefold() for t in self.store.tags()}
        name, n = base, 2
        while name.casefold() in names:
            name, n = f"{base} {n}", n + 1
        return self.create_tag(name)

    def edit_tag(self, tag_id: str, **fields: str) -> bool:
        command = self._build(cmd.EditTag, tag_id, **fields)
        return command is not None and self.push(command)

    def recolour_tag_interactive(self, tag_id: str) -> bool:
        tag = self.store.tag(tag_id)
        color = QColorDialog.getColor(QColor(tag.color), self.window,
                                      translate("Annotations", "Colour of “{tag}”").format(tag=tag.name))
        if not color.isValid():
            return False
        return self.edit_tag(tag_id, color=color.name())

    def move_tag(self, tag_id: str, delta: int) -> bool:
        ids = [t.id for t in self.store.tags()]
        if tag_id not in ids:
            return False
        i = ids.index(tag_id)
        j = max(0, min(len(ids) - 1, i + delta))
        if i == j:
            return False
        ids.insert(j, ids.pop(i))
        command = self._build(cmd.ReorderTags, ids)
        return command is not None and self.push(command)

    def delete_tag(self, tag_id: str, *, move_to: str | None = None) -> bool:
        command = self._build(cmd.DeleteTag, tag_id, move_to=move_to)
        return command is not None and self.push(command)

    def delete_tag_interactive(self, tag_id: str) -> bool:
        """Delete a tag, asking what to do with its annotations when it has any."""
        uses = self.tag_usage().get(tag_id, 0)
        if not uses:
            return self.delete_tag(tag_id)
        tag = self.store.tag(tag_id)
        dialog = DeleteTagDialog(tag, uses, [t for t in self.store.tags() if t.id != tag_id], self.window)
        self.delete_dialog = dialog
        if not dialog.exec():
            return False
        return self.delete_tag(tag_id, move_to=dialog.move_to())

    def import_tagset(self, path: str | Path | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, translate("Annotations", "Import tag set"), "",
                                                  translate("Annotations", "Tag sets (*.json);;All files (*)"))
            if not path:
                return False
        try:
            specs = load_tagset(path)
        except TagSetError as exc:
            self._warn(translate("Annotations", "This tag set cannot be imported"), str(exc))
            return False
        command = self._build(cmd.ImportTagSet, specs)
        if command is None or not self.push(command):
            return False
        self._status(translate("Annotations", "Imported {n} tags from {file}.").format(n=len(specs),
                                                                                      file=Path(path).name))
        return True

    def export_tagset(self, path: str | Path | None = None) -> Path | None:
        if not path:
            start = str(Path(self.store.path).with_name("tags.json")) if self.store.path else "tags.json"
            path, _ = QFileDialog.getSaveFileName(self.window, translate("Annotations", "Export tag set"), start,
                                                  translate("Annotations", "Tag sets (*.json)"))
            if not path:
                return None
        try:
            out = tagset.export_tagset(self.store, path)
        except OSError as exc:
            self._warn(translate("Annotations", "The tag set could not be written"), str(exc))
            return None
        self._status(translate("Annotations", "Exported the tag set to {path}.").format(path=out))
        return out

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_box = box
        box.open()

    # -- suggestions -----------------------------------------------------------------------

    def suggestions_at(self, position: int) -> list[fb.Suggestion]:
        if self.session.document is None or position < 0:
            return []
        return suggestion_at(self.session.analysis, self.session.doc_id, position)

    def accept_suggestion(self, s: fb.Suggestion) -> bool:
        if not self.ensure_analyst_name():
            return False
        command = self._build(cmd.AcceptSuggestion, s)
        return command is not None and self.push(command)

    def reject_suggestion(self, s: fb.Suggestion) -> bool:
        if not self.ensure_analyst_name():
            return False
        command = self._build(cmd.RejectSuggestion, s)
        return command is not None and self.push(command)

    def correct_suggestion(self, s: fb.Suggestion, *, label: str | None = None,
                           span: tuple[int, int] | None = None) -> bool:
        if not self.ensure_analyst_name():
            return False
        start, end = span if span is not None else (s.start, s.end)
        command = self._build(cmd.CorrectSuggestion, s, start=start, end=end, label=label or s.label)
        return command is not None and self.push(command)

    def accept_all(self, s: fb.Suggestion) -> int:
        if not self.ensure_analyst_name():
            return 0
        command = self._build(cmd.AcceptAll, s.text, s.label, layer=s.layer)
        if command is None:
            return 0
        if not command.count:
            self._status(translate("Annotations", "Every “{text}” is already accepted.").format(text=s.text))
            return 0
        return command.count if self.push(command) else 0

    # -- the reader's context menu -----------------------------------------------------------

    def populate_context_menu(self, menu: QMenu, position: int) -> None:
        """Add tagging, annotation and suggestion items for code point ``position`` to ``menu``."""
        first = menu.actions()[0] if menu.actions() else None
        items: list[QAction | QMenu | None] = []
        if self.view.selected_span() is not None and self.session.document is not None:
            items.append(self.tag_menu)
        for ann in self.session.annotations_at(position) if position >= 0 else []:
            tag = self.store.tag(ann.tag_id)
            sub = QMenu(describe_annotation(ann, tag, 32), menu)
            sub.setIcon(tag_swatch(tag_color(tag)))
            sub.addAction(icons.icon("edit-note"), translate("Annotations", "Edit Note…"),
                          lambda a=ann: (self.set_current(a), self.edit_current_note()))
            retag = sub.addMenu(icons.icon("tag"), translate("Annotations", "Change Tag"))
            for other in self.store.tags():
                if other.id != ann.tag_id:
                    retag.addAction(tag_swatch(tag_color(other)), other.name,
                                    lambda a=ann.id, t=other.id: self.retag(a, t))
            sub.addAction(icons.icon("delete"), translate("Annotations", "Delete Annotation"),
                          lambda a=ann.id: self.delete_annotations([a]))
            items.append(sub)
        for s in self.suggestions_at(position):
            kind = cmd._label_name(s.tag_label)
            sub = QMenu(translate("Annotations", "Detected {kind}: “{text}”").format(kind=kind, text=_short(s.text, 30)),
                        menu)
            sub.setIcon(icons.icon(icons.ENTITY_ICONS.get(s.tag_label, "misc")))
            sub.addAction(icons.icon("accept"), translate("Annotations", "Accept as {kind}").format(kind=kind),
                          lambda x=s: self.accept_suggestion(x))
            sub.addAction(icons.icon("accept-all"), translate("Annotations", "Accept All “{text}” in the Corpus")
                          .format(text=_short(s.text, 24)), lambda x=s: self.accept_all(x))
            if s.layer == "entity":
                relabel = sub.addMenu(translate("Annotations", "Correct Label"))
                for key in theme.ENTITY_KEYS:
                    if key != s.label:
                        relabel.addAction(icons.icon(icons.ENTITY_ICONS[key]), cmd._label_name(key),
                                          lambda x=s, k=key: self.correct_suggestion(x, label=k))
            selection = self.view.selected_span()
            act = sub.addAction(translate("Annotations", "Correct Span to Selection"),
                                lambda x=s, sel=selection: self.correct_suggestion(x, span=sel))
            act.setEnabled(selection is not None and selection != (s.start, s.end))
            sub.addSeparator()
            sub.addAction(icons.icon("reject"), translate("Annotations", "Reject (Hide in This Project)"),
                          lambda x=s: self.reject_suggestion(x))
            items.append(sub)
        if not items:
            return
        for item in items:
            if isinstance(item, QMenu):
                menu.insertMenu(first, item)
            else:
                menu.insertAction(first, item)
        menu.insertSeparator(first)

    # -- project and documents -------------------------------------------------------------

    def project_changed(self) -> None:
        """The window switched to another project: forget this one's stacks and read the new one."""
        for key in list(self.stacks.keys()):
            self.stacks.forget(key)
        self.session.history = History(self.store)
        self.session.feedback_index = None
        self._connect_runner()
        self.set_current(None)
        self._on_session_tags_changed()

    def documents_replaced(self, reports) -> None:
        """Documents were replaced by edited versions: their old histories are gone."""
        orphans = 0
        for report in reports:
            self.stacks.forget(report.old_id)
            orphans += len(report.orphaned)
        if reports:
            self._refresh_timer.start()
            if orphans:
                self._status(translate("Annotations", "{n} annotation(s) could not be placed in the changed text "
                                                      "and need review (see the Annotations panel).").format(n=orphans),
                             10000)

    def retranslate(self) -> None:
        self.tag_menu.setTitle(translate("Annotations", "&Tag Selection As"))
        self.delete_annotation_action.setText(translate("Annotations", "&Delete Annotation"))
        self.edit_note_action.setText(translate("Annotations", "Edit &Note…"))
        self.new_tag_action.setText(translate("Annotations", "&New Tag"))
        self.import_tags_action.setText(translate("Annotations", "&Import Tag Set…"))
        self.export_tags_action.setText(translate("Annotations", "&Export Tag Set…"))
        self.preferences_action.setText(translate("Annotations", "&Preferences…"))
        self.corpus_annotations_action.setText(translate("Annotations", "&All Annotations in the Corpus"))
        self.annotate_menu.setTitle(translate("Annotations", "&Annotate"))
        self.tag_dock.setWindowTitle(translate("Annotations", "Tags"))
        self.annotation_dock.setWindowTitle(translate("Annotations", "Annotations"))
        self._update_tag_button()
        self._update_actions()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["Annotator", "NAME_KEY", "SNAP_KEY"]
