"""Typed records for a parsed report: the heading tree and the report's metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..text.normalize import CutLine, Line

if TYPE_CHECKING:
    from ..readers import Document

Level = Literal["national", "province", "city", "county", "district"]
Language = Literal["zh", "en"]


@dataclass
class SectionNode:
    """A heading and what it leads, down to the next heading of the same or a higher level."""

    heading: str
    level: int
    number: int | None
    line: int
    mark: str = ""
    style: str = "standard"
    id: str | None = None
    topics: list[str] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)
    unnumbered: bool = False
    line_index: int = 0  # index into ParsedReport.lines of the heading line
    end_index: int = 0  # index one past the last line this node covers (children included)
    run_in: bool = False  # the heading opens a paragraph that goes on after it
    end_line: int = 0  # last line of the source file this node covers (children included)

    def walk(self) -> list[SectionNode]:
        """This node and all its descendants in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "heading": self.heading,
            "level": self.level,
            "number": self.number,
            "mark": self.mark,
            "line": self.line,
            "end_line": self.end_line,
            "unnumbered": self.unnumbered,
            "topics": list(self.topics),
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class ParsedReport:
    """A report parsed into metadata and a heading tree; line numbers refer to the source file."""

    title: str | None
    year: int | None
    issuer: str | None
    level: Level | None
    date: dt.date | None
    language: Language
    sections: list[SectionNode]
    lines: list[Line]
    path: Path | None = None
    encoding: str = "utf-8"
    title_line: int | None = None
    date_line: int | None = None
    date_text: str | None = None
    addressee: str | None = None
    signature: str | None = None
    signature_line: int | None = None
    closing_phrase_line: int | None = None
    body_start: int = 0  # index of the first line after title/addressee
    body_end: int = 0  # index one past the last line before the closing
    residue: str = ""
    residue_line: int | None = None
    rejoined: int = 0
    truncated: bool = False  # the text stops mid-sentence with no closing (a cut-off copy)
    traditional: bool = False  # written in traditional characters, read as simplified
    chrome: list[CutLine] = field(default_factory=list)  # web chrome cut above the text
    metadata: dict[str, str] = field(default_factory=dict)  # publication metadata found
    document: Document | None = None  # what the reader gave (None for parse_text)

    def all_nodes(self) -> list[SectionNode]:
        return [n for top in self.sections for n in top.walk()]

    def node_text(self, node: SectionNode) -> str:
        """All text a node covers (its heading line through its last child)."""
        return "\n".join(ln.text for ln in self.lines[node.line_index : node.end_index])

    def section_ids(self) -> list[str | None]:
        return [s.id for s in self.sections]

    @property
    def body_text(self) -> str:
        return "\n".join(ln.text for ln in self.lines[self.body_start : self.body_end])

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path) if self.path else None,
            "title": self.title,
            "year": self.year,
            "issuer": self.issuer,
            "level": self.level,
            "date": self.date.isoformat() if self.date else None,
            "language": self.language,
            "encoding": self.encoding,
            "sections": [s.to_dict() for s in self.sections],
            "residue_cut_at_line": self.residue_line,
            "truncated": self.truncated,
            "traditional": self.traditional,
            "chrome_cut_lines": [c.line for c in self.chrome],
            "metadata": dict(self.metadata),
            "lines_rejoined": self.rejoined,
        }
