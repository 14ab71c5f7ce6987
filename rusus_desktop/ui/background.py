"""Long work off the GUI thread, with a progress dialog and Cancel (STYLE §3.4, §3.7; Orange's
``ConcurrentMixin`` idea).

:func:`run_in_background` runs a pure function ``fn(progress, cancelled)`` on a private one-thread
``QThreadPool`` and waits for it in a local event loop (as ``QDialog.exec`` does), so the caller
reads like straight-line code while the window keeps painting and timers keep firing. A
window-modal ``QProgressDialog`` appears when the work takes longer than a moment; its Cancel
button (or Esc) asks the function to stop. The function must not touch the Store or any widget:
it gets immutable data and returns data, and the caller applies that on the GUI thread.

The work is pure Python and so holds the GIL, which PySide needs for every call into a Python
override of a Qt virtual; the worker therefore pauses 2 ms after each 10 ms of work (at its
``progress``/``cancelled`` calls). Without the pauses the window stalled for over a second during
a large import in about half the runs; with them the longest stall is the short apply step.

Only one such run at a time (:func:`busy`): the File menu's long operations refuse to start a
second one while the first is still under way.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

translate = QCoreApplication.translate

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

_active = 0
WORK_SLICE = 0.010  # seconds of work on the worker between two pauses
YIELD_PAUSE = 0.002  # seconds the worker leaves the GIL to the GUI thread


def busy() -> bool:
    """True while a :func:`run_in_background` call is waiting for its work."""
    return _active > 0


@dataclass
class Outcome:
    """How a background run ended: ``value`` when it finished, ``error`` when it raised,
    ``cancelled`` when the analyst (or the application quitting) stopped it."""

    value: Any = None
    error: BaseException | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


class _Signals(QObject):
    progress = Signal(int, int, str)
    ended = Signal(object)  # Outcome


class BackgroundTask(QRunnable):
    """Runs ``fn(progress=..., cancelled=...)`` on a worker thread and reports through ``signals``
    (queued to the GUI thread). Exceptions of the ``cancelled_by`` types count as a cancellation."""

    def __init__(self, fn: Callable[..., Any], cancelled_by: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps the task until it has ended
        self.signals = _Signals()
        self._fn, self._cancelled_by = fn, cancelled_by
        self._cancel = threading.Event()
        self._last_report = 0.0
        self._last_yield = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_report >= 0.05:  # at most ~20 reports a second
            self._last_report = now
            self.signals.progress.emit(done, total, message)
        self._yield_gil(now)

    def _cancelled(self) -> bool:
        self._yield_gil(time.monotonic())
        return self._cancel.is_set()

    def _yield_gil(self, now: float) -> None:
        """Pause briefly after every ``WORK_SLICE`` seconds of work.

        The work is pure Python and holds the GIL; PySide needs the GIL for every call into a
        Python-overridden Qt virtual (events, painting, the highlighter), and a thread waiting for
        it gets it only every 5 ms (``sys.getswitchinterval()``), so without these pauses the
        window can stall for a second or more while the worker runs. The pauses cost about 15%.
        """
        if now - self._last_yield >= WORK_SLICE:
            time.sleep(YIELD_PAUSE)
            self._last_yield = time.monotonic()

    def run(self) -> None:
        self._last_yield = time.monotonic()
        try:
            value = self._fn(progress=self._progress, cancelled=self._cancelled)
        except self._cancelled_by:
            outcome = Outcome(cancelled=True)
        except BaseException as exc:  # noqa: BLE001 - a worker must report, never die silently
            outcome = Outcome(error=exc, cancelled=self._cancel.is_set())
        else:
            outcome = Outcome(value=value)
        self.signals.ended.emit(outcome)


class BackgroundRun(QObject):
    """One background run with its progress dialog (see the module docstring).

    Args:
        parent: the window the dialog is modal to (None: application-modal).
        fn: called on the worker thread as ``fn(progress=..., cancelled=...)``.
        title, label: the dialog's title and first line.
        cancelled_by: exception types ``fn`` raises when it stops because ``cancelled()`` said so.
        show_after_ms: how long the work may take before the dialog appears.
    """

    def __init__(self, parent: QWidget | None, fn: Callable[..., Any], *, title: str, label: str,
                 cancelled_by: tuple[type[BaseException], ...] = (), show_after_ms: int = 300) -> None:
        super().__init__()
        self.task = BackgroundTask(fn, cancelled_by)
        self.outcome: Outcome | None = None
        self._latest: tuple[int, int, str] | None = None
        self._loop = QEventLoop(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        self.dialog = dialog = QProgressDialog(label, translate("Background", "Cancel"), 0, 0, parent)
        dialog.setObjectName("backgroundProgress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(460)
        dialog.setMinimumDuration(show_after_ms)
        dialog.canceled.connect(self.cancel)
        # Progress is shown from a timer, not from the queued signal itself: a modal
        # QProgressDialog.setValue() runs processEvents(), which must not recurse into our slots.
        self._ticker = QTimer(self)
        self._ticker.setInterval(50)
        self._ticker.timeout.connect(self._show_progress)
        self.task.signals.progress.connect(self._on_task_progress)
        self.task.signals.ended.connect(self._on_task_ended)

    def cancel(self) -> None:
        """Ask the work to stop (the Cancel button does this)."""
        if self.outcome is None:
            self.task.cancel()
            self.dialog.setLabelText(translate("Background", "Cancelling…"))
            for button in self.dialog.findChildren(QPushButton):
                button.setEnabled(False)

    def exec(self) -> Outcome:
        """Start the work and wait for it, the event loop running meanwhile; return how it ended."""
        global _active
        _active += 1
        try:
            self._pool.start(self.task)
            self._ticker.start()
            if self.outcome is None:
                self._loop.exec()
            if self.outcome is None:  # the application is quitting: stop the work, drop its result
                self.task.cancel()
                self._pool.waitForDone(10_000)
                self.outcome = Outcome(cancelled=True)
            self._pool.waitForDone(10_000)
        finally:
            _active -= 1
            self._ticker.stop()
            self.dialog.reset()  # stops its show-after-a-moment timer: a quick run never flashes it
            self.dialog.hide()
            self.dialog.deleteLater()
        return self.outcome

    def _on_task_progress(self, done: int, total: int, message: str) -> None:
        self._latest = (done, total, message)

    def _show_progress(self) -> None:
        if self._latest is None or self.task.is_cancelled() or self.outcome is not None:
            return
        done, total, message = self._latest
        self._latest = None
        if message:
            self.dialog.setLabelText(message)
        if total > 0:
            if self.dialog.maximum() != total:
                self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))

    def _on_task_ended(self, outcome: Outcome) -> None:
        if self.task.is_cancelled() and outcome.error is None:
            # Cancel was pressed as the work finished: the caller has written nothing yet, so
            # honour it rather than apply a result the analyst asked to drop.
            outcome = Outcome(cancelled=True)
        self.outcome = outcome
        self._loop.quit()


def run_in_background(parent: QWidget | None, fn: Callable[..., Any], *, title: str, label: str,
                      cancelled_by: tuple[type[BaseException], ...] = (), show_after_ms: int = 300) -> Outcome:
    """Run ``fn(progress=..., cancelled=...)`` on a worker thread with a progress dialog; wait for
    it with the event loop running; return its :class:`Outcome`. See :class:`BackgroundRun`."""
    return BackgroundRun(parent, fn, title=title, label=label, cancelled_by=cancelled_by,
                         show_after_ms=show_after_ms).exec()
