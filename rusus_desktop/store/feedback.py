"""The analyst's verdicts on detected entities and dates, and what they change.

A *suggestion* is an entity or date the pipeline detected. The analyst can

- **accept** it: it becomes an annotation with ``origin="detected"`` (tag named after its label);
- **reject** it: the string is hidden as a suggestion everywhere in this project and no longer
  counted;
- **correct** it: a different span and/or label, which becomes the annotation; the corrected
  string is then suggested with that label elsewhere, and a wrongly delimited original is not
  suggested again;
- **accept all** of one entity across the corpus, in one transaction.

Verdicts live in ``suggestion_feedback``; the latest verdict on a string wins, so undoing a
verdict (deleting its row) brings the earlier one back. :func:`feedback_mapping` gives the NLP
pipeline ``analyze(text, published=None, feedback=...)`` its mapping, and
:class:`FeedbackIndex` filters cached suggestions for display and counting.

Functions named ``plan_*`` only read; :func:`apply_verdict` / :func:`revert_verdict` write, one
transaction each. Qt-free.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rusus_desktop.corpus.model import Annotation, Change
from rusus_desktop.errors import NotFound
from rusus_desktop.store.project import Store, new_id, now_iso
from rusus_desktop.store.tagset import ensure_tag, find_tag, make_tag

#: The pipeline's entity labels (``nlp.types.ENTITY_LABELS``; the store layer does not import nlp).
ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")

#: The tag an accepted suggestion gets, per label, when the caller does not choose one.
SUGGESTION_TAGS: dict[str, tuple[str, str]] = {
    "PER": ("Person", "#4e79a7"),
    "ORG": ("Organisation", "#b07aa1"),
    "LOC": ("Place", "#59a14f"),
    "MISC": ("Other name", "#9c755f"),
    "DATE": ("Date", "#76b7b2"),
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One detected entity or date in one document (code points, end exclusive)."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str          # PER/ORG/LOC/MISC for entities; the date kind for dates
    layer: str = "entity"  # "entity" | "date"

    @property
    def tag_label(self) -> str:
        return "DATE" if self.layer == "date" else self.label


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    id: str
    text: str
    layer: str
    verdict: str           # "accepted" | "rejected" | "corrected"
    label: str | None
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    author: str = ""
    created: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """One analyst decision: the annotations it creates and the feedback rows it records.

    Built once (ids included) and applied/reverted any number of times, so redo is idempotent.
    ``new_tags`` are tags created for it (reverting removes them again).
    """

    annotations: tuple[Annotation, ...] = ()
    rows: tuple[FeedbackRow, ...] = ()
    new_tags: tuple = field(default=())

    @property
    def doc_ids(self) -> set[str]:
        return {a.doc_id for a in self.annotations} | {r.doc_id for r in self.rows if r.doc_id}


def _row_dict(row: FeedbackRow) -> dict:
    return {"id": row.id, "doc_id": row.doc_id, "start": row.start, "end": row.end, "text": row.text,
            "layer": row.layer, "label": row.label, "verdict": row.verdict, "author": row.author,
            "created": row.created}


def rows(store: Store) -> list[FeedbackRow]:
    """Every verdict, oldest first (insertion order)."""
    return [FeedbackRow(**r) for r in store.db.query(
        'SELECT id, text, layer, verdict, label, doc_id, start, "end", author, created '
        "FROM suggestion_feedback ORDER BY rowid")]


def _suggestion_tag(store: Store, s: Suggestion, tag_id: str | None, pending: dict) -> tuple[str, list]:
    """The tag id for an accepted suggestion; a missing default tag is planned (not yet saved)."""
    if tag_id is not None:
        store.tag(tag_id)
        return tag_id, []
    name, color = SUGGESTION_TAGS.get(s.tag_label, (s.tag_label.title(), None))
    if name in pending:
        return pending[name].id, []
    tag = find_tag(store, name)
    if tag is not None:
        return tag.id, []
    tag = make_tag(store, name, color)
    # Hotkeys 1-9 belong to the analyst's own tags; suggestion tags do not take one.
    tag = replace(tag, hotkey="")
    pending[name] = tag
    return tag.id, [tag]


def _annotation_for(store: Store, s: Suggestion, tag_id: str, author: str, start: int | None = None,
                    end: int | None = None) -> Annotation:
    return store.make_annotation(s.doc_id, s.start if start is None else start, s.end if end is None else end,
                                 tag_id, author=author, origin="detected")


def plan_accept(store: Store, s: Suggestion, *, author: str = "", tag_id: str | None = None) -> Verdict:
    tag, new = _suggestion_tag(store, s, tag_id, {})
    ann = _annotation_for(store, s, tag, author)
    row = FeedbackRow(id=new_id(), text=s.text, layer=s.layer, verdict="accepted", label=s.label,
                      doc_id=s.doc_id, start=s.start, end=s.end, author=author, created=ann.created)
    return Verdict((ann,), (row,), tuple(new))


def plan_reject(store: Store, s: Suggestion, *, author: str = "") -> Verdict:
    row = FeedbackRow(id=new_id(), text=s.text, layer=s.layer, verdict="rejected", label=None,
                      doc_id=s.doc_id, start=s.start, end=s.end, author=author, created=now_iso())
    return Verdict((), (row,))


def plan_correct(store: Store, s: Suggestion, *, start: int, end: int, label: str, author: str = "",
                 tag_id: str | None = None) -> Verdict:
    """Correct a suggestion's span and/or label; the corrected span becomes an annotation."""
    corrected = replace(s, start=start, end=end, label=label,
                        text=store.document(s.doc_id).text[start:end])
    tag, new = _suggestion_tag(store, corrected, tag_id, {})
    ann = _annotation_for(store, corrected, tag, author)
    rows_: list[FeedbackRow] = [FeedbackRow(
        id=new_id(), text=corrected.text, layer=s.layer, verdict="corrected", label=label,
        doc_id=s.doc_id, start=start, end=end, author=author, created=ann.created)]
    if corrected.text != s.text:
        # The original string, as delimited, was wrong: do not suggest it again.
        rows_.insert(0, FeedbackRow(id=new_id(), text=s.text, layer=s.layer, verdict="rejected", label=None,
                                    doc_id=s.doc_id, start=s.start, end=s.end, author=author,
                                    created=ann.created))
    return Verdict((ann,), tuple(rows_), tuple(new))


