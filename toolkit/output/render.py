"""Terminal rendering (rich tables) of the library's records; no behaviour lives here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table

from ..check.findings import CheckReport, codes
from ..corpus.search import SearchResults
from ..i18n import _
from ..outline import OutlineSpec
from ..parse.report import ParsedReport

if TYPE_CHECKING:
    from ..yoy.compare import Comparison


def parse_table(report: ParsedReport) -> Table:
    """The heading tree of a parsed report as a table, metadata in the title."""
    date = report.date.isoformat() if report.date else "—"
    meta = _(
        "{name}  title: {title}\nyear {year} · issuer {issuer} · level {level} · date {date} · "
        "language {language} · encoding {encoding}"
    ).format(name=report.path.name if report.path else "", title=report.title or "—",
             year=report.year or "—", issuer=report.issuer or "—", level=report.level or "—",
             date=date, language=report.language, encoding=report.encoding)  # fmt: skip
    table = Table(title=meta, title_justify="left", show_lines=False)
    for col in (_("line"), _("lvl"), _("number"), _("section"), _("heading"), _("topics")):
        table.add_column(col, overflow="fold")
    for node in report.all_nodes():
        number = _("(none)") if node.unnumbered else node.mark
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
        notes.append(_("web chrome cut above the text ({n} line(s))").format(n=len(report.chrome)))
    if report.residue_line:
        notes.append(_("web residue cut from line {line}").format(line=report.residue_line))
    if report.truncated:
        notes.append(_("the text stops mid-sentence (cut off?)"))
    if report.rejoined:
        notes.append(_("{n} broken line(s) rejoined").format(n=report.rejoined))
    if notes:
        console.print("; ".join(notes), style="dim")


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def check_table(result: CheckReport) -> Table:
    """Findings grouped by section, in document order within each group."""
    c = result.counts()
    title = _("{source} · year {year} · {errors} error(s), {warnings} warning(s), {info} info").format(
        source=result.source or _("draft"), year=result.year or "—", errors=c["error"],
        warnings=c["warning"], info=c["info"])  # fmt: skip
    table = Table(title=title, title_justify="left", show_lines=False)
    for col in (_("section"), _("line"), _("code"), _("severity"), _("message"), _("suggestion"),
                _("excerpt")):  # fmt: skip
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


def concise_lines(result: CheckReport) -> list[str]:
    """One line per finding, `path:line: CODE severity message` (like a compiler), then a
    summary line; readable at any width and by editors that jump to `path:line`."""
    path = result.source or "-"
    out = [
        f"{path}:{f.line}: {f.code} {f.severity} {f.message}"
        if f.line is not None
        else f"{path}: {f.code} {f.severity} {f.message}"
        for f in result.findings
    ]
    c = result.counts()
    fixable = sum(f.fixable for f in result.findings)
    summary = _("{n} finding(s): {errors} error(s), {warnings} warning(s), {info} info").format(
        n=len(result.findings), errors=c["error"], warnings=c["warning"], info=c["info"])
    if fixable:
        summary += _("; {n} fixable with `fazhi fix`").format(n=fixable)
    return [*out, summary]


def codes_table() -> Table:
    table = Table(
        title=_("Rule codes of `fazhi check` (fixable: `fazhi fix` corrects it)"),
        title_justify="left",
    )
    for col in (_("code"), _("family"), _("severity"), _("fixable"), _("meaning")):
        table.add_column(col, overflow="fold")
    for code, info in codes().items():
        table.add_row(code, info.family, info.severity, _("yes") if info.fixable else "", info.title)
    return table


def corpus_table(summary: dict[str, object]) -> Table:
    title = _("corpus {store} · tokenizer {tokenizer} · {reports} reports, {sections} sections, "
              "{chunks} chunks").format(**summary)  # fmt: skip
    table = Table(title=title, title_justify="left")
    for col in (_("year"), _("level"), _("reports"), _("sections"), _("chunks")):
        table.add_column(col)
    for row in summary["by_year_level"]:  # type: ignore[attr-defined]
        table.add_row(
            *(
                str(row[c]) if row[c] is not None else "—"
                for c in ("year", "level", "reports", "sections", "chunks")
            )
        )
    return table


@dataclass(frozen=True)
class ByWidth:
    """A renderable that picks its layout by the width it is drawn at (a terminal, a pipe)."""

    wide: RenderableType
    narrow: RenderableType
    min_width: int  # the wide layout from this many columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def search_table(results: SearchResults, masked: bool = False) -> ByWidth:
    """The hits with their text: one column per field on a wide terminal; below 140
    columns (80 columns, a pipe) the fields stacked in one column, so the text keeps
    most of the width."""
    title = _("search: {query} · {n} hit(s)").format(query=results.query, n=len(results))
    wide = Table(title=title, title_justify="left", show_lines=True)
    for col in (_("score"), _("source"), _("year"), _("level"), _("section"), _("topics"),
                _("text")):  # fmt: skip
        wide.add_column(col, overflow="fold")
    narrow = Table(title=title, title_justify="left", show_lines=True, expand=True)
    narrow.add_column(_("hit"), overflow="fold", ratio=1, max_width=28)
    narrow.add_column(_("text"), overflow="fold", ratio=3)
    for h in results.hits:
        text = h.masked if masked else h.text
        text = text if len(text) <= 160 else text[:160] + "…"
        source, year = f"{Path(h.source).name}:{h.line_start}", str(h.year or "—")
        topics = ", ".join(h.topics)
        wide.add_row(f"{h.score:.2f}", source, year, h.level or "—", h.section, topics, text)
        meta = [f"{h.score:.2f}", source, f"{year} · {h.level or '—'} · {h.section}", topics]
        narrow.add_row("\n".join(m for m in meta if m), text)
    return ByWidth(wide, narrow, 140)


def batch_table(items: list) -> Table:  # list[BatchItem]
    table = Table(title=_("batch: {n} bureau(s)").format(n=len(items)), title_justify="left")
    for col in (_("bureau"), _("year"), _("status"), _("errors"), _("warnings"), _("tokens"),
                _("cost"), _("message")):  # fmt: skip
        table.add_column(col, overflow="fold")
    for it in items:
        table.add_row(
            it.bureau, str(it.year), it.status, str(it.errors), str(it.warnings),
            f"{it.prompt_tokens}+{it.completion_tokens}", f"{it.cost:.4f}", it.message[:120],
        )  # fmt: skip
    return table


def outline_table(spec: OutlineSpec) -> Table:
    table = Table(title=_("{name}: sections and topics").format(name=spec.name),
                  title_justify="left")  # fmt: skip
    for col in (_("kind"), "id", _("label"), _("required / keywords")):
        table.add_column(col, overflow="fold")
    for sec in spec.sections:
        req = _("required") if sec.required else _("optional")
        if sec.required_since:
            req += _(" from {year}").format(year=sec.required_since)
        table.add_row(_("section"), sec.id, sec.label, req)
    for t in spec.topics:
        table.add_row(_("topic"), t.id, t.label, "、".join(t.keywords))
    return table


def compare_tables(result: Comparison) -> list[Table]:
    """A year-over-year comparison: facts per topic, changed quantities, plans followed up."""
    s = result.summary()
    old, new = s["old"], s["new"]
    title = f"{old['bureau']} {old['year']} → {new['bureau']} {new['year']}"
    facts = Table(title=_("{title} · facts by topic").format(title=title), title_justify="left")
    for col in (_("section"), _("topic"), _("status"), f"{old['year']}", f"{new['year']}"):
        facts.add_column(col, overflow="fold")
    style = {"only_old": "red", "only_new": "green", "reworded": "yellow", "same": "dim"}
    rows = sorted(
        (f for f in result.facts if f.status != "same"),  # counted in the next table's title
        key=lambda f: (f.section, f.topic or "~"),
    )
    last: tuple[str, str | None] | None = None
    for f in rows:
        if last is not None and (f.section, f.topic) != last:
            facts.add_section()  # one block per section and topic
        first = (f.section, f.topic) != last
        facts.add_row(f.section if first else "", (f.topic or "—") if first else "",
                      f"[{style[f.status]}]{f.status}[/]", f.old or "", f.new or "")  # fmt: skip
        last = (f.section, f.topic)
    same = s["facts"]["same"]
    qty = Table(
        title=_("quantities: {changed} changed, {unchanged} unchanged; {same} fact(s) word for "
                "word the same").format(changed=s["quantities_changed"],
                                        unchanged=s["quantities_same"], same=same),
        title_justify="left",
    )
    for col in (_("topic"), _("what"), _("old"), _("new"), _("unit"), _("change")):
        qty.add_column(col, overflow="fold")
    for q in result.changed:
        pct = f"{q.change:+.0f}%" if q.change is not None else "—"
        qty.add_row(q.topic or "—", q.label, f"{q.old:g}", f"{q.new:g}", q.unit or "", pct)
    judged = "" if result.plans_judged else _(" — cannot be judged: no plans in the old year")
    plans = Table(
        title=_("plans of {old} followed up in {new}: {answered} of {plans} answered").format(
            old=old["year"], new=new["year"], answered=s["plans_answered"], plans=s["plans"])
        + judged,
        title_justify="left",
    )  # fmt: skip
    for col in (_("plan"), _("status"), _("closest measure"), _("score")):
        plans.add_column(col, overflow="fold")
    for p in result.plans:
        status = f"[green]{_('answered')}[/]" if p.answered else f"[bold red]{_('not found')}[/]"
        plans.add_row(p.plan, status, p.measure or "", f"{p.score:.2f}")
    return [facts, qty, plans]
