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


def _devset(argv: list[str]) -> int:
    if "--dir" not in argv or argv.index("--dir") + 1 >= len(argv):
        print("usage: python -m bench devset --dir DIR [--show]", file=sys.stderr)
        return 2
    folder = argv[argv.index("--dir") + 1]
    try:
        results = devset.evaluate(folder)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print_rows(f"devset ({len(results)} pages)", devset.summary_rows(results))
    if "--show" in argv:
        print_rows("misses and error findings", devset.detail_rows(results))
    return 0


def _extract_devset(argv: list[str]) -> int:
    if "--dir" not in argv or argv.index("--dir") + 1 >= len(argv):
        print("usage: python -m bench extract-devset --dir DIR [--show]", file=sys.stderr)
        return 2
    try:
        results = extract_devset.evaluate(argv[argv.index("--dir") + 1])
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print_rows(f"extract devset ({len(results)} pages)", extract_devset.summary_rows(results))
    misses = extract_devset.detail_rows(results)
    if "--show" in argv and misses:
        print_rows("misses", misses)
    return 0


def _survey_devset(argv: list[str]) -> int:
    if "--dir" not in argv or argv.index("--dir") + 1 >= len(argv):
        print("usage: python -m bench survey-devset --dir DIR [--show]", file=sys.stderr)
        return 2
    try:
        summary, misses = survey_devset.evaluate(argv[argv.index("--dir") + 1])
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print_rows("survey dev set", summary)
    if "--show" in argv and misses:
        print_rows("misses", misses)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["devset"]:
        return _devset(argv[1:])
    if argv[:1] == ["extract-devset"]:
        return _extract_devset(argv[1:])
    if argv[:1] == ["survey-devset"]:
        return _survey_devset(argv[1:])
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
