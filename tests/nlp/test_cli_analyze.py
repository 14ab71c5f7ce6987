"""``rusus-desktop analyze``: the JSON contract of issue 3 and the readable summary."""
from __future__ import annotations

import json
from pathlib import Path

from rusus_desktop.cli.main import main
from rusus_desktop.corpus.text import text_sha256

ARTICLE = ("Nga, Mỹ nhất trí đối thoại\n\n14/04/2021 - 08:54\n\n"
           "PNO - Tổng thống Mỹ Joe Biden đã điện đàm với Tổng thống Nga Vladimir Putin hôm 13/4.\n")


def _write(tmp_path: Path, name: str = "a.txt", text: str = ARTICLE) -> str:
    path = tmp_path / name
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    return str(path)


def test_json_contract(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["analyze", "--json", path]) == 0
    out = json.loads(capsys.readouterr().out)
    (doc,) = out["documents"]
    assert set(doc) == {"path", "text_sha256", "length", "published", "body", "entities", "dates"}
    canonical = ARTICLE  # BOM dropped, CRLF -> LF
    assert doc["path"] == path
    assert doc["text_sha256"] == text_sha256(canonical) and doc["length"] == len(canonical)
    assert doc["published"] == "2021-04-14"  # from the dateline
    for e in doc["entities"]:
        assert set(e) == {"start", "end", "text", "label"} and canonical[e["start"]:e["end"]] == e["text"]
    assert {"Joe Biden", "Vladimir Putin"} <= {e["text"] for e in doc["entities"] if e["label"] == "PER"}
    for d in doc["dates"]:
        assert set(d) == {"start", "end", "text", "kind", "value", "mod"}
    assert any(d["text"] == "hôm 13/4" and d["value"] == "2021-04-13" for d in doc["dates"])
    assert all(isinstance(r, list) and len(r) == 2 for r in doc["body"])


def test_published_option_wins_over_the_dateline(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["analyze", "--json", "--published", "2022-01-05", path]) == 0
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert doc["published"] == "2022-01-05"


def test_no_dateline_means_null(tmp_path, capsys):
    path = _write(tmp_path, text="Ông Putin nói vào tháng 6.\n")
    main(["analyze", "--json", path])
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert doc["published"] is None


def test_bad_path_gets_an_error_entry_and_the_rest_still_print(tmp_path, capsys):
    good = _write(tmp_path)
    missing = str(tmp_path / "missing.txt")
    assert main(["analyze", "--json", missing, good]) == 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert docs[0]["path"] == missing and docs[0]["error"]
    assert docs[1]["path"] == good and docs[1]["entities"]


def test_exit_code_is_non_zero_only_when_all_fail(tmp_path, capsys):
    assert main(["analyze", "--json", str(tmp_path / "x.txt"), str(tmp_path)]) != 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert len(docs) == 2 and all("error" in d for d in docs)


def test_readable_summary(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["analyze", path, str(tmp_path / "missing.txt")]) == 0
    out = capsys.readouterr().out
    assert path in out and "PER  Joe Biden" in out and "missing.txt: error:" in out
