"""`fazhi survey`: the third-party assessment of many published reports, automated."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..errors import InputError
from ..i18n import N_, _
from .common import Format, emit_json


def _corpus_sources(store: Path | None) -> list[Path]:
    """The files the corpus store's reports were ingested from (those still on disk)."""
    from ..corpus import CorpusStore

    with CorpusStore(store) as st:
        sources = [Path(s) for s in st.frame("reports")["source"].tolist()]
    return [s for s in sources if s.is_file()]


def survey(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=N_("Reports or folders of reports (any format the readers accept).")),
    ] = None,
    corpus: Annotated[
        bool, typer.Option("--corpus", help=N_("Survey the reports of the corpus store."))
    ] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help=N_("Corpus store for --corpus."))
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help=N_("Excel workbook to write (.xlsx): one sheet per view.")),
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help=N_("Indicator profile (YAML); default: the built-in one.")),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
) -> None:
    """`fazhi survey`; its help, in the user's language, is in `app.command_help`."""
    from ..survey import load_profile, survey_paths, to_json, write_excel

    chosen = load_profile(profile)  # a bad profile fails before any work
    sources: list[Path] = list(paths or [])
    if corpus:
        stored = _corpus_sources(store)
        if not stored:
            raise InputError(_("the corpus store has no report whose file is still on disk"))
        sources += stored
    if not sources:
        raise InputError(_("nothing to survey: give reports or folders, or --corpus"))
    console = Console(stderr=True)

    def progress(i: int, n: int, file: str) -> None:
        if sys.stderr.isatty() and (i % 25 == 0 or i == n):
            console.print(_("surveyed {i}/{n}").format(i=i, n=n), end="\r")

    result = survey_paths(sources, chosen, progress=progress)
    for skipped in result.skipped:
        print(_("fazhi: warning: skipped {file}: {reason}").format(
            file=skipped.file, reason=skipped.reason), file=sys.stderr)  # fmt: skip
    if not result.rows:
        raise InputError(_("no document could be surveyed (empty collection)"))
    if out is not None:
        written = write_excel(result, out)
        print(_("{path}: {n} report(s), {m} of other genres").format(
            path=written, n=len(result.reports), m=len(result.others)), file=sys.stderr)  # fmt: skip
    if format == "json":
        emit_json(to_json(result))
        return
    from ..output.survey_tables import aggregate_tables, others_table, reports_table

    stdout = Console()
    stdout.print(reports_table(result))
    if result.others:
        stdout.print(others_table(result))
    for table in aggregate_tables(result):
        stdout.print(table)


