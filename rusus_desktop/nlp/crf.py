"""underthesea's CRF tagging (words, POS, chunks, NER) with exact source offsets.

Gives the labels ``underthesea.ner(sentence, deep=False)`` gives, sentence by sentence,
about ten times faster, and maps every word back to the range of canonical text it
came from.

``ner`` runs four CRF stages (word segmentation, POS, chunking, NER). Nearly all of its
time goes into building the POS/chunk/NER feature strings in Python
(``tagged_feature.template2features``), not into the CRF. This module calls the same
models underthesea loads, with the same templates read from them, but builds the
features with :mod:`rusus_desktop.nlp.features`, which produces identical strings a
whole sentence at a time. Word segmentation already uses underthesea_core's compiled
featurizer and is called as is.

Runs on whatever thread calls it; must not touch the Store or any widget.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rusus_desktop.nlp.align import RegexToken, regex_tokens, word_ranges
from rusus_desktop.nlp.crfsuite import UnreadableModel, read_attributes
from rusus_desktop.nlp.features import (
    TAGGED_FEATURE_FUNCTIONS,
    Featurizer,
    SentenceWindows,
    core_functions,
)
from rusus_desktop.nlp.sentences import split_sentences
from rusus_desktop.nlp.types import Token

if TYPE_CHECKING:
    from underthesea_core import CRFTagger

logger = logging.getLogger(__name__)

# Sentences are tagged in batches of about this many characters between progress
# reports and cancellation checks: small enough to cancel within a fraction of a second,
# large enough that the bookkeeping is noise.
BATCH_CHARS = 4000


@dataclass(frozen=True, slots=True)
class CrfBatch:
    """The tokens of one batch of sentences, and how far through the text it got."""

    tokens: tuple[Token, ...]
    done_chars: int  # offset in the text up to which everything has been tagged
    total_chars: int


def crf_tokens(text: str) -> list[Token]:
    """Tag canonical text with underthesea's CRF models.

    Args:
        text: Canonical text (``corpus.text.canonicalize``).

    Returns:
        Every word underthesea finds, in order, with ``text[t.start:t.end]`` being the
        exact source of the word even where underthesea rewrote it (``"Hoà"`` comes back
        as word ``"Hòa"`` over the source ``"Hoà"``). Labels are those of
        ``underthesea.ner(sentence, deep=False)`` on each sentence of
        :func:`~rusus_desktop.nlp.sentences.split_sentences`.
    """
    return [token for batch in iter_crf_tokens(text) for token in batch.tokens]


def iter_crf_tokens(text: str, *, cancelled: Callable[[], bool] = lambda: False,
                    batch_chars: int = BATCH_CHARS) -> Iterator[CrfBatch]:
    """Tag ``text`` batch by batch, for progress reports and cancellation.

    Args:
        text: Canonical text.
        cancelled: Checked before every batch; when it returns True the generator stops
            without tagging anything more.
        batch_chars: Roughly how many characters of sentences go in one batch.

    Yields:
        One :class:`CrfBatch` per batch of whole sentences, in text order. The last one
        has ``done_chars == total_chars``; an empty or blank text yields one empty batch.
    """
    yield from _iter_batches(text, _tag_sentence, cancelled, batch_chars)


def reference_crf_tokens(text: str) -> list[Token]:
    """:func:`crf_tokens` computed by calling ``underthesea.ner`` itself on each sentence.

    The slow ground truth the fast path is checked against (tests, benchmarks/bench_ner.py).
    """
    return [token for batch in _iter_batches(text, _tag_sentence_with_underthesea,
                                             lambda: False, BATCH_CHARS)
            for token in batch.tokens]


def tag_sentence(sentence: str) -> list[Token]:
    """Tag one sentence as ``underthesea.ner(sentence, deep=False)`` does, with offsets.

    Args:
        sentence: One sentence (or any text to tag as a single CRF sequence).

    Returns:
        The tokens, offsets relative to ``sentence``.
    """
    return _tag_sentence(sentence, 0, len(sentence))


def reference_tag_sentence(sentence: str) -> list[Token]:
    """:func:`tag_sentence` computed by ``underthesea.ner`` itself (slow; for checks)."""
    return _tag_sentence_with_underthesea(sentence, 0, len(sentence))


def _iter_batches(text: str, tag_sentence: Callable[[str, int, int], list[Token]],
                  cancelled: Callable[[], bool], batch_chars: int) -> Iterator[CrfBatch]:
    sentences = split_sentences(text)
    total = len(text)
    position = 0
    while position < len(sentences):
        if cancelled():
            return
        batch_start = sentences[position][0]
        tokens: list[Token] = []
        while position < len(sentences):
            start, end = sentences[position]
            if tokens and end - batch_start > batch_chars:
                break
            tokens.extend(tag_sentence(text, start, end))
            position += 1
        done = sentences[position][0] if position < len(sentences) else total
        yield CrfBatch(tuple(tokens), done, total)
    if not sentences:
        yield CrfBatch((), total, total)


def _tag_sentence_with_underthesea(text: str, start: int, end: int) -> list[Token]:
    import underthesea

    sentence = text[start:end]
    tagged = underthesea.ner(sentence, deep=False)
    ranges = word_ranges([word for word, _, _, _ in tagged], regex_tokens(sentence))
    return [Token(start + word_start, start + word_end, word, pos, chunk, ner)
            for (word, pos, chunk, ner), (word_start, word_end) in zip(tagged, ranges)]


def _tag_sentence(text: str, start: int, end: int) -> list[Token]:
    models = _models()
    tokens = regex_tokens(text[start:end])
    if not tokens:
        return []
    windows = SentenceWindows()
    words, ranges = _segment_words(models, tokens, windows)
    filler = ("X",) * len(words)  # the label column each stage fills in ("X" until tagged)
    pos = tuple(models.pos.tag(models.pos_features.rows((words, filler), windows)))
    chunk = tuple(models.chunk.tag(models.chunk_features.rows((words, pos, filler), windows)))
    ner = models.ner.tag(models.ner_features.rows((words, pos, chunk, filler), windows))
    return [Token(start + word_start, start + word_end, word, word_pos, word_chunk, word_ner)
            for word, (word_start, word_end), word_pos, word_chunk, word_ner
            in zip(words, ranges, pos, chunk, ner)]


def _segment_words(models: _Models, tokens: list[RegexToken], windows: SentenceWindows
                   ) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """``word_tokenize``: join regex tokens into words, keeping each word's source range."""
    normalized = tuple(_token_normalize(token_text) for _, _, token_text in tokens)
    tags = models.word_segmenter.tag(models.word_segmenter_features.rows((normalized,), windows))
    words: list[str] = []
    ranges: list[tuple[int, int]] = []
    for position, (tag, token, (token_start, token_end, _)) in enumerate(
            zip(tags, normalized, tokens)):
        # Same rule as word_tokenize: "I-W" continues the previous word, except on the
        # first token, where there is none.
        if tag == "I-W" and position > 0:
            words[-1] = words[-1] + " " + token
            ranges[-1] = (ranges[-1][0], token_end)
        else:
            words.append(token)
            ranges.append((token_start, token_end))
    return tuple(words), ranges


