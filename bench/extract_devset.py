"""`fazhi extract` on a dev set of real pages kept outside the repository.

`python -m bench extract-devset --dir DIR [--show]` reads `DIR/labels.json` (a list of
records: id, issuer, level, superiors, date, year; labelled by hand) and `DIR/pages/<id>.txt`,
extracts each page's fact sheet and prints how often the bureau's name, level, superiors and
date are right, how many set phrases (作为一项…任务, 一把手…) were taken as quantities, and
how many figures `--next-year` blanked that are not real figures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError
from toolkit.yoy import extract_file, next_year

from .devset import issuer_matches

# A quantity is real when it counts something: a set phrase never does (作为一项…任务,
# 两个维护, 四个意识, 三个到位, 一把手, 一站式, 第一责任人, 一是).
_SET_PHRASE = re.compile(
    r"(?:(?<=[作是为])一项(?=[^，。；]{0,12}(?:任务|工作|制度|要求))|两个(?=确立|维护)"
    r"|四个(?=意识|自信)|三个(?=到位|代表)|一(?=把手|站式|岗双责)|第一(?=责任人|议题)"
    r"|[一二三四五六七八九十]+(?=是))"
)


@dataclass
class PageOutcome:
    id: str
    ok: dict[str, bool]
    got: dict[str, object]
    set_phrases: list[str] = field(default_factory=list)
    blanked: int = 0


def _superiors_ok(truth: list[str], got: list[str]) -> bool:
    return [re.sub(r"\s", "", s) for s in truth] == [re.sub(r"\s", "", s) for s in got]


def evaluate(folder: str | Path) -> list[PageOutcome]:
    root = Path(folder)
    labels = root / "labels.json"
    if not labels.is_file():
        raise InputError(f"{labels} not found: the dev set needs labels.json and pages/")
    out = []
    for rec in json.loads(labels.read_text(encoding="utf-8")):
        page = root / "pages" / f"{rec['id']}.txt"
        try:
            result = extract_file(page, year=rec.get("year"))
        except InputError as exc:
            out.append(
                PageOutcome(
                    rec["id"],
                    dict.fromkeys(("issuer", "level", "superiors", "date"), False),
                    {"error": str(exc)},
                )
            )
            continue
        b = result.sheet.bureau
        name = None if b.name.startswith("【") else b.name
        date = result.sheet.date.isoformat() if result.sheet.date else None
        ok = {
            "issuer": issuer_matches(rec.get("issuer"), name),
            "level": rec["level"] == b.level,
            "superiors": _superiors_ok(rec.get("superiors") or [], b.superiors),
            "date": rec.get("date") == date,
        }
        phrases = [q.text for f in result.facts for q in f.quantities
                   for m in _SET_PHRASE.finditer(f.text) if m.group(0) == q.text]  # fmt: skip
        sheet, _notes, _head = next_year(result.sheet)
        blanked = sum(len(f.quantities) for gs in sheet.sections.values() for g in gs
                      for f in g.facts)  # fmt: skip
        got = {"issuer": name, "level": b.level, "superiors": "、".join(b.superiors), "date": date}
        out.append(PageOutcome(rec["id"], ok, got, phrases, blanked))
    return out


def summary_rows(results: list[PageOutcome]) -> list[dict[str, object]]:
    n = len(results) or 1
    rows: list[dict[str, object]] = []
    for key in ("issuer", "level", "superiors", "date"):
        good = sum(r.ok[key] for r in results)
        rows.append({"measure": f"{key} right", "value": f"{good}/{len(results)} ({good / n:.0%})"})
    allk = sum(all(r.ok.values()) for r in results)
    rows.append({"measure": "all four right", "value": f"{allk}/{len(results)} ({allk / n:.0%})"})
    cells = sum(sum(r.ok.values()) for r in results)
    rows.append({"measure": "fields right", "value": f"{cells}/{4 * len(results)} "
                 f"({cells / (4 * n):.1%})"})  # fmt: skip
    sp = sum(len(r.set_phrases) for r in results)
    rows.append({"measure": "set phrases as quantities", "value": str(sp)})
    return rows


def detail_rows(results: list[PageOutcome]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for r in results:
        for key, good in r.ok.items():
            if not good:
                rows.append({"id": r.id, "what": key, "got": str(r.got.get(key, r.got))})
        for q in r.set_phrases:
            rows.append({"id": r.id, "what": "set phrase", "got": q})
    return rows
