"""Background analysis of the corpus (STYLE §3.7).

``AnalysisJob`` is a ``QRunnable`` that walks a queue of documents through the NLP pipeline's
generator (``iter_analyze``), reporting progress inside each document and stopping between batches
when cancelled. It runs on a private one-thread ``QThreadPool``. It receives immutable texts and
returns plain ``Analysis`` values: it never opens the store or touches a widget.

``AnalysisRunner`` lives on the GUI thread. It serves cached results first (documents whose
analysis is in the project's cache are never queued), puts the document on screen at the front of
the queue, writes every result to the store on the GUI thread, and announces it with
``analysis_stored``. Cancelling keeps what was stored; the next run resumes from the cache.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

# iter_analyze(text, published=None, cancelled=...) -> yields (done, total) tuples, then an Analysis
AnalyzeFn = Callable[..., Iterator[object]]


@dataclass(frozen=True, slots=True)
class WorkItem:
    doc_id: str
    text: str
    published: dt.date | dt.datetime | None = None


def parse_published(value: str | None) -> dt.date | dt.datetime | None:
    """The store's ISO ``published`` string as the pipeline wants it (None when absent or odd)."""
    if not value:
        return None
    try:
        if "T" in value or " " in value.strip():
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    """Where a run is: whole documents done of the run's total, and the current document's part."""

    done_docs: int
    total_docs: int
    doc_id: str = ""
    doc_done: int = 0
    doc_total: int = 0

    @property
    def fraction(self) -> float:
        if not self.total_docs:
            return 1.0
        part = self.doc_done / self.doc_total if self.doc_total else 0.0
        return min(1.0, (self.done_docs + part) / self.total_docs)


def load_pipeline() -> tuple[str, AnalyzeFn]:
    """The NLP pipeline's version and generator (imported here: underthesea loads lazily inside)."""
    from rusus_desktop.nlp import pipeline

    return pipeline.PIPELINE_VERSION, pipeline.iter_analyze


class LoaderSignals(QObject):
    loaded = Signal(str, object)  # version, iter_analyze
    failed = Signal(str)


