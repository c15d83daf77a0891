"""The checker: judge any draft against the required outline and the rules of the genre.

`check_file(path)` / `check_text(text)` / `check_report(parsed)` return a `CheckReport`
whose findings carry stable codes (see `codes()` or `fazhi check --list-codes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..i18n import _
from ..outline import OutlineSpec, default_outline
from ..parse.parser import parse_file, parse_text
from ..parse.report import ParsedReport
from . import dates, facts, genre, numbering, phrases, structure, text, titles
from .context import CheckContext, CheckSettings
from .findings import SEVERITY_ORDER, CheckReport, Finding, codes

if TYPE_CHECKING:
    from ..facts import FactSheet

FAMILIES: list[Callable[[CheckContext], None]] = [
    structure.check,
    numbering.check,
    dates.check,
    phrases.check,
    text.check,
    titles.check,
    facts.check,
]


def _parse_codes(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    if spec is None:
        return ()
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out = tuple(s.strip().upper() for s in items if s.strip())
    known = codes()
    for prefix in out:
        if not any(code.startswith(prefix) for code in known):
            raise InputError(
                _("unknown rule code or prefix {value}; see `fazhi check --list-codes`").format(
                    value=repr(prefix)
                )
            )
    return out


def check_report(
    report: ParsedReport,
    *,
    year: int | None = None,
    facts: FactSheet | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    settings: CheckSettings | None = None,
    outline: OutlineSpec | None = None,
) -> CheckReport:
    """Run every check family on a parsed report."""
    selected, ignored = _parse_codes(select), _parse_codes(ignore)
    ctx = CheckContext(
        report=report,
        outline=outline or default_outline(),
        year=year or (facts.year if facts else None) or dates.reported_year(report),
        settings=settings or CheckSettings(),
        facts=facts,
    )
    if genre.check(ctx):
        for family in FAMILIES:
            family(ctx)
    kept = [
        f
        for f in _at_the_cut(ctx.findings, report)
        if (not selected or f.code.startswith(selected))
        and not f.code.startswith(ignored or ("\0",))
    ]
    kept.sort(
        key=lambda f: (f.line if f.line is not None else 10**9, SEVERITY_ORDER[f.severity], f.code)
    )
    return CheckReport(
        findings=kept,
        report=report,
        year=ctx.year,
        source=str(report.path) if report.path else "",
    )


# Findings that a copy cut off mid-sentence causes on its last line (a quotation mark or
# 《 opened before the cut): not the author's error, so only noted.
_CUT_TAIL_CODES = ("T503",)


def _at_the_cut(findings: list[Finding], report: ParsedReport) -> list[Finding]:
    """On a cut-off text (`ParsedReport.truncated`), findings on its last line that the
    cut explains become info."""
    if not report.truncated or not report.lines:
        return findings
    last = report.lines[-1]
    tail = {last.no, *(no for _, no in last.joined)}
    return [
        replace(f, severity="info", message=f.message + "（文本在此截止）")
        if f.code in _CUT_TAIL_CODES and f.line in tail and f.severity != "info"
        else f
        for f in findings
    ]


def check_text(text: str, **kwargs: object) -> CheckReport:
    """Check a draft given as text."""
    return check_report(parse_text(text), **kwargs)  # type: ignore[arg-type]


def check_file(path: str | Path, **kwargs: object) -> CheckReport:
    """Check a draft file (.txt or .md); raises `InputError` if it cannot be read."""
    return check_report(parse_file(path), **kwargs)  # type: ignore[arg-type]


__all__ = [
    "CheckReport",
    "CheckSettings",
    "Finding",
    "check_file",
    "check_report",
    "check_text",
    "codes",
]
