"""Typed records of a survey: one row per document, what was skipped, the whole result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

PartState = Literal["section", "paragraph", "absent", "unknown"]
PARTS = ("measures", "shortcomings", "first_responsible", "plans")
OUR_GENRE = "fazhi_report"


@dataclass
class SurveyRow:
    """What the survey found in one document. `evidence` maps each indicator (and each date
    and part) to where its value comes from: the heading, the sentence, the date field."""

    file: str
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    department: str | None = None
    year: int | None = None
    written: dt.date | None = None
    published: dt.date | None = None
    days_late: int | None = None
    genre: str = OUR_GENRE
    genre_name: str = ""
    title: str | None = None
    parts: dict[str, PartState] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # indicator -> value
    scores: dict[str, float] = field(default_factory=dict)  # indicator -> 0..1 (known only)
    score: float | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def ours(self) -> bool:
        """Whether the document is an annual rule-of-law report (other genres are not scored)."""
        return self.genre == OUR_GENRE

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `fazhi survey --format json` (one entry of "reports")."""
        return {
            "file": self.file,
            "issuer": self.issuer,
            "level": self.level,
            "province": self.province,
            "department": self.department,
            "year": self.year,
            "written": self.written.isoformat() if self.written else None,
            "published": self.published.isoformat() if self.published else None,
            "days_late": self.days_late,
            "genre": self.genre,
            "parts": dict(self.parts),
            "score": self.score,
            "evidence": self.evidence,
        }


@dataclass
class Skipped:
    """A file the survey could not read, and why."""

    file: str
    reason: str


@dataclass
class SurveyResult:
    """All rows of a survey; other genres are kept apart from the scored reports."""

    rows: list[SurveyRow]
    skipped: list[Skipped] = field(default_factory=list)
    profile_name: str = ""

    @property
    def reports(self) -> list[SurveyRow]:
        return [r for r in self.rows if r.ours]

    @property
    def others(self) -> list[SurveyRow]:
        return [r for r in self.rows if not r.ours]
