"""The record every reader returns: the text, where each line came from, what was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Format = Literal["txt", "md", "docx", "pdf", "html", "doc", "wps", "rtf", "odt"]


@dataclass(frozen=True)
class Block:
    """Where one line of `Document.text` came from.

    docx: `index` is the paragraph's index in `docx.Document(path).paragraphs` (kind
    "paragraph") or the table's index in `.tables` (kind "table_row", `row` the row);
    other formats: the source line or paragraph number (kind "line")."""

    kind: Literal["paragraph", "table_row", "line"]
    index: int
    row: int | None = None


@dataclass(frozen=True)
class TextIssue:
    """Something the reader had to repair, at a 1-based line of `Document.text`."""

    line: int
    message: str
    kind: Literal["repaired", "cut"] = "repaired"  # cut: the file ends mid-character


@dataclass
class Document:
    """A report file as text: line i (1-based) is `text.split("\\n")[i - 1]` and came from
    `blocks[i - 1]`."""

    path: Path
    format: str
    text: str
    encoding: str
    blocks: list[Block]
    metadata: dict[str, str] = field(default_factory=dict)
    heading_levels: dict[int, int] = field(default_factory=dict)
    issues: list[TextIssue] = field(default_factory=list)

    def __post_init__(self) -> None:
        lines = self.text.count("\n") + 1
        if len(self.blocks) != lines:
            raise ValueError(f"{len(self.blocks)} blocks for {lines} lines of {self.path}")

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def from_lines(
    path: Path,
    fmt: str,
    lines: list[tuple[str, Block]],
    *,
    encoding: str | None = None,
    metadata: dict[str, str] | None = None,
    heading_levels: dict[int, int] | None = None,
    issues: list[TextIssue] | None = None,
) -> Document:
    """A `Document` from (line text, origin) pairs; line texts must hold no newline."""
    return Document(
        path=path,
        format=fmt,
        text="\n".join(t for t, _ in lines),
        encoding=encoding or fmt,
        blocks=[b for _, b in lines],
        metadata=metadata or {},
        heading_levels=heading_levels or {},
        issues=issues or [],
    )
