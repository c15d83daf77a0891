"""HTML views for notebooks: the check report, a draft with provenance, search results,
findings highlighted in the text, and a coverage heatmap. No behaviour lives here.

Importing this module (the package does) registers the views that records' `_repr_html_`
methods draw through `toolkit.display`."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import TYPE_CHECKING

from ..display import register_html
from ..i18n import N_, _

if TYPE_CHECKING:
    import pandas as pd

    from ..check.findings import CheckReport
    from ..corpus.search import SearchResults
    from ..draft.records import Draft

_COLORS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}
_CSS = (
    "<style>.fz table{border-collapse:collapse;font-size:13px}.fz td,.fz th{border:1px solid #ddd;"
    "padding:3px 6px;vertical-align:top;text-align:left}.fz .sev{color:#fff;border-radius:3px;padding:0 4px}"
    ".fz .fact{background:#e8f5e9}.fz .ex{background:#e3f2fd}.fz .both{background:#fff8e1}"
    ".fz .hit{background:#ffebee}.fz .note{color:#c62828;font-size:12px}.fz .body{font-family:serif;"
    "line-height:1.7;max-width:48em}</style>"
)


def _sev(s: str) -> str:
    return f'<span class="sev" style="background:{_COLORS[s]}">{s}</span>'


def check_report_html(result: CheckReport) -> str:
    c = result.counts()
    head = (f"<b>{escape(result.source or _('draft'))}</b> · "
            + escape(_("year {year}").format(year=result.year or "—")) + " · "
            f"{_sev('error')} {c['error']} {_sev('warning')} {c['warning']} {_sev('info')} {c['info']}")  # fmt: skip
    groups: dict[str, list] = defaultdict(list)
    for f in result.findings:
        groups[f.section].append(f)
    rows = []
    for section, items in groups.items():
        for i, f in enumerate(items):
            first = f'<td rowspan="{len(items)}"><b>{escape(section)}</b></td>' if i == 0 else ""
            rows.append(
                f"<tr>{first}<td>{f.line or ''}</td><td>{f.code}</td><td>{_sev(f.severity)}</td>"
                f"<td>{escape(f.message)}</td><td>{escape(f.suggestion or '')}</td><td>{escape(f.excerpt)}</td></tr>"
            )
    head_row = "".join(f"<th>{_(c)}</th>" for c in (N_("section"), N_("line"), N_("code"),
                       N_("severity"), N_("message"), N_("suggestion"), N_("excerpt")))  # fmt: skip
    table = (f"<table><tr>{head_row}</tr>{''.join(rows)}</table>" if rows
             else f"<p>{_('No findings.')}</p>")  # fmt: skip
    return f'<div class="fz">{_CSS}<p>{head}</p>{table}</div>'


def highlighted_text_html(result: CheckReport) -> str:
    """The checked text line by line, lines with findings highlighted and annotated."""
    by_line: dict[int, list] = defaultdict(list)
    for f in result.findings:
        if f.line is not None:
            by_line[f.line].append(f)
    out = []
    for line in result.report.lines:
        notes = by_line.get(line.no, [])
        cls = ' class="hit"' if notes else ""
        note = "".join(f'<div class="note">{f.code} {escape(f.message)}</div>' for f in notes)
        out.append(f"<div{cls}><small>{line.no}</small> {escape(line.text)}{note}</div>")
    return f'<div class="fz">{_CSS}<div class="body">{"".join(out)}</div></div>'


def draft_html(draft: Draft) -> str:
    """The draft with each sentence coloured by provenance (hover for the facts it cites),
    and the checker's findings beside it."""
    facts = {f.id: f.text for f in draft.sheet.all_facts()}
    parts = [
        f"<h3>{escape(draft.title)}</h3><p>{escape(draft.addressee)}</p><p>{escape(draft.opening)}</p>"
    ]
    for s in draft.sections:
        parts.append(f"<p><b>{escape(s.heading)}</b></p>")
        for _label, sentences in s.paragraphs():  # each （一）（二）… subsection its own paragraph
            parts.append("<p>")
            for sent, _sources in sentences:
                cls = (
                    "both"
                    if sent.facts and sent.exemplars
                    else "fact"
                    if sent.facts
                    else "ex"
                    if sent.exemplars
                    else ""
                )
                tip = "; ".join(f"{fid}: {facts.get(fid, '')}" for fid in sent.facts)
                if sent.exemplars:
                    tip += (
                        ("; " if tip else "")
                        + _("exemplar chunks ")
                        + ", ".join(map(str, sent.exemplars))
                    )
                parts.append(
                    f'<span class="{cls}" title="{escape(tip)}">{escape(sent.text)}</span>'
                )
            parts.append("</p>")
    parts.append("<p>" + "<br>".join(escape(c) for c in draft.closing if c) + "</p>")
    legend = (f'<p><span class="fact">{_("from a fact")}</span> '
              f'<span class="ex">{_("phrasing from an exemplar")}</span> '
              f'<span class="both">{_("both")}</span> · {_("hover a sentence for its sources")}</p>')  # fmt: skip
    findings = check_report_html(draft.check) if draft.check else ""
    u = draft.usage
    usage = f"<p>{escape(draft.backend)} / {escape(draft.model)} · " + escape(
        _("calls {calls} (cached {cached}) · tokens {prompt}+{completion} · cost {cost}").format(
            calls=u.calls, cached=u.cached_calls, prompt=u.prompt_tokens,
            completion=u.completion_tokens, cost=f"{u.cost:.4f}")) + "</p>"  # fmt: skip
    return (f'<div class="fz">{_CSS}{legend}{usage}<div style="display:flex;gap:16px">'
            f'<div class="body" style="flex:3">{"".join(parts)}</div><div style="flex:2">{findings}</div></div></div>')  # fmt: skip


