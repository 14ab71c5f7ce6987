"""Bad files never stop a corpus from opening; each gets a clear reason."""
from __future__ import annotations

import os

import pytest

from rusus_desktop.corpus.reader import load_corpus, read_document
from rusus_desktop.errors import DocumentSkipped

GOOD = "Tổng thống Mỹ Joe Biden gặp Tổng thống Nga Vladimir Putin tại Geneva.\n"


def _skip_reason(path, **kwargs) -> str:
    with pytest.raises(DocumentSkipped) as info:
        read_document(path, **kwargs)
    return info.value.reason


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _skip_reason(path)


def test_binary_without_nul_bytes(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50)
    assert "binary" in _skip_reason(path)


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b" \r\n\t\n\xef\xbb\xbf")
    assert "empty" in _skip_reason(tmp_path / "empty.txt")
    assert "empty" in _skip_reason(tmp_path / "blank.md")


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "mojibake.txt"
    # Shift-JIS Japanese: not UTF-8, and no Vietnamese code page reads it as Vietnamese.
    path.write_bytes("東京都の天気は晴れです。ニュースを読みます。".encode("shift_jis") * 20)
    assert "undecodable" in _skip_reason(path)


def test_broken_utf16(tmp_path):
    path = tmp_path / "broken16.txt"
    path.write_bytes(b"\xff\xfe" + "Xin chào".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert "UTF-16" in _skip_reason(path)


def test_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(GOOD.encode() * 100)
    reason = _skip_reason(path, max_bytes=1000)
    assert "too large" in reason and "limit" in reason


def test_missing_and_folder_and_unreadable(tmp_path):
    assert "no such file" in _skip_reason(tmp_path / "nope.txt")
    (tmp_path / "dir.txt").mkdir()
    assert "folder" in _skip_reason(tmp_path / "dir.txt")
    if os.geteuid() != 0:  # root reads everything
        locked = tmp_path / "locked.txt"
        locked.write_text(GOOD)
        locked.chmod(0)
        assert "permission" in _skip_reason(locked)


def test_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    assert "no such file" in _skip_reason(link)


def test_corpus_loads_everything_else(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    (corpus / "nested" / "deeper").mkdir(parents=True)
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "nested" / "deeper" / "note.md").write_text("# Ghi chú\n\nNội dung.\n", encoding="utf-8")
    (corpus / "nested" / "copy.txt").write_text(GOOD, encoding="utf-8")  # same text: one document
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02" * 10)
    (corpus / "ignored.pdf").write_bytes(b"%PDF-1.4")
    result = load_corpus([corpus, seeds_dir])
    assert len(result.documents) == 2 + 5
    assert {s.reason.split(" ")[0] for s in result.skipped} == {"empty", "binary"}
    assert len(result.duplicates) == 1
    titles = [d.title for d in result.documents]
    assert "Ghi chú" in titles  # markdown heading marks stripped from the title
