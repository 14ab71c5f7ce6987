"""`rusus-desktop annotate` and `rusus-desktop annotations`."""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

from rusus_desktop.corpus.reader import document_from_text
from rusus_desktop.store import Store
from rusus_desktop.store.history import History

TEXT = "Bình luận 😀: Tổng thống Joe Biden gặp ông Putin.\n"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rusus_desktop", *args], capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def project(project_path, tmp_path):
    src = tmp_path / "bai.txt"
    # NFD on disk: the stored text is NFC and offsets count NFC code points.
    src.write_text(unicodedata.normalize("NFD", TEXT), encoding="utf-8")
    from rusus_desktop.corpus.reader import read_document

    with Store(project_path) as store:
        doc = read_document(src)
        store.add_documents([doc])
    return project_path, doc, src


def test_annotate_prints_the_id_and_creates_the_tag(project):
    path, doc, src = project
    i = TEXT.index("Joe Biden")
    out = _cli("annotate", "--project", str(path), "--document", str(src), "--start", str(i),
               "--end", str(i + 9), "--tag", "Nhân vật", "--note", "tổng thống Mỹ", "--author", "Lan")
    assert out.returncode == 0, out.stderr
    ann_id = out.stdout.strip()
    with Store(path) as store:
        ann = store.annotation(ann_id)
        assert ann.quote == "Joe Biden" and ann.note == "tổng thống Mỹ" and ann.author == "Lan"
        assert store.tag(ann.tag_id).name == "Nhân vật"
        # Through the same core as the window: both steps are in the undo history.
        assert [e.op["kind"] for e in History(store).entries(None)] == ["add_tag"]
        assert [e.op["kind"] for e in History(store).entries(doc.id)] == ["add_annotation"]
    # An existing tag is reused (by name, ignoring case), by document id this time.
    out = _cli("annotate", "--project", str(path), "--document", doc.id[:8], "--start", "0", "--end", "5",
               "--tag", "quote")
    assert out.returncode == 0, out.stderr
    with Store(path) as store:
        assert store.tag(store.annotation(out.stdout.strip()).tag_id).name == "Quote"


@pytest.mark.parametrize(("start", "end", "needle"), [
    (0, 10_000, "out of range"),
    (-1, 3, "out of range"),
    (5, 5, "out of range"),
    (7, 3, "out of range"),
])
def test_bad_offsets_are_refused(project, start, end, needle):
    path, doc, _ = project
    out = _cli("annotate", "--project", str(path), "--document", doc.id, "--start", str(start),
               "--end", str(end), "--tag", "Quote")
    assert out.returncode == 2
    assert needle in out.stderr and out.stdout == ""
    with Store(path) as store:
        assert store.annotations() == []


def test_splitting_a_combining_sequence_is_refused(tmp_path, project_path):
    # Decomposed marks only reach a stored text through other tools, but the check must hold anyway.
    text = unicodedata.normalize("NFD", "Hoà") + " và Mỹ 👍🏽 ok\n"
    with Store(project_path) as store:
        doc = document_from_text("x", source_path="x")
        store.add_documents([doc])
        with store.db.atomic():
            store.db.execute("UPDATE documents SET text = ? WHERE id = ?", [text, doc.id])
    cases = [(0, 3), (text.index("👍") + 1, len(text))]
    for start, end in cases:
        out = _cli("annotate", "--project", str(project_path), "--document", doc.id, "--start", str(start),
                   "--end", str(end), "--tag", "Quote")
        assert out.returncode == 2 and "splits a character" in out.stderr


def test_unknown_document_and_missing_project(project, tmp_path):
    path, _, _ = project
    out = _cli("annotate", "--project", str(path), "--document", "nope", "--start", "0", "--end", "1",
               "--tag", "Quote")
    assert out.returncode == 2 and "No document matching" in out.stderr
    out = _cli("annotate", "--project", str(tmp_path / "none.rusus"), "--document", "1", "--start", "0",
               "--end", "1", "--tag", "Quote")
    assert out.returncode == 2 and "no such project file" in out.stderr
    assert not (tmp_path / "none.rusus").exists()


def test_offsets_after_emoji_are_code_points(project):
    path, doc, _ = project
    i = TEXT.index("Putin")
    out = _cli("annotate", "--project", str(path), "--document", "1", "--start", str(i), "--end", str(i + 5),
               "--tag", "Quote")
    assert out.returncode == 0, out.stderr
    listing = json.loads(_cli("annotations", "--project", str(path), "--json").stdout)
    [row] = listing["annotations"]
    assert row["quote"] == "Putin" and row["start"] == i and row["tag"] == "Quote"
    assert row["document"]["id"] == doc.id


def test_annotations_lists_text_and_json(project):
    path, doc, _ = project
    with Store(path) as store:
        tag = store.tag_by_name("Quote")
        store.add_annotation(store.make_annotation(doc.id, 0, 9, tag.id, note="ghi chú", author="Lan"))
    text = _cli("annotations", "--project", str(path))
    assert text.returncode == 0
    assert "Quote: “Bình luận”" in text.stdout and "note: ghi chú" in text.stdout and "1 annotation" in text.stdout
    data = json.loads(_cli("annotations", "--project", str(path), "--json").stdout)
    assert data["count"] == 1
    row = data["annotations"][0]
    assert set(row) >= {"id", "document", "start", "end", "quote", "prefix", "suffix", "tag", "note", "author",
                        "created", "modified", "origin", "status"}
    assert _cli("annotations", "--project", str(path), "--tag", "Cyber").stdout.strip() == "no annotations"
