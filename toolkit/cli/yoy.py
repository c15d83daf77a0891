"""`fazhi extract`, `fazhi compare`: year over year."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..errors import InputError
from ..i18n import N_, _
from .common import Format, emit_json


def extract(
    report: Annotated[
        Path, typer.Argument(help=N_("Last year's report (any format the readers accept)."))
    ],
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help=N_("Fact sheet to write (.yaml); default: print it.")),
    ] = None,
    next_year: Annotated[
        bool,
        typer.Option(
            "--next-year",
            help=N_("A sheet for the following year: quantities blanked, plans carried over."),
        ),
    ] = False,
    year: Annotated[
        int | None, typer.Option(help=N_("Year reported on (default: read from the report)."))
    ] = None,
) -> None:
    """A fact sheet from an existing report; comments mark what to check. Exit 2: not this genre."""
    from ..facts import load_fact_sheet
    from ..yoy.extract import extract_file
    from ..yoy.nextyear import next_year_yaml

    result = extract_file(report, year=year)
    text = next_year_yaml(result) if next_year else result.to_yaml()
    if out is None:
        sys.stdout.write(text)
        return
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(_("-o {path}: a fact sheet is written as .yaml").format(path=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    sheet = load_fact_sheet(out)  # what we wrote must load
    n = len(sheet.all_facts())
    q = sum(len(f.quantities) for f in sheet.all_facts())
    line = _("{path}: {bureau} {year}, {n} fact(s), {q} quantity(ies)").format(
        path=out, bureau=sheet.bureau.name, year=sheet.year, n=n, q=q)
    if next_year:
        line += _(", {n} plan(s) carried over").format(n=len(sheet.carried_over))
    print(line, file=sys.stderr)  # fmt: skip


def compare(
    old: Annotated[
        Path, typer.Argument(help=N_("The earlier year: a report or a fact sheet (.yaml)."))
    ],
    new: Annotated[Path, typer.Argument(help=N_("The later year: a report or a fact sheet (.yaml)."))],
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
) -> None:
    """Year over year: facts only in one year, changed quantities, last year's plans followed up."""
    from ..output.render import compare_tables
    from ..yoy.compare import compare_files

    result = compare_files(old, new)
    for w in result.warnings:
        print(_("fazhi: warning: {why}").format(why=w), file=sys.stderr)
    if format == "json":
        emit_json(result.to_dict())
        return
    console = Console()
    for table in compare_tables(result):
        console.print(table)
