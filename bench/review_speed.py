"""Review loop speed: a report of ~8,000 characters as .docx annotated (every finding a
comment) and fixed (tracked changes), and as text fixed (a diff), per report."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from toolkit.output.export import text_to_docx
from toolkit.review import annotate_file, fix_file

from .synth import make_report, section_pool

# Defects the fixer settles, sprinkled into the synthetic reports.
_DEFECTS = [("法治宣传", "法制宣传"), ("，", ","), ("（", "("), ("）", ")"), ("。", "。 ")]


def _with_defects(rng: random.Random, text: str) -> str:
    for right, wrong in _DEFECTS:
        k = 0
        while (k := text.find(right, k + 1)) != -1:
            if rng.random() < 0.15:
                text = text[:k] + wrong + text[k + len(right) :]
    return text


def run(n: int = 20) -> list[dict[str, object]]:
    rng = random.Random(11)
    pool = section_pool()
    reports = [_with_defects(rng, make_report(rng, pool, 8000)) for _ in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs, txts = [], []
        for i, text in enumerate(reports):
            txt = root / f"r{i}.txt"
            txt.write_text(text, encoding="utf-8")
            txts.append(txt)
            doc = root / f"r{i}.docx"
            doc.write_bytes(text_to_docx(text.split("\n")))
            docs.append(doc)
        annotate_file(docs[0], root / "warm.docx")  # load the outline and the patterns once
        rows = []
        for label, job in (
            ("annotate .docx", lambda i: annotate_file(docs[i], root / f"a{i}.docx").at_place),
            (
                "fix .docx (tracked)",
                lambda i: len(fix_file(docs[i], out=root / f"f{i}.docx").edits),
            ),
            ("fix .txt (diff)", lambda i: len(fix_file(txts[i]).edits)),
        ):
            start = time.perf_counter()
            count = sum(job(i) for i in range(n))
            elapsed = time.perf_counter() - start
            rows.append(
                {
                    "benchmark": label,
                    "reports": n,
                    "avg chars": sum(len(t) for t in reports) // n,
                    "ms/report": round(1000 * elapsed / n, 1),
                    "comments or edits/report": round(count / n, 1),
                    "target": "<= 1000 ms/report",
                }
            )
    return rows
