"""The fast CRF path gives exactly underthesea's labels, because it feeds the same features.

Two levels: the labels of ``crf_tokens``/``tag_sentence`` against ``underthesea.ner`` on
every sentence, and the feature strings themselves against underthesea's own feature
code (``TaggedTransformer`` for POS/chunk/NER, underthesea_core's ``CRFFeaturizer`` for
word segmentation), which is what makes the labels identical rather than just equal on
these texts.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from rusus_desktop.corpus.text import canonicalize
from rusus_desktop.nlp import crf
from rusus_desktop.nlp.crfsuite import UnreadableModel, read_attributes
from rusus_desktop.nlp.features import (
    TAGGED_FEATURE_FUNCTIONS,
    Featurizer,
    SentenceWindows,
    core_functions,
    parse_template,
)
from rusus_desktop.nlp.sentences import split_sentences

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))

# Written to hit the corners of the tokenizer and of the feature functions: odd
# punctuation, numbers and dates in every format the regex knows, all-caps, initials,
# foreign names, URLs, e-mails, plates, units, emoji and a few non-Vietnamese letters.
EXTRA = """\
NÓNG: Lúc 08:54 ngày 14/04/2021 (GMT+7), TP.HCM ghi nhận 1.550 ca; 2/3 số ca ở Q.1 và Q. Bình Thạnh!!!
Ông Vladimir V. Putin, bà Angela Merkel và ngài Jean-Claude Juncker gặp nhau tại Bruxelles (Bỉ)...
Tổng thống Mỹ Joe Biden nói: “Chúng tôi sẽ không để Nga đơn phương hành động” – theo AFP/Reuters.
Giá vàng SJC tăng 200.000 đồng/lượng, lên 56,5 triệu; USD/VND ở mức 23.150 - 23.360 (+0,3%).
Xe biển số 43H-0530 chạy 120km/h trên cao tốc Hà Nội–Hải Phòng vào đêm 28-29/7/2022 và 20.08.2014.
Liên hệ: tin@vnexpress.net, http://vnexpress.net/the-gioi/nga-my-123.html hoặc www.bbc.co.uk/news.
H'Mông, N’Thôn Hạ, H&M, Th.S Nguyễn Văn A, Dr. Smith và Mr. O'Neil => đều là tên riêng -> ok >> hết.
NATO, EU, ASEAN, G20, COP26 và WHO họp ở Geneva; UBND, HĐND, NĐ-CP, T.Ư cũng được nhắc tới :D
Nhiệt độ 35°C, màn hình 4K 3x4, v.v... ai cũng biết =)) và ♥‿♥ <3 😀 👍🏽 ư? Ừ, ĐÚNG VẬY!!!
ΟΔΟΣ Straße İstanbul ǅemal 2147483648 -5 +7 ٣٤ ½ ²³ x\u0301 Ðà Nẵng hoà bình Hoà Bình THUỴ SĨ
Đại sứ quán Mỹ tại Moskva, Bộ Ngoại giao Nga và Điện Kremlin ra tuyên bố chung hôm 13/4.
Ông Th S đến lúc Th Sáng, còn Th.S Lan và ThS. Hoa thì không.
a
"""


@cache
def _seed_texts() -> tuple[str, ...]:
    return tuple(canonicalize(path.read_text(encoding="utf-8")) for path in SEEDS)


@cache
def _sentences() -> tuple[str, ...]:
    sentences = []
    for text in (*_seed_texts(), EXTRA):
        sentences += [text[start:end] for start, end in split_sentences(text)]
    return tuple(sentences)


@cache
def _underthesea_ner(sentence: str) -> tuple[tuple[str, str, str, str], ...]:
    import underthesea

    return tuple(tuple(row) for row in underthesea.ner(sentence, deep=False))


def _labels(tokens) -> tuple[tuple[str, str, str, str], ...]:
    return tuple((t.word, t.pos, t.chunk, t.ner) for t in tokens)


@pytest.mark.slow
@pytest.mark.parametrize("text_index", range(len(SEEDS) + 1),
                         ids=[path.stem for path in SEEDS] + ["extra"])
def test_crf_tokens_labels_equal_underthesea_ner_per_sentence(text_index: int) -> None:
    text = (*_seed_texts(), EXTRA)[text_index]
    tokens = crf.crf_tokens(text)
    position = 0
    for start, end in split_sentences(text):
        sentence_tokens = []
        while position < len(tokens) and tokens[position].start < end:
            sentence_tokens.append(tokens[position])
            position += 1
        assert _labels(sentence_tokens) == _underthesea_ner(text[start:end]), text[start:end]
    assert position == len(tokens)


@pytest.mark.slow
def test_tag_sentence_equals_underthesea_ner_on_every_sentence() -> None:
    different = [sentence for sentence in _sentences()
                 if _labels(crf.tag_sentence(sentence)) != _underthesea_ner(sentence)]
    assert different == []


@pytest.mark.parametrize("sentence", [
    "", "   ", "a", "Ừ", ".", "...", "😀", "  Hà Nội  ", "ông\tBa", "V.", "Ông V.", ":D", "=))",
    "1/2", "-", "BOS", "EOS X", "T[0]=x", "nghành y tế", "Ðà Nẵng",
    # The regex's unescaped "Th.S" makes one token of "Th S", space included.
    "Th Sáng nay", "Ông Th S đến.", "ThoSx", "Th\tS",
])
def test_tag_sentence_equals_underthesea_ner_on_short_inputs(sentence: str) -> None:
    assert _labels(crf.tag_sentence(sentence)) == _underthesea_ner(sentence)


@pytest.mark.slow
def test_offsets_equal_the_reference_alignment() -> None:
    text = min(_seed_texts(), key=len) + "\n" + EXTRA
    assert crf.crf_tokens(text) == crf.reference_crf_tokens(text)


def _stage_inputs(sentence: str):
    """What underthesea's POS, chunk and NER predictors each transform for ``sentence``."""
    from underthesea import chunk

    chunked = chunk(sentence)
    words = [word for word, _, _ in chunked]
    return ([(word, "X") for word in words],
            [(word, pos, "X") for word, pos, _ in chunked],
            [(word, pos, tag, "X") for word, pos, tag in chunked])


