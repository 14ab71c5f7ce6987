"""File > Export… and File > Import annotations… (offscreen): the export runs on a worker thread with a
progress bar, can be cancelled, ends with a summary; imports report or refuse with the reason."""
from __future__ import annotations

import json
import os
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from rusus_desktop.corpus.reader import document_from_text  # noqa: E402
from rusus_desktop.export import ExportOptions, export_project  # noqa: E402
from rusus_desktop.store import Store  # noqa: E402
from rusus_desktop.ui.export_dialog import ExportDialog, import_annotations, run_import  # noqa: E402

TEXTS = ("Tổng thống Putin 😀 gặp Tổng thống Biden tại Genève.\nHai bên bàn về kiểm soát vũ khí.",
         "Bộ Ngoại giao Việt Nam hoan nghênh cuộc gặp.")


def fake_analyze(text, published=None):
    i = text.find("Putin")
    return {"entities": [{"start": i, "end": i + 5, "text": "Putin", "label": "PER"}] if i >= 0 else [],
            "dates": []}


@pytest.fixture
def project(tmp_path):
    store = Store(tmp_path / "p.rusus")
    store.add_documents([document_from_text(t, source_path=f"/c/{i}.txt") for i, t in enumerate(TEXTS)])
    doc = store.document(store.documents()[0].id)
    quote = store.tag_by_name("Quote")
    i = doc.text.index("Putin")
    store.add_annotation(store.make_annotation(doc.id, i, i + 5, quote.id, note="ghi chú", author="Lan"))
    j = doc.text.index("kiểm soát")
    store.add_annotation(store.make_annotation(doc.id, j, j + 9, store.tag_by_name("Arms control").id))
    yield store
    store.close()


def _dialog(qtbot, project, **kwargs):
    dialog = ExportDialog(project, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_json_with_progress_and_summary(qtbot, project, tmp_path):
    dialog = _dialog(qtbot, project, analyze=fake_analyze)
    dialog.set_format("json")
    out = tmp_path / "out.json"
    dialog.path_edit.setText(str(out))
    dialog.text_check.setChecked(True)
    dialog.detections_check.setChecked(True)
    seen = []
    dialog.progress_bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.annotations == 2 and result.documents == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "text" in data["documents"][0] and data["documents"][0]["entities"][0]["text"] == "Putin"
    assert dialog.progress_bar.value() == 100 and seen and max(seen) == 100
    assert "Exported 2 documents, 2 annotations" in dialog.summary_label.text()
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_scope_current_document_and_tags(qtbot, project, tmp_path):
    first = project.documents()[0].id
    dialog = _dialog(qtbot, project, current_document_id=first)
    dialog.set_format("csv")
    dialog.current_radio.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "one.csv"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.start()
    assert blocker.args[0].documents == 1
    dialog.tags_radio.setChecked(True)
    assert dialog.tag_list.isEnabled()
    dialog.start()
    assert "Tick at least one tag" in dialog.summary_label.text() and not dialog.is_running()
    for i in range(dialog.tag_list.count()):
        if dialog.tag_list.item(i).text() == "Quote":
            dialog.tag_list.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.set_format("json")
    dialog.path_edit.setText(str(tmp_path / "quote.json"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.start()
    data = json.loads((tmp_path / "quote.json").read_text(encoding="utf-8"))
    assert [t["name"] for t in data["tagset"]] == ["Quote"]
    assert blocker.args[0].annotations == 1


def test_format_choice_sets_options(qtbot, project):
    dialog = _dialog(qtbot, project)
    dialog.set_format("conll")
    assert dialog.detections_check.isChecked() and not dialog.detections_check.isEnabled()
    assert not dialog.text_check.isEnabled()
    assert dialog.path_edit.text().endswith("p-annotations.conll")
    assert "code points" in dialog.offsets_label.text()
    dialog.set_format("doccano")
    assert "UTF-16" in dialog.offsets_label.text() and dialog.path_edit.text().endswith(".jsonl")
    dialog.set_format("brat")
    assert dialog.path_edit.text().endswith("p-annotations-brat")


def test_cancel_stops_the_worker_and_writes_nothing(qtbot, project, tmp_path):
    gate = threading.Event()
    started = threading.Event()

    def slow_analyze(text, published=None):
        started.set()
        gate.wait(10)  # held until the test has pressed Cancel
        return fake_analyze(text)

    dialog = _dialog(qtbot, project, analyze=slow_analyze)
    dialog.set_format("conll")
    out = tmp_path / "c.conll"
    dialog.path_edit.setText(str(out))
    dialog.start()
    assert dialog.is_running() and dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    assert "cancelled" in dialog.status_label.text()
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert dialog.result is None


def test_failure_is_shown(qtbot, project, tmp_path):
    dialog = _dialog(qtbot, project)
    dialog.set_format("json")
    dialog.path_edit.setText(str(tmp_path / "missing" / "a.json"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    assert "does not exist" in dialog.summary_label.text()
    assert "failed" in dialog.status_label.text()


def test_import_helper(qtbot, project, tmp_path, monkeypatch):
    out = tmp_path / "a.json"
    export_project(project, "json", out, options=ExportOptions(with_text=True))
    target = Store(tmp_path / "t.rusus", default_tags=False)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(("info", text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(("warn", text)))
    report = import_annotations(None, target, out)
    assert report is not None and report.added == 2
    assert shown[-1][0] == "info" and "2 added" in shown[-1][1]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert import_annotations(None, target, bad) is None
    assert shown[-1][0] == "warn" and "not valid JSON" in shown[-1][1]
    report, message = run_import(target, out)
    assert report.added == 0 and "2 skipped" in message
    target.close()


def test_main_window_file_menu_export_and_import(qtbot, project, tmp_path, monkeypatch):
    from rusus_desktop.ui.app import build_window
    from rusus_desktop.ui.settings import open_settings

    out = tmp_path / "a.json"
    export_project(project, "json", out, options=ExportOptions(with_text=True))
    target = Store(tmp_path / "target.rusus")
    target.add_documents([project.document(s.id) for s in project.documents()])
    window = build_window(target, settings=open_settings(tmp_path / "w.ini"), restore=False,
                          theme_name="light", language="en")
    qtbot.addWidget(window)
    window.show()
    actions = window.reader_actions
    assert actions.import_annotations in window.file_menu.actions()
    assert actions.export_annotations in window.file_menu.actions()
    assert actions.export_annotations.text() == "&Export Annotations…"

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    report = window.import_annotations_dialog(str(out))
    assert report.added == 2 and len(target.annotations()) == 2
    qtbot.wait(50)  # let the panels' queued refresh run while the project is open

    actions.export_annotations.trigger()
    dialog = window.export_dialog_widget
    assert dialog.isVisible() and dialog.current_radio.isEnabled() == (window.session.doc_id is not None)
    dialog.close()
    window.close()
    qtbot.wait(50)
    target.close()
