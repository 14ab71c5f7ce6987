"""Every encoding a Vietnamese corpus arrives in reads to the same canonical text (and document id)."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from rusus_desktop.corpus.reader import read_document
from rusus_desktop.corpus.text import canonicalize, text_sha256
from tests.unit.vietnamese_encodings import to_cp1258

SAMPLE = ("Ngoại trưởng Nga Sergey Lavrov gặp người đồng cấp Mỹ tại Thụy Sĩ ngày 16/6.\n"
          "Hòa bình và hoà giải: “đối thoại chiến lược” giữa Mỹ - Nga được đánh giá tích cực.\n"
          "Điện Kremlin cho biết Tổng thống Vladimir Putin sẵn sàng thảo luận về ổn định.\n")


def _variants():
    nfd = unicodedata.normalize("NFD", SAMPLE)
    crlf = SAMPLE.replace("\n", "\r\n")
    return {
        "utf8": SAMPLE.encode("utf-8"),
        "utf8-bom": codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        "utf16-le-bom": codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        "utf16-be-bom": codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        "cp1258": to_cp1258(SAMPLE),
        "cp1258-crlf": to_cp1258(crlf),
        "nfd-utf8": nfd.encode("utf-8"),
        "crlf-utf8": crlf.encode("utf-8"),
        "cr-utf8": SAMPLE.replace("\n", "\r").encode("utf-8"),
        "nfd-crlf-bom": codecs.BOM_UTF8 + unicodedata.normalize("NFD", crlf).encode("utf-8"),
    }


@pytest.mark.parametrize("name", sorted(_variants()))
def test_every_encoding_gives_the_same_canonical_text(tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(_variants()[name])
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert doc.id == text_sha256(SAMPLE)
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert unicodedata.is_normalized("NFC", doc.text)


def test_cp1258_is_detected_as_windows_1258(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(to_cp1258(SAMPLE))
    assert read_document(path).encoding == "cp1258"


def test_real_seed_in_cp1258_reads_back_identically(tmp_path, seed_files):
    original = read_document(seed_files[0])
    path = tmp_path / "seed-cp1258.txt"
    path.write_bytes(to_cp1258(original.text))
    assert read_document(path).text == original.text


def test_canonicalize_is_idempotent_and_strips_bom():
    text = "\ufeffa\r\nb\rc\u2028d"
    once = canonicalize(text)
    assert once == "a\nb\nc\nd"
    assert canonicalize(once) == once


def test_file_hash_is_of_the_bytes_and_id_of_the_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(SAMPLE.encode("utf-8"))
    b.write_bytes(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"))
    da, db = read_document(a), read_document(b)
    assert da.id == db.id
    assert da.file_sha256 != db.file_sha256
