"""Plain result values of the NLP pipeline (offsets: code points into canonical text, end exclusive)."""
from __future__ import annotations

from dataclasses import dataclass

ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")
DATE_KINDS = ("date", "datetime", "time", "range", "relative", "duration")
DATE_MODS = ("START", "MID", "END")


@dataclass(frozen=True, slots=True)
class Token:
    """One underthesea word, mapped back to the exact source range it came from."""

    start: int
    end: int
    word: str  # as underthesea returned it (may be normalised, e.g. "Hoà" -> "Hòa")
    pos: str
    chunk: str
    ner: str  # BIO tag from the CRF, e.g. "B-PER"


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    text: str
    label: str  # one of ENTITY_LABELS

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    text: str
    kind: str  # one of DATE_KINDS
    value: str | None  # ISO 8601 / TIMEX3 value at the precision the text gives
    mod: str | None = None  # one of DATE_MODS

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "value": self.value, "mod": self.mod}


@dataclass(frozen=True, slots=True)
class Analysis:
    entities: tuple[EntitySpan, ...]
    dates: tuple[DateSpan, ...]
    body: tuple[tuple[int, int], ...]
    pipeline_version: str

    def to_json(self) -> dict:
        return {"body": [list(r) for r in self.body],
                "entities": [e.to_json() for e in self.entities],
                "dates": [d.to_json() for d in self.dates],
                "pipeline_version": self.pipeline_version}

    @classmethod
    def from_json(cls, data: dict) -> "Analysis":
        return cls(
            entities=tuple(EntitySpan(**e) for e in data["entities"]),
            dates=tuple(DateSpan(**d) for d in data["dates"]),
            body=tuple((int(a), int(b)) for a, b in data["body"]),
            pipeline_version=data["pipeline_version"],
        )
