"""Accuracy on a dev set of real reports kept outside the repository.

`python -m bench devset --dir DIR` reads `DIR/truth.yaml` (a list of records with id, title,
year, issuer, level) and `DIR/pages/<id>.txt`, parses and checks every page, and prints:
title/year/issuer/level accuracy, and the error-level findings per code. With `--show` it
also lists every error finding (id, code, line, message, the line's text) for judging by hand.

Issuer comparison forgives what a reader would: the short and long names of the same kind of
body (科技局/科学技术局, 市场监管局/市场监督管理局), a name with or without the province or
city in front (重庆市巴南区科学技术局 = 巴南区科学技术局), 管委会 after a zone's name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.check import check_file
from toolkit.errors import InputError

_ALIASES = (
    ("科学技术局", "科技局"),
    ("科学技术厅", "科技厅"),
    ("市场监督管理局", "市场监管局"),
    ("管理委员会", "管委会"),
    ("卫生健康委员会", "卫生健康委"),
)
_ZONE_SUFFIX = re.compile(r"(管委会|人民政府)$")


def _canon(name: str | None) -> str:
    s = re.sub(r"\s+", "", name or "")
    for long, short in _ALIASES:
        s = s.replace(long, short)
    return s


def issuer_matches(truth: str | None, got: str | None) -> bool:
    """Whether `got` names the same body as `truth` (see the module docstring)."""
    t, g = _canon(truth), _canon(got)
    if not t or not g:
        return t == g
    if t == g:
        return True
    t2, g2 = _ZONE_SUFFIX.sub("", t), _ZONE_SUFFIX.sub("", g)
    if t2 and t2 == g2 and ("新区" in t2 or "高新区" in t2 or "开发区" in t2):
        return True
    short, long = sorted((t, g), key=len)
    # 巴南区科技局 inside 重庆市巴南区科技局: the shorter keeps its own place name.
    generic = re.match(r"^(?:[省市县区州旗]|自治|人民政府$)", short)
    return long.endswith(short) and len(short) >= 4 and not generic


def title_matches(truth: str | None, got: str | None) -> bool:
    return re.sub(r"\s+", "", truth or "") == re.sub(r"\s+", "", got or "")


@dataclass
class PageResult:
    """What the toolkit made of one page."""

    id: str
    title_ok: bool
    year_ok: bool
    issuer_ok: bool
    level_ok: bool
    got: dict[str, object]
    errors: list[tuple[str, int | None, str, str]] = field(default_factory=list)


def evaluate(folder: str | Path) -> list[PageResult]:
    """Parse and check every page listed in `folder/truth.yaml`."""
    root = Path(folder)
    truth_file = root / "truth.yaml"
    if not truth_file.is_file():
        raise InputError(f"{truth_file} not found: the dev set needs truth.yaml and pages/")
    records = yaml.safe_load(truth_file.read_text(encoding="utf-8")) or []
    results = []
    for rec in records:
        page = root / "pages" / f"{rec['id']}.txt"
        text = page.read_text(encoding="utf-8")
        cr = check_file(page)
        r = cr.report
        lines = text.split("\n")
        errors = [
            (
                f.code,
                f.line,
                f.message,
                lines[f.line - 1][:50] if f.line and f.line <= len(lines) else "",
            )
            for f in cr.findings
            if f.severity == "error"
        ]
        results.append(
            PageResult(
                id=str(rec["id"]),
                title_ok=title_matches(rec.get("title"), r.title),
                year_ok=rec.get("year") == r.year,
                issuer_ok=issuer_matches(rec.get("issuer"), r.issuer),
                level_ok=rec.get("level") == r.level,
                got={"title": r.title, "year": r.year, "issuer": r.issuer, "level": r.level},
                errors=errors,
            )
        )
    return results


def summary_rows(results: list[PageResult]) -> list[dict[str, object]]:
    """Accuracy per field and error findings per code."""
    n = len(results) or 1
    rows: list[dict[str, object]] = []
    for name in ("title", "year", "issuer", "level"):
        ok = sum(getattr(r, f"{name}_ok") for r in results)
        rows.append({"measure": f"{name} right", "value": f"{ok}/{len(results)} ({ok / n:.0%})"})
    per_code = Counter(code for r in results for code, *_ in r.errors)
    pages = Counter(code for r in results for code in {c for c, *_ in r.errors})
    total = sum(per_code.values())
    rows.append({"measure": "error findings", "value": f"{total} on {len(results)} pages"})
    for code, count in sorted(per_code.items()):
        rows.append({"measure": f"  {code}", "value": f"{count} (on {pages[code]} pages)"})
    return rows


def detail_rows(results: list[PageResult]) -> list[dict[str, object]]:
    """Every miss and every error finding, for judging by hand."""
    rows: list[dict[str, object]] = []
    for r in results:
        misses = [k for k in ("title", "year", "issuer", "level") if not getattr(r, f"{k}_ok")]
        if misses:
            got = ", ".join(f"{k}={r.got[k]}" for k in misses)
            rows.append({"id": r.id, "what": "miss", "detail": got})
        for code, line, message, text in r.errors:
            rows.append({"id": r.id, "what": f"{code}@{line}", "detail": f"{message} | {text}"})
    return rows
