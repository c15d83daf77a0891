"""Indicators of one report: each value with its evidence, then a 0–1 score per indicator
and the weighted total (see README.md "Surveying published reports" for each definition)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..check.findings import CheckReport, codes
from ..outline import OutlineSpec
from ..parse.report import ParsedReport
from ..text.numbers import find_quantities
from .parts import sentence_at
from .profile import Profile
from .records import PARTS, SurveyRow

_DEADLINE = re.compile(
    r"(年底前|年内|月底前|月前|季度|上半年|下半年|\d{1,2}月(份|底|前|中旬|下旬)?|[一二三四五六七八九十]{1,2}月(份|底|前)?|前完成|限期)"
)
_NAMED = re.compile(
    r"《[^》]{2,40}》|“[^”]{2,16}”|开展[^，。；]{2,16}(行动|活动|专项|工程)|专项(行动|整治|治理)"
)
_MISQUOTE_CODE = "T504"


def part_text(report: ParsedReport, part: str, evidence: dict[str, Any]) -> str:
    """The text of a part: its sections' text, or for a part inside another, the line
    that mentions it."""
    state = evidence.get("state")
    if state == "section":
        return "\n".join(report.node_text(n) for n in report.sections if n.id == part)
    if state == "paragraph":
        line = next((ln for ln in report.lines if ln.no == evidence.get("line")), None)
        return line.text if line else ""
    return ""


def title_indicator(
    report: ParsedReport, outline: OutlineSpec, year: int | None
) -> tuple[bool, dict[str, Any]]:
    """The title names the genre (the outline's title patterns) and the year reported on."""
    title = report.title or ""
    ev: dict[str, Any] = {"title": report.title, "line": report.title_line}
    if not title:
        return False, {**ev, "why": "no title"}
    genre_ok = any(r.search(title) for r in outline.title_regexes)
    year_ok = year is not None and str(year) in title
    ev.update(genre_named=genre_ok, year_named=year_ok)
    return genre_ok and year_ok, ev


def causes_indicator(
    report: ParsedReport, outline: OutlineSpec, state: str, evidence: dict[str, Any]
) -> tuple[bool | None, dict[str, Any]]:
    """Whether the shortcomings part gives causes (the outline's cause markers)."""
    if state == "unknown":
        return None, {"why": "shortcomings not seen before the text is cut"}
    if state == "absent":
        return False, {"why": "no shortcomings part"}
    text = part_text(report, "shortcomings", evidence)
    for pattern in outline.section("shortcomings").cause_markers:
        m = re.search(pattern, text)
        if m:
            return True, {"sentence": sentence_at(text, m.start()), "heading": evidence.get("heading"),
                          "line": evidence.get("line")}  # fmt: skip
    return False, {"heading": evidence.get("heading"), "line": evidence.get("line")}


def plans_indicator(
    report: ParsedReport, state: str, evidence: dict[str, Any], min_kinds: int
) -> tuple[str | None, dict[str, Any]]:
    """`specific` when the plans name at least `min_kinds` of: quantities, deadlines, named
    measures (a cited document, a quoted campaign, 开展…行动); else `generic`."""
    if state == "unknown":
        return None, {"why": "plans not seen before the text is cut"}
    if state == "absent":
        return "generic", {"why": "no plans part"}
    text = part_text(report, "plans", evidence)
    heading = evidence.get("heading") or ""
    body = text.replace(heading, "", 1)
    found: dict[str, str] = {}
    quantities = find_quantities(body)
    if quantities:
        found["quantities"] = sentence_at(body, quantities[0].start)
    for kind, regex in (("deadlines", _DEADLINE), ("named_measures", _NAMED)):
        m = regex.search(body)
        if m:
            found[kind] = sentence_at(body, m.start())
    value = "specific" if len(found) >= min_kinds else "generic"
    return value, {"kinds": sorted(found), "sentences": found, "heading": heading or None,
                   "line": evidence.get("line")}  # fmt: skip


def density_indicator(report: ParsedReport) -> tuple[float | None, dict[str, Any]]:
    """Quantities per 1,000 characters of body text (the toolkit's number reader)."""
    body = report.body_text
    chars = len(re.sub(r"\s", "", body))
    if chars == 0:
        return None, {"chars": 0}
    quantities = find_quantities(body)
    examples = [q.text for q in quantities[:3]]
    value = round(len(quantities) * 1000 / chars, 2)
    return value, {"quantities": len(quantities), "chars": chars, "examples": examples}


def checker_indicator(check: CheckReport) -> tuple[int, dict[str, Any], int]:
    """Error findings (value), findings by family and severity, and misquoted citations."""
    known = codes()
    by: dict[str, Counter[str]] = {"error": Counter(), "warning": Counter()}
    for f in check.findings:
        if f.severity in by:
            by[f.severity][known[f.code].family if f.code in known else f.code[0]] += 1
    errors = sum(by["error"].values())
    misquotes = [f for f in check.findings if f.code == _MISQUOTE_CODE]
    ev = {"errors": dict(by["error"]), "warnings": dict(by["warning"]),
          "misquoted": [{"line": f.line, "excerpt": f.excerpt} for f in misquotes[:5]]}  # fmt: skip
    return errors, ev, len(misquotes)


def _linear(value: float, zero_at: float) -> float:
    return max(0.0, 1.0 - value / zero_at)


def sub_scores(row: SurveyRow, profile: Profile) -> dict[str, float]:
    """Each known indicator's score in 0..1 (an unknown value has none)."""
    v, out = row.values, {}
    if row.days_late is not None:
        out["on_time"] = (
            1.0
            if row.days_late <= 0
            else _linear(row.days_late, profile.spec("on_time").zero_at_days)
        )
    out["title"] = 1.0 if v.get("title") else 0.0
    credit = {"section": 1.0, "paragraph": profile.spec("parts").paragraph_credit, "absent": 0.0}
    known = [credit[row.parts[p]] for p in PARTS if row.parts.get(p) in credit]
    if known:
        out["parts"] = sum(known) / len(known)
    if v.get("causes") is not None:
        out["causes"] = 1.0 if v["causes"] else 0.0
    if v.get("plans_specific") is not None:
        out["plans_specific"] = 1.0 if v["plans_specific"] == "specific" else 0.0
    if v.get("data_density") is not None:
        out["data_density"] = min(
            1.0, v["data_density"] / profile.spec("data_density").target_per_1000
        )
    if v.get("length") is not None:
        out["length"] = min(1.0, v["length"] / profile.spec("length").min_chars)
    out["checker"] = _linear(v.get("checker", 0), profile.spec("checker").zero_at_errors)
    out["citations"] = _linear(v.get("citations", 0), profile.spec("citations").zero_at_misquotes)
    return {k: round(s, 4) for k, s in out.items()}


def total_score(scores: dict[str, float], profile: Profile) -> float | None:
    """100 × the weighted mean of the known indicators' scores (weights from the profile);
    None when no weighted indicator is known."""
    weights = {k: profile.weight(k) for k in scores}
    total = sum(weights.values())
    if total <= 0:
        return None
    return round(100 * sum(scores[k] * w for k, w in weights.items()) / total, 1)
