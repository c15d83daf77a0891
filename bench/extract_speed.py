"""Extraction speed: a fact sheet from a report of ~10,000 characters (target < 0.5 s),
parsing included, on reports recombined from the reference reports' sections."""

from __future__ import annotations

import random
import statistics
import time

from toolkit.parse import parse_text
from toolkit.yoy.extract import extract_report

from .synth import make_report, section_pool


def run(n: int = 20, chars: int = 12_000) -> list[dict[str, object]]:
    rng = random.Random(11)
    pool = section_pool()
    reports = [make_report(rng, pool, chars) for _ in range(n)]
    t = time.perf_counter()
    extract_report(parse_text(reports[0]))  # the first call loads the rules and tables
    cold = time.perf_counter() - t
    parse_s, extract_s, facts, quantities = [], [], 0, 0
    for text in reports:
        t0 = time.perf_counter()
        parsed = parse_text(text)
        t1 = time.perf_counter()
        result = extract_report(parsed)
        t2 = time.perf_counter()
        parse_s.append(t1 - t0)
        extract_s.append(t2 - t1)
        facts += len(result.sheet.all_facts())
        quantities += sum(len(f.quantities) for f in result.sheet.all_facts())
    total = [a + b for a, b in zip(parse_s, extract_s, strict=True)]
    return [
        {
            "benchmark": "extract (parse + facts + quantities)",
            "reports": n,
            "avg chars": sum(len(t) for t in reports) // n,
            "parse ms (median)": round(1000 * statistics.median(parse_s), 1),
            "extract ms (median)": round(1000 * statistics.median(extract_s), 1),
            "total ms (median)": round(1000 * statistics.median(total), 1),
            "total ms (max)": round(1000 * max(total), 1),
            "first call ms": round(1000 * cold, 1),
            "facts/report": round(facts / n, 1),
            "quantities/report": round(quantities / n, 1),
            "target": "< 500 ms",
        }
    ]
