"""The NLP pipeline in a child process, so that analysis never competes with the window for the GIL.

Measured with the pipeline on a thread of the window's own process, the event loop stalled for
0.2–1 s at a time: loading underthesea's models and parts of CRF tagging run long stretches of C
code without releasing the GIL. In a child process the window's thread only waits on a pipe.

Qt-free (the child imports nothing from Qt). The window's side is :class:`AnalysisServer`, used
from the single analysis thread (``ui/workers.py``); the child runs :func:`serve`. Messages are
tuples over a ``multiprocessing`` pipe:

* child → parent: ``("ready", version)`` once the pipeline is imported; then per request
  ``("progress", done, total)``…, and ``("result", Analysis)``, ``("cancelled",)`` or
  ``("error", message)``;
* parent → child: ``("analyze", text, published)``, ``("cancel",)`` while one runs, ``None`` to stop.

The ``spawn`` start method is used everywhere (no fork of a process that runs Qt threads); the
packaged app calls ``multiprocessing.freeze_support()`` in its entry point for this.
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator

PROGRESS_INTERVAL = 0.05  # seconds between progress messages


def serve(conn) -> None:
    """The child's main loop (runs in the analysis process)."""
    try:
        _serve(conn)
    except KeyboardInterrupt:  # Ctrl+C in the terminal reaches the whole process group
        pass


def _serve(conn) -> None:
    from rusus_desktop.nlp.pipeline import PIPELINE_VERSION, iter_analyze

    conn.send(("ready", PIPELINE_VERSION))
    # Load underthesea's models now (about a second), before the first real request, so the
    # first document's highlights do not wait for them.
    try:
        for _ in iter_analyze("Hà Nội, ngày 2/9/2021."):
            pass
    except Exception:  # noqa: BLE001 - a real request will report the problem
        pass
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        if message[0] != "analyze":
            continue  # a late "cancel" for a request that already finished
        _, text, published = message
        stop = [False]

        def cancelled(stop: list[bool] = stop) -> bool:
            while not stop[0] and conn.poll():
                incoming = conn.recv()
                if incoming is None or incoming[0] == "cancel":
                    stop[0] = True
            return stop[0]

        try:
            result = None
            last = 0.0
            for step in iter_analyze(text, published, cancelled=cancelled):
                if isinstance(step, tuple):
                    now = time.monotonic()
                    if now - last >= PROGRESS_INTERVAL:
                        conn.send(("progress", int(step[0]), int(step[1])))
                        last = now
                else:
                    result = step
            if result is None or stop[0]:
                conn.send(("cancelled",))
            else:
                conn.send(("result", result))
        except Exception as exc:  # noqa: BLE001 - reported to the window; the server keeps serving
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


_prestarted: AnalysisServer | None = None


def prestart() -> None:
    """Spawn the analysis process early (start-up), for the window's runner to adopt."""
    global _prestarted
    if _prestarted is None:
        _prestarted = AnalysisServer()
        try:
            _prestarted.spawn()
        except Exception:  # noqa: BLE001 - the runner starts its own later, or works in-process
            _prestarted = None


def take_prestarted() -> AnalysisServer | None:
    global _prestarted
    server, _prestarted = _prestarted, None
    return server


class AnalysisServer:
    """The parent's handle on the analysis process. Use from one thread at a time."""

    def __init__(self) -> None:
        self._process = None
        self._conn = None
        self.version: str | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def spawn(self) -> None:
        """Start the child without waiting for it (it loads the pipeline on the other core)."""
        if self._process is not None:
            return
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=serve, args=(child,), name="rusus-analysis", daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent

    def start(self, timeout: float = 120.0) -> str:
        """Start the child (if not spawned yet) and wait until its pipeline is imported.

        Returns the pipeline version.
        """
        if self.running and self.version is not None:
            return self.version
        self.spawn()
        parent = self._conn
        if not parent.poll(timeout):
            self.stop()
            raise RuntimeError("the analysis process did not start")
        try:
            kind, version = parent.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise RuntimeError("the analysis process stopped while starting") from exc
        self.version = version
        return version

    def analyze(self, text: str, published=None, cancelled: Callable[[], bool] = lambda: False
                ) -> Iterator[object]:
        """Like ``iter_analyze``: yields ``(done, total)`` tuples, then the ``Analysis``.

        Stops early (yielding nothing more) once ``cancelled()`` is true and the child confirms.
        """
        if not self.running:  # it died (killed, out of memory): start a fresh one once
            self._process = self._conn = None
            self.start()
        conn = self._conn
        conn.send(("analyze", text, published))
        asked_to_cancel = False
        while True:
            if not asked_to_cancel and cancelled():
                conn.send(("cancel",))
                asked_to_cancel = True
            if not conn.poll(0.05):
                if not self._process.is_alive():
                    raise RuntimeError("the analysis process stopped unexpectedly")
                continue
            try:
                message = conn.recv()
            except (EOFError, OSError) as exc:
                raise RuntimeError("the analysis process stopped unexpectedly") from exc
            kind = message[0]
            if kind == "progress":
                yield (message[1], message[2])
            elif kind == "result":
                yield message[1]
                return
            elif kind == "cancelled":
                return
            elif kind == "error":
                raise RuntimeError(message[1])

    def stop(self, timeout: float = 2.0) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        if process is not None:
            process.join(timeout)
            if process.is_alive():
                process.terminate()
                process.join(1.0)
        if conn is not None:
            conn.close()
