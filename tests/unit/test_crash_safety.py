"""kill -9 mid-burst: every write the writer reported as saved is in the file, and the file is intact."""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

from rusus_desktop.store import Store

WRITER = textwrap.dedent("""
    import sys
    from rusus_desktop.corpus.reader import document_from_text
    from rusus_desktop.store import Store

    store = Store(sys.argv[1])
    i = 0
    while True:
        doc = document_from_text(f"Bài số {i}\\nHà Nội và Moskva trao đổi lần thứ {i}.\\n" * 20,
                                 source_path=f"doc{i}.txt")
        store.add_documents([doc])            # returns only after COMMIT (WAL, synchronous=FULL)
        store.set_setting(f"k{i}", str(i))    # a second, separate transaction
        print(doc.id, i, flush=True)          # acknowledged: reported as saved
        i += 1
""")


def test_killed_writer_loses_nothing_acknowledged(project_path):
    Store(project_path).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(project_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    acknowledged: list[tuple[str, int]] = []
    deadline = time.monotonic() + 60
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        doc_id, i = line.split()
        acknowledged.append((doc_id, int(i)))
    proc.send_signal(signal.SIGKILL)  # mid-burst: the writer is inside its next transactions
    rest, err = proc.communicate(timeout=10)
    for line in rest.splitlines():  # lines printed between our last read and the kill
        doc_id, i = line.split()
        acknowledged.append((doc_id, int(i)))
    assert len(acknowledged) >= 40, err

    with Store(project_path) as store:
        assert store.integrity_check() == "ok"
        stored = {d.id for d in store.documents()}
        for doc_id, i in acknowledged:
            assert doc_id in stored
            assert store.setting(f"k{i}") == str(i)
        # Nothing half-written: every document has its search row and vice versa.
        fts = store.db.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
        assert fts == store.document_count()
