"""Fast, exact CRF feature strings for underthesea's POS, chunking and NER models.

underthesea builds these features in ``pipeline/*/tagged_feature.py``: for every token
and every template it re-parses the template with a regex and rebuilds every column of
the sentence, so one sentence costs O(templates x tokens^2) Python work. That is ~97%
of ``underthesea.ner``'s time; the CRF itself is ~2%.

Here each template is parsed once, and applied to a whole sentence at a time: one list
of feature strings per template ("a feature column"), built with slices and list
comprehensions, then transposed into per-token rows. The strings are character for
character what ``tagged_feature.template2features`` (``debug=True``) produces, so the
models see identical input and return identical labels.

Feature columns are cached per sentence by ``(template, column values)``: the word-based
templates shared by the POS, chunking and NER stages are built once per sentence.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# The template syntax of tagged_feature.template2features, e.g. "T[-2,-1][1].lower":
# token offsets -2..-1, column 1, function "lower".
_TEMPLATE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")

Row = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Template:
    """One parsed feature template."""

    text: str  # as written; also the feature's prefix ("T[0].lower" -> "T[0].lower=...")
    first: int  # offset of the first token, relative to the current one
    last: int | None  # offset of the last token for a range ("T[-1,0]"), else None
    column: int  # which column of the tagged sentence (0 word, 1 POS, ...)
    function: str | None  # "lower", "istitle", ... or None for the raw value


def parse_template(text: str) -> Template:
    """Parse a template exactly as ``template2features`` reads it."""
    matched = _TEMPLATE.match(text)
    if matched is None:
        raise ValueError(f"not a feature template: {text!r}")
    column = matched.group("column")
    last = matched.group("index2")
    function = matched.group("function")
    if function is not None and function not in _FUNCTIONS:
        raise ValueError(f"unknown template function {function!r} in {text!r}")
    return Template(text=text, first=int(matched.group("index1")),
                    last=int(last) if last else None, column=int(column) if column else 0,
                    function=function)


# The functions of tagged_feature.apply_function, each returning the text that ends up
# after "=". Values are cached per distinct word: news text repeats words a lot, and
# these run once per token per template otherwise.

@lru_cache(maxsize=1 << 16)
def _istitle(word: str) -> str:
    # text_istitle: every space-separated part starts with a titlecase character; an
    # empty word or an empty part (its IndexError) counts as False.
    if not word:
        return "False"
    return str(all(part[:1].istitle() for part in word.split(" ")))


@lru_cache(maxsize=1 << 16)
def _isallcap(word: str) -> str:
    return str(all(letter.istitle() for letter in word))


def _isdigit(word: str) -> str:
    return str(word.isdigit())


@lru_cache(maxsize=1)
def _lower_dictionary() -> frozenset[str]:
    from underthesea.pipeline.ner.tagged_feature import lower_words

    return frozenset(lower_words)


def _is_in_dict(word: str) -> str:
    return str(word.lower() in _lower_dictionary())


_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "istitle": _istitle,
    "isallcap": _isallcap,
    "isdigit": _isdigit,
    "is_in_dict": _is_in_dict,
}


class SentenceFeatures:
    """Feature columns of one sentence, cached across the stages that tag it.

    Args:
        length: Number of tokens in the sentence.
    """

    __slots__ = ("_cache", "length")

    def __init__(self, length: int) -> None:
        self.length = length
        self._cache: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def rows(self, templates: Sequence[Template], columns: Sequence[tuple[str, ...]]) -> list[Row]:
        """Per-token feature rows, as ``TaggedTransformer.sentence2features`` builds them.

        Args:
            templates: Parsed templates, in the model's order.
            columns: The tagged sentence by column (``columns[0]`` the words, then
                POS, chunk, ... tags), each a tuple of ``length`` strings.

        Returns:
            One tuple of feature strings per token, in template order.
        """
        feature_columns = []
        for template in templates:
            values = columns[template.column]
            key = (template.text, values)
            column = self._cache.get(key)
            if column is None:
                column = self._cache[key] = _feature_column(template, values)
            feature_columns.append(column)
        return list(zip(*feature_columns))


def _feature_column(template: Template, values: tuple[str, ...]) -> list[str]:
    """The feature strings of ``template`` for every token of a sentence."""
    prefix = template.text + "="
    n = len(values)
    function = _FUNCTIONS[template.function] if template.function else None
    first, last = template.first, template.last
    if last is None:
        if function is not None:
            values = tuple(map(function, values))
        # Token i sees values[i + first]; before the sentence it is BOS, after it EOS.
        if first < 0:
            bos = min(-first, n)
            return [prefix + "BOS"] * bos + [prefix + value for value in values[:n - bos]]
        if first > 0:
            eos = min(first, n)
            return [prefix + value for value in values[eos:]] + [prefix + "EOS"] * eos
        return [prefix + value for value in values]
    column = []
    for i in range(n):
        if i + first < 0:
            column.append(prefix + "BOS")
        elif i + first >= n or i + last >= n:
            column.append(prefix + "EOS")
        else:
            joined = " ".join(values[i + first:i + last + 1])
            column.append(prefix + (function(joined) if function else joined))
    return column
