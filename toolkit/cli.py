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
from .corpus import CorpusStore, Searcher, SearchFilters, ingest
from .draft.pipeline import Drafter
from .errors import FazhiError, InputError
from .facts import load_fact_sheet
from .outline import default_outline
from .parser import parse_file
from .render import check_table, codes_table, corpus_table, outline_table, print_parse, search_table

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Draft and check 法治政府建设年度报告.",
)
Format = Literal["table", "json"]
CheckFormat = Literal["table", "concise", "json"]


def _wide_terminal() -> bool:
    """A terminal wide enough for the findings table (otherwise one line per finding)."""
    import shutil

    return sys.stdout.isatty() and shutil.get_terminal_size().columns >= 140


def _print_findings(result: object, format: str | None) -> None:
    from .render import concise_lines

    chosen = format or ("table" if _wide_terminal() else "concise")
    if chosen == "json":
        _emit_json(result.to_dict())  # type: ignore[attr-defined]
    elif chosen == "concise":
        sys.stdout.write("".join(line + "\n" for line in concise_lines(result)))  # type: ignore[arg-type]
    else:
        Console().print(check_table(result))  # type: ignore[arg-type]


def _emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def parse(
    file: Annotated[
        Path,
        typer.Argument(help="Report file (.txt, .md, .docx, .pdf, .html, .doc, .wps, .rtf, .odt)."),
    ],
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
    file: Annotated[
        Path | None, typer.Argument(help="Draft to check (.txt, .md, .docx, .pdf, .html, .doc…).")
    ] = None,
    year: Annotated[
        int | None, typer.Option(help="Year reported on (default: read from the draft).")
    ] = None,
    facts: Annotated[
        Path | None, typer.Option(help="Fact sheet (YAML) to check numbers and names against.")
    ] = None,
    format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="table, concise or json (default: table on a wide terminal)"
        ),
    ] = None,
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
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Also write a .docx copy with every finding as a Word comment (the input is not changed).",
        ),
    ] = None,
) -> None:
    """Check a draft against the outline and the genre's rules. Exit 1 if any error is found."""
    if list_codes:
        if format == "json":
            _emit_json({code: info.model_dump() for code, info in codes().items()})
        elif format == "concise" or (format is None and not _wide_terminal()):
            for code, info in codes().items():
                fix = "fixable" if info.fixable else "-"
                print(f"{code} {info.severity} {fix} {info.title}")
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
    options = dict(
        year=year,
        facts=sheet,
        select=select,
        ignore=ignore,
        settings=CheckSettings(deadline=deadline),
    )
    if annotate is not None:
        from .review import annotate_file

        done = annotate_file(file, annotate, **options)
        result = done.result
    else:
        result = check_file(file, **options)  # type: ignore[arg-type]
    _print_findings(result, format)
    if annotate is not None:
        print(
            f"fazhi: wrote {done.out}: {done.at_place} comment(s) at their place, "
            f"{done.at_title} gathered at the title",
            file=sys.stderr,
        )
    raise typer.Exit(result.exit_code)


@app.command()
def fix(
    file: Annotated[Path, typer.Argument(help="Draft to fix (.txt, .md or .docx).")],
    write: Annotated[
        bool, typer.Option("--write", help="Rewrite FILE (text: in place; .docx: tracked changes).")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write the fixed copy here instead.")
    ] = None,
    select: Annotated[
        str | None, typer.Option(help="Only these codes or prefixes, e.g. T505,T506.")
    ] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave these codes or prefixes.")] = None,
    year: Annotated[
        int | None, typer.Option(help="Year reported on (default: read from the draft).")
    ] = None,
) -> None:
    """Make the safe mechanical fixes (see `fazhi check --list-codes`, column fixable).

    Text: a unified diff on stdout, or the file rewritten (--write) or copied (-o). Word:
    the fixes as tracked changes by fazhi in a copy (-o) or the file (--write). Exit 1 if
    error findings remain (they need a person).
    """
    from .review import fix_file

    done = fix_file(file, write=write, out=out, select=select, ignore=ignore, year=year)
    if done.diff and done.written is None:
        sys.stdout.write(done.diff)
    elif done.source.format == "docx" and done.written is None:
        for fx in done.applied:
            for e in fx.edits:
                print(f"{file}:{e.line}: {fx.code} {e.old!r} -> {e.new!r}")
    err = sys.stderr
    codes_fixed = sorted({f.code for f in done.fixed})
    print(f"fazhi: fixed {len(done.fixed)} finding(s) ({', '.join(codes_fixed) or 'none'}) "
          f"with {len(done.edits)} edit(s)" + (f"; wrote {done.written}" if done.written else
          "; nothing written (use --write or -o OUT)"), file=err)  # fmt: skip
    for f, why in done.left:
        print(f"fazhi: not fixed: {file}:{f.line}: {f.code} {why}", file=err)
    person = [f for f in done.remaining if not f.fixable]
    if person:
        print(f"fazhi: {len(person)} finding(s) need a person: "
              + ", ".join(sorted({f.code for f in person})), file=err)  # fmt: skip
    raise typer.Exit(1 if any(f.severity == "error" for f in done.remaining) else 0)