def cached_suggestions(store: Store, doc_id: str, pipeline_version: str | None = None) -> list[Suggestion]:
    """The document's detected entities and dates from the analysis cache (newest run when no
    version is given); empty when it has not been analysed."""
    sql = "SELECT result FROM analysis_cache WHERE text_sha256 = ?"
    params: list = [doc_id]
    if pipeline_version is not None:
        sql += " AND pipeline_version = ?"
        params.append(pipeline_version)
    row = store.db.execute(sql + " ORDER BY created DESC, rowid DESC LIMIT 1", params).fetchone()
    if row is None:
        return []
    import json

    data = json.loads(row[0])
    out = [Suggestion(doc_id, e["start"], e["end"], e["text"], e["label"], "entity")
           for e in data.get("entities", ())]
    out += [Suggestion(doc_id, d["start"], d["end"], d["text"], d.get("kind") or "date", "date")
            for d in data.get("dates", ())]
    return out


def plan_accept_all(store: Store, text: str, label: str, *, layer: str = "entity", author: str = "",
                    tag_id: str | None = None, pipeline_version: str | None = None) -> Verdict:
    """Accept every visible suggestion of ``text`` as ``label`` across the corpus.

    Occurrences already annotated at the same span with the same tag are skipped.
    """
    index = FeedbackIndex.load(store)
    pending: dict = {}
    anns: list[Annotation] = []
    rows_: list[FeedbackRow] = []
    new_tags: list = []
    stamp = now_iso()
    for summary in store.documents():
        suggestions = index.visible(cached_suggestions(store, summary.id, pipeline_version))
        matches = [s for s in suggestions if s.text == text and s.layer == layer and s.label == label]
        if not matches:
            continue
        existing = {(a.start, a.end, a.tag_id) for a in store.annotations(summary.id)}
        for s in matches:
            tid, new = _suggestion_tag(store, s, tag_id, pending)
            new_tags += new
            if (s.start, s.end, tid) in existing:
                continue
            ann = _annotation_for(store, s, tid, author)
            anns.append(ann)
            rows_.append(FeedbackRow(id=new_id(), text=s.text, layer=s.layer, verdict="accepted", label=s.label,
                                     doc_id=s.doc_id, start=s.start, end=s.end, author=author, created=stamp))
    return Verdict(tuple(anns), tuple(rows_), tuple(new_tags))


def apply_verdict(store: Store, verdict: Verdict) -> list[Change]:
    """Write a verdict (tags, annotations, feedback rows) in one transaction."""
    changes: list[Change] = []
    with store.db.atomic():
        for tag in verdict.new_tags:
            if find_tag(store, tag.name) is None:
                store.add_tag(tag)
                changes.append(Change("tags", ids=(tag.id,)))
        for ann in verdict.annotations:
            changes.append(store.add_annotation(ann))
        for row in verdict.rows:
            store.db["suggestion_feedback"].insert(_row_dict(row), replace=True)
            changes.append(Change("feedback", row.doc_id, row.start or 0, row.end or 0, (row.id,)))
    return changes


def revert_verdict(store: Store, verdict: Verdict) -> list[Change]:
    """Take a verdict back in one transaction (annotations and rows it made; tags it created)."""
    changes: list[Change] = []
    with store.db.atomic():
        for row in verdict.rows:
            store.db.execute("DELETE FROM suggestion_feedback WHERE id = ?", [row.id])
            changes.append(Change("feedback", row.doc_id, row.start or 0, row.end or 0, (row.id,)))
        for ann in verdict.annotations:
            try:
                _, change = store.remove_annotation(ann.id)
            except NotFound:
                continue
            changes.append(change)
        for tag in verdict.new_tags:
            used = store.db.execute("SELECT COUNT(*) FROM annotations WHERE tag_id = ?", [tag.id]).fetchone()[0]
            if not used:
                try:
                    store.remove_tag(tag.id)
                except NotFound:
                    continue
                changes.append(Change("tags", ids=(tag.id,)))
    return changes


