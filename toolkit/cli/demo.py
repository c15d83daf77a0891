"""`fazhi demo`: the main job on the bundled data."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ..check import check_file
from ..corpus import CorpusStore, Searcher
from ..draft.pipeline import Drafter
from ..i18n import _
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
    console.print("\n" + _(
        "Drafted {bureau} {year} offline from {facts}: {errors} error(s), {warnings} warning(s) "
        "from the checker.").format(bureau=item.bureau, year=item.year, facts=facts,
                                    errors=item.errors, warnings=item.warnings)
    )  # fmt: skip
    for f in item.files:
        console.print(_("  wrote {path}").format(path=f))
    console.print(
        _("Corpus store: {store}  ·  checked: {sample}  ·  drafts in: {out}").format(
            store=CorpusStore().path, sample=sample, out=out.resolve()
        )
    )
