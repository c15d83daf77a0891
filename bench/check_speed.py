"""Checker throughput: reports of ~8,000 characters checked per second on one core."""

from __future__ import annotations

import random
import time

from toolkit.check import check_text
from toolkit.check.titles import canonical, near_miss
from toolkit.registers.match import judge

from .synth import make_report, section_pool


def _measure(reports: list[str], cold: bool) -> tuple[float, int]:
    start = time.perf_counter()
    findings = 0
    for text in reports:
        if cold:
            near_miss.cache_clear()  # as if every citation were new
            judge.cache_clear()
            canonical.cache_clear()
        findings += len(check_text(text).findings)
    return time.perf_counter() - start, findings


def run(n: int = 200) -> list[dict[str, object]]:
    rng = random.Random(7)
    pool = section_pool()
    reports = [make_report(rng, pool, 8000) for _ in range(n)]
    check_text(reports[0])  # load the outline and compile the patterns once
    chars = sum(len(t) for t in reports)
    rows = []
    for label, cold in (("title cache cold", True), ("title cache warm", False)):
        elapsed, findings = _measure(reports, cold)
        rows.append(
            {
                "benchmark": f"check ({label})",
                "reports": n,
                "avg chars": chars // n,
                "seconds": round(elapsed, 2),
                "reports/s": round(n / elapsed, 1),
                "ms/report": round(1000 * elapsed / n, 2),
                "findings/report": round(findings / n, 1),
                "target": ">= 100 reports/s",
            }
        )
    return rows
