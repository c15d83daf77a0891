"""Run benchmarks and print their tables: `python -m bench [check] ...`.

`python -m bench devset --dir DIR [--show]` measures parsing and checking on a dev set of
real reports kept outside the repository (see `bench/devset.py`)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from toolkit.errors import InputError

from . import (
    check_speed,
    collect_speed,
    corpus_bench,
    devset,
    draft_speed,
    extract_devset,
    extract_speed,
    load_run,
    read_speed,
    registers_load,
    review_speed,
    scale_bench,
    survey_devset,
    survey_speed,
)

BENCHMARKS: dict[str, Callable[[], list[dict[str, object]]]] = {
    "check": check_speed.run,
    "collect": collect_speed.run,
    "corpus": corpus_bench.run,
    "corpus-scale": scale_bench.run,
    "draft": draft_speed.run,
    "extract": extract_speed.run,
    "load": load_run.run,
    "read": read_speed.run,
    "registers": registers_load.run,
    "review": review_speed.run,
    "survey": survey_speed.run,
}


def print_rows(title: str, rows: list[dict[str, object]]) -> None:
    table = Table(title=title, title_justify="left")
    for col in rows[0]:
        table.add_column(str(col))
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    Console(width=200).print(table)


Tables = tuple[tuple[str, list[dict[str, object]]], tuple[str, list[dict[str, object]]]]


def _devset(folder: str) -> Tables:
    results = devset.evaluate(folder)
    return ((f"devset ({len(results)} pages)", devset.summary_rows(results)),
            ("misses and error findings", devset.detail_rows(results)))  # fmt: skip


def _extract_devset(folder: str) -> Tables:
    results = extract_devset.evaluate(folder)
    return ((f"extract devset ({len(results)} pages)", extract_devset.summary_rows(results)),
            ("misses", extract_devset.detail_rows(results)))  # fmt: skip


def _survey_devset(folder: str) -> Tables:
    summary, misses = survey_devset.evaluate(folder)
    return ("survey dev set", summary), ("misses", misses)


# Dev sets of real documents kept outside the repository: `python -m bench NAME --dir DIR [--show]`.
DEVSETS: dict[str, Callable[[str], Tables]] = {
    "devset": _devset,
    "extract-devset": _extract_devset,
    "survey-devset": _survey_devset,
}


def _run_devset(name: str, argv: list[str]) -> int:
    if "--dir" not in argv or argv.index("--dir") + 1 >= len(argv):
        print(f"usage: python -m bench {name} --dir DIR [--show]", file=sys.stderr)
        return 2
    try:
        (title, summary), (detail_title, detail) = DEVSETS[name](argv[argv.index("--dir") + 1])
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print_rows(title, summary)
    if "--show" in argv and detail:
        print_rows(detail_title, detail)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] and argv[0] in DEVSETS:
        return _run_devset(argv[0], argv[1:])
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}",
            file=sys.stderr,
        )
        return 2
    for name in names:
        print_rows(name, BENCHMARKS[name]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