@pytest.mark.slow
def test_tagged_features_are_underthesea_strings() -> None:
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    predictors = [cls.Instance() for cls in (CRFPOSTagPredictor, CRFChunkingPredictor,
                                             CRFNERPredictor)]
    featurizers = [Featurizer(p.transformer.template, TAGGED_FEATURE_FUNCTIONS)
                   for p in predictors]
    for sentence in _sentences()[::3]:  # underthesea's own featurizing is slow
        windows = SentenceWindows()
        for predictor, featurizer, rows in zip(predictors, featurizers, _stage_inputs(sentence),
                                                  strict=True):
            expected = predictor.transformer.transform([rows])[0][0]
            columns = [tuple(row[i] for row in rows) for i in range(len(rows[0]))]
            assert featurizer.rows(columns, windows) == expected, sentence


TRICKY_TOKENS = [
    "Hà", "nội", "HÀ", "2147483647", "2147483648", "-5", "+7", "007", "٣٤", "½", "²", "ß",
    "Straße", "İstanbul", "ǅemal", "ΟΔΟΣ", "ς", "x\u0301", "😀", "\u0301", "BOS", "EOS",
    "T[0]", "=", "đ", "Đ", "ﬁ", "Ǉ", "ǈ", "ǉ", ".", "...", "v.v", "TP.HCM", "43H-0530",
]


@pytest.mark.parametrize("tokens", [
    TRICKY_TOKENS,
    TRICKY_TOKENS[::-1],
    ["một"],
    ["Việt", "Nam"],
    ["sinh", "viên", "đi", "học"],
])
def test_word_segmentation_features_are_underthesea_core_strings(tokens: list[str]) -> None:
    upstream, ours = _word_segmentation_featurizers()
    expected = upstream.process([[[token] for token in tokens]])[0]
    assert ours.rows((tuple(tokens),)) == expected


@pytest.mark.slow
def test_word_segmentation_features_on_seed_tokens() -> None:
    from rusus_desktop.nlp.align import normalize_token, regex_tokens

    upstream, ours = _word_segmentation_featurizers()
    for sentence in _sentences():
        tokens = tuple(normalize_token(text) for _, _, text in regex_tokens(sentence))
        assert ours.rows((tokens,)) == upstream.process([[[t] for t in tokens]])[0], sentence


@cache
def _word_segmentation_featurizers():
    import joblib
    from underthesea_core import CRFFeaturizer

    directory = _pipeline_dir() / crf._WORD_SEGMENTER_DIR
    templates = joblib.load(directory / "features.bin")
    dictionary = joblib.load(directory / "dictionary.bin")
    return CRFFeaturizer(templates, dictionary), Featurizer(templates, core_functions(dictionary))


