"""What every check family sees: the parsed report, the year judged against, settings."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..outline import OutlineSpec
from ..parse.report import ParsedReport, SectionNode
from ..text.normalize import Line
from .findings import Finding, Severity, codes

if TYPE_CHECKING:
    from ..facts import FactSheet


@dataclass(frozen=True)
class CheckSettings:
    """Settings of a check run."""

    deadline: str | None = None  # MM-DD in year Y+1; default: the outline's
    min_section_chars: int = 30


class Excerpt(str):
    """An excerpt that knows where the matched words lie in it (`span`: offsets into it)."""

    span: tuple[int, int] | None = None


def excerpt(text: str, start: int, end: int, width: int = 12) -> Excerpt:
    """The match with some context on each side, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    pre = "…" if left > 0 else ""
    post = "…" if right < len(text) else ""
    out = Excerpt((pre + text[left:right] + post).replace("\n", " "))
    if end > start:
        out.span = (len(pre) + start - left, len(pre) + end - left)
    return out


@dataclass
class CheckContext:
    report: ParsedReport
    outline: OutlineSpec
    year: int | None
    settings: CheckSettings = field(default_factory=CheckSettings)
    facts: FactSheet | None = None
    findings: list[Finding] = field(default_factory=list)
    _where: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        r = self.report
        where = [("preamble", "")] * len(r.lines)
        if r.title_line is not None:
            for i, ln in enumerate(r.lines[: r.body_start]):
                if ln.no == r.title_line:
                    where[i] = ("title", "")
        for i in range(r.body_end, len(r.lines)):
            where[i] = ("closing", "")
        for top in r.sections:
            self._mark(top, top.id or "unknown", [], where)
        self._where = where

    def _mark(
        self, node: SectionNode, top_id: str, path: list[str], where: list[tuple[str, str]]
    ) -> None:
        here = [*path, f"{node.mark}{node.heading}"]
        for i in range(node.line_index, node.end_index):
            where[i] = (top_id, " › ".join(here))
        for child in node.children:
            self._mark(child, top_id, here, where)

    @property
    def deadline(self) -> dt.date | None:
        if self.year is None:
            return None
        mm, dd = (self.settings.deadline or self.outline.publication_deadline).split("-")
        return dt.date(self.year + 1, int(mm), int(dd))

    def lines(self, body_only: bool = True) -> Iterator[tuple[int, Line]]:
        """(index, line) pairs: the body (between title block and closing) or everything."""
        r = self.report
        rng = range(r.body_start, r.body_end) if body_only else range(len(r.lines))
        for i in rng:
            yield i, r.lines[i]

    def section_of(self, index: int | None) -> tuple[str, str]:
        if index is None or not (0 <= index < len(self._where)):
            return ("document", "")
        return self._where[index]

    def emit(
        self,
        code: str,
        message: str,
        suggestion: str | None = None,
        *,
        index: int | None = None,
        offset: int = 0,
        line: int | None = None,
        excerpt: str = "",
        severity: Severity | None = None,
        section: str | None = None,
        also: tuple[int, ...] = (),
    ) -> None:
        """Record a finding at line `index` of the report (offset into its text), or at `line`;
        `also` names further lines the same finding covers."""
        if line is None and index is not None:
            line = self.report.lines[index].line_at(offset)
        sec, heading = self.section_of(index)
        info = codes()[code]
        self.findings.append(
            Finding(
                code=code,
                severity=severity or info.severity,
                message=message,
                suggestion=suggestion,
                line=line,
                section=section or sec,
                excerpt=str(excerpt),
                heading=heading,
                fixable=info.fixable,
                also=also,
                span=getattr(excerpt, "span", None),
            )
        )

    def emit_node(
        self,
        node: SectionNode,
        code: str,
        message: str,
        suggestion: str | None = None,
        also: tuple[int, ...] = (),
    ) -> None:
        """A finding about a heading: at its line, the heading as the excerpt."""
        self.emit(
            code,
            message,
            suggestion,
            index=node.line_index,
            excerpt=node.mark + node.heading,
            also=also,
        )

    def emit_match(
        self,
        index: int,
        m: re.Match[str] | LineMatch,
        code: str,
        message: str,
        suggestion: str | None = None,
        severity: Severity | None = None,
        width: int = 12,
    ) -> None:
        """A finding about a match in line `index`: at its position, with `width` characters
        of context on each side."""
        text = self.report.lines[index].text
        self.emit(code, message, suggestion, index=index, offset=m.start(),
                  excerpt=excerpt(text, m.start(), m.end(), width), severity=severity)  # fmt: skip

    @cached_property
    def _body(self) -> tuple[str, list[int]]:
        """The body as one string (lines joined by newlines) and each line's start offset."""
        starts, pos, parts = [], 0, []
        for _, ln in self.lines():
            starts.append(pos)
            parts.append(ln.text)
            pos += len(ln.text) + 1
        return "\n".join(parts), starts

    def search_body(
        self, pattern: re.Pattern[str], hint: str = ""
    ) -> Iterator[tuple[int, LineMatch]]:
        """Matches of `pattern` in the body, as (line index, match relative to that line).

        `hint` is a literal the pattern cannot match without: when absent, nothing is scanned.
        """
        text, starts = self._body
        if hint and hint not in text:
            return
        first = self.report.body_start
        for m in pattern.finditer(text):
            k = bisect_right(starts, m.start()) - 1
            yield first + k, LineMatch(m, starts[k])


class LineMatch:
    """A regex match with offsets relative to the line it starts on."""

    __slots__ = ("_m", "_off")

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m, self._off = m, offset

    def group(self, n: int = 0) -> str:
        return self._m.group(n)

    def start(self) -> int:
        return self._m.start() - self._off

    def end(self) -> int:
        return self._m.end() - self._off
