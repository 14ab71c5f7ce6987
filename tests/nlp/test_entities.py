"""Entity rules: what the annotation guide asks for, checked on small sentences and on the gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rusus_desktop.corpus.text import canonicalize, text_sha256
from rusus_desktop.nlp.entities import find_entities
from rusus_desktop.nlp.evaluation import span_prf, total
from rusus_desktop.nlp.types import DateSpan

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold" / "entities"


def entities(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in find_entities(text, **kwargs)]


@pytest.fixture(scope="module")
def tagged():
    """find_entities with underthesea's CRF tags, as the pipeline runs it."""
    from rusus_desktop.nlp.crf import crf_tokens

    def run(text: str, **kwargs) -> list[tuple[str, str]]:
        return [(e.text, e.label) for e in find_entities(text, crf_tokens(text), **kwargs)]
    return run


@pytest.mark.parametrize(("text", "expected"), [
    ("Kể từ khi Tổng thống Joe Biden bước chân vào Nhà Trắng.",
     [("Joe Biden", "PER"), ("Nhà Trắng", "ORG")]),
    ("Ngoại trưởng Nga Sergey V. Lavrov cho biết ông đã trao đổi.",
     [("Nga", "LOC"), ("Sergey V. Lavrov", "PER")]),
    ("Thứ trưởng Ngoại giao Mỹ Wendy Sherman dẫn đầu đoàn.",
     [("Mỹ", "LOC"), ("Wendy Sherman", "PER")]),
    ("Cố vấn cấp cao Nhà Trắng, bà Anne Neuberger đã tham gia.",
     [("Nhà Trắng", "ORG"), ("Anne Neuberger", "PER")]),
    ("Đại sứ Nga tại Anh Andrei Kelin nhận định.",
     [("Nga", "LOC"), ("Anh", "LOC"), ("Andrei Kelin", "PER")]),
])
def test_titles_and_honorifics_stay_outside_the_name(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Quan hệ Nga-Mỹ hậu thượng đỉnh", [("Nga", "LOC"), ("Mỹ", "LOC")]),
    ("Mỹ - Nga sẽ sớm bắt tay trở lại?", [("Mỹ", "LOC"), ("Nga", "LOC")]),
    ("căng thẳng Mỹ-Nga rơi vào bế tắc", [("Mỹ", "LOC"), ("Nga", "LOC")]),
])
def test_country_pairs_split(text, expected):
    assert entities(text) == expected


def test_split_keeps_exact_offsets():
    text = "Thượng đỉnh Nga-Mỹ"
    spans = find_entities(text)
    assert [(s.start, s.end) for s in spans] == [(12, 15), (16, 18)]
    assert all(text[s.start:s.end] == s.text for s in spans)


@pytest.mark.parametrize(("text", "expected"), [
    ("Cùng ngày, Bộ Ngoại giao Mỹ tiếp tục khuyên công dân.", [("Bộ Ngoại giao Mỹ", "ORG")]),
    ("Đại sứ quán Mỹ tại Moskva còn ngừng cấp thị thực.", [("Đại sứ quán Mỹ", "ORG"), ("Moskva", "LOC")]),
    ("Giám đốc Cơ quan Tình báo trung ương Mỹ (CIA) William Burns đã tới Moskva.",
     [("Cơ quan Tình báo trung ương Mỹ", "ORG"), ("CIA", "ORG"), ("William Burns", "PER"),
      ("Moskva", "LOC")]),
    ("cuộc họp với Ủy ban Dân chủ Quốc gia (DNC) hôm qua",
     [("Ủy ban Dân chủ Quốc gia", "ORG"), ("DNC", "ORG")]),
    ("Người Phát ngôn Bộ Ngoại giao Nga Maria Zakharova chỉ trích.",
     [("Bộ Ngoại giao Nga", "ORG"), ("Maria Zakharova", "PER")]),
    ("Mới đây, Chính phủ Nga đã cấp phép.", [("Chính phủ Nga", "ORG")]),
])
def test_organisations_whole(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tờ New York Times đánh giá.", [("New York Times", "ORG")]),
    ("Hãng tin RIA dẫn tuyên bố.", [("RIA", "ORG")]),
    ("Ảnh: AFP/TTXVN", [("AFP", "ORG"), ("TTXVN", "ORG")]),
])
def test_media_without_lead_in_words(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Moscow và Washington đang có động thái mới.", [("Moscow", "LOC"), ("Washington", "LOC")]),
    ("đào tạo quân đội Ukraine", [("Ukraine", "LOC")]),
    ("xung đột Đông Ukraine", [("Đông Ukraine", "LOC")]),
    ("mở rộng sang phía Đông của liên minh", []),
    ("tập trận tại Tây Bắc Biển Đen.", [("Tây Bắc Biển Đen", "LOC")]),
    ("Quân đội Nga lên máy bay.", [("Nga", "LOC")]),
])
def test_places(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Hiệp ước Cắt giảm vũ khí chiến lược mới (New START) là hiệp ước duy nhất.",
     [("Hiệp ước Cắt giảm vũ khí chiến lược mới", "MISC"), ("New START", "MISC")]),
    ("gia hạn 5 năm hiệp ước New START", [("New START", "MISC")]),
    ("tuân thủ thỏa thuận Minsk", [("Minsk", "MISC")]),
    ("tàu khu trục USS Ross (Mỹ) đang tham gia", [("USS Ross", "MISC"), ("Mỹ", "LOC")]),
    ("kể từ sau Chiến tranh Lạnh do căng thẳng", [("Chiến tranh Lạnh", "MISC")]),
])
def test_misc(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Trang chủ | Chính trị | Multimedia | Podcast", []),
    ("theo Nghị định 13/2023/NĐ-CP của Chính phủ", [("Chính phủ", "ORG")]),
    ("Hà Nội FC thắng 2-1 trên sân Hàng Đẫy.", [("Hà Nội FC", "ORG"), ("Hàng Đẫy", "LOC")]),
    ("đã mua lại VinBrain, một công ty khởi nghiệp", [("VinBrain", "ORG")]),
    ("Tập đoàn công nghệ Nvidia của Mỹ", [("Nvidia", "ORG"), ("Mỹ", "LOC")]),
])
def test_page_furniture_codes_clubs_and_brands(text, expected):
    assert entities(text) == expected