def search_results_html(results: SearchResults) -> str:
    rows = "".join(
        f"<tr><td>{h.score:.2f}</td><td>{escape(h.source.rsplit('/', 1)[-1])}:{h.line_start}<br>{h.year or ''} {h.level or ''}"
        f"<br>{escape(h.section)} · {escape(', '.join(h.topics))}</td><td>{escape(h.text)}</td><td>{escape(h.masked)}</td></tr>"
        for h in results.hits
    )
    title = escape(_("search: {query} · {n} hit(s)").format(query=results.query, n=len(results)))
    head_row = "".join(f"<th>{_(c)}</th>" for c in (N_("score"), N_("source"), N_("text"),
                       N_("masked (what drafting reuses)")))  # fmt: skip
    return (f'<div class="fz">{_CSS}<p>{title}</p>'
            f"<table><tr>{head_row}</tr>{rows}</table></div>")  # fmt: skip


def heatmap_html(frame: pd.DataFrame, title: str = "") -> str:
    """A numeric DataFrame as a table whose cells are shaded by value (no matplotlib needed)."""
    values = frame.to_numpy(dtype=float) if len(frame) else []
    top = max((v for row in values for v in row), default=0.0) or 1.0
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for idx, row in zip(frame.index, values, strict=True):
        cells = "".join(
            f'<td style="background:rgba(21,101,192,{0.1 + 0.8 * v / top if v else 0:.2f});color:{"#fff" if v / top > 0.6 else "#000"}">{int(v) if v == int(v) else round(v, 2)}</td>'
            for v in row
        )
        body.append(f"<tr><th>{escape(str(idx))}</th>{cells}</tr>")
    caption = f"<p><b>{escape(title)}</b></p>" if title else ""
    return f'<div class="fz">{_CSS}{caption}<table><tr><th></th>{head}</tr>{"".join(body)}</table></div>'


register_html("check_report", check_report_html)
register_html("highlighted_text", highlighted_text_html)
register_html("draft", draft_html)
register_html("search_results", search_results_html)
