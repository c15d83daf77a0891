"""Safe mechanical fixes as data: the checker's findings → edits of the source lines.

A fix never changes a number's value, a name (other than a misquoted title the titles
table gives exactly) or a date's value; an edit that would is dropped. The same edits
drive the text writer (a diff or the file rewritten) and the Word writer (tracked changes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..check.dates import reported_year
from ..check.findings import CheckReport, Finding
from ..check.numbering import standard_mark
from ..check.titles import title_edits
from ..outline import TextRules, default_outline
from ..parse.report import ParsedReport
from ..registers.formulations import misquotes, protected_spans, shape_spans
from ..text.headings import match_heading
from ..text.normalize import between, unify_width


@dataclass(frozen=True)
class Edit:
    """Replace `old` at `start`..`end` of source line `line` (1-based) by `new`.

    `end` may run past the end of the line: `old` then holds the newlines it removes
    (a paragraph joined to the next one).
    """

    line: int
    start: int
    end: int
    old: str
    new: str


@dataclass(frozen=True)
class Fix:
    """The edits that settle the findings of one code on one line."""

    code: str
    line: int
    findings: tuple[Finding, ...]
    edits: tuple[Edit, ...]


@dataclass
class FixPlan:
    """What `fazhi fix` would change, and the fixable findings it leaves, with the reason."""

    fixes: list[Fix] = field(default_factory=list)
    left: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return sorted((e for f in self.fixes for e in f.edits), key=lambda e: (e.line, e.start))

    @property
    def fixed_findings(self) -> list[Finding]:
        """Each finding once, also one whose several lines were fixed by several `Fix`es."""
        return list({id(f): f for fix in self.fixes for f in fix.findings}.values())


# --- per-code edit finders: (source lines, line number, parsed report) -> groups of edits --
Groups = list[list[Edit]]
_LEAD = re.compile(r"^[\s\u3000]*(?:#{1,6}[ \t]*)?")
_RAW_SPACE = (
    r"(?<=[\u4e00-\u9fff，。、；：“”《》（）,;:()])[ \t\u00a0\u2002\u2003\u2009\u3000]+"
    r"(?=[\u4e00-\u9fff，。、；：“”《》（）,.;:()])"
    r"|(?<=\d)[ \t\u00a0\u2002\u2003\u2009\u3000]+(?=[\u4e00-\u9fff”》）)])"
    r"|(?<=[\u4e00-\u9fff“《（(])[ \t\u00a0\u2002\u2003\u2009\u3000]+(?=\d)"
)
_SPACE = re.compile(_RAW_SPACE)
_NUMERIC_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?![\d.])")
_CN_DATE = re.compile(r"(?<!\d)(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})日)?")
_DIGITS = re.compile(r"\d+")


def _rules() -> TextRules | None:
    return default_outline().phrases.text_rules


def _body(text: str) -> int:
    """Offset where a line's text starts (after indentation and Markdown #)."""
    m = _LEAD.match(text)
    return m.end() if m else 0


def _after_mark(text: str) -> int:
    """Offset after a heading mark at the start of the line (0 if none)."""
    lead = _body(text)
    mark = match_heading(text[lead:])
    return len(text) - len(mark.rest) if mark else lead


