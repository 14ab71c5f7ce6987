"""kill -9 while annotating: every annotation reported as saved is in the file, which stays intact.

The writer goes through the same core the window's undo commands use (``ops.perform`` with the
undo log), so this also proves the data and its history are written together.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.store import Store
from rusus_desktop.store.history import History

TEXT = "Hà Nội và Moskva trao đổi về hợp tác. 😀 Tổng thống Nga phát biểu.\n" * 30

WRITER = textwrap.dedent("""
    import sys
    from rusus_desktop.store import Store, ops
    from rusus_desktop.store.history import History

    store = Store(sys.argv[1])
    history = History(store, limit=100000)
    doc = store.documents()[0]
    tags = store.tags()
    i = 0
    while True:
        start = (i * 7) % (doc.length - 20)
        op = ops.add_annotation_op(store, doc.id, start, start + 5 + i % 13, tags[i % len(tags)].id,
                                   note=f"ghi chú {i}", author="crash-test")
        ops.perform(store, op, history)      # returns after COMMIT (WAL, synchronous=FULL)
        if i % 5 == 4:                       # and some edits of earlier ones, also acknowledged
            ops.perform(store, ops.edit_note_op(store, op.ann.id, f"sửa {i}"), history)
        print(op.ann.id, i, flush=True)      # acknowledged: reported as saved
        i += 1
""")


def test_killed_annotator_loses_nothing_acknowledged(project_path):
    with Store(project_path) as store:
        store.add_documents([document_from_text(TEXT, source_path="a.txt")])
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(project_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    acknowledged: list[tuple[str, int]] = []
    deadline = time.monotonic() + 90
    while len(acknowledged) < 60 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        ann_id, i = line.split()
        acknowledged.append((ann_id, int(i)))
    proc.send_signal(signal.SIGKILL)  # mid-burst: the writer is inside its next transaction
    rest, err = proc.communicate(timeout=10)
    for line in rest.splitlines():
        ann_id, i = line.split()
        acknowledged.append((ann_id, int(i)))
    assert len(acknowledged) >= 60, err

    with Store(project_path) as store:
        assert store.integrity_check() == "ok"
        stored = {a.id: a for a in store.annotations()}
        for ann_id, i in acknowledged:
            assert ann_id in stored
            assert stored[ann_id].note == (f"sửa {i}" if i % 5 == 4 else f"ghi chú {i}")
            doc = store.document(stored[ann_id].doc_id)
            assert doc.text[stored[ann_id].start:stored[ann_id].end] == stored[ann_id].quote
        # Data and history agree: one log entry per stored annotation (plus note edits), none extra.
        entries = History(store).entries(store.documents()[0].id)
        added = {e.op["ann"]["id"] for e in entries if e.op["kind"] == "add_annotation"}
        assert added == set(stored)
