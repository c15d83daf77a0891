"""`fazhi draft`, `fazhi batch`, `fazhi outline`: drafting from fact sheets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ..errors import InputError
from ..i18n import N_, _
from ..outline import default_outline
from ..output.render import (
    outline_table,
)
from .common import Format, FormatsOpt, drafter_from, emit_json, parse_formats

if TYPE_CHECKING:
    from ..output.batch import BatchItem

ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help=N_("Redraft even when the facts are unchanged, and overwrite files edited since "
               "fazhi wrote them (otherwise kept, the new draft beside them as NAME.new.md)."),
    ),
]


def draft(
    facts: Annotated[Path, typer.Argument(help=N_("Fact sheet (.yaml) of one bureau."))],
    out: Annotated[Path, typer.Option("-o", "--out", help=N_("Output folder."))] = Path("out"),
    backend: Annotated[str | None, typer.Option(help=N_("offline (default) or openai."))] = None,
    model: Annotated[
        str | None, typer.Option(help=N_("Model name for the openai backend (or FAZHI_MODEL)."))
    ] = None,
    format: FormatsOpt = "md,docx,json",
    config: Annotated[
        Path | None, typer.Option(help=N_("Config file (default: fazhi.toml if present)."))
    ] = None,
    concurrency: Annotated[int | None, typer.Option(help=N_("Sections written at once."))] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help=N_("The .docx carries each sentence's sources and each 【待核实】 objection as comments."),
        ),
    ] = False,
    previous: Annotated[
        Path | None,
        typer.Option(
            help=N_("Last year's report of this bureau: the first exemplar source (its voice).")
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Draft a report from a fact sheet. Exit 0: no error finding; 1: error findings; 3: backend failed."""
    from ..facts import load_facts
    from ..output.batch import draft_one

    formats = parse_formats(format)
    if review and "docx" not in formats:
        formats.append("docx")
    sheets = load_facts(facts)
    if len(sheets) != 1:
        raise InputError(
            _("{path}: holds {n} bureaus; use `fazhi batch` for a table").format(
                path=facts, n=len(sheets)
            )
        )
    drafter = drafter_from(backend, model, config, concurrency)
    if sheets[0].carried_over:
        print(_("fazhi: note: {n} plan(s) carried over from last year are prompts, not facts: "
                "write what was done under measures, then delete them").format(
                    n=len(sheets[0].carried_over)), file=sys.stderr)  # fmt: skip
    if previous is not None:
        from ..draft.pipeline import previous_report_warnings

        for why in previous_report_warnings(sheets[0], drafter.use_previous(previous)):
            print(_("fazhi: warning: {path}: {why}").format(path=previous, why=why),
                  file=sys.stderr)  # fmt: skip
    item = draft_one(drafter, sheets[0], out, formats, review, force)
    console = Console()
    if item.status == "failed":
        print(_("fazhi: error: {message}").format(message=item.message), file=sys.stderr)
        raise typer.Exit(3)
    if item.status == "skipped":
        console.print(_("{bureau} {year}: {message}").format(
            bureau=item.bureau, year=item.year, message=item.message))
        for f in item.files:
            console.print(_("  kept {path}").format(path=f))
        raise typer.Exit(1 if item.errors else 0)
    console.print(
        _("{bureau} {year}: {errors} error(s), {warnings} warning(s); tokens {prompt}+{completion}, "
          "cost {cost}").format(bureau=item.bureau, year=item.year, errors=item.errors,
                                warnings=item.warnings, prompt=item.prompt_tokens,
                                completion=item.completion_tokens, cost=f"{item.cost:.4f}")
    )  # fmt: skip
    print_kept(item, console)
    for f in item.files:
        console.print(_("  wrote {path}").format(path=f))
    raise typer.Exit(1 if item.errors else 0)


def print_kept(item: BatchItem, console: Console) -> None:
    """Say which edited files were left alone and where the new draft went instead."""
    for old, new in item.kept:
        console.print(_("  kept {old}: changed since fazhi wrote it; the new draft is {new} "
                        "(--force overwrites)").format(old=old, new=new))  # fmt: skip


def batch(
    sheet: Annotated[
        Path, typer.Argument(help=N_("Facts of many bureaus (.xlsx or .csv, one fact per row)."))
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help=N_("Output folder."))] = Path("out"),
    concurrency: Annotated[int, typer.Option(help=N_("Bureaus drafted at once."))] = 2,
    backend: Annotated[str | None, typer.Option(help=N_("offline (default) or openai."))] = None,
    model: Annotated[str | None, typer.Option(help=N_("Model for the openai backend."))] = None,
    format: FormatsOpt = "md,docx,json",
    config: Annotated[Path | None, typer.Option(help=N_("Config file."))] = None,
    force: ForceOpt = False,
) -> None:
    """Draft every bureau in a table; resumable; a failing bureau does not stop the others."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..facts import load_facts
    from ..output.batch import run_batch
    from ..output.render import batch_table

    formats = parse_formats(format)
    sheets = load_facts(sheet)
    drafter = drafter_from(backend, model, config, None)
    console = Console(stderr=True)
    with Progress(
        TextColumn(_("batch")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as bar:
        task = bar.add_task("batch", total=len(sheets))
        items = run_batch(
            sheets, drafter, out, formats, concurrency, lambda _it: bar.advance(task), force
        )
    Console().print(batch_table(items))
    for it in items:
        print_kept(it, Console())
        if it.status == "failed":
            print(_("fazhi: failed: {bureau} {year}: {message}").format(
                bureau=it.bureau, year=it.year, message=it.message), file=sys.stderr)  # fmt: skip
    if any(it.status == "failed" for it in items):
        raise typer.Exit(3)
    raise typer.Exit(1 if any(it.errors for it in items) else 0)


def outline(
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
) -> None:
    """The outline: section ids and topic ids to use in fact sheets and filters."""
    spec = default_outline()
    if format == "json":
        emit_json({
            "sections": [{"id": s.id, "label": s.label, "required": s.required, "required_since": s.required_since}
                         for s in spec.sections],
            "topics": [{"id": t.id, "label": t.label, "keywords": t.keywords} for t in spec.topics],
        })  # fmt: skip
        return
    Console().print(outline_table(spec))
