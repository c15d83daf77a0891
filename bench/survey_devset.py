"""Survey accuracy on a hand-labelled dev set kept outside the repository.

`python -m bench survey-devset --dir DIR [--show]` reads `DIR/labels/<id>.json` (genre,
parts, written, published; labelled by hand before the survey ran) and `DIR/pages/<id>.txt`
(each page's text as collected, chrome included), surveys the pages and prints: part states
right, dates right, other genres kept out, reports kept in. `--show` lists every miss.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from toolkit.errors import InputError
from toolkit.survey import PARTS, survey_paths


def evaluate(folder: str | Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(summary rows, misses) for the dev set in `folder`."""
    root = Path(folder)
    labels = {
        p.stem: json.loads(p.read_text("utf-8")) for p in sorted((root / "labels").glob("*.json"))
    }
    if not labels:
        raise InputError(f"{root}/labels/*.json not found: the dev set needs labels/ and pages/")
    rows = {Path(r.file).stem: r for r in survey_paths([root / "pages"]).rows}
    misses: list[dict[str, Any]] = []
    parts_ok = parts_n = dates_ok = dates_n = kept_out = others = kept_in = ours = 0
    report_dates_ok = report_dates_n = 0
    for pid, lab in labels.items():
        row = rows[pid]
        got_dates = {"written": row.written, "published": row.published}
        for field in ("written", "published"):
            dates_n += 1
            got = got_dates[field].isoformat() if got_dates[field] else None
            right = got == lab.get(field)
            dates_ok += right
            if lab["genre"] == "report":
                report_dates_n += 1
                report_dates_ok += right
            if not right:
                misses.append({"id": pid, "what": field, "label": lab.get(field), "got": got})
        if lab["genre"] != "report":
            others += 1
            kept_out += not row.ours
            if row.ours:
                misses.append({"id": pid, "what": "genre", "label": lab["genre"], "got": row.genre})
            continue
        ours += 1
        kept_in += row.ours
        if not row.ours:
            misses.append({"id": pid, "what": "genre", "label": "report", "got": row.genre})
        for part in PARTS:
            parts_n += 1
            got = row.parts.get(part)
            if got == lab["parts"][part]:
                parts_ok += 1
            else:
                misses.append({"id": pid, "what": part, "label": lab["parts"][part], "got": got})

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"

    summary = [
        {"measure": "part states right (reports)", "value": pct(parts_ok, parts_n)},
        {
            "measure": "dates right (written + published, reports)",
            "value": pct(report_dates_ok, report_dates_n),
        },
        {
            "measure": "dates right (written + published, all pages)",
            "value": pct(dates_ok, dates_n),
        },
        {"measure": "other genres kept out", "value": pct(kept_out, others)},
        {"measure": "reports kept in", "value": pct(kept_in, ours)},
    ]
    return summary, misses
