"""Is a document recognisably an annual rule-of-law report? The genre check names the
neighbouring genres it knows (one call); a survey also asks for positive evidence, so a
news item, an article or a notice it does not know is listed apart, never scored. The
evidence rules are data (`data/survey/recognise.yaml`, which explains them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from ..parse.report import ParsedReport
from ..paths import PACKAGE_DATA

UNRECOGNISED = "unrecognised"
_CITED = re.compile(r"《[^》]*》")


_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.\s")


@dataclass(frozen=True)
class _Rules:
    formula: re.Pattern[str]
    ours: re.Pattern[str]
    theirs: re.Pattern[str]
    title_end: re.Pattern[str]
    periodic_title: re.Pattern[str]
    opening_subject: re.Pattern[str]
    opening_year: re.Pattern[str]
    heading_mark: re.Pattern[str]
    min_chars: int


@cache
def _rules() -> _Rules:
    raw = yaml.safe_load((PACKAGE_DATA / "survey" / "recognise.yaml").read_text("utf-8"))
    alt = {k: "|".join(map(re.escape, raw[k])) for k in ("ours", "theirs")}
    keys = ("title_end", "periodic_title", "opening_subject", "opening_year", "heading_mark")
    return _Rules(
        formula=re.compile(raw["formula"]),
        ours=re.compile(alt["ours"], re.I),
        theirs=re.compile(alt["theirs"]),
        min_chars=int(raw["min_chars"]),
        **{k: re.compile(raw[k]) for k in keys},
    )


def _opening(report: ParsedReport) -> tuple[str, int | None]:
    """The body's prose before its first heading (from the first line of Chinese prose),
    up to 600 characters, and the line it starts on."""
    first_heading = min((n.line_index for n in report.sections), default=report.body_end)
    lines = report.lines[report.body_start : max(first_heading, report.body_start + 1)]
    for i, line in enumerate(lines):
        if len(_CJK.findall(line.text)) >= 10:
            return "".join(ln.text for ln in lines[i:])[:600], line.no
    return "", None


def _formula(rules: _Rules, plain_body: str) -> tuple[bool | None, str]:
    """Whether the reporting formula names this genre's subject (True), another's (False)
    or neither (None), and the sentence."""
    m = rules.formula.search(plain_body)
    if not m:
        return None, ""
    ends = [e.end() for e in _SENTENCE_END.finditer(plain_body, 0, m.start())]
    said = plain_body[(ends[-1] if ends else 0) : m.end()].strip()
    if rules.ours.search(said):
        return True, said
    return (False if rules.theirs.search(said) else None), said


def recognise(
    report: ParsedReport, title_ok: bool, part_heading: bool
) -> tuple[bool, dict[str, Any]]:
    """(recognised, evidence): see the module docstring and recognise.yaml. `title_ok`: the
    title names this genre; `part_heading`: a top-level heading names a required part."""
    rules = _rules()
    body = report.body_text
    verdict, said = _formula(rules, _CITED.sub("", body[:3000]))
    if verdict is not None:
        return verdict, {"by": "formula", "sentence": said}
    title = (report.title or "").strip(" 。")
    text, line = _opening(report)
    head = title or text[:40]
    if rules.periodic_title.search(head):
        return False, {"by": "periodic title", "title": head}
    if title_ok and rules.title_end.search(title):
        return True, {"by": "title", "title": title, "line": report.title_line}
    plain = _CITED.sub("", text)
    subject = bool(rules.opening_subject.search(plain)) or part_heading
    headed = bool(report.sections) or bool(rules.heading_mark.search(body))
    long = len(_CJK.findall(body)) >= rules.min_chars
    if rules.opening_year.search(plain) and subject and (headed or long):
        return True, {"by": "opening", "sentence": text[:80], "line": line}
    return False, {"by": "none"}
