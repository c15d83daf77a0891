"""Typed records of a draft: sections, sentences with provenance, usage, findings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..display import render_html
from ..llm.backend import Usage

if TYPE_CHECKING:
    from ..check.findings import CheckReport
    from ..facts import FactSheet


@dataclass
class Sentence:
    text: str
    facts: list[str] = field(default_factory=list)
    exemplars: list[int] = field(default_factory=list)


@dataclass
class SectionDraft:
    id: str
    heading: str
    body: str
    sentences: list[Sentence]
    exemplars: list[int]
    problems: list[str] = field(default_factory=list)  # guard objections left after the retries
    attempts: int = 1
    usage: Usage = field(default_factory=Usage)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SectionDraft:
        return cls(
            id=d["id"], heading=d["heading"], body=d["body"],
            sentences=[Sentence(**s) for s in d["sentences"]], exemplars=list(d["exemplars"]),
            problems=list(d.get("problems", [])), attempts=int(d.get("attempts", 1)), usage=Usage(**d["usage"]),
        )  # fmt: skip


@dataclass
class Draft:
    """An assembled report with its provenance, usage and the checker's findings."""

    sheet: FactSheet
    title: str
    addressee: str
    opening: str
    sections: list[SectionDraft]
    closing: list[str]
    backend: str
    model: str
    usage: Usage
    check: CheckReport | None = None

    @property
    def text(self) -> str:
        """The report as plain text, the form the checker reads."""
        parts = [self.title, "", self.addressee, "", self.opening, ""]
        for s in self.sections:
            parts += [s.heading, "", *[p for p in s.body.split("\n") if p.strip()], ""]
        parts += self.closing
        return "\n".join(parts) + "\n"

    @property
    def has_errors(self) -> bool:
        return bool(self.check and self.check.has_errors)

    def _repr_html_(self) -> str:
        return render_html("draft", self)

    def provenance(self) -> list[dict[str, Any]]:
        return [
            {"section": s.id, "text": sent.text, "facts": sent.facts, "exemplars": sent.exemplars}
            for s in self.sections
            for sent in s.sentences
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "bureau": self.sheet.bureau.name,
            "year": self.sheet.year,
            "backend": self.backend,
            "model": self.model,
            "title": self.title,
            "text": self.text,
            "sections": [s.to_dict() for s in self.sections],
            "provenance": self.provenance(),
            "usage": asdict(self.usage),
            "findings": self.check.to_dict() if self.check else None,
        }