StoreOpt = Annotated[
    Path | None, typer.Option("--store", help="Corpus store (default: $FAZHI_HOME/corpus.sqlite).")
]


def _ingest(paths: list[Path], store: CorpusStore, workers: int | None, console: Console) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=not console.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=None)
        result = ingest(
            paths,
            store,
            workers=workers,
            progress=lambda d, t: bar.update(task, completed=d, total=t),
        )
    for _, why in result.failed:
        print(f"fazhi: skipped: {why}", file=sys.stderr)
    if result.added:
        from .corpus.index import get_index

        get_index(store, default_outline().topic_ids())  # so the first search is fast
    console.print(
        f"added {len(result.added)}, already stored {len(result.skipped)}, failed {len(result.failed)} "
        f"→ {store.path}"
    )
    return 1 if result.failed and not result.added and not result.skipped else 0


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Report files or folders (.txt, .md, .docx, .pdf, .html, .doc…)."),
    ],
    store: StoreOpt = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: up to 2).")
    ] = None,
    tokenizer: Annotated[
        str | None, typer.Option(help="For a new store: jieba (default) or bigram.")
    ] = None,
) -> None:
    """Add reports to the corpus store; files already stored are skipped, bad files reported."""
    if tokenizer not in (None, "jieba", "bigram"):
        raise InputError(f"--tokenizer {tokenizer!r}: choose jieba or bigram")
    with CorpusStore(store, tokenizer) as st:  # type: ignore[arg-type]
        code = _ingest(paths, st, workers, Console(stderr=True))
    raise typer.Exit(code)


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="What to look for, e.g. 规范性文件备案审查.")],
    section: Annotated[str | None, typer.Option(help="Canonical section id, e.g. plans.")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic id, e.g. normdoc.")] = None,
    year_from: Annotated[int | None, typer.Option("--year-from")] = None,
    year_to: Annotated[int | None, typer.Option("--year-to")] = None,
    level: Annotated[str | None, typer.Option(help="province, city, county or district.")] = None,
    k: Annotated[int, typer.Option("-k", help="How many chunks.")] = 5,
    masked: Annotated[bool, typer.Option("--masked", help="Show the masked phrasing.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = "table",
    store: StoreOpt = None,
    embed_model: Annotated[
        str | None,
        typer.Option(
            "--embed-model", help="Fuse with dense embeddings of this model (see `fazhi embed`)."
        ),
    ] = None,
) -> None:
    """Search the corpus (BM25, optionally fused with embeddings) with filters."""
    embedder = None
    if embed_model:
        from .corpus.embeddings import Embedder

        embedder = Embedder(embed_model)
    filters = SearchFilters(
        section=section, topic=topic, level=level, year_from=year_from, year_to=year_to
    )  # type: ignore[arg-type]
    with CorpusStore(store) as st:
        if st.counts()["reports"] == 0:
            raise InputError(
                f"the corpus store {st.path} is empty: run `fazhi ingest reference_reports/` first"
            )
        results = Searcher(st, embedder).search(query, k, filters)
    if format == "json":
        _emit_json(results.to_dicts())
    else:
        Console().print(search_table(results, masked))


@app.command("embed")
def embed_cmd(
    model: Annotated[str, typer.Option("--model", help="Embedding model served by the endpoint.")],
    store: StoreOpt = None,
) -> None:
    """Embed every chunk not yet embedded with MODEL, through OPENAI_BASE_URL (resumable)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .corpus.embeddings import Embedder

    embedder = Embedder(model)
    with CorpusStore(store) as st, Progress(TextColumn("embed"), BarColumn(), MofNCompleteColumn(),
                                            console=Console(stderr=True)) as bar:  # fmt: skip
        task = bar.add_task("embed", total=None)
        n = embedder.index_store(st, progress=lambda d, t: bar.update(task, completed=d, total=t))
    Console().print(f"embedded {n} chunk(s) with {model}")


@app.command("corpus")
def corpus_cmd(
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = "table",
    remove: Annotated[
        str | None,
        typer.Option(help="Remove the report whose file name or SHA-256 prefix this is."),
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Summarise the corpus store (reports, sections, chunks per year and level)."""
    with CorpusStore(store) as st:
        if remove is not None:
            ids = st.find(remove)
            if len(ids) != 1:
                raise InputError(
                    f"--remove {remove!r} matches {len(ids)} reports; give a longer name or hash"
                )
            st.remove(ids[0])
        summary = st.summary()
    if format == "json":
        _emit_json(summary)
    else:
        Console().print(corpus_table(summary))


FormatsOpt = Annotated[str, typer.Option("--format", help="Comma-separated: md, docx, json.")]


def _drafter(
    backend: str | None, model: str | None, config: Path | None, concurrency: int | None
) -> Drafter:
    return Drafter.from_config(config, backend=backend, model=model, concurrency=concurrency)


def _formats(text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("md", "docx", "json")]
    if bad or not formats:
        raise InputError(f"--format {text!r}: choose from md, docx, json (comma-separated)")
    return formats


@app.command()
def draft(
    facts: Annotated[Path, typer.Argument(help="Fact sheet (.yaml) of one bureau.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("out"),
    backend: Annotated[str | None, typer.Option(help="offline (default) or openai.")] = None,
    model: Annotated[
        str | None, typer.Option(help="Model name for the openai backend (or FAZHI_MODEL).")
    ] = None,
    format: FormatsOpt = "md,docx,json",
    config: Annotated[
        Path | None, typer.Option(help="Config file (default: fazhi.toml if present).")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(help="Sections written at once.")] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="The .docx carries each sentence's sources and each 【待核实】 objection as comments.",
        ),
    ] = False,
    previous: Annotated[
        Path | None,
        typer.Option(
            help="Last year's report of this bureau: the first exemplar source (its voice)."
        ),
    ] = None,
) -> None:
    """Draft a report from a fact sheet. Exit 0: no error finding; 1: error findings; 3: backend failed."""
    from .draft.batch import draft_one
    from .facts import load_facts

    formats = _formats(format)
    if review and "docx" not in formats:
        formats.append("docx")
    sheets = load_facts(facts)
    if len(sheets) != 1:
        raise InputError(f"{facts}: holds {len(sheets)} bureaus; use `fazhi batch` for a table")
    drafter = _drafter(backend, model, config, concurrency)
    if sheets[0].carried_over:
        print(f"fazhi: note: {len(sheets[0].carried_over)} plan(s) carried over from last year are "
              "prompts, not facts: write what was done under measures, then delete them",
              file=sys.stderr)  # fmt: skip
    if previous is not None:
        from .draft.pipeline import previous_report_warnings

        for why in previous_report_warnings(sheets[0], drafter.use_previous(previous)):
            print(f"fazhi: warning: {previous}: {why}", file=sys.stderr)
    item = draft_one(drafter, sheets[0], out, formats, review)
    console = Console()
    if item.status == "failed":
        print(f"fazhi: error: {item.message}", file=sys.stderr)
        raise typer.Exit(3)
    console.print(
        f"{item.bureau} {item.year}: {item.errors} error(s), {item.warnings} warning(s); "
        f"tokens {item.prompt_tokens}+{item.completion_tokens}, cost {item.cost:.4f}"
    )
    for f in item.files:
        console.print(f"  wrote {f}")
    raise typer.Exit(1 if item.errors else 0)


@app.command()
def batch(
    sheet: Annotated[
        Path, typer.Argument(help="Facts of many bureaus (.xlsx or .csv, one fact per row).")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("out"),
    concurrency: Annotated[int, typer.Option(help="Bureaus drafted at once.")] = 2,
    backend: Annotated[str | None, typer.Option(help="offline (default) or openai.")] = None,
    model: Annotated[str | None, typer.Option(help="Model for the openai backend.")] = None,
    format: FormatsOpt = "md,docx,json",
    config: Annotated[Path | None, typer.Option(help="Config file.")] = None,
) -> None:
    """Draft every bureau in a table; resumable; a failing bureau does not stop the others."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .draft.batch import run_batch
    from .facts import load_facts
    from .render import batch_table

    formats = _formats(format)
    sheets = load_facts(sheet)
    drafter = _drafter(backend, model, config, None)
    console = Console(stderr=True)
    with Progress(
        TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as bar:
        task = bar.add_task("batch", total=len(sheets))
        items = run_batch(
            sheets, drafter, out, formats, concurrency, progress=lambda _: bar.advance(task)
        )
    Console().print(batch_table(items))
    for it in items:
        if it.status == "failed":
            print(f"fazhi: failed: {it.bureau} {it.year}: {it.message}", file=sys.stderr)
    if any(it.status == "failed" for it in items):
        raise typer.Exit(3)
    raise typer.Exit(1 if any(it.status == "errors" for it in items) else 0)


@app.command()
def extract(
    report: Annotated[
        Path, typer.Argument(help="Last year's report (any format the readers accept).")
    ],
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="Fact sheet to write (.yaml); default: print it."),
    ] = None,
    next_year: Annotated[
        bool,
        typer.Option(
            "--next-year",
            help="A sheet for the following year: quantities blanked, plans carried over.",
        ),
    ] = False,
    year: Annotated[
        int | None, typer.Option(help="Year reported on (default: read from the report).")
    ] = None,
) -> None:
    """A fact sheet from an existing report; comments mark what to check. Exit 2: not this genre."""
    from .facts import load_fact_sheet
    from .yoy.extract import extract_file, next_year_yaml

    result = extract_file(report, year=year)
    text = next_year_yaml(result) if next_year else result.to_yaml()
    if out is None:
        sys.stdout.write(text)
        return
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"-o {out}: a fact sheet is written as .yaml")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    sheet = load_fact_sheet(out)  # what we wrote must load
    n = len(sheet.all_facts())
    q = sum(len(f.quantities) for f in sheet.all_facts())
    print(f"{out}: {sheet.bureau.name} {sheet.year}, {n} fact(s), {q} quantity(ies)"
          + (f", {len(sheet.carried_over)} plan(s) carried over" if next_year else ""), file=sys.stderr)  # fmt: skip


@app.command()
def compare(
    old: Annotated[
        Path, typer.Argument(help="The earlier year: a report or a fact sheet (.yaml).")
    ],
    new: Annotated[Path, typer.Argument(help="The later year: a report or a fact sheet (.yaml).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Year over year: facts only in one year, changed quantities, last year's plans followed up."""
    from .render import compare_tables
    from .yoy.compare import compare_files

    result = compare_files(old, new)
    for w in result.warnings:
        print(f"fazhi: warning: {w}", file=sys.stderr)
    if format == "json":
        _emit_json(result.to_dict())
        return
    console = Console()
    for table in compare_tables(result):
        console.print(table)


@app.command()
def outline(
    format: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """The outline: section ids and topic ids to use in fact sheets and filters."""
    spec = default_outline()
    if format == "json":
        _emit_json({
            "sections": [{"id": s.id, "label": s.label, "required": s.required, "required_since": s.required_since}
                         for s in spec.sections],
            "topics": [{"id": t.id, "label": t.label, "keywords": t.keywords} for t in spec.topics],
        })  # fmt: skip
        return
    Console().print(outline_table(spec))


@app.command()
def demo() -> None:
    """The main job on the bundled data: index the reference reports, search, check."""
    from .paths import reference_dir

    console = Console()
    refs = reference_dir()
    with CorpusStore() as st:
        _ingest([refs], st, None, console)
        console.print(corpus_table(st.summary()))
        results = Searcher(st).search("规范性文件 合法性审查 备案", 3)
        console.print(search_table(results, masked=True))
    print_parse(parse_file(next(refs.glob("004_*.txt"))), console)  # `fazhi parse` shows any other
    sample = next(refs.glob("003_*.txt"))
    console.print(f"\nfazhi check {sample}")
    _print_findings(check_file(sample), None)  # a table on a wide terminal, else one line each
    from .draft.batch import draft_one
    from .facts import load_fact_sheet

    facts = refs.parent / "examples" / "facts" / "002_gaotai_2024.yaml"
    out = Path("out")
    item = draft_one(Drafter(), load_fact_sheet(facts), out, ["md", "docx", "json"])
    console.print(
        f"\nDrafted {item.bureau} {item.year} offline from {facts}: "
        f"{item.errors} error(s), {item.warnings} warning(s) from the checker."
    )
    for f in item.files:
        console.print(f"  wrote {f}")
    console.print(
        f"Corpus store: {CorpusStore().path}  ·  checked: {sample}  ·  drafts in: {out.resolve()}"
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
