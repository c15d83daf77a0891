"""`fazhi demo`: the main job on the bundled data."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ..check import check_file
from ..corpus import CorpusStore, Searcher
from ..draft.pipeline import Drafter
from ..output.render import (
    corpus_table,
    print_parse,
    search_table,
)
from ..parse.parser import parse_file
from .common import print_findings
from .corpus import ingest_with_progress


def demo() -> None:
    """The main job on the bundled data: index the reference reports, search, check."""
    from ..paths import reference_dir

    console = Console()
    refs = reference_dir()
    with CorpusStore() as st:
        ingest_with_progress([refs], st, None, console)
        console.print(corpus_table(st.summary()))
        results = Searcher(st).search("规范性文件 合法性审查 备案", 3)
        console.print(search_table(results, masked=True))
    print_parse(parse_file(next(refs.glob("004_*.txt"))), console)  # `fazhi parse` shows any other
    sample = next(refs.glob("003_*.txt"))
    console.print(f"\nfazhi check {sample}")
    print_findings(check_file(sample), None)  # a table on a wide terminal, else one line each
    from ..facts import load_fact_sheet
    from ..output.batch import draft_one

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
