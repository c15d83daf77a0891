"""Synthetic reports made by recombining the parsed sections of the reference reports."""

from __future__ import annotations

import random
from pathlib import Path

from toolkit.corpus.references import load_references
from toolkit.parse import ParsedReport

PLACES = [
    "临川县",
    "河西区",
    "南平市",
    "东山县",
    "西湖区",
    "北塘县",
    "青原区",
    "安远县",
    "江华市",
    "永宁县",
]


def section_pool() -> dict[str, list[str]]:
    """Text of every top-level section of the Chinese reference reports, by canonical id."""
    pool: dict[str, list[str]] = {}
    for ref in load_references():
        report: ParsedReport = ref.report
        if report.language != "zh":
            continue
        for node in report.sections:
            pool.setdefault(node.id or "measures", []).append(report.node_text(node))
    return pool


def _shuffled(rng: random.Random, text: str) -> str:
    head, *paras = text.split("\n")
    rng.shuffle(paras)
    return "\n".join([head, *paras])


def make_report(rng: random.Random, pool: dict[str, list[str]], target_chars: int = 8000) -> str:
    """A report of about `target_chars` characters with the usual outline."""
    year = rng.randint(2019, 2025)
    place = rng.choice(PLACES)
    head = f"{place}科学技术局{year}年法治政府建设工作情况报告\n\n{year}年，{place}科学技术局坚持依法行政。\n\n"
    parts = [head]
    size = len(head)
    while size < target_chars * 0.75:
        chunk = _shuffled(rng, rng.choice(pool["measures"]))
        parts.append(chunk)
        size += len(chunk)
    for sid in ("shortcomings", "plans"):
        if pool.get(sid):
            parts.append(rng.choice(pool[sid]))
    parts.append(f"特此报告。\n\n{place}科学技术局\n{year + 1}年1月20日\n")
    return "\n\n".join(parts)[: int(target_chars * 1.2)]


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` synthetic reports as files; returns their paths."""
    rng = random.Random(seed)
    pool = section_pool()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"r{i:05d}.txt"
        p.write_text(make_report(rng, pool), encoding="utf-8")
        paths.append(p)
    return paths
