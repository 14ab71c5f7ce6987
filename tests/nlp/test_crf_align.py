"""Every CRF token points at the exact source text it came from."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from rusus_desktop.corpus.text import canonicalize
from rusus_desktop.nlp.align import normalize_characters, regex_tokens, word_ranges
from rusus_desktop.nlp.crf import crf_tokens, iter_crf_tokens, reference_crf_tokens
from rusus_desktop.nlp.sentences import MAX_SENTENCE_CHARS, split_sentences

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def _skeleton(text: str) -> str:
    """Letters and symbols without whitespace, tone marks or case: what no rewrite changes."""
    decomposed = unicodedata.normalize("NFD", text).translate(str.maketrans("đĐðÐ", "dDdD"))
    return "".join(ch for ch in decomposed if not ch.isspace() and not unicodedata.combining(ch)).casefold()


def assert_offsets_exact(text: str, tokens, spelling_fixes: dict[str, str] | None = None) -> None:
    """Tokens are in order, trimmed, cover every non-space character and match their source.

    ``spelling_fixes`` lists the rewrites underthesea is expected to make beyond tone marks.
    """
    spelling_fixes = spelling_fixes or {}
    previous_end = 0
    for token in tokens:
        source = text[token.start:token.end]
        assert previous_end <= token.start < token.end <= len(text), token
        assert not source[0].isspace() and not source[-1].isspace(), token
        expected = spelling_fixes.get(source, source)
        assert _skeleton(expected) == _skeleton(token.word), (source, token)
        previous_end = token.end
    # Nothing but whitespace is left out: every other character belongs to a token.
    covered = "".join(text[t.start:t.end] for t in tokens)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_offsets_exact_on_seeds(path: Path) -> None:
    text = canonicalize(path.read_text(encoding="utf-8"))
    tokens = crf_tokens(text)
    assert len(tokens) > 300
    assert_offsets_exact(text, tokens)


def test_rewritten_tone_marks_map_to_their_source() -> None:
    text = "Hoà bình ở Hòa Bình, nghành y tế của Thuỵ Sĩ."
    tokens = crf_tokens(text)
    assert_offsets_exact(text, tokens, spelling_fixes={"nghành": "ngành"})
    sources = {text[t.start:t.end]: t.word for t in tokens}
    assert sources["Hoà"] == "Hòa"
    assert sources["Hòa Bình"] == "Hòa Bình"
    assert sources["nghành"] == "ngành"
    assert sources["Thuỵ Sĩ"] == "Thụy Sĩ"


def test_nfd_input_after_canonicalize() -> None:
    original = "Thủ tướng Phạm Minh Chính thăm tỉnh Hoà Bình và Thừa Thiên Huế."
    text = canonicalize(unicodedata.normalize("NFD", original))
    assert text == original
    tokens = crf_tokens(text)
    assert_offsets_exact(text, tokens)
    sources = {text[t.start:t.end]: t for t in tokens}
    assert sources["Phạm Minh Chính"].ner == "B-PER"
    assert sources["Hoà Bình"].word == "Hòa Bình"
    assert sources["Thừa Thiên Huế"].ner.endswith("-LOC")


@pytest.mark.parametrize("text", [
    "Ông Nguyễn Văn A 😀 nói 👍🏽 và 👨‍👩‍👧 rồi đi.",
    "Chữ x\u0301 và q\u0323\u0301 có dấu rời, còn e\u0301 đã ghép.",
    "Ông nói: “Nga và Mỹ” rồi 'đối thoại' và \"hợp tác\" «sớm».",
    "Hà   Nội  có    nhiều\tđiểm\t\tđến,  ông   Putin  nói .",
    "\t  Thụt đầu dòng\n\n\n  và dòng trống \t\n",
    "TP.HCM, 2/9/2024, 08:54, 1.550 đầu đạn, 43H-0530, http://vnexpress.net/a-b.html, NĐ-CP.",
    "Ðà Nẵng và ðường (ð viết sai).",
])
def test_offsets_exact_on_odd_text(text: str) -> None:
    tokens = crf_tokens(text)
    assert tokens
    assert_offsets_exact(text, tokens)


def test_non_canonical_input_still_maps_offsets() -> None:
    # Not the contract, but a caller that forgets canonicalize() must not get wrong offsets.
    text = unicodedata.normalize("NFD", "Hoà Bình và Việt Nam, 한국 và Ðà Nẵng")
    tokens = crf_tokens(text)
    assert_offsets_exact(text, tokens)
    sources = [unicodedata.normalize("NFC", text[t.start:t.end]) for t in tokens]
    assert sources[0] == "Hoà Bình" and "한국" in sources


def test_normalize_characters_keeps_positions_for_canonical_text() -> None:
    normalized, ranges = normalize_characters("Ðà Nẵng")
    assert normalized == "Đà Nẵng"
    assert ranges is None


def test_word_ranges_rejects_a_different_tokenization() -> None:
    tokens = regex_tokens("Hà Nội đẹp")
    assert word_ranges(["Hà Nội", "đẹp"], tokens) == [(0, 6), (7, 10)]
    with pytest.raises(ValueError):
        word_ranges(["Hà Nội đẹp quá"], tokens)
    with pytest.raises(ValueError):
        word_ranges(["Hà", "Nội đẹp", "quá"], tokens)
    with pytest.raises(ValueError):
        word_ranges(["Hà Nội"], tokens)


def test_word_ranges_with_a_space_inside_a_token() -> None:
    # underthesea's regex has an unescaped "Th.S", so "Th S" is a single token.
    text = "Ông Th Sáng hoà"
    assert [t[2] for t in regex_tokens(text)] == ["Ông", "Th S", "áng", "hoà"]
    assert word_ranges(["Ông", "Th S", "áng", "hòa"], regex_tokens(text)) == [
        (0, 3), (4, 8), (8, 11), (12, 15)]
    assert crf_tokens(text) == reference_crf_tokens(text)


def test_sentences_cover_text_without_losing_offsets() -> None:
    text = ("Tổng thống Nga Vladimir V. Putin tới TP. Hồ Chí Minh. Ông nói: “Tốt.” Sau đó... "
            "rồi ông đi! Giá 1.500 đồng.\n\n  Dòng hai?\t\n" + "dài, " * 600)
    sentences = split_sentences(text)
    assert [text[s:e] for s, e in sentences[:5]] == [
        "Tổng thống Nga Vladimir V. Putin tới TP. Hồ Chí Minh.", "Ông nói: “Tốt.”",
        "Sau đó... rồi ông đi!", "Giá 1.500 đồng.", "Dòng hai?"]
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in sentences)
    gaps = [text[a_end:b_start] for (_, a_end), (b_start, _) in zip(sentences, sentences[1:], strict=False)]
    assert all(gap.isspace() for gap in gaps)
    assert "".join(text[s:e] for s, e in sentences).replace(" ", "") == "".join(text.split())


def test_iter_crf_tokens_reports_progress_and_cancels() -> None:
    text = "\n".join(f"Ông Putin gặp ông Biden lần thứ {i} tại Geneva." for i in range(40))
    batches = list(iter_crf_tokens(text, batch_chars=200))
    assert len(batches) > 3
    done = [b.done_chars for b in batches]
    assert done == sorted(done) and done[-1] == len(text) == batches[-1].total_chars
    assert [t for b in batches for t in b.tokens] == crf_tokens(text)

    seen = []
    for batch in iter_crf_tokens(text, cancelled=lambda: len(seen) >= 2, batch_chars=200):
        seen.append(batch)
    assert len(seen) == 2 and seen[-1].done_chars < len(text)


def test_empty_and_blank_text() -> None:
    assert crf_tokens("") == []
    assert crf_tokens(" \n\t ") == []
    assert [b.done_chars for b in iter_crf_tokens("")] == [0]
