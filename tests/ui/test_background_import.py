"""Long File-menu work runs off the GUI thread: importing annotations and adding documents keep the
event loop ticking, show progress, can be cancelled, and leave the project file exactly as it was
when cancelled or refused; files that could not be added are listed with the reason."""
from __future__ import annotations

import hashlib
import json
import random
import time
import unicodedata
import uuid
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton  # noqa: E402

from rusus_desktop.corpus.reader import load_corpus  # noqa: E402
from rusus_desktop.corpus.text import quote_context  # noqa: E402
from rusus_desktop.store import Store  # noqa: E402
from rusus_desktop.ui import background  # noqa: E402
from rusus_desktop.ui.export_dialog import import_annotations  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
N_ANNOTATIONS = 20_000


def write_native(path: Path, docs, n: int, *, seed: int = 7, tags=("Cooperation", "Sanctions", "Quote")) -> list:
    """A native annotations file with ``n`` random annotations over ``docs`` (their ids and texts)."""
    rng = random.Random(seed)
    entries = {d.id: [] for d in docs}
    for i in range(n):
        doc = docs[i % len(docs)]
        start = rng.randrange(0, len(doc.text) - 40)
        end = start + rng.randrange(1, 30)
        prefix, quote, suffix = quote_context(doc.text, start, end)
        entries[doc.id].append({
            "id": uuid.UUID(int=rng.getrandbits(128)).hex, "start": start, "end": end, "quote": quote,
            "prefix": prefix, "suffix": suffix, "tag": tags[i % len(tags)], "note": None, "author": "Lan",
            "created": "2024-07-01T08:00:00Z", "modified": "2024-07-01T08:00:00Z", "origin": "manual"})
    data = {"format": "rusus-annotations", "version": 1, "exported_at": "2024-07-02T00:00:00Z",
            "offsets": "unicode-codepoints-nfc", "tagset": [],
            "documents": [{"id": d.id, "path": d.source_path, "title": d.title, "source": d.source,
                           "published": d.published, "text_sha256": d.id, "length": len(d.text),
                           "annotations": entries[d.id]} for d in docs]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


def file_state(project: Path) -> dict[str, str]:
    """sha256 of the project file and its write-ahead log (what "byte-identical" compares; the -shm
    file is SQLite's shared-memory index, which readers touch too)."""
    out = {}
    for suffix in ("", "-wal"):
        f = project.with_name(project.name + suffix)
        if f.exists():
            out[suffix] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def seed_docs():
    return load_corpus([SEEDS]).documents


@pytest.fixture(scope="module")
def big_file(tmp_path_factory, seed_docs) -> Path:
    path = tmp_path_factory.mktemp("imports") / "big.json"
    write_native(path, seed_docs, N_ANNOTATIONS)
    return path


@pytest.fixture
def seeds_project(tmp_path, seed_docs):
    path = tmp_path / "p.rusus"
    store = Store(path)
    store.add_documents(seed_docs)
    yield store
    store.close()


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(("info", title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(("warn", title, text)))
    return shown


def progress_dialog() -> QProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QProgressDialog) and widget.objectName() == "backgroundProgress" and widget.isVisible():
            return widget
    return None


class Ticker:
    """A 10 ms QTimer that records the longest time between two of its ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1

    def __enter__(self) -> Ticker:
        self._last = self.started = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.stop()
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self.duration = now - self.started


def cancel_when_progress_shows(qtbot, seen: list) -> QTimer:
    """Click the progress dialog's Cancel button once it is on screen with some progress made."""
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        dialog = progress_dialog()
        if dialog is not None and dialog.value() > 0:
            seen.append((dialog.labelText(), dialog.value(), dialog.maximum()))
            timer.stop()
            [button] = dialog.findChildren(QPushButton)
            button.click()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_large_import_keeps_the_event_loop_ticking(qtbot, seeds_project, big_file, messages):
    with Ticker() as ticker:
        report = import_annotations(None, seeds_project, big_file)
    assert report is not None and report.added == N_ANNOTATIONS
    assert len(seeds_project.annotations()) == N_ANNOTATIONS
    assert messages[-1][0] == "info" and f"{N_ANNOTATIONS} added" in messages[-1][2]
    # Before, the whole import was one long gap (ratio 1); now only the short apply step is.
    # (measured: ~0.15 here, the apply step; a synchronous import is 1.0)
    assert ticker.longest < 0.35 * ticker.duration, (ticker.longest, ticker.duration)
    assert ticker.ticks > 20
    assert not background.busy()


def test_the_window_stays_responsive_during_a_large_import(make_window, project_copy, seed_docs, tmp_path,
                                                           messages, qtbot):
    window = make_window(project_copy)
    path = tmp_path / "big.json"
    write_native(path, seed_docs, N_ANNOTATIONS)
    before = len(window.store.annotations())
    with Ticker() as ticker:
        report = window.import_annotations_dialog(str(path))
    assert report.added == N_ANNOTATIONS and len(window.store.annotations()) == before + N_ANNOTATIONS
    # The longest gap is the end: applying (one transaction) and refreshing the panels, ~0.2 of
    # the whole here; the worker pauses for the GUI thread, which PySide needs the GIL for.
    assert ticker.longest < 0.35 * ticker.duration, (ticker.longest, ticker.duration)
    assert ticker.ticks > 40


def test_cancel_leaves_the_project_byte_identical(qtbot, seeds_project, big_file, messages):
    before = file_state(seeds_project.path)
    seen: list = []
    timer = cancel_when_progress_shows(qtbot, seen)
    report = import_annotations(None, seeds_project, big_file)
    timer.stop()
    assert seen, "the progress dialog never showed progress"
    assert report is None and messages == []  # cancelled: nothing to confirm
    assert seeds_project.annotations() == []
    assert file_state(seeds_project.path) == before
    assert progress_dialog() is None


def test_cancel_from_the_window_says_so_in_the_status_bar(make_window, project_copy, seed_docs, tmp_path,
                                                          messages, qtbot):
    window = make_window(project_copy)
    path = tmp_path / "big.json"
    write_native(path, seed_docs, N_ANNOTATIONS)
    count_before = len(window.store.annotations())
    before = file_state(project_copy)
    seen: list = []
    timer = cancel_when_progress_shows(qtbot, seen)
    assert window.import_annotations_dialog(str(path)) is None
    timer.stop()
    assert seen and "cancelled" in window.statusBar().currentMessage()
    assert len(window.store.annotations()) == count_before
    assert file_state(project_copy) == before


def test_an_invalid_entry_changes_nothing_and_is_named(qtbot, seeds_project, seed_docs, tmp_path, messages):
    path = tmp_path / "bad.json"
    data = write_native(path, seed_docs, 3000)
    data["documents"][1]["annotations"][345]["quote"] = "không phải đoạn này"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = file_state(seeds_project.path)
    tags_before = seeds_project.tags()
    assert import_annotations(None, seeds_project, path) is None
    [(kind, title, text)] = messages
    assert kind == "warn" and title == "Import Refused"
    assert "documents[1].annotations[345]" in text and "does not match the text" in text
    assert "the project was not changed" in text
    assert seeds_project.annotations() == [] and seeds_project.tags() == tags_before
    assert file_state(seeds_project.path) == before


def test_the_project_changing_during_the_check_is_caught(qtbot, seeds_project, big_file, messages):
    removed = []

    def remove_a_document() -> None:  # the GUI thread changes the project while the worker checks
        if progress_dialog() is not None and not removed:
            doc_id = seeds_project.documents()[0].id
            seeds_project.remove_document(doc_id)
            removed.append(doc_id)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(remove_a_document)
    timer.start()
    report = import_annotations(None, seeds_project, big_file)
    timer.stop()
    assert removed and report is None
    assert messages[-1][0] == "warn" and "removed from the project while the file was being checked" in messages[-1][2]
    assert seeds_project.annotations() == []


def _cp1258(text: str) -> bytes:
    """How Windows-1258 writes Vietnamese: vowels precomposed, tone marks combining after them."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
                   + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def _bad_folder(root: Path) -> Path:
    folder = root / "bai_bao"
    (folder / "con").mkdir(parents=True)
    (folder / "tot.txt").write_text("Tin tốt\nHà Nội hôm nay nắng đẹp.", encoding="utf-8")
    (folder / "con" / "cp1258.txt").write_bytes(_cp1258("Tin cũ\nHai bên nhất trí khởi động đối thoại về ổn "
                                                        "định chiến lược và kiểm soát vũ khí tại Genève."))
    (folder / "rong.md").write_text("   \n", encoding="utf-8")
    (folder / "nhi_phan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "trung.txt").write_text("Tin tốt\nHà Nội hôm nay nắng đẹp.", encoding="utf-8")
    return folder


def test_adding_a_folder_with_bad_files_reports_them(window, tmp_path, qtbot):
    folder = _bad_folder(tmp_path)
    before = window.store.document_count()
    added = window.add_documents([str(folder)])
    assert len(added) == 2 and window.store.document_count() == before + 2
    dialog = window.load_summary_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dict(dialog.rows())
    assert set(rows) == {str(folder / "rong.md"), str(folder / "nhi_phan.txt"), str(folder / "trung.txt")}
    assert "empty" in rows[str(folder / "rong.md")]
    assert "binary" in rows[str(folder / "nhi_phan.txt")] or "not text" in rows[str(folder / "nhi_phan.txt")]
    assert "same text" in rows[str(folder / "trung.txt")]
    assert "2 document(s) added" in dialog.summary_label.text()
    dialog.close()


def test_new_project_from_a_folder_reads_it_off_the_gui_thread(window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    folder = _bad_folder(tmp_path)
    target = tmp_path / "moi.rusus"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with Ticker():
        window.new_project()
    assert window.store.path == target and window.store.document_count() == 2
    assert len(window.load_summary_dialog.rows()) == 3
    window.load_summary_dialog.close()


def test_cancelling_add_documents_adds_nothing(window, tmp_path, qtbot, monkeypatch):
    from rusus_desktop.corpus import reader

    folder = tmp_path / "nhieu"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(f"Bài {i}\nNội dung bài số {i}.", encoding="utf-8")
    slow_read = reader.read_document

    def read_slowly(path, **kwargs):
        time.sleep(0.02)
        return slow_read(path, **kwargs)

    monkeypatch.setattr(reader, "read_document", read_slowly)
    before = file_state(window.store.path)
    count = window.store.document_count()
    seen: list = []
    timer = cancel_when_progress_shows(qtbot, seen)
    assert window.add_documents([str(folder)]) == []
    timer.stop()
    assert seen and seen[0][2] == 60  # progress counts files
    assert window.store.document_count() == count and file_state(window.store.path) == before
    assert "no documents were added" in window.statusBar().currentMessage()


@pytest.mark.parametrize("module", ["background", "corpus_loading", "export_dialog"])
def test_the_new_dialogs_speak_vietnamese(module):
    from test_i18n import _catalogue, _strings

    catalogue = _catalogue()
    assert not sorted(s for s in _strings(module) if not catalogue.get(s))


def test_a_quick_run_never_shows_the_dialog_afterwards(qtbot):
    outcome = background.run_in_background(None, lambda progress, cancelled: 42, title="t", label="l",
                                           show_after_ms=100)
    assert outcome.ok and outcome.value == 42
    qtbot.wait(300)  # past the dialog's show-after time
    assert progress_dialog() is None
    failed = background.run_in_background(None, lambda progress, cancelled: 1 / 0, title="t", label="l")
    assert isinstance(failed.error, ZeroDivisionError) and not failed.cancelled
