"""Fast, exact CRF feature strings for underthesea's four CRF models.

underthesea turns a tagged sentence into CRF features with templates such as
``"T[-1,0][1].lower"`` (tokens -1..0, column 1, lowercased), giving strings such as
``"T[-1,0][1].lower=n np"``. It does so in two places, with slightly different rules:

* ``pipeline/*/tagged_feature.py`` (POS, chunking, NER), in Python: for every token and
  every template it re-parses the template with a regex and rebuilds every column of the
  sentence, so a sentence costs O(templates x tokens^2). That is ~97% of
  ``underthesea.ner``'s time.
* underthesea_core's ``CRFFeaturizer`` (word segmentation), in Rust: fast itself, but it
  hands ~43 new Python strings per token back to Python, for the tagger to convert again.

The two rule sets are kept apart here as :data:`TAGGED_FEATURE_FUNCTIONS` and
:func:`core_functions`; :class:`Featurizer` applies either, a whole sentence at a time.

The CRF tagger ignores feature strings its model does not know. Given the model's
attribute names (:mod:`rusus_desktop.nlp.crfsuite`), a :class:`Featurizer` emits only the
known ones, and emits them as the very string objects of its attribute table; without
them it emits everything. Either way the tagger scores the same attributes in the same
order as with underthesea's own features, so the labels are identical.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter

# The template syntax shared by tagged_feature.template2features and CRFFeaturizer.
_TEMPLATE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")

Column = tuple[str, ...]
FeatureFunction = Callable[[str], str]

# How far a template may look from the current token. underthesea's templates reach 3;
# windows are padded by this much on each side so that no lookup needs a bounds check.
MAX_REACH = 4

# Row getters kept per featurizer, one per token index (see Featurizer._row_getters).
KEPT_GETTERS = 1024

# Distinct window values remembered per memo (one per featurizer and window length that
# needs one, seven in all). Enough for the syllables and names of a long article; past it
# the memo starts over, which bounds it to a few MB.
MEMO_SIZE = 1 << 14


@dataclass(frozen=True, slots=True)
class Template:
    """One parsed feature template."""

    text: str  # as written; also the feature's prefix ("T[0].lower" -> "T[0].lower=...")
    first: int  # offset of the first token of the window, relative to the current one
    last: int  # offset of the last token (== first for a single token)
    column: int  # which column of the tagged sentence (0 word, 1 POS, ...)
    function: str | None  # "lower", "istitle", ... or None for the raw value

    @property
    def length(self) -> int:
        return self.last - self.first + 1


def parse_template(text: str) -> Template:
    """Parse a template exactly as ``template2features`` and ``CRFFeaturizer`` read it.

    Raises:
        ValueError: If ``text`` is not a template or its window runs backwards.
    """
    matched = _TEMPLATE.match(text)
    if matched is None:
        raise ValueError(f"not a feature template: {text!r}")
    first = int(matched.group("index1"))
    last = int(matched.group("index2")) if matched.group("index2") else first
    if last < first:
        raise ValueError(f"template window runs backwards: {text!r}")
    column = matched.group("column")
    return Template(text=text, first=first, last=last, column=int(column) if column else 0,
                    function=matched.group("function"))


# tagged_feature.apply_function (POS, chunking, NER). Each returns the text after "=".

def _tagged_istitle(text: str) -> str:
    # text_istitle: every space-separated part starts with a titlecase character. An
    # empty text or an empty part (its IndexError) gives False.
    return str(bool(text) and all(part[:1].istitle() for part in text.split(" ")))


def _tagged_isallcap(text: str) -> str:
    return str(all(letter.istitle() for letter in text))


def _tagged_isdigit(text: str) -> str:
    return str(text.isdigit())


def _tagged_is_in_dict(text: str) -> str:
    from underthesea.pipeline.ner.tagged_feature import lower_words

    return str(text.lower() in lower_words)


TAGGED_FEATURE_FUNCTIONS: Mapping[str, FeatureFunction] = {
    "lower": str.lower,
    "istitle": _tagged_istitle,
    "isallcap": _tagged_isallcap,
    "isdigit": _tagged_isdigit,
    "is_in_dict": _tagged_is_in_dict,
}


# underthesea_core's CRFFeaturizer (word segmentation) differs from the above: istitle
# asks whether each part's first character is unchanged by uppercasing (so digits and
# punctuation are "titles"), and isdigit whether Rust's i32 parser accepts the text.

_I32 = re.compile(r"[+-]?[0-9]+")


def _core_istitle(text: str) -> str:
    # The Rust code panics on an empty part. There is none: tokens are never empty and
    # never start or end with a space, and windows join them with single spaces.
    for part in text.split(" "):
        first = part[:1]
        if first.upper() != first:
            return "False"
    return "True"


def _core_isdigit(text: str) -> str:
    if _I32.fullmatch(text) is not None and -2**31 <= int(text) < 2**31:
        return "True"
    return "False"


def core_functions(dictionary: Collection[str]) -> Mapping[str, FeatureFunction]:
    """The template functions of underthesea_core's ``CRFFeaturizer``.

    Args:
        dictionary: The featurizer's word list; ``is_in_dict`` looks the lowercased
            window up in it as given.
    """
    def is_in_dict(text: str) -> str:
        return "True" if text.lower() in dictionary else "False"

    return {"lower": str.lower, "istitle": _core_istitle, "isdigit": _core_isdigit,
            "is_in_dict": is_in_dict}


class _Edge:
    """Marks a window that starts before (BOS) or ends after (EOS) the sentence.

    Not a string, so it can never collide with a real window value in a lookup table.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BOS = _Edge("BOS")
