"""underthesea's CRF tagging (words, POS, chunks, NER) with exact source offsets.

Gives, sentence by sentence, the labels ``underthesea.ner(sentence, deep=False)`` gives,
more than ten times faster, and maps every word back to the range of canonical text it
came from.

``ner`` runs four CRF stages: word segmentation, POS, chunking, NER. Nearly all of its
time goes into building feature strings in Python, not into the CRFs. This module runs
the same models with the same templates (read from underthesea's own predictors), but
builds the features with :mod:`rusus_desktop.nlp.features`, which yields the same
strings much faster and leaves out those the models do not know, which the taggers
ignore anyway. A batch of sentences goes through one stage at a time, which keeps each
model's tables warm in the CPU cache.

Runs on whatever thread calls it; must not touch the Store or any widget. The models
load on first use (under a second).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rusus_desktop.nlp.align import normalize_token, regex_tokens, word_ranges
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
# reports and cancellation checks: ~25 ms of work, so cancelling is immediate, and
# enough sentences per batch for the stage-by-stage order to pay off.
BATCH_CHARS = 4000

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class CrfBatch:
    """The tokens of one batch of sentences, and how far through the text it got."""

    tokens: tuple[Token, ...]
    done_chars: int  # everything before this offset has been tagged
    total_chars: int


def crf_tokens(text: str) -> list[Token]:
    """Tag canonical text with underthesea's CRF models.

    Args:
        text: Canonical text (``corpus.text.canonicalize``).

    Returns:
        Every word underthesea finds, in order, with ``text[t.start:t.end]`` being the
        exact source of the word even where underthesea rewrote it (``"Hoà"`` comes back
        as word ``"Hòa"`` over the source ``"Hoà"``). The labels are those of
        ``underthesea.ner(sentence, deep=False)`` on each range of
        :func:`~rusus_desktop.nlp.sentences.split_sentences`.
    """
    return [token for batch in iter_crf_tokens(text) for token in batch.tokens]


def iter_crf_tokens(text: str, *, cancelled: Callable[[], bool] = lambda: False,
                    batch_chars: int = BATCH_CHARS) -> Iterator[CrfBatch]:
    """Tag ``text`` batch by batch, for progress reports and cancellation.

    Args:
        text: Canonical text.
        cancelled: Checked before every batch; once it returns True the generator stops
            without tagging anything more.
        batch_chars: Roughly how many characters of sentences go in one batch.

    Yields:
        One :class:`CrfBatch` per batch of whole sentences, in text order. The last one
        has ``done_chars == total_chars``; an empty or blank text yields one empty batch.
    """
    yield from _iter_batches(text, _tag_spans, cancelled, batch_chars)


def tag_sentence(sentence: str) -> list[Token]:
    """Tag one sentence as ``underthesea.ner(sentence, deep=False)`` does, with offsets.

    Args:
        sentence: The text to tag as one CRF sequence.

    Returns:
        Its tokens; offsets are relative to ``sentence``.
    """
    return _tag_spans(sentence, [(0, len(sentence))])


def reference_crf_tokens(text: str) -> list[Token]:
    """:func:`crf_tokens` computed by calling ``underthesea.ner`` on each sentence.

    The slow ground truth the fast path is checked against.
    """
    return [token for batch in _iter_batches(text, _tag_spans_with_underthesea,
                                             lambda: False, BATCH_CHARS)
            for token in batch.tokens]


def _iter_batches(text: str, tag_spans: Callable[[str, Sequence[Span]], list[Token]],
                  cancelled: Callable[[], bool], batch_chars: int) -> Iterator[CrfBatch]:
    sentences = split_sentences(text)
    if not sentences:
        yield CrfBatch((), len(text), len(text))
        return
    batches: list[list[Span]] = [[]]
    for sentence in sentences:
        if batches[-1] and sentence[1] - batches[-1][0][0] > batch_chars:
            batches.append([])
        batches[-1].append(sentence)
    for batch, following in zip(batches, batches[1:] + [None], strict=True):
        if cancelled():
            return
        done = following[0][0] if following else len(text)
        yield CrfBatch(tuple(tag_spans(text, batch)), done, len(text))


def _tag_spans_with_underthesea(text: str, spans: Sequence[Span]) -> list[Token]:
    import underthesea

    tokens = []
    for start, end in spans:
        sentence = text[start:end]
        tagged = underthesea.ner(sentence, deep=False)
        ranges = word_ranges([word for word, _, _, _ in tagged], regex_tokens(sentence))
        tokens += [Token(start + word_start, start + word_end, word, pos, chunk, ner)
                   for (word, pos, chunk, ner), (word_start, word_end) in zip(tagged, ranges, strict=True)]
    return tokens


def _tag_spans(text: str, spans: Sequence[Span]) -> list[Token]:
    """Tag the sentences ``text[start:end]``, one stage at a time over all of them."""
    models = _models()
    sentences = [_segment_words(models, text, start, end) for start, end in spans]
    sentences = [sentence for sentence in sentences if sentence.words]
    for sentence in sentences:
        sentence.pos = tuple(models.pos.tag(models.pos_features.rows(
            (sentence.words, sentence.filler), sentence.windows)))
    for sentence in sentences:
        sentence.chunk = tuple(models.chunk.tag(models.chunk_features.rows(
            (sentence.words, sentence.pos, sentence.filler), sentence.windows)))
    tokens = []
    for sentence in sentences:
        ner = models.ner.tag(models.ner_features.rows(
            (sentence.words, sentence.pos, sentence.chunk, sentence.filler), sentence.windows))
        tokens += [Token(start, end, word, pos, chunk, entity)
                   for word, (start, end), pos, chunk, entity
                   in zip(sentence.words, sentence.ranges, sentence.pos, sentence.chunk, ner,
                          strict=True)]
    return tokens


class _Sentence:
    """One sentence on its way through the stages."""

    __slots__ = ("words", "ranges", "filler", "windows", "pos", "chunk")

    def __init__(self, words: tuple[str, ...], ranges: list[Span],
                 windows: SentenceWindows) -> None:
        self.words = words
        self.ranges = ranges  # of each word, in the whole text
        self.filler = ("X",) * len(words)  # each stage's own label column ("X" until tagged)
        self.windows = windows  # shared by the stages' featurizers
        self.pos: tuple[str, ...] = ()
        self.chunk: tuple[str, ...] = ()


def _segment_words(models: _Models, text: str, start: int, end: int) -> _Sentence:
    """``word_tokenize``: join regex tokens into words, keeping each word's source range."""
    tokens = regex_tokens(text[start:end])
    normalized = tuple(normalize_token(token_text) for _, _, token_text in tokens)
    windows = SentenceWindows()
    tags = models.word_segmenter.tag(models.word_segmenter_features.rows((normalized,), windows))
    words: list[str] = []
    ranges: list[Span] = []
    for position, (tag, token, (token_start, token_end, _)) in enumerate(
            zip(tags, normalized, tokens, strict=True)):
        # Same rule as word_tokenize: "I-W" continues the previous word, except on the
        # first token, where there is none.
        if tag == "I-W" and position > 0:
            words[-1] = words[-1] + " " + token
            ranges[-1] = (ranges[-1][0], start + token_end)
        else:
            words.append(token)
            ranges.append((start + token_start, start + token_end))
    return _Sentence(tuple(words), ranges, windows)


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


