"""The `fazhi` command: a thin layer over the library."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from .check import CheckSettings, check_file
from .check.findings import codes
from .errors import FazhiError, InputError
from .facts import load_fact_sheet
from .parser import parse_file
from .references import load_references
from .render import check_table, codes_table, print_parse

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Draft and check 法治政府建设年度报告.",
)
Format = Literal["table", "json"]


def _emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="Report file (.txt or .md).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Parse a report: title, year, issuer, level, date and the heading tree."""
    report = parse_file(file)
    if format == "json":
        _emit_json(report.to_dict())
    else:
        print_parse(report, Console())


@app.command()
def check(
    file: Annotated[Path | None, typer.Argument(help="Draft to check (.txt or .md).")] = None,
    year: Annotated[
        int | None, typer.Option(help="Year reported on (default: read from the draft).")
    ] = None,
    facts: Annotated[
        Path | None, typer.Option(help="Fact sheet (YAML) to check numbers and names against.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = "table",
    select: Annotated[
        str | None, typer.Option(help="Only these codes or prefixes, e.g. N,T505.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Skip these codes or prefixes, e.g. T506.")
    ] = None,
    deadline: Annotated[
        str | None, typer.Option(help="Publication deadline in year Y+1 as MM-DD (default 04-01).")
    ] = None,
    list_codes: Annotated[
        bool, typer.Option("--list-codes", help="Print every rule code and exit.")
    ] = False,
) -> None:
    """Check a draft against the outline and the genre's rules. Exit 1 if any error is found."""
    if list_codes:
        if format == "json":
            _emit_json({code: info.model_dump() for code, info in codes().items()})
        else:
            Console().print(codes_table())
        return
    if file is None:
        raise InputError("give a FILE to check (or --list-codes)")
    if deadline is not None and not re.fullmatch(
        r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", deadline
    ):
        raise InputError(f"--deadline {deadline!r}: write it as MM-DD, e.g. 03-01")
    sheet = load_fact_sheet(facts) if facts else None
    result = check_file(
        file,
        year=year,
        facts=sheet,
        select=select,
        ignore=ignore,
        settings=CheckSettings(deadline=deadline),
    )
    if format == "json":
        _emit_json(result.to_dict())
    else:
        Console().print(check_table(result))
    raise typer.Exit(result.exit_code)


@app.command()
def demo() -> None:
    """Parse every bundled reference report and print its structure."""
    console = Console()
    refs = load_references()
    for ref in refs:
        print_parse(ref.report, console)
        console.print()
    console.print(
        f"Parsed {len(refs)} reference reports from {refs[0].path.parent if refs else '—'}."
    )


def main() -> None:
    """Entry point: user errors become one line on stderr and an exit code, never a traceback."""
    try:
        app()  # standalone: usage errors are reported by typer with exit code 2
    except FazhiError as exc:
        print(f"fazhi: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("fazhi: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG"):
            raise
        print(f"fazhi: internal error: {type(exc).__name__}: {exc} (set FAZHI_DEBUG=1 for details)",
              file=sys.stderr)  # fmt: skip
        sys.exit(70)


if __name__ == "__main__":
    main()