def test_sentence_initial_capitals_are_not_names():
    assert entities("Theo đó, Washington cảnh báo.") == [("Washington", "LOC")]
    assert entities("Trong khi đó, Điện Kremlin cho biết.") == [("Điện Kremlin", "ORG")]


def test_a_name_tagged_once_is_tagged_everywhere():
    text = "Bộ trưởng Hoa Kỳ John Roe đến Hà Nội. Roe nói. Sau đó John Roe rời đi."
    assert entities(text) == [("Hoa Kỳ", "LOC"), ("John Roe", "PER"), ("Hà Nội", "LOC"), ("Roe", "PER"),
                              ("John Roe", "PER")]


def test_bare_surname_after_full_name_is_a_person():
    text = "Ngoại trưởng Ivan Petrovsky phát biểu. Theo Petrovsky, hai bên đã nhất trí."
    assert ("Petrovsky", "PER") in entities(text)


def test_vietnamese_names_are_whole_even_with_a_country_inside():
    assert entities("Cục trưởng Nguyễn Minh Đức cho biết.") == [("Nguyễn Minh Đức", "PER")]
    assert entities("Ảnh: Đức Đồng") == [("Đức Đồng", "PER")]


def test_never_overlaps_dates():
    text = "Tổng thống Putin gặp ông Biden vào tháng 6 tại Geneva."
    month = text.index("tháng 6")
    date = DateSpan(month, month + len("tháng 6"), "tháng 6", "date", "2021-06")
    found = find_entities(text, dates=[date])
    assert not any(e.start < date.end and date.start < e.end for e in found)
    # and the CRF's "tháng 6" as LOC never comes through either
    assert ("tháng 6", "LOC") not in entities(text)


def test_feedback_accepts_a_string_everywhere_with_its_label():
    text = "Phóng viên Lan Chi cho biết. Sau đó Lan Chi về nước."
    found = entities(text, feedback={"Lan Chi": "PER"})
    assert found.count(("Lan Chi", "PER")) == 2


def test_feedback_rejects_a_string_everywhere():
    text = "Tổng thống Putin gặp Biden. Putin nói."
    assert ("Putin", "PER") in entities(text)
    assert all(t != "Putin" for t, _ in entities(text, feedback={"Putin": None}))


def test_feedback_relabels_and_beats_overlapping_suggestions():
    text = "tàu khu trục Defender (Anh) ở ngoài khơi"
    assert ("Defender", "ORG") in entities(text, feedback={"Defender": "ORG"})
    found = find_entities("ông Jake Sullivan nói", feedback={"Sullivan": "PER"})
    assert [(e.text, e.label) for e in found] == [("Sullivan", "PER")]


def test_feedback_matches_whole_words_only():
    assert entities("Nga-Mỹ và Ngân hàng", feedback={"Ng": "ORG"}) == [("Nga", "LOC"), ("Mỹ", "LOC")]


def test_feedback_label_is_checked():
    with pytest.raises(ValueError):
        find_entities("abc", feedback={"abc": "PERSON"})


def test_spans_are_flat_and_exact():
    text = canonicalize((ROOT / "seeds" / "001_ee89c4b6370c310f.txt").read_text(encoding="utf-8"))
    found = find_entities(text)
    assert all(text[e.start:e.end] == e.text for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_with_crf_tags(tagged):
    assert tagged("Tổng thống Nga Vladimir Putin và người đồng cấp Mỹ Joe Biden gặp nhau tại Geneva.") == [
        ("Nga", "LOC"), ("Vladimir Putin", "PER"), ("Mỹ", "LOC"), ("Joe Biden", "PER"), ("Geneva", "LOC")]


def _gold_files() -> list[tuple[str, Path, dict]]:
    files = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for folder, set_name in ((ROOT / "seeds", "seeds"), (ROOT / "tests" / "data" / "unseen", "unseen")):
            path = folder / gold["file"]
            if path.exists():
                files.append((set_name, path, gold))
    return files


def test_gold_matches_its_text():
    files = _gold_files()
    assert {s for s, _, _ in files} == {"seeds", "unseen"} and len(files) >= 8
    for _, path, gold in files:
        text = canonicalize(path.read_text(encoding="utf-8"))
        assert gold["text_sha256"] == text_sha256(text), path
        for e in gold["entities"]:
            assert text[e["start"]:e["end"]] == e["text"], (path, e)


@pytest.mark.slow
@pytest.mark.parametrize("set_name", ["seeds", "unseen"])
def test_f1_floor_on_gold(set_name):
    """A regression guard: exact-match F1 (span and label) over each gold set."""
    from rusus_desktop.nlp.pipeline import analyze

    scores = []
    for name, path, gold in _gold_files():
        if name == set_name:
            text = canonicalize(path.read_text(encoding="utf-8"))
            scores.append(span_prf(analyze(text).entities, gold["entities"], ("start", "end", "label")))
    assert total(scores).f1 >= 0.9
