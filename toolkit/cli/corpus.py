"""`fazhi ingest`, `search`, `embed`, `corpus`: the reference corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..corpus import CorpusStore, Searcher, SearchFilters, ingest
from ..corpus.records import Store
from ..corpus.uri import open_store
from ..errors import InputError
from ..i18n import N_, _
from ..outline import default_outline
from ..output.render import (
    corpus_table,
    search_table,
)
from .common import Format, emit_json

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help=N_(
            "Corpus store: a path, sqlite:PATH, milvus-lite:PATH or milvus://HOST:PORT "
            "(default: $FAZHI_CORPUS, else $FAZHI_HOME/corpus.sqlite)."
        ),
    ),
]


def ingest_with_progress(
    paths: list[Path], store: Store, workers: int | None, console: Console
) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(_("ingest")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=not console.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=None)
        result = ingest(
            paths,
            store,
            workers=workers,
            progress=lambda d, t: bar.update(task, completed=d, total=t),
        )
    for _path, why in result.failed:
        print(_("fazhi: skipped: {why}").format(why=why), file=sys.stderr)
    if result.added and isinstance(store, CorpusStore):
        from ..corpus.index import get_index

        get_index(store, default_outline().topic_ids())  # so the first search is fast
    console.print(
        _("added {added}, already stored {stored}, failed {failed} → {path}").format(
            added=len(result.added), stored=len(result.skipped), failed=len(result.failed),
            path=store.uri,
        )
    )
    return 1 if result.failed and not result.added and not result.skipped else 0


def ingest_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help=N_("Report files or folders (.txt, .md, .docx, .pdf, .html, .doc…).")),
    ],
    store: StoreOpt = None,
    workers: Annotated[
        int | None, typer.Option(help=N_("Worker processes (default: up to 2)."))
    ] = None,
    tokenizer: Annotated[
        str | None, typer.Option(help=N_("For a new store: jieba (default) or bigram."))
    ] = None,
) -> None:
    """Add reports to the corpus store; files already stored are skipped, bad files reported."""
    if tokenizer not in (None, "jieba", "bigram"):
        raise InputError(
            _("--tokenizer {value}: choose jieba or bigram").format(value=repr(tokenizer))
        )
    with open_store(store, tokenizer) as st:  # type: ignore[arg-type]
        code = ingest_with_progress(paths, st, workers, Console(stderr=True))
    raise typer.Exit(code)


def search_cmd(
    query: Annotated[str, typer.Argument(help=N_("What to look for, e.g. 规范性文件备案审查."))],
    section: Annotated[str | None, typer.Option(help=N_("Canonical section id, e.g. plans."))] = None,
    topic: Annotated[str | None, typer.Option(help=N_("Topic id, e.g. normdoc."))] = None,
    year_from: Annotated[
        int | None, typer.Option("--year-from", help=N_("Reports from this year on."))
    ] = None,
    year_to: Annotated[
        int | None, typer.Option("--year-to", help=N_("Reports up to this year."))
    ] = None,
    level: Annotated[str | None, typer.Option(help=N_("province, city, county or district."))] = None,
    bureau: Annotated[
        str | None, typer.Option(help=N_("Only reports of this issuer (its full name)."))
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help=N_("Only reports of this kind of department: justice, science, government…")
        ),
    ] = None,
    per_report: Annotated[
        bool, typer.Option("--per-report", help=N_("At most one chunk (the best) per report."))
    ] = False,
    k: Annotated[int, typer.Option("-k", help=N_("How many chunks."))] = 5,
    masked: Annotated[bool, typer.Option("--masked", help=N_("Show the masked phrasing."))] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
    store: StoreOpt = None,
    embed_model: Annotated[
        str | None,
        typer.Option(
            "--embed-model", help=N_("Fuse with dense embeddings of this model (see `fazhi embed`).")
        ),
    ] = None,
) -> None:
    """Search the corpus (BM25, optionally fused with embeddings) with filters."""
    embedder = None
    if embed_model:
        from ..corpus.embeddings import Embedder

        embedder = Embedder(embed_model)
    filters = SearchFilters(
        section=section, topic=topic, level=level, year_from=year_from, year_to=year_to,  # type: ignore[arg-type]
        bureau=bureau, kind=kind,
    )  # fmt: skip
    with open_store(store) as st:
        if st.counts()["reports"] == 0:
            raise InputError(
                _("the corpus store {path} is empty: run `fazhi ingest reference_reports/` "
                  "first").format(path=st.uri)
            )
        results = Searcher(st, embedder).search(query, k, filters, per_report=per_report)
    if format == "json":
        emit_json(results.to_dicts())
    else:
        Console().print(search_table(results, masked))


def embed_cmd(
    model: Annotated[str, typer.Option("--model", help=N_("Embedding model served by the endpoint."))],
    store: StoreOpt = None,
) -> None:
    """Embed every chunk not yet embedded with MODEL, through OPENAI_BASE_URL (resumable)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..corpus.embeddings import Embedder

    embedder = Embedder(model)
    with open_store(store) as st, Progress(TextColumn(_("embed")), BarColumn(), MofNCompleteColumn(),
                                            console=Console(stderr=True)) as bar:  # fmt: skip
        task = bar.add_task("embed", total=None)
        n = embedder.index_store(st, progress=lambda d, t: bar.update(task, completed=d, total=t))
    Console().print(_("embedded {n} chunk(s) with {model}").format(n=n, model=model))


def corpus_cmd(
    action: Annotated[
        str | None,
        typer.Argument(help=N_("migrate: copy every report to the store --to names (resumable).")),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
    remove: Annotated[
        str | None,
        typer.Option(help=N_("Remove the report whose file name or SHA-256 prefix this is.")),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help=N_("The store to migrate to (a path or URI)."))
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Summarise the corpus store (reports, sections, chunks per year and level), or migrate it."""
    if action == "migrate":
        raise typer.Exit(_migrate(store, to))
    if action is not None:
        raise InputError(
            _("unknown action {action!r}; the one action is migrate").format(action=action)
        )
    with open_store(store) as st:
        if remove is not None:
            ids = st.find(remove)
            if len(ids) != 1:
                raise InputError(
                    _("--remove {value} matches {n} reports; give a longer name or hash").format(
                        value=repr(remove), n=len(ids)
                    )
                )
            st.remove(ids[0])
        summary = st.summary()
    if format == "json":
        emit_json(summary)
    else:
        Console().print(corpus_table(summary))


def _migrate(source: str | None, to: str | None) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..corpus.migrate import migrate

    if not to:
        raise InputError(_("corpus migrate needs --to: the store to copy to (a path or URI)"))
    console = Console(stderr=True)
    with open_store(source) as src, open_store(to) as dst, Progress(
        TextColumn(_("migrate")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=not console.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("migrate", total=None)
        result = migrate(src, dst, progress=lambda d, t: bar.update(task, completed=d, total=t))
        where = dst.uri
    console.print(
        _("copied {copied} report(s) ({chunks} chunks), already there {skipped} → {where}").format(
            copied=result.copied, chunks=result.chunks, skipped=result.skipped, where=where
        )
    )
    return 0
