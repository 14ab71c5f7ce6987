"""The main window: layout and wiring only.

Docks: the corpus list (left) and the entities panel (right). Centre: the legend, the reader and
the find bar. Status bar: messages, analysis progress, the project file. Behaviour lives in the
pieces (``DocumentSession``, ``DocumentView``, ``AnalysisRunner``, the panels); this class connects
them, builds menus and the toolbar from ``ReaderActions``, and keeps the settings.

Extension points for issue 5: ``edit_menu``, ``toolbar``, ``context_menu_actions`` (actions shown
in the reader's context menu, in order; ``None`` is a separator) and ``session``.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from rusus_desktop.errors import RususError
from rusus_desktop.ui import icons, theme
from rusus_desktop.ui.actions import ReaderActions
from rusus_desktop.ui.corpus_panel import CorpusPanel
from rusus_desktop.ui.i18n import LanguageManager
from rusus_desktop.ui.models import CorpusEntityIndex
from rusus_desktop.ui.settings import project_group, value_bool, value_int, value_list
from rusus_desktop.ui.status import AnalysisStatus, ProjectLabel

# Start-up paints the frame (menus, toolbar, corpus list, status bar) before anything else loads,
# so this module imports only what the frame needs. The reader, its panels, the document session,
# the analysis runner and the annotator are imported when the window is finished
# (``finish_construction``), and the session's layer names where they are used.
if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction

    from rusus_desktop.corpus.model import Document
    from rusus_desktop.ui.startup import ListedDocument
    from rusus_desktop.ui.workers import AnalysisProgress, AnalysisRunner

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


class MainWindow(QMainWindow):
    """Rusus Desktop's reader window. See the module docstring.

    Signals:
        document_opened(str): a document is on screen (after its cached analysis was applied).
        background_started(): the deferred start-up work ran (pipeline loaded, analysis scheduled).
    """

    document_opened = Signal(str)
    background_started = Signal()

    def __init__(self, store, *, settings, languages: LanguageManager | None = None,
                 runner: AnalysisRunner | None = None, theme_name: str = "system", defer: bool = False,
                 project_path=None) -> None:
        """Build the window.

        With ``defer=True`` only the frame is built (menus, toolbar, the corpus list, the status
        bar): enough to paint at once, with :meth:`show_quick_list`, while the project opens.
        Then call :meth:`finish_construction` with the opened store. Otherwise everything is
        built here.
        """
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.project_path = store.path if store is not None else project_path
        self.settings = settings
        self.languages = languages or LanguageManager(self)
        self.theme_name = theme_name
        self.entity_index = CorpusEntityIndex()
        self._runner_arg = runner
        self.reader_actions = ReaderActions(self)
        self.context_menu_actions: list[QAction | None] = [self.reader_actions.copy, self.reader_actions.select_all, None,
                                                          self.reader_actions.find]
        self._background_ready = False
        self.ready = False  # True once finish_construction ran

        # centre: an empty page until the reader is built
        centre = QWidget(self)
        centre.setObjectName("readerPane")
        self._centre_box = QVBoxLayout(centre)
        self._centre_box.setContentsMargins(0, 0, 0, 0)
        self._centre_box.setSpacing(0)
        self._page = QWidget(centre)
        self._page.setAutoFillBackground(True)
        self._page.setBackgroundRole(QPalette.ColorRole.Base)
        self._centre_box.addWidget(self._page, 1)
        self.setCentralWidget(centre)

        # docks (the entities dock gets its panel with the reader)
        self.corpus_panel = CorpusPanel(store, self.entity_index, self)
        self.corpus_dock = self._dock("corpusDock", self.corpus_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.entities_dock = self._dock("entitiesDock", QWidget(self), Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

        # status bar
        self.analysis_status = AnalysisStatus(self.reader_actions.cancel_analysis, self)
        self.project_label = ProjectLabel(self)
        self.statusBar().addPermanentWidget(self.analysis_status)
        self.statusBar().addPermanentWidget(self.project_label)
        self.statusBar().setSizeGripEnabled(True)

        self._build_menus()
        self._build_toolbar()
        # Of the actions' icons only the toolbar's show before the window is finished (menus are
        # closed); finish_construction builds the rest.
        self.reader_actions.refresh_icons(only=self.toolbar.actions())
        self.retranslate()
        if not defer:
            self.finish_construction()

    def finish_construction(self, store=None) -> None:
        """Build the reader, the panels and the annotator (on ``store`` when given)."""
        if self.ready:
            return
        if store is not None:
            self.store = store
            self.project_path = store.path
            self.corpus_panel.store = store
        store = self.store
        from rusus_desktop.ui.document_view import DocumentView
        from rusus_desktop.ui.entities_panel import EntitiesPanel
        from rusus_desktop.ui.find_bar import FindBar
        from rusus_desktop.ui.legend import LegendBar
        from rusus_desktop.ui.session import DocumentSession
        from rusus_desktop.ui.workers import AnalysisRunner

        self.session = DocumentSession(store, self)
        self.runner = self._runner_arg or AnalysisRunner(store, self)

        # centre: legend, reader, find bar
        self.view = DocumentView(self.session, self)
        self.legend = LegendBar(self.reader_actions.show_types, self.reader_actions.furniture_modes,
                                self.reader_actions.toggle_furniture, self)
        self.find_bar = FindBar(self.view, self.reader_actions.find_next, self.reader_actions.find_previous, self)
        self.find_bar.hide()
        self._centre_box.removeWidget(self._page)
        self._page.hide()  # deleteLater alone leaves it painted until the event loop runs again
        self._page.deleteLater()
        self._centre_box.addWidget(self.legend)
        self._centre_box.addWidget(self.view, 1)
        self._centre_box.addWidget(self.find_bar)

        self.entities_panel = EntitiesPanel(self.session, self.entity_index, self)
        old = self.entities_dock.widget()
        self.entities_dock.setWidget(self.entities_panel)
        if old is not None:
            old.hide()
            old.deleteLater()

        self._connect()
        # Tagging, notes, suggestions' verdicts, undo/redo and the tag/annotation docks (issue 5).
        from rusus_desktop.ui.annotator import Annotator

        self.annotator = Annotator(self)
        self.ready = True
        self.reader_actions.refresh_icons()
        self.retranslate()
        self._set_project_path()

    # -- construction ------------------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.reader_actions
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        for action in (a.new_project, a.open_project, a.add_documents, a.save_copy, None,
                       a.import_annotations, a.export_annotations, None, a.quit):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        for action in (a.copy, a.select_all, None, a.find, a.find_next, a.find_previous):
            self.edit_menu.addSeparator() if action is None else self.edit_menu.addAction(action)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        self.highlights_menu = QMenu(self.view_menu)
        for action in a.show_types.values():
            self.highlights_menu.addAction(action)
        self.furniture_menu = QMenu(self.view_menu)
        for action in a.furniture_modes.values():
            self.furniture_menu.addAction(action)
        self.theme_menu = QMenu(self.view_menu)
        for action in a.themes.values():
            self.theme_menu.addAction(action)
        self.language_menu = QMenu(self.view_menu)
        self.language_menu.setObjectName("languageMenu")
        for action in a.languages.values():
            self.language_menu.addAction(action)
        self.panels_menu = QMenu(self.view_menu)
        self.panels_menu.addAction(self.corpus_dock.toggleViewAction())
        self.panels_menu.addAction(self.entities_dock.toggleViewAction())
        self.corpus_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+1"))
        self.entities_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+2"))
        for item in (a.zoom_in, a.zoom_out, a.zoom_reset, None, self.highlights_menu, self.furniture_menu,
                     None, self.panels_menu, self.theme_menu, self.language_menu):
            if item is None:
                self.view_menu.addSeparator()
            elif isinstance(item, QMenu):
                self.view_menu.addMenu(item)
            else:
                self.view_menu.addAction(item)
        self.document_menu = bar.addMenu("")
        self.document_menu.setObjectName("documentMenu")
        for action in (a.previous_document, a.next_document, a.focus_corpus, None, a.next_entity,
                       a.previous_entity, None, a.analyse_corpus, a.cancel_analysis):
            self.document_menu.addSeparator() if action is None else self.document_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(a.about)
        self.help_menu.addAction(a.about_qt)

    def _build_toolbar(self) -> None:
        a = self.reader_actions
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (a.open_project, a.add_documents, None, a.previous_document, a.next_document, None,
                       a.find, a.zoom_out, a.zoom_in, None, a.analyse_corpus):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _connect(self) -> None:
        a = self.reader_actions
        view = self.view
        a.new_project.triggered.connect(self.new_project)
        a.open_project.triggered.connect(self.open_project_dialog)
        a.add_documents.triggered.connect(self.add_documents_dialog)
        a.save_copy.triggered.connect(self.save_copy_dialog)
        a.export_annotations.triggered.connect(self.export_dialog)
        a.import_annotations.triggered.connect(lambda: self.import_annotations_dialog())
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(view.copy)
        a.select_all.triggered.connect(view.selectAll)
        a.find.triggered.connect(self.find_bar.open_bar)
        a.find_next.triggered.connect(self.find_bar.find_next)
        a.find_previous.triggered.connect(self.find_bar.find_previous)
        a.zoom_in.triggered.connect(view.zoom_in)
        a.zoom_out.triggered.connect(view.zoom_out)
        a.zoom_reset.triggered.connect(view.zoom_reset)
        for key, action in a.show_types.items():
            action.toggled.connect(lambda checked, k=key: self.set_type_visible(k, checked))
        for mode, action in a.furniture_modes.items():
            action.triggered.connect(lambda _c=False, m=mode: self.set_furniture_mode(m))
        a.toggle_furniture.triggered.connect(
            lambda: self.set_furniture_mode("dim" if view.furniture_mode == "hide" else "hide"))
        for name, action in a.themes.items():
            action.triggered.connect(lambda _c=False, n=name: self.set_theme(n))
        for code, action in a.languages.items():
            action.triggered.connect(lambda _c=False, c=code: self.set_language(c))
        a.previous_document.triggered.connect(lambda: self.step_document(-1))
        a.next_document.triggered.connect(lambda: self.step_document(+1))
        a.focus_corpus.triggered.connect(self._focus_corpus)
        a.next_entity.triggered.connect(lambda: self.step_highlight(+1))
        a.previous_entity.triggered.connect(lambda: self.step_highlight(-1))
        a.analyse_corpus.triggered.connect(self.analyse_corpus)
        a.cancel_analysis.triggered.connect(lambda: self.runner.cancel())
        a.about.triggered.connect(self.show_about)
        a.about_qt.triggered.connect(lambda: QMessageBox.aboutQt(self))

        self.corpus_panel.document_requested.connect(self.open_document)
        self.entities_panel.occurrence_requested.connect(self.jump_to_occurrence)
        self.entities_panel.document_occurrence_requested.connect(self._on_entities_document_occurrence)
        self.entities_panel.entity_filter_requested.connect(self.corpus_panel.filter_by_entity)
        view.context_menu_requested.connect(self._on_view_context_menu_requested)
        view.zoom_changed.connect(lambda z: self.statusBar().showMessage(
            translate("MainWindow", "Zoom {zoom}%").format(zoom=z), 1500))
        view.selection_changed_span.connect(lambda span: a.copy.setEnabled(span is not None))
        a.copy.setEnabled(False)
        self.session.analysis_changed.connect(lambda _a: self._update_legend())
        self.session.document_loaded.connect(lambda _d: self._update_legend())
        self._connect_runner()
        self.languages.language_changed.connect(self._on_languages_language_changed)

    def _connect_runner(self) -> None:
        r = self.runner
        r.pipeline_loaded.connect(self._on_runner_pipeline_loaded)
        r.pipeline_failed.connect(self._on_runner_pipeline_failed)
        r.progress_changed.connect(self._on_runner_progress_changed)
        r.analysis_stored.connect(self._on_runner_analysis_stored)
        r.analysis_failed.connect(self._on_runner_analysis_failed)
        r.run_started.connect(lambda _n: self._set_analysing(True))
        r.run_finished.connect(self._on_runner_run_finished)

    # -- start-up ----------------------------------------------------------------------------

    def show_quick_list(self, rows: list[ListedDocument]) -> None:
        """Show the corpus list read before the project is open (``ui/startup.py``).

        Call it after ``show()``: showing the window lays the list out three times over (some 900
        calls into the model for five documents), which costs nothing while the list is empty;
        the rows are then laid out once, before the first paint. ``load_corpus`` replaces them.
        """
        self.corpus_panel.model.set_documents(rows)

    def load_corpus(self) -> None:
        """Fill the corpus list and open the last (or first) document; no NLP on this path."""
        self.corpus_panel.reload()
        group = project_group(self.store.path)
        last = self.settings.value(f"{group}/last_document")
        ids = self.corpus_panel.model.ids()
        doc_id = last if last in ids else (ids[0] if ids else None)
        if doc_id:
            self.open_document(doc_id, restore_scroll=(doc_id == last))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # reading first, not the search box

    def start_background(self, *, analyse: bool = True, wait: bool = False) -> None:
        """After the window is shown: load the pipeline, apply cached analyses, schedule the rest.

        The pipeline is imported on the worker thread; ``background_started`` is emitted once the
        cached results are applied. ``wait=True`` loads it synchronously (tests, screenshots).
        """
        self._analyse_when_ready = analyse
        if wait:
            try:
                version = self.runner.version
            except Exception as exc:  # noqa: BLE001 - the reader still works without highlights
                log.exception("the NLP pipeline could not be loaded")
                self._on_runner_pipeline_failed(f"{type(exc).__name__}: {exc}")
                return
            self._on_runner_pipeline_loaded(version)
        else:
            self.runner.load()

    def _on_runner_pipeline_loaded(self, version: str) -> None:
        if self._background_ready and self.session.pipeline_version == version:
            return
        self.session.pipeline_version = version
        self._background_ready = True
        self._load_cached_analyses()
        if self.session.document is not None and self.session.analysis is None:
            cached = self.runner.cached(self.session.document.id)
            if cached is not None:
                self.session.set_analysis(cached)
        self._update_legend()
        if getattr(self, "_analyse_when_ready", True):
            first = [self.session.doc_id] if self.session.doc_id else []
            self.runner.start(first=first)
        self.background_started.emit()

    def _on_runner_pipeline_failed(self, message: str) -> None:
        self.statusBar().showMessage(translate("MainWindow", "Entity detection is unavailable: {error}")
                                     .format(error=message))
        self.background_started.emit()

    def _load_cached_analyses(self) -> None:
        counts: dict[str, int] = {}
        version = self.runner.version
        titles = {}
        for summary in self.store.documents():
            titles[summary.id] = summary.title
            data = self.store.cached_analysis(summary.id, version)
            if data is None:
                continue
            from rusus_desktop.nlp.types import Analysis

            analysis = Analysis.from_json(data)
            self.entity_index.add(summary.id, analysis)
            counts[summary.id] = len(analysis.entities)
        self.corpus_panel.model.set_entity_counts(counts)
        self.corpus_panel.refresh_entity_names()
        self.entities_panel.set_titles(titles)

    @property
    def analysis_available(self) -> bool:
        """True once the NLP pipeline is loaded (``start_background`` ran and succeeded)."""
        return self._background_ready

    # -- documents ---------------------------------------------------------------------------

    def open_document(self, doc_id: str, *, restore_scroll: bool = False) -> Document | None:
        if self.session.doc_id == doc_id:
            self.corpus_panel.select_document(doc_id)
            return self.session.document
        self._remember_position()
        analysis = self.runner.cached(doc_id) if self._background_ready else None
        try:
            document = self.session.open_document(doc_id, analysis)
        except RususError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return None
        self.corpus_panel.select_document(doc_id)
        self.setWindowTitle(translate("MainWindow", "{title} — Rusus Desktop").format(title=_short(document.title)))
        if restore_scroll:
            top = value_int(self.settings, f"{project_group(self.store.path)}/top_position", 0)
            if top > 0:
                self.view.restore_position(top)
        if analysis is None and self._background_ready:
            self.runner.prioritise(doc_id)
        self._update_navigation()
        self.document_opened.emit(doc_id)
        return document

    def step_document(self, step: int) -> None:
        target = self.corpus_panel.adjacent(self.session.doc_id, step)
        if target is not None:
            self.open_document(target)
            self.view.setFocus()

    def _update_navigation(self) -> None:
        current = self.session.doc_id
        self.reader_actions.previous_document.setEnabled(self.corpus_panel.adjacent(current, -1) is not None)
        self.reader_actions.next_document.setEnabled(self.corpus_panel.adjacent(current, +1) is not None)

    def _focus_corpus(self) -> None:
        self.corpus_dock.show()
        self.corpus_panel.view.setFocus()

    def jump_to_occurrence(self, layer: str, label: str, key: str) -> None:
        """Select the next occurrence of an entity or date after the cursor (wrapping)."""
        sel = self.view.selected_span()
        after = sel[0] + 1 if sel is not None else self.view.cursor_position()
        span = self.session.next_occurrence(layer, label, key, after)
        if span is not None:
            self.view.select_span(span.start, span.end)

    def _on_entities_document_occurrence(self, doc_id: str, layer: str, label: str, key: str) -> None:
        self.open_document(doc_id)
        if self.session.doc_id == doc_id:
            span = self.session.next_occurrence(layer, label, key, 0)
            if span is not None:
                self.view.select_span(span.start, span.end)

    def step_highlight(self, step: int) -> None:
        """Move to the next/previous visible entity or date."""
        from rusus_desktop.ui.session import DATE_LAYER, ENTITY_LAYER

        sel = self.view.selected_span()
        pos = self.view.cursor_position() if sel is None else (sel[0] + 1 if step > 0 else sel[0])
        hidden = {k for k, a in self.reader_actions.show_types.items() if not a.isChecked()}
        best = None
        for layer in (ENTITY_LAYER, DATE_LAYER):
            index = self.session.layer(layer)
            pick = index.next_after if step > 0 else index.previous_before
            span = pick(pos, lambda s: s.label not in hidden)
            if span is None:
                continue
            if best is None:
                best = span
            elif step > 0:
                best = min(best, span, key=lambda s: ((s.start - pos) % (len(self.session.document.text) + 1)))
            else:
                best = min(best, span, key=lambda s: ((pos - s.start) % (len(self.session.document.text) + 1)))
        if best is not None:
            self.view.select_span(best.start, best.end)

    # -- highlights --------------------------------------------------------------------------

    def set_type_visible(self, key: str, visible: bool) -> None:
        from rusus_desktop.ui.session import DATE_LAYER, ENTITY_LAYER

        layer = DATE_LAYER if key == theme.DATE_KEY else ENTITY_LAYER
        self.view.highlighter.set_label_visible(layer, key, visible)
        if self.reader_actions.show_types[key].isChecked() != visible:
            self.reader_actions.show_types[key].setChecked(visible)

    def set_furniture_mode(self, mode: str) -> None:
        self.view.set_furniture_mode(mode)
        action = self.reader_actions.furniture_modes.get(self.view.furniture_mode)
        if action is not None and not action.isChecked():
            action.setChecked(True)

    def _update_legend(self) -> None:
        from rusus_desktop.ui.session import DATE_LAYER

        session = self.session
        if session.analysis is None:
            self.legend.set_counts(None)
            if session.document is not None:
                self.legend.set_status(translate("MainWindow", "Finding entities and dates…")
                                       if self._background_ready else "")
            else:
                self.legend.set_status("")
            return
        counts = {k: sum(c.values()) for k, c in session.entity_counts().items()}
        counts["DATE"] = len(session.layer(DATE_LAYER))
        for key in theme.ENTITY_KEYS:
            counts.setdefault(key, 0)
        self.legend.set_counts(counts)
        self.legend.set_status("")

    # -- analysis ----------------------------------------------------------------------------

    def analyse_corpus(self) -> None:
        if not self._background_ready:
            self.start_background()
            return
        queued = self.runner.start(first=[self.session.doc_id] if self.session.doc_id else [])
        if not queued and not self.runner.is_running:
            self.statusBar().showMessage(translate("MainWindow", "Every document is analysed."), 4000)

    def _set_analysing(self, running: bool) -> None:
        self.reader_actions.cancel_analysis.setEnabled(running)
        self.reader_actions.analyse_corpus.setEnabled(not running)
        if not running:
            self.analysis_status.set_progress(None)

    def _on_runner_progress_changed(self, progress: AnalysisProgress) -> None:
        self.analysis_status.set_progress(progress)

    def _on_runner_analysis_stored(self, doc_id: str, analysis) -> None:
        self.entity_index.add(doc_id, analysis)
        self.corpus_panel.model.set_entity_count(doc_id, len(analysis.entities))
        if doc_id == self.session.doc_id:
            self.session.set_analysis(analysis)
        self._entity_names_timer().start()

    def _entity_names_timer(self) -> QTimer:
        # Corpus-wide views are rebuilt at most every 1.5 s while a run is delivering results.
        timer = getattr(self, "_names_timer", None)
        if timer is None:
            timer = self._names_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(1500)
            timer.timeout.connect(self._refresh_corpus_views)
        return timer

    def _refresh_corpus_views(self) -> None:
        self.corpus_panel.refresh_entity_names()
        self.entities_panel.mark_corpus_dirty()

    def _on_runner_analysis_failed(self, doc_id: str, message: str) -> None:
        summary = self.corpus_panel.model.summary(doc_id)
        title = _short(summary.title) if summary else doc_id[:12]
        self.statusBar().showMessage(translate("MainWindow", "Could not analyse “{title}”: {error}").format(
            title=title, error=message), 8000)

    def _on_runner_run_finished(self, cancelled: bool) -> None:
        self._set_analysing(False)
        self._refresh_corpus_views()
        if cancelled:
            self.statusBar().showMessage(translate("MainWindow", "Analysis stopped; finished documents are kept "
                                                                 "and the rest resumes next time."), 6000)
        elif self.session.analysis is None and self.session.document is not None:
            self._update_legend()

    # -- project files -----------------------------------------------------------------------

    def _set_project_path(self) -> None:
        if self.store is not None:
            self.project_path = self.store.path
        self.project_label.set_path(self.project_path)

    def new_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("MainWindow", "Folder of documents"))
        if not folder:
            return
        target, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "New project file"),
                                                str(Path(folder).with_suffix(".rusus")),
                                                translate("MainWindow", "Rusus projects (*.rusus)"))
        if not target:
            return
        from rusus_desktop.project_setup import check_new_project_path, new_project_from_paths
        from rusus_desktop.ui.corpus_loading import load_documents

        try:
            check_new_project_path(target)  # refuse before reading a large folder
            loaded = load_documents(self, [folder])  # read and decoded on a worker thread
            if loaded is None:
                return
            store, loaded = new_project_from_paths(target, [folder], loaded=loaded)
        except (RususError, OSError) as exc:
            self._error(translate("MainWindow", "Could not create the project"), str(exc))
            return
        self.switch_project(store)
        self._report_skipped(loaded, added=len(loaded.documents))

    def open_project_dialog(self) -> None:
        start = str(Path(self.store.path).parent) if self.store.path else ""
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open project"), start,
                                              translate("MainWindow", "Rusus projects (*.rusus);;All files (*)"))
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        from rusus_desktop.store import Store

        if self.store.path and Path(path).resolve() == Path(self.store.path).resolve():
            return True
        try:
            store = Store(path)
        except (RususError, OSError) as exc:
            self._error(translate("MainWindow", "Could not open the project"), str(exc))
            return False
        self.switch_project(store)
        return True

    def switch_project(self, store) -> None:
        """Close the current project and show ``store`` (the window takes ownership of it)."""
        from rusus_desktop.ui.workers import AnalysisRunner

        self._remember_position()
        self.runner.shutdown()
        old = self.store
        self.store = store
        self.session.close_document()
        self.session.store = store
        self.corpus_panel.store = store
        self.runner = AnalysisRunner(store, self)
        self._connect_runner()
        self.annotator.project_changed()
        self._set_analysing(False)
        self.entity_index.clear()
        if old is not None and old is not store:
            old.close()
        self._set_project_path()
        self.settings.setValue("last_project", str(store.path) if store.path else "")
        self._background_ready = False
        self.load_corpus()
        self.start_background()

    def add_documents_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, translate("MainWindow", "Add documents"), "",
                                                translate("MainWindow", "Text documents (*.txt *.md);;All files (*)"))
        if paths:
            self.add_documents(paths)

    def add_documents(self, paths: list[str]) -> list[str]:
        from rusus_desktop.ui.corpus_loading import load_documents

        loaded = load_documents(self, paths)  # read and decoded on a worker thread
        if loaded is None:  # cancelled: nothing was added
            return []
        open_before = self.session.doc_id
        result = self.store.add_documents(loaded.documents)
        added, present = result
        replaced = {r.old_id: r.new_id for r in getattr(result, "reanchored", ())}
        self.annotator.documents_replaced(getattr(result, "reanchored", ()))
        if open_before in replaced:  # the open document was re-added from an edited file
            self.session.close_document()
            self.open_document(replaced[open_before])
        self.corpus_panel.reload()
        self.entities_panel.set_titles({d.id: d.title for d in self.store.documents()})
        message = translate("MainWindow", "{added} added, {present} already in the project, {skipped} skipped.") \
            .format(added=len(added), present=len(present), skipped=len(loaded.skipped) + len(loaded.duplicates))
        self.statusBar().showMessage(message, 8000)
        self._report_skipped(loaded, added=len(added), present=len(present))
        if added and self._background_ready:
            self.runner.start()
        self._update_navigation()
        return added

    def _report_skipped(self, loaded, **counts) -> None:
        from rusus_desktop.ui.corpus_loading import show_load_summary

        self.load_summary_dialog = show_load_summary(self, loaded, **counts)

    def save_copy_dialog(self) -> None:
        suggested = str(Path(self.store.path).with_name(Path(self.store.path).stem + " copy.rusus")) \
            if self.store.path else "copy.rusus"
        target, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Save a copy of the project"), suggested,
                                                translate("MainWindow", "Rusus projects (*.rusus)"))
        if not target:
            return
        try:
            path = self.store.save_copy(target)
        except (RususError, OSError) as exc:
            self._error(translate("MainWindow", "Could not save the copy"), str(exc))
            return
        self.statusBar().showMessage(translate("MainWindow", "Saved a copy to {path}").format(path=path), 6000)

    def export_dialog(self) -> None:
        """File > Export Annotations…: the dialog runs the export on its own worker thread."""
        from rusus_desktop.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.store, self, current_document_id=self.session.doc_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog_widget = dialog
        dialog.open()

    def import_annotations_dialog(self, path: str | None = None):
        """File > Import Annotations…: all or nothing, then refresh what the import touched."""
        from rusus_desktop.corpus.model import Change
        from rusus_desktop.ui.export_dialog import import_annotations

        report = import_annotations(self, self.store, path)
        if report is None:
            return None
        self.annotator.documents_replaced(report.reanchored)
        if self.session.doc_id and self.session.doc_id not in {d.id for d in self.store.documents()}:
            self.session.close_document()
        self.session.reload_annotations()
        self.session.tags_changed.emit()
        self.session.annotations_changed.emit(Change("annotations"))
        self.corpus_panel.reload()
        self.entities_panel.set_titles({d.id: d.title for d in self.store.documents()})
        self._update_navigation()
        return report

    def _error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def show_about(self) -> None:
        import html

        from rusus_desktop import version

        path = str(self.store.path) if self.store.path else translate("MainWindow", "(in memory)")
        text = translate("MainWindow", "<h3>Rusus Desktop {version}</h3>"
                                       "<p>A reader and annotator for Vietnamese news corpora.</p>"
                                       "<p>Project file:<br><code>{path}</code></p>").format(
            version=html.escape(version()), path=html.escape(path))
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(translate("MainWindow", "About Rusus Desktop"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(text)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.open()
        self.about_box = box

    # -- theme and language ------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        self.theme_name = name
        theme.apply_theme(app, name)
        # Widgets learn of the new application palette through posted events; deliver them now so
        # everything below (icons, highlight formats) sees the new colours.
        QCoreApplication.sendPostedEvents()
        self.reader_actions.themes.get(name, self.reader_actions.themes["system"]).setChecked(True)
        icons.clear_memo()
        self.reader_actions.refresh_icons()
        self.entities_panel.rebuild_document()
        self.entities_panel.mark_corpus_dirty()

    def set_language(self, code: str) -> None:
        self.languages.set_language(code)
        self.reader_actions.languages.get(self.languages.choice, self.reader_actions.languages["system"]).setChecked(True)

    def _on_languages_language_changed(self, _lang: str) -> None:
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.reader_actions.retranslate()
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.edit_menu.setTitle(translate("MainWindow", "&Edit"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.document_menu.setTitle(translate("MainWindow", "&Document"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.highlights_menu.setTitle(translate("MainWindow", "&Highlights"))
        self.furniture_menu.setTitle(translate("MainWindow", "Page &Furniture"))
        self.panels_menu.setTitle(translate("MainWindow", "&Panels"))
        self.theme_menu.setTitle(translate("MainWindow", "&Theme"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.corpus_dock.setWindowTitle(translate("MainWindow", "Corpus"))
        self.entities_dock.setWindowTitle(translate("MainWindow", "Entities and Dates"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        if not self.ready:
            self.setWindowTitle(translate("MainWindow", "Rusus Desktop"))
            self._set_project_path()
            return
        if self.session.document is None:
            self.setWindowTitle(translate("MainWindow", "Rusus Desktop"))
        else:
            self.setWindowTitle(translate("MainWindow", "{title} — Rusus Desktop").format(
                title=_short(self.session.document.title)))
        self._set_project_path()
        self._update_legend()

    # -- context menu ------------------------------------------------------------------------

    def _on_view_context_menu_requested(self, global_pos: QPoint, position: int) -> None:
        menu = QMenu(self)
        for action in self.context_menu_actions:
            menu.addSeparator() if action is None else menu.addAction(action)
        self.annotator.populate_context_menu(menu, position)
        self.context_menu = menu
        menu.popup(global_pos)

    # -- settings ----------------------------------------------------------------------------

    def apply_default_layout(self) -> None:
        self.resize(1320, 860)
        # Dock sizes only take once the main window has laid out; defer to the first event loop turn.
        QTimer.singleShot(0, lambda: self.resizeDocks([self.corpus_dock, self.entities_dock], [370, 330],
                                                      Qt.Orientation.Horizontal))

    def restore_layout(self) -> None:
        """Geometry, docks and the corpus list's columns (call again once late docks exist)."""
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if geometry is None or state is None or not self.restoreState(state, SETTINGS_VERSION):
            self.apply_default_layout()
        header = s.value("corpus/header")
        if header is not None:
            self.corpus_panel.view.header().restoreState(header)

    def restore_settings(self) -> None:
        self.restore_layout()
        self.restore_view_settings()

    def restore_view_settings(self) -> None:
        """Zoom, page furniture, highlight types, panels' tabs (needs the finished window)."""
        s = self.settings
        self.view.set_zoom(value_int(s, "view/zoom", 100))
        mode = str(s.value("view/furniture", "dim"))
        self.set_furniture_mode(mode)
        hidden = set(value_list(s, "view/hidden_types"))
        for key, action in self.reader_actions.show_types.items():
            action.setChecked(key not in hidden)
        self.reader_actions.themes.get(self.theme_name, self.reader_actions.themes["system"]).setChecked(True)
        self.reader_actions.languages.get(self.languages.choice, self.reader_actions.languages["system"]).setChecked(True)
        self.entities_panel.tabs.setCurrentIndex(value_int(s, "entities/tab", 0))
        if not value_bool(s, "view/find_bar", False):
            self.find_bar.hide()

    def save_settings(self) -> None:
        s = self.settings
        if not self.ready:
            return  # closed while still opening: nothing worth keeping changed
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(SETTINGS_VERSION))
        s.setValue("corpus/header", self.corpus_panel.view.header().saveState())
        s.setValue("view/zoom", self.view.zoom)
        s.setValue("view/furniture", self.view.furniture_mode)
        s.setValue("view/hidden_types", [k for k, a in self.reader_actions.show_types.items() if not a.isChecked()])
        s.setValue("view/theme", self.theme_name)
        s.setValue("view/language", self.languages.choice)
        s.setValue("entities/tab", self.entities_panel.tabs.currentIndex())
        self._remember_position()
        s.sync()

    def _remember_position(self) -> None:
        if self.session.document is None:
            return
        group = project_group(self.store.path)
        self.settings.setValue(f"{group}/last_document", self.session.document.id)
        self.settings.setValue(f"{group}/top_position", self.view.top_position())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        if self.ready:
            self.runner.shutdown()
        super().closeEvent(event)


def _short(title: str, limit: int = 80) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"