@lru_cache(maxsize=1 << 16)
def _token_normalize(token: str) -> str:
    from underthesea.pipeline.text_normalize import token_normalize

    return token_normalize(token)


@dataclass(frozen=True, slots=True)
class _Models:
    word_segmenter: CRFTagger
    word_segmenter_features: Featurizer
    pos: CRFTagger
    pos_features: Featurizer
    chunk: CRFTagger
    chunk_features: Featurizer
    ner: CRFTagger
    ner_features: Featurizer


# Where underthesea keeps its models, relative to underthesea/pipeline/; the same paths
# its predictors load (word_tokenize/__init__.py, {pos_tag,chunking,ner}/model_crf.py).
_WORD_SEGMENTER_DIR = "word_tokenize/models/ws_crf_vlsp2013_20230727"
_POS_FILE = "pos_tag/pos_crf_2017_10_11.bin"
_CHUNK_FILE = "chunking/chunk_crf_2017_10_12.bin"
_NER_FILE = "ner/ner_crf_2017_10_12.bin"


@cache
def _models() -> _Models:
    """Load the models (once, on first use) and build a featurizer for each."""
    from pathlib import Path

    import joblib
    import underthesea.pipeline
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
    from underthesea_core import CRFTagger

    pipeline_dir = Path(underthesea.pipeline.__file__).parent
    segmenter_dir = pipeline_dir / _WORD_SEGMENTER_DIR
    word_segmenter = CRFTagger()
    word_segmenter.load(str(segmenter_dir / "models.bin"))
    word_segmenter_features = Featurizer(
        joblib.load(segmenter_dir / "features.bin"),
        core_functions(joblib.load(segmenter_dir / "dictionary.bin")),
        _known_attributes(segmenter_dir / "models.bin"))

    def predictor_model(predictor_class, model_file: str) -> tuple[CRFTagger, Featurizer]:
        # underthesea's own singletons: the same loaded model, and templates read from
        # it rather than copied, so a template change upstream cannot silently diverge.
        predictor = predictor_class.Instance()
        return predictor.model, Featurizer(predictor.transformer.template,
                                           TAGGED_FEATURE_FUNCTIONS,
                                           _known_attributes(pipeline_dir / model_file))

    pos, pos_features = predictor_model(CRFPOSTagPredictor, _POS_FILE)
    chunk, chunk_features = predictor_model(CRFChunkingPredictor, _CHUNK_FILE)
    ner, ner_features = predictor_model(CRFNERPredictor, _NER_FILE)
    return _Models(word_segmenter, word_segmenter_features, pos, pos_features,
                   chunk, chunk_features, ner, ner_features)


def _known_attributes(path) -> frozenset[str] | None:
    """The model's attribute names, or None (emit every feature) if they can't be read.

    Knowing them only saves time: the tagger ignores unknown features either way.
    """
    try:
        return read_attributes(path)
    except (OSError, UnreadableModel) as error:
        logger.warning("CRF features will not be pruned for %s: %s", path, error)
        return None
