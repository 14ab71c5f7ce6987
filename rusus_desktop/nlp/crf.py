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

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from rusus_desktop.nlp.align import RegexToken, regex_tokens, word_ranges
from rusus_desktop.nlp.features import SentenceFeatures, Template, parse_template
from rusus_desktop.nlp.sentences import split_sentences
from rusus_desktop.nlp.types import Token

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
    words, ranges = _segment_words(models, tokens)
    features = SentenceFeatures(len(words))
    filler = ("X",) * len(words)  # the label column each stage fills in ("X" until tagged)
    pos = tuple(models.pos.tag(features.rows(models.pos_templates, (words, filler))))
    chunk = tuple(models.chunk.tag(features.rows(models.chunk_templates, (words, pos, filler))))
    ner = models.ner.tag(features.rows(models.ner_templates, (words, pos, chunk, filler)))
    return [Token(start + word_start, start + word_end, word, word_pos, word_chunk, word_ner)
            for word, (word_start, word_end), word_pos, word_chunk, word_ner
            in zip(words, ranges, pos, chunk, ner)]


def _segment_words(models: _Models, tokens: list[RegexToken]
                   ) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """``word_tokenize``: join regex tokens into words, keeping each word's source range."""
    normalized = [_token_normalize(token.text) for token in tokens]
    tags = models.word_segmenter.predict([[token] for token in normalized])
    words: list[str] = []
    ranges: list[tuple[int, int]] = []
    for position, (tag, token, regex_token) in enumerate(zip(tags, normalized, tokens)):
        # Same rule as word_tokenize: "I-W" continues the previous word, except on the
        # first token, where there is none.
        if tag == "I-W" and position > 0:
            words[-1] = words[-1] + " " + token
            ranges[-1] = (ranges[-1][0], regex_token.end)
        else:
            words.append(token)
            ranges.append((regex_token.start, regex_token.end))
    return tuple(words), ranges


@lru_cache(maxsize=1 << 16)
def _token_normalize(token: str) -> str:
    from underthesea.pipeline.text_normalize import token_normalize

    return token_normalize(token)


@dataclass(frozen=True, slots=True)
class _Models:
    word_segmenter: object  # underthesea FastCRFSequenceTagger
    pos: object  # underthesea_core CRFTagger
    chunk: object
    ner: object
    pos_templates: tuple[Template, ...]
    chunk_templates: tuple[Template, ...]
    ner_templates: tuple[Template, ...]


@cache
def _models() -> _Models:
    """The models underthesea itself uses (its singletons), loaded on first use."""
    from underthesea.pipeline import word_tokenize as word_tokenize_module
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    if word_tokenize_module.word_tokenize_model is None:
        word_tokenize_module.word_tokenize("a")  # loads the model exactly as underthesea does
    pos, chunk, ner = (predictor.Instance() for predictor in
                       (CRFPOSTagPredictor, CRFChunkingPredictor, CRFNERPredictor))

    def templates(predictor) -> tuple[Template, ...]:
        # Read from the loaded predictor, not copied: a template change in underthesea
        # is picked up rather than silently diverging.
        return tuple(parse_template(text) for text in predictor.transformer.template)

    return _Models(word_segmenter=word_tokenize_module.word_tokenize_model,
                   pos=pos.model, chunk=chunk.model, ner=ner.model,
                   pos_templates=templates(pos), chunk_templates=templates(chunk),
                   ner_templates=templates(ner))
