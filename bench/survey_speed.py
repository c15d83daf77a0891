"""Survey throughput: 1,000 reports of ~8,000 characters (files on disk, some as saved web
pages with a date in their chrome) surveyed end to end, with an Excel workbook written.
Target: under 60 s and under 2 GiB peak memory."""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

from toolkit.survey import survey_paths, write_excel

from .synth import PLACES, make_report, section_pool


def _write(folder: Path, n: int) -> None:
    rng = random.Random(11)
    pool = section_pool()
    for i in range(n):
        year = rng.choice((2019, 2020, 2021, 2022, 2023))
        place = rng.choice(PLACES)
        text = make_report(rng, pool, 8000)
        if i % 2:  # half are page copies with their publication date in the chrome
            day = rng.randint(1, 28)
            text = f"首页 > 政务公开\n发布时间：{year + 1}-0{rng.randint(1, 6)}-{day:02d}\n\n{text}"
        (folder / f"{i:04d}_{place}.txt").write_text(text, encoding="utf-8")


def _cpu() -> float:
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(n: int = 1000) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, n)
        start, cpu0 = time.perf_counter(), _cpu()
        result = survey_paths([folder])
        surveyed = time.perf_counter() - start
        write_excel(result, folder / "survey.xlsx")
        total, cpu = time.perf_counter() - start, _cpu() - cpu0
    peak_mib = max(resource.getrusage(who).ru_maxrss for who in
                   (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024  # fmt: skip
    return [{
        "benchmark": "survey (read, parse, check, indicators) + Excel",
        "documents": n,
        "scored": len(result.reports),
        "other genres": len(result.others),
        "survey s": round(surveyed, 1),
        "with Excel s": round(total, 1),
        "docs/s": round(n / surveyed, 1),
        "CPU s (all processes)": round(cpu, 1),
        "peak MiB (largest process)": round(peak_mib),
        "target": "< 60 s, < 2048 MiB",
    }]  # fmt: skip
