"""Terminal rendering (rich tables) of the library's records; no behaviour lives here."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from .check.findings import CheckReport, codes
from .corpus.search import SearchResults
from .outline import OutlineSpec
from .report import ParsedReport


def parse_table(report: ParsedReport) -> Table:
    """The heading tree of a parsed report as a table, metadata in the title."""
    date = report.date.isoformat() if report.date else "—"
    meta = (
        f"{report.path.name if report.path else ''}  title: {report.title or '—'}\n"
        f"year {report.year or '—'} · issuer {report.issuer or '—'} · level {report.level or '—'}"
        f" · date {date} · language {report.language} · encoding {report.encoding}"
    )
    table = Table(title=meta, title_justify="left", show_lines=False)
    for col in ("line", "lvl", "number", "section", "heading", "topics"):
        table.add_column(col, overflow="fold")
    for node in report.all_nodes():
        number = "(none)" if node.unnumbered else node.mark
        indent = "  " * (node.level - 1)
        table.add_row(
            str(node.line),
            str(node.level),
            number,
            node.id or "",
            indent + node.heading,
            ", ".join(node.topics),
        )
    return table


def print_parse(report: ParsedReport, console: Console | None = None) -> None:
    console = console or Console()
    console.print(parse_table(report))
    notes = []
    if report.chrome:
        notes.append(f"web chrome cut above the text ({len(report.chrome)} line(s))")
    if report.residue_line:
        notes.append(f"web residue cut from line {report.residue_line}")
    if report.truncated:
        notes.append("the text stops mid-sentence (cut off?)")
    if report.rejoined:
        notes.append(f"{report.rejoined} broken line(s) rejoined")
    if notes:
        console.print("; ".join(notes), style="dim")


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def check_table(result: CheckReport) -> Table:
    """Findings grouped by section, in document order within each group."""
    c = result.counts()
    title = (
        f"{result.source or 'draft'} · year {result.year or '—'} · "
        f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info"
    )
    table = Table(title=title, title_justify="left", show_lines=False)
    for col in ("section", "line", "code", "severity", "message", "suggestion", "excerpt"):
        table.add_column(col, overflow="fold")
    order: list[str] = []
    for f in result.findings:
        if f.section not in order:
            order.append(f.section)
    for section in order:
        first = True
        for f in (f for f in result.findings if f.section == section):
            table.add_row(
                section if first else "",
                str(f.line) if f.line is not None else "",
                f.code,
                f"[{_SEVERITY_STYLE[f.severity]}]{f.severity}[/]",
                f.message,
                f.suggestion or "",
                f.excerpt,
            )
            first = False
        table.add_section()
    return table


def codes_table() -> Table:
    table = Table(title="Rule codes of `fazhi check`", title_justify="left")
    for col in ("code", "family", "severity", "meaning"):
        table.add_column(col, overflow="fold")
    for code, info in codes().items():
        table.add_row(code, info.family, info.severity, info.title)
    return table


def corpus_table(summary: dict[str, object]) -> Table:
    title = (
        f"corpus {summary['store']} · tokenizer {summary['tokenizer']} · {summary['reports']} reports, "
        f"{summary['sections']} sections, {summary['chunks']} chunks"
    )
    table = Table(title=title, title_justify="left")
    for col in ("year", "level", "reports", "sections", "chunks"):
        table.add_column(col)
    for row in summary["by_year_level"]:  # type: ignore[attr-defined]
        table.add_row(
            *(
                str(row[c]) if row[c] is not None else "—"
                for c in ("year", "level", "reports", "sections", "chunks")
            )
        )
    return table


def search_table(results: SearchResults, masked: bool = False) -> Table:
    table = Table(
        title=f"search: {results.query} · {len(results)} hit(s)",
        title_justify="left",
        show_lines=True,
    )
    for col in ("score", "source", "year", "level", "section", "topics", "text"):
        table.add_column(col, overflow="fold")
    for h in results.hits:
        text = h.masked if masked else h.text
        table.add_row(
            f"{h.score:.2f}", f"{Path(h.source).name}:{h.line_start}", str(h.year or "—"), h.level or "—",
            h.section, ", ".join(h.topics), text if len(text) <= 160 else text[:160] + "…",
        )  # fmt: skip
    return table


def batch_table(items: list) -> Table:  # list[BatchItem]
    table = Table(title=f"batch: {len(items)} bureau(s)", title_justify="left")
    for col in ("bureau", "year", "status", "errors", "warnings", "tokens", "cost", "message"):
        table.add_column(col, overflow="fold")
    for it in items:
        table.add_row(
            it.bureau, str(it.year), it.status, str(it.errors), str(it.warnings),
            f"{it.prompt_tokens}+{it.completion_tokens}", f"{it.cost:.4f}", it.message[:120],
        )  # fmt: skip
    return table


def outline_table(spec: OutlineSpec) -> Table:
    table = Table(title=f"{spec.name}: sections and topics", title_justify="left")
    for col in ("kind", "id", "label", "required / keywords"):
        table.add_column(col, overflow="fold")
    for sec in spec.sections:
        req = "required" if sec.required else "optional"
        if sec.required_since:
            req += f" from {sec.required_since}"
        table.add_row("section", sec.id, sec.label, req)
    for t in spec.topics:
        table.add_row("topic", t.id, t.label, "、".join(t.keywords))
    return table