EOS = _Edge("EOS")


class SentenceWindows:
    """The padded windows of one sentence, built once.

    One instance is shared by every featurizer that works on the sentence, so the word
    bigrams are joined once even though the POS, chunking and NER models all use them.
    """

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[tuple[Column, int], list] = {}

    def padded(self, column: Column, length: int) -> list:
        """Windows of ``length`` tokens of ``column``, padded with :data:`MAX_REACH` edges.

        Item ``MAX_REACH + j`` is ``" ".join(column[j:j + length])`` for a window inside
        the sentence, :data:`BOS` for ``j < 0`` and :data:`EOS` for a window running
        past the end. There are ``len(column) + 2 * MAX_REACH`` items.
        """
        key = (column, length)
        found = self._cache.get(key)
        if found is None:
            n = len(column)
            if length == 1:
                windows: Sequence[str] = column
            else:
                windows = [" ".join(column[j:j + length]) for j in range(n - length + 1)]
            found = [BOS] * MAX_REACH
            found += windows
            found += [EOS] * (n + MAX_REACH - len(windows))
            self._cache[key] = found
        return found


class _WindowFeatures:
    """Window value -> the features of a group of templates reading the same windows.

    The templates of a group read the same column with the same window length, at
    different offsets and through different functions (``T[-1].lower``, ``T[0]``,
    ``T[2].istitle``, ...). A sentence costs one dictionary lookup per position and
    group, whatever the number of templates: a group of raw-value templates looks the
    value up in a table of the model's known values; any other group computes a value's
    tuple on first sight and keeps it (:class:`_Memo`). ``None`` stands for a feature
    the model does not know.

    Args:
        group: The templates of the group.
        functions: What each function name means.
        known_by_template: Known feature values by template, or None to emit all.
    """

    def __init__(self, group: Sequence[Template], functions: Mapping[str, FeatureFunction],
                 known_by_template: Mapping[str, Mapping[str, str]] | None) -> None:
        by_function: dict[str | None, list[Template]] = {}
        for template in group:
            by_function.setdefault(template.function, []).append(template)
        #: The templates in the order of the tuples' items (grouped by function).
        self.members = tuple(chain.from_iterable(by_function.values()))
        # For each function, one table from its output to the features of all the
        # templates using it, so a new value costs one call and one lookup per function.
        parts = [(functions[name] if name else None,
                  _FunctionFeatures(members, known_by_template))
                 for name, members in by_function.items()]
        # An edge is "BOS"/"EOS" whatever the function; a literal "BOS" token gives the
        # same string, as upstream.
        edges = {edge: tuple(chain.from_iterable(part.get(edge.name, part.nothing)
                                                 for _, part in parts))
                 for edge in (BOS, EOS)}
        self._nothing = (None,) * len(self.members)
        (function, part), *other_parts = parts
        if function is None and part.known is not None and not other_parts:
            self._table: dict = {**part.known, **edges}
        else:
            self._table = _Memo([(function, part.get, part.nothing) for function, part in parts],
                                edges)

    def look_up(self, windows: Sequence) -> list[tuple[str | None, ...]]:
        """The features of each window (or edge) of a sentence."""
        table = self._table
        if isinstance(table, _Memo):
            return list(map(table.__getitem__, windows))
        return list(map(table.get, windows, repeat(self._nothing, len(windows))))


class _Memo(dict):
    """Window value -> features, computed from the parts on first sight and kept.

    Each part is ``(function, get, nothing)``: the function's output is looked up with
    ``get(output, nothing)``. Forgets everything but the edges at :data:`MEMO_SIZE` values.
    """

    def __init__(self, parts: Sequence[tuple[FeatureFunction | None, Callable, tuple]],
                 edges: Mapping) -> None:
        super().__init__(edges)
        self._parts = tuple(parts)
        self._edges = dict(edges)

    def __missing__(self, value: str) -> tuple[str | None, ...]:
        if len(self) >= MEMO_SIZE:
            self.clear()
            self.update(self._edges)
        features: tuple[str | None, ...] = ()
        for function, get, nothing in self._parts:
            features += get(function(value) if function else value, nothing)
        self[value] = features
        return features


