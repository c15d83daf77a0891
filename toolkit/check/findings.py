"""Findings: typed records with a stable code, a severity, a place and a fix."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ..display import HTMLText, render_html
from ..paths import PACKAGE_DATA

if TYPE_CHECKING:
    import pandas as pd

    from ..parse.report import ParsedReport

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class CodeInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    family: Literal["genre", "structure", "numbering", "dates", "phrases", "text", "facts"]
    severity: Severity
    title: str
    fixable: bool = False  # `fazhi fix` can correct it mechanically (toolkit.review.fixes)


@cache
def codes() -> dict[str, CodeInfo]:
    """Every rule code with its family, default severity and meaning."""
    raw = yaml.safe_load((PACKAGE_DATA / "check_codes.yaml").read_text(encoding="utf-8"))
    return {code: CodeInfo.model_validate(info) for code, info in raw.items()}


@dataclass(frozen=True)
class Finding:
    """One problem found in a draft."""

    code: str
    severity: Severity
    message: str
    suggestion: str | None
    line: int | None
    section: str
    excerpt: str = ""
    heading: str = ""
    fixable: bool = False  # a safe mechanical fix exists for this kind of finding
    also: tuple[int, ...] = ()  # further lines the same finding covers (e.g. sibling headings)
    # Where the flagged words lie in `excerpt` (start, end), when the finding is about words
    # of a line rather than the whole excerpt: a Word comment covers these words only.
    span: tuple[int, int] | None = None

    @property
    def title(self) -> str:
        return codes()[self.code].title

    @property
    def flagged(self) -> str:
        """The words the finding is about (the whole excerpt when it has no span)."""
        return self.excerpt[self.span[0] : self.span[1]] if self.span else self.excerpt


@dataclass
class CheckReport:
    """The findings on one draft, with the parsed report they refer to."""

    findings: list[Finding]
    report: ParsedReport
    year: int | None
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.has_errors else 0

    def codes_found(self) -> set[str]:
        return {f.code for f in self.findings}

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "year": self.year,
            "findings": len(self.findings),
            **self.counts(),
            "by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "findings": [{**asdict(f), "title": f.title} for f in self.findings],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def _repr_html_(self) -> str:
        return render_html("check_report", self)

    def highlighted(self) -> HTMLText:
        """The text with the findings highlighted at their lines (an HTML object for notebooks)."""
        return HTMLText(render_html("highlighted_text", self))

    def to_dataframe(self) -> pd.DataFrame:
        """One row per finding (columns: code, severity, line, section, heading, message...)."""
        import pandas as pd

        cols = [
            "code",
            "severity",
            "line",
            "section",
            "heading",
            "title",
            "message",
            "suggestion",
            "excerpt",
            "fixable",
        ]
        rows = [{**asdict(f), "title": f.title} for f in self.findings]
        df = pd.DataFrame(rows, columns=cols)
        df["line"] = df["line"].astype("Int64")
        return df
