"""Background analysis: the job's generator protocol, cancelling, priorities, results in the store."""
from __future__ import annotations

import threading

import pytest

from rusus_desktop.nlp.types import Analysis, EntitySpan
from rusus_desktop.ui.workers import AnalysisJob, AnalysisRunner, WorkItem, parse_published

VERSION = "fake-test-1"


def fake_analyze(text, published=None, cancelled=lambda: False, *, log=None, gate=None):
    """Finds every "Nga" in three progress steps; waits on ``gate`` (if given) before finishing."""
    if log is not None:
        log.append(text[:20])
    total = len(text)
    for i in range(3):
        if cancelled():
            return
        yield (total * i // 3, total)
    if gate is not None:
        gate.wait(5)
    if cancelled():
        return
    ents = []
    start = text.find("Nga")
    while start >= 0:
        ents.append(EntitySpan(start, start + 3, "Nga", "LOC"))
        start = text.find("Nga", start + 3)
    yield (total, total)
    yield Analysis(tuple(ents), (), ((0, total),), VERSION)


def test_job_reports_progress_and_results(qtbot):
    job = AnalysisJob([WorkItem("a", "Nga và Mỹ"), WorkItem("b", "Không có")], fake_analyze)
    progress, results = [], []
    job.signals.progress.connect(lambda d, done, total: progress.append((d, done, total)))
    job.signals.analysed.connect(lambda d, a: results.append((d, a)))
    with qtbot.waitSignal(job.signals.finished, timeout=5000) as finished:
        threading.Thread(target=job.run).start()
    assert finished.args == [False]
    assert [d for d, _ in results] == ["a", "b"]
    assert results[0][1].entities[0].text == "Nga"
    assert progress[0] == ("a", 0, 9)


def test_job_stops_when_cancelled(qtbot):
    gate = threading.Event()
    job = AnalysisJob([WorkItem(str(i), "Nga " * 10) for i in range(5)],
                      lambda t, published=None, cancelled=None: fake_analyze(t, published, cancelled, gate=gate))
    results = []
    job.signals.analysed.connect(lambda d, a: results.append(d))
    with qtbot.waitSignal(job.signals.finished, timeout=5000) as finished:
        threading.Thread(target=job.run).start()
        job.cancel()
        gate.set()
    assert finished.args == [True]
    assert results == []


def test_prioritise_moves_a_document_forward():
    job = AnalysisJob([WorkItem("a", "x"), WorkItem("b", "y"), WorkItem("c", "z")], fake_analyze)
    assert job.prioritise("c")
    assert job.pending_ids() == ["c", "a", "b"]
    assert not job.prioritise("zz")


@pytest.fixture
def seeded_store(store, seeds_dir):
    from rusus_desktop.corpus.reader import load_corpus

    store.add_documents(load_corpus([seeds_dir]).documents)
    return store


def test_runner_analyses_uncached_documents_current_first(qtbot, seeded_store):
    order: list[str] = []
    runner = AnalysisRunner(seeded_store, pipeline=lambda: (
        VERSION, lambda t, published=None, cancelled=lambda: False: fake_analyze(t, published, cancelled, log=order)))
    ids = [d.id for d in seeded_store.documents()]
    first_text = seeded_store.document(ids[0]).text
    seeded_store.store_analysis(ids[0], VERSION, fake_analyze_result(first_text))  # cached: never queued
    stored = []
    runner.analysis_stored.connect(lambda d, a: stored.append(d))
    with qtbot.waitSignal(runner.run_finished, timeout=10_000) as finished:
        assert runner.start(first=[ids[3]]) == 4
    assert finished.args == [False]
    assert stored[0] == ids[3]
    assert set(stored) == set(ids[1:])
    assert order[0] == seeded_store.document(ids[3]).text[:20]
    assert seeded_store.analysed_ids(VERSION) == set(ids)
    assert runner.start() == 0  # everything is cached now


def test_runner_stops_and_resumes_from_the_cache(qtbot, seeded_store):
    turns = threading.Semaphore(0)  # each document waits for its turn before finishing

    class Gate:
        def wait(self, timeout):
            turns.acquire(timeout=timeout)

    runner = AnalysisRunner(seeded_store, pipeline=lambda: (
        VERSION, lambda t, published=None, cancelled=lambda: False: fake_analyze(t, published, cancelled,
                                                                                 gate=Gate())))
    stored = []
    runner.analysis_stored.connect(lambda d, a: stored.append(d))
    with qtbot.waitSignal(runner.run_finished, timeout=10_000) as finished:
        runner.start()
        turns.release()
        qtbot.waitUntil(lambda: len(stored) == 1, timeout=5000)
        runner.cancel()
        turns.release(5)
    assert finished.args == [True]
    assert len(stored) == 1
    assert len(seeded_store.analysed_ids(VERSION)) == 1
    runner2 = AnalysisRunner(seeded_store, pipeline=lambda: (VERSION, fake_analyze))
    with qtbot.waitSignal(runner2.run_finished, timeout=10_000):
        assert runner2.start() == 4  # the rest, not the one already stored
    assert len(seeded_store.analysed_ids(VERSION)) == 5


def test_runner_loads_the_pipeline_off_the_gui_thread(qtbot, seeded_store):
    threads = []

    def loader():
        threads.append(threading.current_thread())
        return VERSION, fake_analyze

    runner = AnalysisRunner(seeded_store, pipeline=loader)
    with qtbot.waitSignal(runner.pipeline_loaded, timeout=5000) as loaded:
        runner.load()
    assert loaded.args == [VERSION]
    assert threads[0] is not threading.main_thread()
    runner.shutdown()


def test_a_failing_document_does_not_stop_the_run(qtbot, seeded_store):
    def analyze(text, published=None, cancelled=lambda: False):
        if "Lavrov" in text:
            raise ValueError("boom")
        yield from fake_analyze(text, published, cancelled)

    runner = AnalysisRunner(seeded_store, pipeline=lambda: (VERSION, analyze))
    failed = []
    runner.analysis_failed.connect(lambda d, m: failed.append(m))
    with qtbot.waitSignal(runner.run_finished, timeout=10_000):
        runner.start()
    assert failed and all("boom" in m for m in failed)
    assert len(seeded_store.analysed_ids(VERSION)) == 5 - len(failed)


def test_published_strings_become_dates():
    import datetime as dt

    assert parse_published("2021-06-16") == dt.date(2021, 6, 16)
    assert parse_published("2021-04-14T08:54") == dt.datetime(2021, 4, 14, 8, 54)
    assert parse_published(None) is None and parse_published("soon") is None


def fake_analyze_result(text: str) -> dict:
    *_, analysis = fake_analyze(text)
    return analysis.to_json()


def test_analysis_process_analyses_and_cancels(qtbot):
    """The real pipeline in the child process: a short text, then a cancelled long one."""
    from rusus_desktop.ui.analysis_server import AnalysisServer

    server = AnalysisServer()
    try:
        version = server.start()
        from rusus_desktop.nlp.pipeline import PIPELINE_VERSION

        assert version == PIPELINE_VERSION
        steps = list(server.analyze("Ngoại trưởng Nga Sergey Lavrov gặp ông Antony Blinken tại Geneva ngày 16/6/2021.",
                                    None, lambda: False))
        analysis = steps[-1]
        assert isinstance(analysis, Analysis)
        assert "Sergey Lavrov" in {e.text for e in analysis.entities}
        assert all(isinstance(s, tuple) for s in steps[:-1])
        long_text = "Tổng thống Joe Biden gặp Tổng thống Vladimir Putin tại Geneva. " * 400
        stopped = list(server.analyze(long_text, None, lambda: True))
        assert not any(isinstance(s, Analysis) for s in stopped)  # cancelled: no result
        # The server keeps serving after a cancelled request.
        again = list(server.analyze("Bộ Ngoại giao Nga ra tuyên bố.", None, lambda: False))
        assert isinstance(again[-1], Analysis)
    finally:
        server.stop()
    assert not server.running


def test_runner_uses_the_analysis_process_by_default(qtbot, seeded_store, monkeypatch):
    monkeypatch.delenv("RUSUS_ANALYSIS_IN_PROCESS", raising=False)
    monkeypatch.setattr(AnalysisRunner, "in_process_default", False)
    runner = AnalysisRunner(seeded_store)
    ids = [d.id for d in seeded_store.documents()]
    with qtbot.waitSignal(runner.pipeline_loaded, timeout=60_000):
        runner.load()
    stored = []
    runner.analysis_stored.connect(lambda d, a: stored.append(d))
    with qtbot.waitSignal(runner.run_finished, timeout=120_000):
        runner.start(only=[ids[3]])
    assert stored == [ids[3]]
    assert runner._server is not None and runner._server.running
    runner.shutdown()
    assert runner._server is None


def test_analysis_process_is_restarted_if_it_dies(qtbot):
    from rusus_desktop.ui.analysis_server import AnalysisServer

    server = AnalysisServer()
    try:
        server.start()
        server._process.kill()
        server._process.join(5)
        steps = list(server.analyze("Tổng thống Joe Biden gặp ông Putin.", None, lambda: False))
        assert isinstance(steps[-1], Analysis)
    finally:
        server.stop()