def feedback_mapping(store: Store) -> dict[str, str | None]:
    """What the NLP pipeline should learn from this project: ``string -> label``, or ``None`` for a
    string the analyst rejected (never suggest it). Latest verdict per string wins.

    Entity labels come from accepted and corrected entity suggestions; date verdicts only
    contribute rejections (dates have kinds, not labels).
    """
    mapping: dict[str, str | None] = {}
    for row in rows(store):
        if row.verdict == "rejected":
            mapping[row.text] = None
        elif row.layer == "entity" and row.label in ENTITY_LABELS:
            mapping[row.text] = row.label
        elif row.layer == "date" and mapping.get(row.text, "") is None:
            del mapping[row.text]  # accepted as a date after all: no longer rejected
    return mapping


@dataclass
class FeedbackIndex:
    """Verdicts arranged for filtering suggestions: rejected strings and relabelled strings per
    layer, and span corrections per document."""

    rejected: dict[str, set[str]] = field(default_factory=dict)       # layer -> strings
    relabelled: dict[str, str] = field(default_factory=dict)          # entity string -> label
    corrections: dict[str, list[FeedbackRow]] = field(default_factory=dict)  # doc_id -> rows

    @classmethod
    def load(cls, store: Store) -> FeedbackIndex:
        return cls.from_rows(rows(store))

    @classmethod
    def from_rows(cls, rows_: Iterable[FeedbackRow]) -> FeedbackIndex:
        index = cls()
        for row in rows_:
            bucket = index.rejected.setdefault(row.layer, set())
            if row.verdict == "rejected":
                bucket.add(row.text)
                if row.layer == "entity":
                    index.relabelled.pop(row.text, None)
                continue
            bucket.discard(row.text)
            if row.layer == "entity" and row.label:
                index.relabelled[row.text] = row.label
            if row.verdict == "corrected" and row.doc_id and row.start is not None and row.end is not None:
                index.corrections.setdefault(row.doc_id, []).append(row)
        return index

    def is_rejected(self, text: str, layer: str = "entity") -> bool:
        return text in self.rejected.get(layer, ())

    def visible(self, suggestions: Sequence[Suggestion], *, doc_id: str | None = None,
                text: str | None = None) -> list[Suggestion]:
        """Suggestions as the analyst should see and count them: rejected ones hidden, labels
        corrected, and corrected spans replacing what they overlap.

        With ``doc_id`` and ``text``, strings the analyst accepted or corrected elsewhere are also
        suggested wherever they occur as whole words and nothing else is detected there.
        """
        out: list[Suggestion] = []
        doc_ids = {s.doc_id for s in suggestions}
        fixes = [r for d in doc_ids for r in self.corrections.get(d, ())]
        for s in suggestions:
            if self.is_rejected(s.text, s.layer):
                continue
            if any(f.layer == s.layer and f.doc_id == s.doc_id and f.start < s.end and s.start < f.end
                   and (f.start, f.end) != (s.start, s.end) for f in fixes):
                continue
            if s.layer == "entity" and s.text in self.relabelled and self.relabelled[s.text] != s.label:
                s = replace(s, label=self.relabelled[s.text])
            out.append(s)
        have = {(s.doc_id, s.start, s.end, s.layer) for s in out}
        for f in fixes:
            if (f.doc_id, f.start, f.end, f.layer) not in have and f.label:
                out.append(Suggestion(f.doc_id, f.start, f.end, f.text, f.label, f.layer))
        if doc_id is not None and text:
            out.extend(self._propagated(doc_id, text, [s for s in out if s.layer == "entity"]))
        out.sort(key=lambda s: (s.start, s.end))
        return out

    def _propagated(self, doc_id: str, text: str, entities: list[Suggestion]) -> list[Suggestion]:
        from rusus_desktop.corpus.words import is_word_char

        taken = sorted((s.start, s.end) for s in entities)
        found: list[Suggestion] = []
        # Longer strings first, so "Joe Biden" wins over "Biden" where both were accepted.
        for string, label in sorted(self.relabelled.items(), key=lambda kv: -len(kv[0])):
            if not string.strip() or self.is_rejected(string):
                continue
            i = text.find(string)
            while i != -1:
                j = i + len(string)
                whole = (i == 0 or not is_word_char(text[i - 1])) and (j == len(text) or not is_word_char(text[j]))
                if whole and not any(a < j and i < b for a, b in taken):
                    found.append(Suggestion(doc_id, i, j, string, label, "entity"))
                    taken.append((i, j))
                i = text.find(string, i + 1)
        return found


__all__ = ["SUGGESTION_TAGS", "FeedbackIndex", "FeedbackRow", "Suggestion", "Verdict", "apply_verdict",
           "cached_suggestions", "ensure_tag", "feedback_mapping", "plan_accept", "plan_accept_all",
           "plan_correct", "plan_reject", "revert_verdict", "rows"]