def _pipeline_dir() -> Path:
    import underthesea.pipeline

    return Path(underthesea.pipeline.__file__).parent


@pytest.mark.slow
def test_pruned_rows_keep_exactly_the_known_features_in_order() -> None:
    models = crf._models()
    unpruned = {name: Featurizer(getattr(models, name).templates, functions)
                for name, functions in [("pos_features", TAGGED_FEATURE_FUNCTIONS),
                                        ("chunk_features", TAGGED_FEATURE_FUNCTIONS),
                                        ("ner_features", TAGGED_FEATURE_FUNCTIONS)]}
    files = {"pos_features": crf._POS_FILE, "chunk_features": crf._CHUNK_FILE,
             "ner_features": crf._NER_FILE}
    known = {name: read_attributes(_pipeline_dir() / path) for name, path in files.items()}
    for sentence in _sentences()[::5]:
        chunked = _underthesea_ner(sentence)
        words = tuple(row[0] for row in chunked)
        pos = tuple(row[1] for row in chunked)
        chunk = tuple(row[2] for row in chunked)
        filler = ("X",) * len(words)
        for name, columns in [("pos_features", (words, filler)),
                              ("chunk_features", (words, pos, filler)),
                              ("ner_features", (words, pos, chunk, filler))]:
            pruned = getattr(models, name).rows(columns)
            full = unpruned[name].rows(columns)
            assert pruned == [[f for f in row if f in known[name]] for row in full], sentence


def test_model_attribute_tables_are_read_completely() -> None:
    from underthesea_core import CRFModel

    paths = [_pipeline_dir() / name for name in (crf._POS_FILE, crf._CHUNK_FILE, crf._NER_FILE)]
    paths.append(_pipeline_dir() / crf._WORD_SEGMENTER_DIR / "models.bin")
    for path in paths:
        attributes = read_attributes(path)
        assert len(attributes) == CRFModel.load(str(path)).num_attributes
        assert all("=" in attribute for attribute in attributes)


def test_read_attributes_rejects_other_files(tmp_path: Path) -> None:
    not_a_model = tmp_path / "x.bin"
    not_a_model.write_bytes(b"lCRX" + bytes(60))
    with pytest.raises(UnreadableModel):
        read_attributes(not_a_model)
    with pytest.raises(UnreadableModel):
        read_attributes(_pipeline_dir() / crf._WORD_SEGMENTER_DIR / "features.bin")


@pytest.mark.parametrize("text, expected", [
    ("T[0]", (0, 0, 0, None)),
    ("T[-2,-1]", (-2, -1, 0, None)),
    ("T[1][2].lower", (1, 1, 2, "lower")),
    ("T[-3,-2][1]", (-3, -2, 1, None)),
    ("T[0,2].is_in_dict", (0, 2, 0, "is_in_dict")),
])
def test_parse_template(text: str, expected: tuple) -> None:
    template = parse_template(text)
    assert (template.first, template.last, template.column, template.function) == expected


def test_featurizer_rejects_what_it_cannot_reproduce() -> None:
    with pytest.raises(ValueError):
        Featurizer(["T[0].unknown"], TAGGED_FEATURE_FUNCTIONS)
    with pytest.raises(ValueError):
        Featurizer(["T[-9]"], TAGGED_FEATURE_FUNCTIONS)
    with pytest.raises(ValueError):
        Featurizer(["W[0]"], TAGGED_FEATURE_FUNCTIONS)


def test_rows_beyond_the_kept_getters(monkeypatch: pytest.MonkeyPatch) -> None:
    from rusus_desktop.nlp import features

    templates = ["T[-2]", "T[-1,0]", "T[0].lower", "T[1][1]", "T[0,2].istitle"]
    columns = (tuple("Một hai ba bốn Năm sáu bảy tám chín mười".split()), ("N",) * 10)
    expected = Featurizer(templates, TAGGED_FEATURE_FUNCTIONS).rows(columns)
    monkeypatch.setattr(features, "KEPT_GETTERS", 4)
    short_memory = Featurizer(templates, TAGGED_FEATURE_FUNCTIONS)
    assert short_memory.rows(columns) == expected  # getters 4..9 built, not kept
    assert short_memory.rows(columns) == expected