# Where underthesea keeps its models, relative to underthesea/pipeline/: the paths its
# own code loads (word_tokenize/__init__.py, {pos_tag,chunking,ner}/model_crf.py).
_WORD_SEGMENTER_DIR = "word_tokenize/models/ws_crf_vlsp2013_20230727"
_POS_FILE = "pos_tag/pos_crf_2017_10_11.bin"
_CHUNK_FILE = "chunking/chunk_crf_2017_10_12.bin"
_NER_FILE = "ner/ner_crf_2017_10_12.bin"


@cache
def _models() -> _Models:
    """Load the models (once, on first use) and build a featurizer for each."""
    import joblib
    import underthesea.pipeline
    from underthesea.pipeline import word_tokenize as word_tokenize_module
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    pipeline_dir = Path(underthesea.pipeline.__file__).parent
    # word_tokenize's model, loaded the way word_tokenize loads it (shared with it). Its
    # featurizer (underthesea_core's CRFFeaturizer) is built from the two other files.
    if word_tokenize_module.word_tokenize_model is None:
        word_tokenize_module.word_tokenize("")
    word_segmenter = word_tokenize_module.word_tokenize_model.estimator
    segmenter_dir = pipeline_dir / _WORD_SEGMENTER_DIR
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


def _known_attributes(path: Path) -> frozenset[str] | None:
    """The model's attribute names, or None (emit every feature) if they can't be read.

    Knowing them only saves time: the tagger ignores unknown features either way.
    """
    try:
        return read_attributes(path)
    except (OSError, UnreadableModel) as error:
        logger.warning("CRF features will not be pruned for %s: %s", path, error)
        return None
