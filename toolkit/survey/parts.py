"""The state of each required part of a report, with the heading or sentence behind it.

`section`: a top-level part of its own (the parser's canonical section id). `paragraph`:
only mentioned inside another part (a sub-heading or a sentence the outline's
`embedded_markers` recognise). `unknown`: not seen, and the text is cut off before it could
appear. `absent`: not seen in a text that is whole.
"""

from __future__ import annotations

import re
from typing import Any

from ..outline import OutlineSpec
from ..parse.report import ParsedReport
from .records import PARTS, PartState

_FULL_STOP = "。！？!?…"
_CLOSERS = "”’」』）)"
_INLINE_HEADING = re.compile(r"(?:^|\s)[一二三四五六七八九十]+、\s*([^。；：:\s]{2,40})")
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]?")


def cut_off(report: ParsedReport) -> bool:
    """Whether the text stops mid-sentence with no closing: a copy cut short (a page
    excerpt, a broken download). Unlike `ParsedReport.truncated` this also holds for a
    text in which the parser found no heading."""
    if report.truncated:
        return True
    if report.signature or report.date_text or report.closing_phrase_line or not report.lines:
        return False
    body = report.lines[report.body_start : report.body_end] or report.lines
    last = body[-1].text.rstrip().rstrip(_CLOSERS)
    return bool(last) and last[-1] not in _FULL_STOP and not last.startswith("附件")


def sentence_at(text: str, pos: int) -> str:
    """The sentence of `text` that holds offset `pos`."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.group(0).strip()
    return text.strip()


def _section(report: ParsedReport, part: str) -> dict[str, Any] | None:
    for node in report.sections:
        if node.id == part:
            return {"state": "section", "heading": node.heading, "line": node.line}
    return None


def _inline(report: ParsedReport, part: str, outline: OutlineSpec) -> dict[str, Any] | None:
    """A top-level heading run into a line (a page flattened to one paragraph): 一、… ."""
    spec = outline.section(part)
    for line in report.lines[report.body_start : report.body_end]:
        for m in _INLINE_HEADING.finditer(line.text):
            if m.start() > 0 and spec.matches(m.group(1)):
                return {"state": "section", "heading": m.group(1), "line": line.no, "inline": True}
    return None


def _inside(report: ParsedReport, part: str, outline: OutlineSpec) -> dict[str, Any] | None:
    """Where a part is mentioned inside another: a sub-heading, else a marked sentence."""
    spec = outline.section(part)
    for node in report.all_nodes():
        if node.level > 1 and spec.matches(node.heading):
            return {"state": "paragraph", "heading": node.heading, "line": node.line}
    markers = [re.compile(p) for p in spec.embedded_markers]
    for line in report.lines[report.body_start : report.body_end]:
        for marker in markers:
            m = marker.search(line.text)
            if m:
                return {"state": "paragraph", "sentence": sentence_at(line.text, m.start()),
                        "line": line.no}  # fmt: skip
    return None


def _measures_inline(report: ParsedReport) -> dict[str, Any] | None:
    """A whole text with no measures heading: work reported in its paragraphs."""
    for line in report.lines[report.body_start : report.body_end]:
        if "。" in line.text and len(line.text) > 40:
            return {"state": "paragraph", "sentence": sentence_at(line.text, 0), "line": line.no}
    return None


def part_states(
    report: ParsedReport, outline: OutlineSpec
) -> tuple[dict[str, PartState], dict[str, dict[str, Any]]]:
    """Each required part's state and its evidence (see the module docstring)."""
    cut = cut_off(report)
    states: dict[str, PartState] = {}
    evidence: dict[str, dict[str, Any]] = {}
    for part in PARTS:
        found = _section(report, part) or _inline(report, part, outline)
        if found is None and cut:
            last = report.lines[-1] if report.lines else None
            found = {"state": "unknown", "cut_at_line": last.no if last else None,
                     "sentence": last.text[-30:] if last else ""}  # fmt: skip
        if found is None:
            inline = _measures_inline(report) if part == "measures" else None
            found = _inside(report, part, outline) or inline or {"state": "absent"}
        states[part] = found["state"]
        evidence[part] = found
    return states, evidence