class _FunctionFeatures:
    """Output of one function -> the features of the templates sharing that function."""

    __slots__ = ("known", "nothing", "get")

    def __init__(self, templates: Sequence[Template],
                 known_by_template: Mapping[str, Mapping[str, str]] | None) -> None:
        self.nothing = (None,) * len(templates)
        #: Known output -> features, or None when every feature is emitted.
        self.known: dict[str, tuple[str | None, ...]] | None = None
        #: ``get(output, default)``, as ``dict.get``.
        self.get: Callable[[str, tuple], tuple]
        if known_by_template is None:
            prefixes = tuple(template.text + "=" for template in templates)
            self.get = lambda text, _: tuple(prefix + text for prefix in prefixes)
        else:
            known = [known_by_template.get(template.text, {}) for template in templates]
            self.known = {text: tuple(k.get(text) for k in known)
                          for text in set(chain.from_iterable(known))}
            self.get = self.known.get


class Featurizer:
    """Feature rows for one CRF model.

    How it stays fast: templates are grouped by the windows they read (column, window
    length), and each group maps a window value to the tuple of its templates' features
    (see :class:`_WindowFeatures`), so a sentence costs one lookup per group and
    position. Those
    tuples, laid side by side position after position, form one flat list in which each
    template's feature for token ``i`` sits at a fixed distance from position ``i``;
    one :func:`operator.itemgetter` per token index pulls a whole row out, in template
    order.

    Args:
        templates: The model's templates, in its order.
        functions: What each template function means (:data:`TAGGED_FEATURE_FUNCTIONS`
            or :func:`core_functions`).
        known_attributes: The model's attribute names. When given, only features among
            them are emitted (the tagger would ignore the others); when None, all are.

    Raises:
        ValueError: If a template uses a function ``functions`` does not define, or
            reaches further than :data:`MAX_REACH`.
    """

    def __init__(self, templates: Sequence[str], functions: Mapping[str, FeatureFunction],
                 known_attributes: Collection[str] | None = None) -> None:
        self.templates = tuple(templates)
        known_by_template: dict[str, dict[str, str]] | None = None
        if known_attributes is not None:
            known_by_template = {}
            for attribute in known_attributes:
                # Template texts never contain "=", so the first one ends the prefix.
                prefix, _, value = attribute.partition("=")
                known_by_template.setdefault(prefix, {})[value] = attribute

        kept: list[Template] = []
        groups: dict[tuple[int, int], list[Template]] = {}
        for text in templates:
            template = parse_template(text)
            if template.function is not None and template.function not in functions:
                raise ValueError(f"unknown template function in {text!r}")
            if max(-template.first, template.last) > MAX_REACH:
                raise ValueError(f"template reaches further than {MAX_REACH} tokens: {text!r}")
            if known_by_template is not None and not known_by_template.get(text):
                continue  # the model knows no value of it: it can never matter
            kept.append(template)
            groups.setdefault((template.column, template.length), []).append(template)

        self._windows = tuple(groups)
        self._groups = tuple(_WindowFeatures(group, functions, known_by_template)
                             for group in groups.values())
        # Where each kept template's feature sits in one position's block of the flat list.
        block_column = {template.text: column for column, template
                        in enumerate(chain.from_iterable(group.members for group in self._groups))}
        self._block = len(block_column)
        self._offsets = tuple(template.first * self._block + block_column[template.text]
                              for template in kept)
        self._getters: list[Callable[[list], tuple]] = []

    def rows(self, columns: Sequence[Column], windows: SentenceWindows | None = None
             ) -> list[list[str]]:
        """The features of every token of a sentence, ready for ``CRFTagger.tag``.

        Args:
            columns: The tagged sentence by column (``columns[0]`` the words, then the
                tags of earlier stages, then the "X" placeholders), all of equal length.
            windows: Windows already built for this sentence by other featurizers.

        Returns:
            One list of feature strings per token, in template order.
        """
        n = len(columns[0])
        if not self._offsets:
            return [[] for _ in range(n)]
        windows = windows if windows is not None else SentenceWindows()
        looked_up = [group.look_up(windows.padded(columns[column], length))
                     for (column, length), group
                     in zip(self._windows, self._groups, strict=True)]
        # flat[(MAX_REACH + j) * block + c] is column c of position j's block.
        flat = list(chain.from_iterable(chain.from_iterable(zip(*looked_up, strict=True))))
        return [[*filter(None, row(flat))] for row in self._row_getters(n)]

    def _row_getters(self, n: int) -> list[Callable[[list], tuple]]:
        """Getters pulling token ``i``'s row out of the flat list, for ``i < n``.

        Kept for the first :data:`KEPT_GETTERS` token indices, which covers any real
        sentence. The list is replaced, never extended in place, so threads sharing
        the featurizer can only ever see a complete, correct list.
        """
        getters = self._getters
        if len(getters) < n:
            more = [self._getter(index) for index in range(len(getters), n)]
            getters = getters + more
            if len(getters) <= KEPT_GETTERS:
                self._getters = getters
        return getters[:n]

    def _getter(self, index: int) -> Callable[[list], tuple]:
        base = (MAX_REACH + index) * self._block
        offsets = [base + offset for offset in self._offsets]
        if len(offsets) == 1:
            (offset,) = offsets
            return lambda items: (items[offset],)
        return itemgetter(*offsets)
