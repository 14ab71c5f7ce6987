"""Map underthesea's (possibly rewritten) words back to exact source offsets.

underthesea never reports offsets, and the words it returns are not always substrings
of its input: ``word_tokenize`` first NFC-normalises the sentence and maps ``ð``/``Ð``
to ``đ``/``Đ`` (same length), then cuts it with one big regex, then rewrites short
tokens through a spelling table (``"Hoà"`` -> ``"Hòa"``, ``"nghành"`` -> ``"ngành"``,
sometimes changing their length), and finally joins the tokens of a multi-syllable
word with single spaces whatever whitespace separated them in the source.

Instead of fuzzy-matching the rewritten words, this module replays the steps that
decide *where* tokens are (character normalisation and the regex) with the match
positions kept, and the spelling table. Every word is a run of consecutive regex
tokens, so its source range runs from its first token's start to its last token's end.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# One match of underthesea's tokenizer regex: (start, end, text), the range in the source
# and the matched text after character normalisation, before token_normalize. A plain
# tuple because there is one per token and building them is on the hot path.
RegexToken = tuple[int, int, str]


@cache
def tokenizer_pattern() -> re.Pattern[str]:
    """underthesea's word-tokenizer regex, compiled privately.

    ``regex_tokenize.tokenize(..., fixed_words=[...])`` overwrites the module's shared
    ``patterns`` and never restores it, so reading that global would let any other
    caller's fixed words change our tokens. The source string and flags are unchanged.
    """
    from underthesea.pipeline.word_tokenize import regex_tokenize

    return re.compile(regex_tokenize.regex_patterns_combine, re.VERBOSE | re.UNICODE)


@cache
def _character_map() -> dict[str, str]:
    from underthesea.pipeline.text_normalize.text_normalizer import character_map

    # Same-length single-character replacements today (ð -> đ, Ð -> Đ); checked here
    # because the offset bookkeeping below relies on it.
    if not all(len(k) == 1 and len(v) == 1 for k, v in character_map.items()):
        raise RuntimeError("underthesea's character map is no longer one character to one")
    return dict(character_map)


def normalize_characters(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """Apply underthesea's character normalisation, keeping track of offsets.

    Args:
        text: A sentence of canonical text.

    Returns:
        ``(normalized, source_ranges)``. ``source_ranges`` is ``None`` when every
        character of ``normalized`` sits at the same index in ``text``, which is always
        the case for canonical (NFC) input. Otherwise ``source_ranges[i]`` is the
        ``[start, end)`` range of ``text`` that character ``i`` of ``normalized`` came from.
    """
    if unicodedata.is_normalized("NFC", text):
        normalized, source_ranges = text, None
    else:
        normalized, source_ranges = _nfc_with_ranges(text)
    for old, new in _character_map().items():
        normalized = normalized.replace(old, new)
    return normalized, source_ranges


def _nfc_with_ranges(text: str) -> tuple[str, list[tuple[int, int]]]:
    # NFC composes a starter with the combining marks after it, so each "starter + marks"
    # segment can be normalised on its own, which tells us where every output character
    # came from. Segments are merged while composition reaches across their boundary
    # (Hangul syllables are built from several starters).
    segments: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        if segments and _composes_across(text, segments[-1], (start, index)):
            start = segments.pop()[0]
        segments.append((start, index))
        start = index
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    for start, end in segments:
        segment = text[start:end]
        composed = unicodedata.normalize("NFC", segment)
        parts.append(composed)
        if composed == segment:
            ranges.extend((i, i + 1) for i in range(start, end))
        else:
            ranges.extend((start, end) for _ in composed)
    return "".join(parts), ranges


def _composes_across(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    first, second = text[left[0]:left[1]], text[right[0]:right[1]]
    return (unicodedata.normalize("NFC", first + second)
            != unicodedata.normalize("NFC", first) + unicodedata.normalize("NFC", second))


def regex_tokens(text: str) -> list[RegexToken]:
    """Tokenize ``text`` exactly as underthesea's ``regex_tokenize.tokenize`` would.

    Args:
        text: A sentence of canonical text. Other text works too: offsets are mapped
            back through NFC, which canonical text never needs.

    Returns:
        The tokens in order, as ``(start, end, text)``: the range in ``text`` and the
        text after character normalisation (``token_normalize`` is not applied here).
    """
    normalized, source_ranges = normalize_characters(text)
    matches = tokenizer_pattern().finditer(normalized)
    if source_ranges is None:
        return [(m.start(), m.end(), m.group()) for m in matches]
    return [(source_ranges[m.start()][0], source_ranges[m.end() - 1][1], m.group())
            for m in matches]


@lru_cache(maxsize=1 << 16)
def normalize_token(token: str) -> str:
    """underthesea's ``token_normalize`` (the spelling table), cached: tokens repeat a lot."""
    from underthesea.pipeline.text_normalize import token_normalize

    return token_normalize(token)


def word_ranges(words: list[str], tokens: list[RegexToken]) -> list[tuple[int, int]]:
    """Source ranges of underthesea's ``words``, given the regex tokens they came from.

    Args:
        words: Words as underthesea returned them for one sentence.
        tokens: :func:`regex_tokens` of the same sentence.

    Returns:
        One ``(start, end)`` range per word.

    Raises:
        ValueError: If the words do not consume exactly the given tokens, which means
            underthesea tokenized differently (for example after someone called
            ``word_tokenize`` with ``fixed_words``, which changes its regex for good).
    """
    ranges = []
    position = 0
    for word in words:
        # A word is its tokens' normalised texts joined by single spaces. Tokens are
        # never empty, so the join only grows: take tokens until it is as long as the
        # word. (Counting the word's spaces would not do: the regex's unescaped "Th.S"
        # makes "Th S" one token.)
        if position >= len(tokens):
            break
        first = position
        joined = normalize_token(tokens[position][2])
        position += 1
        while len(joined) < len(word) and position < len(tokens):
            joined += " " + normalize_token(tokens[position][2])
            position += 1
        if joined != word:
            break
        ranges.append((tokens[first][0], tokens[position - 1][1]))
    if position != len(tokens) or len(ranges) != len(words):
        raise ValueError(f"{len(words)} words do not cover the {len(tokens)} regex tokens")
    return ranges
