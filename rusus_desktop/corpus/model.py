"""Domain values shared by the store, the NLP pipeline, export and the window."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``id`` is the sha256 of its canonical text, so the same text is one document."""

    id: str
    text: str  # canonical: NFC, "\n" line ends, no BOM
    title: str
    source_path: str = ""
    file_sha256: str = ""
    source: str | None = None  # publisher or site, editable by the analyst
    published: str | None = None  # ISO 8601 date or date-time, from the dateline or the analyst
    encoding: str = "utf-8"

    @property
    def text_sha256(self) -> str:
        return self.id

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the corpus list: everything but the text."""

    id: str
    title: str
    source_path: str
    source: str | None
    published: str | None
    length: int
    position: int
    entity_count: int = 0
    annotation_count: int = 0


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    name: str
    color: str  # "#rrggbb"
    description: str = ""
    hotkey: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class Annotation:
    """An analyst's tag on a passage. Anchored by offsets plus quote and context (W3C selectors)."""

    id: str  # uuid4 hex, made by the caller so redo re-inserts the same row
    doc_id: str
    start: int
    end: int
    tag_id: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str | None = None
    author: str = ""
    created: str = ""
    modified: str = ""
    origin: str = "manual"  # "manual" | "detected"
    status: str = "anchored"  # "anchored" | "orphaned" (text changed and the quote was not found)
    text_sha256: str = ""


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    title: str
    snippet: str
    match_count: int
    matches: tuple[tuple[int, int], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Change:
    """What a write touched (Anki's OpChanges, scaled down), so views refresh only that."""

    layer: str  # "documents" | "annotations" | "tags" | "entities" | "feedback"
    doc_id: str | None = None
    start: int = 0
    end: int = 0
    ids: tuple[str, ...] = ()
