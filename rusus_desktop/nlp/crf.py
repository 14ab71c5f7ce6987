"""underthesea's CRF tagging (words, POS, chunks, NER) with exact source offsets.

Runs the pipeline that ``underthesea.ner(sentence, deep=False)`` runs, sentence by
sentence, and maps every word back to the range of canonical text it came from.

Runs on whatever thread calls it; must not touch the Store or any widget.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rusus_desktop.nlp.align import regex_tokens, word_ranges
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
        as word ``"Hòa"`` over the source ``"Hoà"``).
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
            tokens.extend(_tag_sentence(text, start, end))
            position += 1
        done = sentences[position][0] if position < len(sentences) else total
        yield CrfBatch(tuple(tokens), done, total)
    if not sentences:
        yield CrfBatch((), total, total)


def _tag_sentence(text: str, start: int, end: int) -> list[Token]:
    import underthesea

    sentence = text[start:end]
    tagged = underthesea.ner(sentence, deep=False)
    ranges = word_ranges([word for word, _, _, _ in tagged], regex_tokens(sentence))
    return [Token(start + word_start, start + word_end, word, pos, chunk, ner)
            for (word, pos, chunk, ner), (word_start, word_end) in zip(tagged, ranges)]
