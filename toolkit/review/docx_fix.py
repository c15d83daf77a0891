"""Write a fix plan into a copy of a .docx as tracked changes the reviewer accepts or
rejects one by one in Word or WPS. Edits Word's own numbering or a table holds are left
for a person (listed with the reason)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..output.docx_xml import Revisions, in_revision, visible_text
from .fixes import Edit, Fix, FixPlan
from .source import Source, open_docx


@dataclass
class DocxPlacer:
    """Maps a line of the text to its paragraph and the length of the numbering Word
    draws in front of it (text that is in no run)."""

    document: Any
    source: Source
    _paras: list[Any] = field(default_factory=list)
    _seen: dict[int, tuple[Any, int] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._paras = list(self.document.paragraphs)

    def paragraph(self, line: int) -> tuple[Any, int] | None:
        """(python-docx paragraph, prefix length) of line `line`, or None if it is no
        body paragraph or its runs do not hold the line's text. Decided on first sight,
        before any edit changes the runs."""
        if line not in self._seen:
            self._seen[line] = self._find(line)
        return self._seen[line]

    def _find(self, line: int) -> tuple[Any, int] | None:
        places, lines = self.source.places, self.source.lines
        if not (1 <= line <= len(places)):
            return None
        place = places[line - 1]
        if place.kind != "paragraph" or place.index >= len(self._paras):
            return None
        first = line  # a paragraph with line breaks gives several lines
        while first > 1 and places[first - 2] == place:
            first -= 1
        para = self._paras[place.index]
        runs = visible_text(para._p)
        mine = lines[first - 1 : first - 1 + runs.count("\n") + 1]
        if line - first >= len(mine):
            return None  # a line of a text box anchored in the paragraph
        prefix = _prefix("\n".join(mine), runs)
        if prefix is None:
            return None
        before = sum(len(t) + 1 for t in mine[: line - first])
        return para, prefix - before


def _prefix(line: str, runs: str) -> int | None:
    """How many characters of `line` come before the runs' text (automatic numbering)."""

    def same(a: str) -> str:
        return a.replace("\t", " ").replace("\n", " ").replace("\xa0", " ")

    if same(line).endswith(same(runs)):
        return len(line) - len(runs)
    return None


@dataclass
class DocxFixResult:
    data: bytes
    applied: list[Fix]
    left: list[tuple[Fix, str]]


def _check_fix(placer: DocxPlacer, fix: Fix) -> str | None:
    """Why this fix cannot be written into the document, or None."""
    for e in fix.edits:
        span = e.old.count("\n")
        parts = e.old.split("\n")
        for k in range(span + 1):
            hit = placer.paragraph(e.line + k)
            if hit is None:
                place = placer.source.places[e.line + k - 1]
                return "in a table; fix by hand" if place.kind == "table_row" else (
                    "the paragraph's text is not in its runs (a field or text box); fix by hand")  # fmt: skip
            _, prefix = hit
            start = e.start if k == 0 else 0
            if prefix and start < prefix:
                return "in Word's automatic numbering; change the list's number format in Word"
            if in_revision(hit[0]._p, start - prefix, start - prefix + len(parts[k])):
                return "inside an earlier tracked change; accept or reject it first"
        if span:
            idx = [placer.source.places[e.line + k - 1].index for k in range(span + 1)]
            if idx != list(range(idx[0], idx[0] + span + 1)):
                return "the paragraphs are not next to each other"
    return None


def _apply(placer: DocxPlacer, rev: Revisions, e: Edit) -> None:
    if "\n" not in e.old:
        para, prefix = placer.paragraph(e.line)  # type: ignore[misc]
        a, b = e.start - prefix, e.end - prefix
        wrapper = rev.delete(para._p, a, b) if b > a else None
        if e.new:
            rev.insert(para._p, a, e.new, after=wrapper)
        return
    # A paragraph joined to the next: the tail of the first, the whole of any blank ones
    # between, the head of the last go, and each paragraph mark but the last.
    parts = e.old.split("\n")
    for k in range(len(parts) - 1, -1, -1):
        para, prefix = placer.paragraph(e.line + k)  # type: ignore[misc]
        a = e.start - prefix if k == 0 else 0
        b = a + len(parts[k])
        if b > a:
            rev.delete(para._p, a, b)
        if k < len(parts) - 1:
            rev.delete_mark(para._p)


def fix_docx(source: Source, plan: FixPlan, when: dt.datetime | None = None) -> DocxFixResult:
    """A copy of the .docx with every fix it can take as tracked changes by fazhi."""
    document = open_docx(source.path, source.data)
    placer = DocxPlacer(document, source)
    rev = Revisions(document.element.body, when)
    applied: list[Fix] = []
    left: list[tuple[Fix, str]] = []
    for fix in plan.fixes:
        why = _check_fix(placer, fix)
        if why:
            left.append((fix, why))
        else:
            applied.append(fix)
    edits: Sequence[Edit] = sorted(
        (e for f in applied for e in f.edits), key=lambda e: (e.line, e.start), reverse=True
    )
    for e in edits:
        _apply(placer, rev, e)
    buf = io.BytesIO()
    document.save(buf)
    return DocxFixResult(buf.getvalue(), applied, left)
