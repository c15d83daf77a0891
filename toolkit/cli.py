"""The `fazhi` command: a thin layer over the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from .errors import FazhiError
from .parser import parse_file
from .references import load_references
from .render import print_parse

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
