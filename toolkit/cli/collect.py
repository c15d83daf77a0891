"""`fazhi collect`: published reports from government web pages (or saved copies) into
the corpus; a thin layer over `toolkit.collect`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..corpus.uri import open_store
from ..errors import InputError
from ..i18n import N_, _
from .common import Format, emit_json
from .corpus import StoreOpt

if TYPE_CHECKING:
    from ..collect import CollectResult


def _label(status: str) -> str:
    labels = {
        "collected": _("collected"), "duplicate": _("duplicate"),
        "other_genre": _("other genre"), "disallowed": _("disallowed"),
        "failed": _("failed"), "unchanged": _("unchanged"),
    }  # fmt: skip
    return labels.get(status, status)


def print_summary(result: CollectResult, console: Console) -> None:
    """A table of the items, one line each, then the merges and the counts."""
    table = Table(title=_("Collection"), title_justify="left")
    for head in (_("status"), _("address"), _("reason"), _("report")):
        table.add_column(head, overflow="fold")
    for o in result.items:
        table.add_row(
            _label(o.status), o.url, o.reason, "" if o.report_id is None else str(o.report_id)
        )
    console.print(table)
    for m in result.merges:
        console.print(
            _("merged: {loser} -> {winner} (similarity {sim:.2f})").format(
                loser=m.loser, winner=m.winner, sim=m.similarity
            )
        )
    counts = result.counts()
    console.print(
        "，".join(f"{_label(s)} {n}" for s, n in counts.items()) or _("nothing to collect")
    )


def collect_cmd(
    urls: Annotated[
        list[str] | None,
        typer.Argument(help=N_("Web addresses of report pages, report files or column pages.")),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help=N_("A list of addresses: .txt (one a line), .csv or .xlsx.")),
    ] = None,
    follow_list: Annotated[
        bool,
        typer.Option(
            "--follow-list",
            help=N_(
                "Treat the addresses as column pages: collect the reports they link to (one level)."
            ),
        ),
    ] = False,
    offline: Annotated[
        Path | None,
        typer.Option(
            "--offline",
            help=N_(
                "A folder of saved pages (with their _files folders) and downloaded files; nothing is fetched."
            ),
        ),
    ] = None,
    reread: Annotated[
        bool,
        typer.Option(
            "--reread",
            help=N_(
                "Read everything collected again from the stored bytes (after a reader fix); nothing is fetched."
            ),
        ),
    ] = False,
    recheck: Annotated[
        bool,
        typer.Option(
            "--recheck",
            help=N_(
                "Ask again for pages collected earlier (conditional requests: unchanged pages are not downloaded)."
            ),
        ),
    ] = False,
    store: StoreOpt = None,
    delay: Annotated[
        float, typer.Option(help=N_("Seconds between two requests to one host."))
    ] = 1.0,
    timeout: Annotated[float, typer.Option(help=N_("Seconds before a request is given up."))] = 20.0,
    retries: Annotated[int, typer.Option(help=N_("Retries on 429, 5xx and network errors."))] = 3,
    max_mb: Annotated[
        int, typer.Option("--max-mb", help=N_("Size cap of one download in MiB."))
    ] = 16,
    workers: Annotated[int, typer.Option(help=N_("Hosts fetched at the same time."))] = 4,
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
) -> None:
    """Collect published reports into the corpus: polite fetching, attachments, the genre check, duplicates; a rerun fetches only what is missing or failed."""
    from ..collect import CollectConfig, Collector, read_url_list  # fetching stack: on use

    chosen = sum(bool(x) for x in (urls or from_file, offline, reread))
    if chosen != 1:
        raise InputError(
            _("give web addresses (or --from FILE), or --offline DIR, or --reread: one of them")
        )
    junk: list[tuple[str, str]] = []
    addresses = list(urls or [])
    if from_file is not None:
        listed = read_url_list(from_file)
        addresses += listed.urls
        junk = listed.junk
    config = CollectConfig(
        delay=delay,
        timeout=timeout,
        retries=retries,
        max_bytes=max_mb * 1_048_576,
        workers=workers,
        follow_list=follow_list,
        recheck=recheck,
    )
    console = Console(stderr=True)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with (
        open_store(store) as st,
        Progress(
            TextColumn(_("collect")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=not console.is_terminal,
        ) as bar,
    ):
        task = bar.add_task("", total=None)

        def tick(done: int, total: int, url: str) -> None:
            bar.update(task, completed=done, total=total, description=url[-60:])

        collector = Collector(st, config, progress=tick)
        try:
            if offline is not None:
                result = collector.run_offline(offline)
            elif reread:
                result = collector.reread()
            else:
                result = collector.run(addresses, junk)
        finally:
            collector.close()
    if format == "json":
        emit_json(result.to_json())
    else:
        print_summary(result, Console())
    raise typer.Exit(1 if result.counts().get("failed") else 0)