class PipelineLoadJob(QRunnable):
    """Import the NLP pipeline off the GUI thread (its modules take ~0.1 s to import)."""

    def __init__(self, loader: Callable[[], tuple[str, AnalyzeFn]]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = LoaderSignals()
        self._loader = loader

    def run(self) -> None:
        try:
            version, analyze = self._loader()
        except Exception as exc:  # noqa: BLE001 - reported to the window, which keeps working
            log.exception("loading the NLP pipeline failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.loaded.emit(version, analyze)


class JobSignals(QObject):
    """Signals of an :class:`AnalysisJob`; created on the GUI thread, so slots run there."""

    progress = Signal(str, int, int)  # doc_id, done chars, total chars
    analysed = Signal(str, object)  # doc_id, Analysis
    failed = Signal(str, str)  # doc_id, message
    finished = Signal(bool)  # cancelled


class AnalysisJob(QRunnable):
    """Analyse queued documents one after another.

    Runs on the worker thread; must not touch the Store or any widget. ``prioritise`` and
    ``cancel`` are safe to call from the GUI thread while it runs.
    """

    def __init__(self, items: Iterable[WorkItem], analyze: AnalyzeFn) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps the Python object alive until finished
        self.signals = JobSignals()
        self._analyze = analyze
        self._queue: deque[WorkItem] = deque(items)
        self._lock = threading.Lock()
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def prioritise(self, doc_id: str) -> bool:
        """Move ``doc_id`` to the front of the queue; False when it is not waiting in it."""
        with self._lock:
            for item in self._queue:
                if item.doc_id == doc_id:
                    self._queue.remove(item)
                    self._queue.appendleft(item)
                    return True
        return False

    def pending_ids(self) -> list[str]:
        with self._lock:
            return [item.doc_id for item in self._queue]

    def _next(self) -> WorkItem | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def run(self) -> None:
        signals = self.signals
        cancelled = self._cancelled.is_set
        try:
            while not cancelled():
                item = self._next()
                if item is None:
                    break
                try:
                    result = None
                    for step in self._analyze(item.text, published=item.published, cancelled=cancelled):
                        if isinstance(step, tuple):
                            signals.progress.emit(item.doc_id, int(step[0]), int(step[1]))
                        else:
                            result = step
                    if result is not None and not cancelled():
                        signals.analysed.emit(item.doc_id, result)
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
                    log.exception("analysis of %s failed", item.doc_id)
                    signals.failed.emit(item.doc_id, f"{type(exc).__name__}: {exc}")
        finally:
            signals.finished.emit(cancelled())


class AnalysisRunner(QObject):
    """Schedules analysis of a project's documents and stores the results (GUI thread).

    Signals:
        pipeline_loaded(str): the pipeline (this version) is ready; cached results can be read.
        pipeline_failed(str): it could not be loaded (the reader works without highlights).
        run_started(int): a run began with this many documents to analyse.
        progress_changed(AnalysisProgress)
        analysis_stored(str, Analysis): a result is in the project's cache.
        analysis_failed(str, str): a document could not be analysed (doc id, message).
        run_finished(bool): the run ended; True when it was cancelled.
    """

    pipeline_loaded = Signal(str)
    pipeline_failed = Signal(str)
    run_started = Signal(int)
    progress_changed = Signal(object)
    analysis_stored = Signal(str, object)
    analysis_failed = Signal(str, str)
    run_finished = Signal(bool)

    # In-process analysis (a thread of this process) instead of the analysis process: tests and the
    # screenshot command, which have no event loop to keep responsive. ``RUSUS_ANALYSIS_IN_PROCESS=1``
    # sets it too.
    in_process_default = False

    def __init__(self, store, parent: QObject | None = None, *,
                 pipeline: Callable[[], tuple[str, AnalyzeFn]] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._server = None
        if pipeline is None:
            if self.in_process_default or os.environ.get("RUSUS_ANALYSIS_IN_PROCESS") == "1":
                pipeline = load_pipeline
            else:
                pipeline = self._start_server
        self._pipeline_loader = pipeline
        self._version: str | None = None
        self._analyze: AnalyzeFn | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: AnalysisJob | None = None
        self._total = 0
        self._done = 0
        self._last_progress = 0.0
        self._rerun = False
        self._loader_job: PipelineLoadJob | None = None

    # -- pipeline ----------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._version is not None

    def load(self) -> None:
        """Load the pipeline on the worker thread; ``pipeline_loaded`` follows (at once if loaded)."""
        if self._version is not None:
            QTimer.singleShot(0, lambda: self.pipeline_loaded.emit(self._version))
            return
        if self._loader_job is not None:
            return
        job = PipelineLoadJob(self._pipeline_loader)
        job.signals.loaded.connect(self._on_loader_loaded)
        job.signals.failed.connect(self._on_loader_failed)
        self._loader_job = job
        self.pool.start(job)

    def _on_loader_loaded(self, version: str, analyze: AnalyzeFn) -> None:
        self._loader_job = None
        if self._version is None:
            self._version, self._analyze = version, analyze
        self.pipeline_loaded.emit(self._version)

    def _on_loader_failed(self, message: str) -> None:
        self._loader_job = None
        self.pipeline_failed.emit(message)

    @property
    def version(self) -> str:
        """The pipeline version (loading it synchronously when ``load`` has not finished yet)."""
        if self._version is None:
            self._version, self._analyze = self._pipeline_loader()
        return self._version

    def cached(self, doc_id: str):
        """The stored analysis of ``doc_id`` for the current pipeline version, or None."""
        data = self.store.cached_analysis(doc_id, self.version)
        if data is None:
            return None
        from rusus_desktop.nlp.types import Analysis

        return Analysis.from_json(data)

    def pending_ids(self) -> list[str]:
        """Documents without a cached analysis for this pipeline version, in corpus order."""
        done = self.store.analysed_ids(self.version)
        return [d.id for d in self.store.documents() if d.id not in done]

    # -- running -----------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        return self.job is not None

    def start(self, first: Iterable[str] = (), only: Iterable[str] | None = None) -> int:
        """Analyse every document not in the cache (or just ``only``), ``first`` ones first.

        Returns how many documents were queued (0: everything was cached already).
        """
        pending = list(only) if only is not None else self.pending_ids()
        if only is not None:
            done = self.store.analysed_ids(self.version)
            pending = [d for d in pending if d not in done]
        if self.job is not None:
            for doc_id in reversed(list(first)):
                self.job.prioritise(doc_id)
            self._rerun = True  # documents added meanwhile are picked up when this run ends
            return 0
        if not pending:
            return 0
        front = [d for d in first if d in set(pending)]
        order = front + [d for d in pending if d not in set(front)]
        items = []
        for doc_id in order:
            doc = self.store.document(doc_id)
            items.append(WorkItem(doc.id, doc.text, parse_published(doc.published)))
        assert self._analyze is not None
        job = AnalysisJob(items, self._analyze)
        job.signals.progress.connect(self._on_job_progress)
        job.signals.analysed.connect(self._on_job_analysed)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.finished.connect(self._on_job_finished)
        self.job = job
        self._total, self._done = len(items), 0
        self.run_started.emit(len(items))
        self.progress_changed.emit(AnalysisProgress(0, len(items)))
        self.pool.start(job)
        return len(items)

    def prioritise(self, doc_id: str) -> None:
        """Put ``doc_id`` next in line (starting a run for it when none is going)."""
        if self.job is not None:
            if not self.job.prioritise(doc_id):
                self._rerun = True  # being analysed right now, or added after the run started
        else:
            self.start(first=[doc_id], only=[doc_id])

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _start_server(self) -> tuple[str, AnalyzeFn]:
        """Start the analysis process (on the worker thread): the default pipeline loader."""
        from rusus_desktop.ui.analysis_server import AnalysisServer, take_prestarted

        server = take_prestarted() or AnalysisServer()
        version = server.start()
        self._server = server
        return version, server.analyze

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Cancel and wait for the worker (on quit), then stop the analysis process.

        Returns False if the worker did not stop in time.
        """
        self.cancel()
        done = self.pool.waitForDone(timeout_ms)
        if self._server is not None and done:
            self._server.stop()
            self._server = None
            self._version = None  # a later run starts a new process
            self._analyze = None
        return done

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the current run ends (tests, the screenshot command). Delivers its signals."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + timeout_ms / 1000
        while self.job is not None and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            self.pool.waitForDone(20)
        QCoreApplication.processEvents()
        return self.job is None

    # -- job signals (GUI thread) ------------------------------------------------------------

    def _on_job_progress(self, doc_id: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_progress < 0.05 and done < total:
            return  # the status bar needs no more than ~20 updates a second
        self._last_progress = now
        self.progress_changed.emit(AnalysisProgress(self._done, self._total, doc_id, done, total))

    def _on_job_analysed(self, doc_id: str, analysis) -> None:
        self._done += 1
        try:
            self.store.store_analysis(doc_id, self.version, analysis.to_json())
        except Exception as exc:  # noqa: BLE001 - a document deleted meanwhile, a closed store
            log.warning("could not store the analysis of %s: %s", doc_id, exc)
            return
        self.progress_changed.emit(AnalysisProgress(self._done, self._total))
        self.analysis_stored.emit(doc_id, analysis)

    def _on_job_failed(self, doc_id: str, message: str) -> None:
        self._done += 1
        self.analysis_failed.emit(doc_id, message)

    def _on_job_finished(self, cancelled: bool) -> None:
        job, self.job = self.job, None
        # Let the pool's thread drop its reference before the Python object goes.
        QTimer.singleShot(0, lambda: job)
        rerun, self._rerun = self._rerun, False
        self.run_finished.emit(cancelled)
        if rerun and not cancelled and self.job is None:
            self.start()
