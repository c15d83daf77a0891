"""Registers load time: the four JSON files read, every entry parsed and validated, and
the citation matcher's index built, as on the first check of a run (target < 200 ms)."""

from __future__ import annotations

import time

from toolkit.registers import KINDS, read_kind, registers
from toolkit.registers.match import _index, _near, judge
from toolkit.registers.records import parse_date


def run(n: int = 20) -> list[dict[str, object]]:
    read_kind("law")  # import and warm the file cache once
    rows = []
    for label, step in (
        ("read + parse + validate", lambda: registers()),
        ("+ matcher index", lambda: (registers(), _index())),
        ("+ first misquote judged", lambda: (registers(), _index(), judge("科技成果转化法"))),
    ):
        times = []
        for _ in range(n):
            registers.cache_clear()
            _index.cache_clear()
            _near.cache_clear()
            judge.cache_clear()
            parse_date.cache_clear()
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        times.sort()
        rows.append(
            {
                "benchmark": f"registers ({label})",
                "entries": len(registers()),
                "kinds": len(KINDS),
                "median ms": round(1000 * times[len(times) // 2], 1),
                "max ms": round(1000 * times[-1], 1),
                "target": "< 200 ms",
            }
        )
    return rows