def _legal_term(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    rules = _rules()
    text = lines[no - 1]
    if rules is None:
        return []
    out = []
    kept = [*shape_spans(text), *protected_spans(text)]  # P404/P405 name the right wording
    for m in rules.legal_term.regex.finditer(text):
        if between(text, m.start(), "“", "”") or between(text, m.start(), "《", "》"):
            continue
        if any(m.start() < d and c < m.end() for c, d in kept):
            continue
        pos = m.start() + m.group(0).index("法制")
        out.append([Edit(no, pos, pos + 2, "法制", "法治")])
    return out


def _formulation(lines: Sequence[str], no: int, report: ParsedReport) -> Groups:
    """A misquoted set formulation or an old name → the register's right form."""
    text = lines[no - 1]
    return [
        [Edit(no, q.start, q.end, q.written, q.fixed)]
        for q in misquotes(text, reported_year(report))
    ]


def _spaces(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    text = lines[no - 1]
    edits = [Edit(no, m.start(), m.end(), m.group(0), "") for m in _SPACE.finditer(text)]
    return [edits] if edits else []


def _half_width(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    text = lines[no - 1]
    fixed = unify_width(text)
    skip = _after_mark(text)
    edits = [
        Edit(no, k, k + 1, a, b)
        for k, (a, b) in enumerate(zip(text, fixed, strict=True))
        if a != b and k >= skip
    ]
    return [edits] if edits else []


def _odd_characters(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    rules = _rules()
    text = lines[no - 1]
    if rules is None:
        return []
    edits = [
        Edit(no, k, k + 1, ch, odd.right)
        for odd in rules.odd_characters
        for k, ch in enumerate(text)
        if ch == odd.char
    ]
    return [sorted(edits, key=lambda e: e.start)] if edits else []


def _title(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    """Misquoted titles written as the registers have them (the smallest edits)."""
    return [[Edit(no, a, b, old, new) for a, b, old, new in g] for g in title_edits(lines[no - 1])]


def _date(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    """Dotted or dashed dates written out (2024.3.5 → 2024年3月5日); zeros before a month
    or a day dropped (03月 → 3月). The values stay the same."""
    text = lines[no - 1]
    out: Groups = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERIC_DATE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        out.append([Edit(no, m.start(), m.end(), m.group(0), f"{y}年{mo}月{d}日")])
        taken.append(m.span())
    for m in _CN_DATE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        group = [
            Edit(no, m.start(k), m.end(k), m.group(k), str(int(m.group(k))))
            for k in (2, 3)
            if m.group(k) and m.group(k).startswith("0") and int(m.group(k)) > 0
        ]
        if group:
            out.append(group)
    return out


def _joined(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    """Line `no` continues the paragraph of the last non-blank line before it."""
    prev = no - 1
    while prev >= 1 and not lines[prev - 1].strip():
        prev -= 1
    if prev < 1 or no > len(lines):
        return []
    head = lines[prev - 1]
    start = len(head.rstrip())
    nxt = lines[no - 1]
    lead = len(nxt) - len(nxt.lstrip())
    old = "\n".join([head[start:], *lines[prev : no - 1], nxt[:lead]])
    return [[Edit(prev, start, start + len(old), old, "")]]


def _mark_punct(lines: Sequence[str], no: int, _: ParsedReport) -> Groups:
    """`1、`→`1.`, `一.`→`一、`, `（一）、`→`（一）`: only the punctuation of the mark."""
    text = lines[no - 1]
    lead = _body(text)
    mark = match_heading(text[lead:])
    if mark is None or mark.style not in ("wrong_punct", "extra_punct"):
        return []
    pos = lead + len(mark.mark) - 1
    if mark.style == "extra_punct":
        return [[Edit(no, pos, pos + 1, text[pos], "")]]
    right = standard_mark(mark.level, mark.number)[-1]
    return [[Edit(no, pos, pos + 1, text[pos], right)]]


_WIDTH = {"(": "（", ")": "）", "．": "."}


def _mark_width(lines: Sequence[str], no: int, report: ParsedReport) -> Groups:
    """Every heading mark of the finding's level in its standard width."""
    node = next((n for n in report.all_nodes() if n.line == no), None)
    if node is None:
        return []
    odd = "full_width_dot" if node.level == 3 else "half_width"
    edits = []
    for n in report.all_nodes():
        if n.level != node.level or n.style != odd or n.line > len(lines):
            continue
        text = lines[n.line - 1]
        lead = _body(text)
        mark = match_heading(text[lead:])
        if mark is None or mark.level != n.level:
            continue
        edits += [
            Edit(n.line, lead + k, lead + k + 1, ch, _WIDTH[ch])
            for k, ch in enumerate(mark.mark)
            if ch in _WIDTH
        ]
    return [edits] if edits else []


FIXERS: dict[str, Callable[[Sequence[str], int, ParsedReport], Groups]] = {
    "N201": _mark_punct,
    "N206": _mark_width,
    "N209": _mark_width,
    "D304": _date,
    "P404": _formulation,
    "P405": _formulation,
    "T504": _title,
    "T505": _legal_term,
    "T506": _spaces,
    "T509": _joined,
    "T510": _odd_characters,
    "T514": _half_width,
}


def _keeps_numbers(edit: Edit) -> bool:
    """No number's value changes (a written-out date keeps its year, month and day)."""
    return [int(x) for x in _DIGITS.findall(edit.old)] == [
        int(x) for x in _DIGITS.findall(edit.new)
    ]


class _Spans:
    """Character spans already given to a fix, indexed by the lines they touch, so that
    checking a new edit looks at its own lines only (a long file has thousands of edits)."""

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts  # offset of each line's first character
        self._by_line: dict[int, list[tuple[int, int]]] = {}

    def _lines(self, a: int, b: int) -> range:
        return range(bisect_right(self._starts, a) - 1, bisect_right(self._starts, b))

    def overlaps(self, a: int, b: int) -> bool:
        """Whether [a, b) overlaps a taken span (two insertions at one point clash too)."""
        return any(
            (a < d and c < b) or a == b == c == d
            for no in self._lines(a, b)
            for c, d in self._by_line.get(no, ())
        )

    def add(self, spans: list[tuple[int, int]]) -> None:
        for a, b in spans:
            for no in self._lines(a, b):
                self._by_line.setdefault(no, []).append((a, b))


def plan_fixes(result: CheckReport, lines: Sequence[str]) -> FixPlan:
    """The edits of `lines` (the checked file's lines) that settle the fixable findings.

    Findings of one code on one line are settled together. An edit whose text is not where
    it should be, that changes a number, or that overlaps another fix is not made.
    """
    plan = FixPlan()
    groups: dict[tuple[str, int], list[Finding]] = {}
    for f in result.findings:
        if not f.fixable or f.code not in FIXERS:
            continue
        if f.line is None or not (1 <= f.line <= len(lines)):
            plan.left.append((f, "no line to fix"))
            continue
        for no in dict.fromkeys((f.line, *f.also)):  # a finding may name sibling lines too
            if 1 <= no <= len(lines):
                groups.setdefault((f.code, no), []).append(f)
    text = "\n".join(lines)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    taken = _Spans(starts)
    for (code, no), findings in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        edits = [e for g in FIXERS[code](lines, no, result.report) for e in g]
        good = [
            e
            for e in edits
            if text[starts[e.line - 1] + e.start : starts[e.line - 1] + e.end] == e.old
            and _keeps_numbers(e)
            and e.old != e.new
        ]
        spans = [(starts[e.line - 1] + e.start, starts[e.line - 1] + e.end) for e in good]
        if not good:
            plan.left.extend((f, "no safe edit found") for f in findings)
            continue
        if any(taken.overlaps(a, b) for a, b in spans):
            plan.left.extend((f, "overlaps another fix; run fix again") for f in findings)
            continue
        taken.add(spans)
        plan.fixes.append(Fix(code, no, tuple(findings), tuple(good)))
    return plan


def apply_edits(lines: Sequence[str], edits: Sequence[Edit]) -> str:
    """The text (lines joined by newlines) with the edits made."""
    text = "\n".join(lines)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    parts, pos = [], 0  # one pass, left to right: a long file has thousands of edits
    for e in sorted(edits, key=lambda e: (e.line, e.start)):
        a = starts[e.line - 1] + e.start
        parts += [text[pos:a], e.new]
        pos = a + len(e.old)
    parts.append(text[pos:])
    return "".join(parts)
