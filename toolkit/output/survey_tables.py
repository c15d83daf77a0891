"""Terminal tables (rich) of a survey: reports, other genres, aggregates, league table."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from ..i18n import _
from ..survey import PARTS, SurveyResult, aggregates, league

_STATE_MARK = {"section": "●", "paragraph": "◐", "absent": "○", "unknown": "?"}


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def reports_table(result: SurveyResult) -> Table:
    """One row per scored report; parts as ● section, ◐ paragraph, ○ absent, ? unknown."""
    table = Table(title=_("Reports surveyed: {n} (profile: {p})").format(
        n=len(result.reports), p=result.profile_name), title_justify="left")  # fmt: skip
    heads = [_("file"), _("issuer"), _("province"), _("level"), _("department"), _("year"),
             _("published"), _("days late"), _("parts"), _("score")]  # fmt: skip
    for head in heads:
        table.add_column(head, overflow="fold")
    for r in result.reports:
        parts = "".join(_STATE_MARK.get(r.parts.get(p, ""), " ") for p in PARTS)
        table.add_row(r.file.rsplit("/", 1)[-1], _cell(r.issuer), _cell(r.province),
                      _cell(r.level), _cell(r.department), _cell(r.year), _cell(r.published),
                      _cell(r.days_late), parts, _cell(r.score))  # fmt: skip
    table.caption = _("parts: measures, shortcomings, first responsible, plans — "
                      "● section ◐ paragraph ○ absent ? unknown (text cut off)")  # fmt: skip
    return table


def others_table(result: SurveyResult) -> Table:
    """Documents of other genres, listed apart and not scored."""
    table = Table(title=_("Other genres (not scored): {n}").format(n=len(result.others)),
                  title_justify="left")  # fmt: skip
    for head in (_("file"), _("genre"), _("title"), _("published")):
        table.add_column(head, overflow="fold")
    for r in result.others:
        table.add_row(r.file.rsplit("/", 1)[-1], r.genre_name, _cell(r.title), _cell(r.published))
    return table


def aggregate_tables(result: SurveyResult) -> list[Table]:
    """One table per dimension, then the league table (top 20)."""
    names = {"province": _("By province"), "level": _("By level"),
             "department": _("By department"), "year": _("By year")}  # fmt: skip
    heads = [_("reports"), _("dated"), _("on-time rate"), _("completeness rate"),
             _("median score")]  # fmt: skip
    out = []
    for dim, rows in aggregates(result).items():
        table = Table(title=names[dim], title_justify="left")
        table.add_column(names[dim])
        for head in heads:
            table.add_column(head, justify="right")
        for row in rows:
            table.add_row(_cell(row[dim]), *(_cell(row[k]) for k in
                          ("reports", "dated", "on_time_rate", "completeness_rate", "median_score")))  # fmt: skip
        out.append(table)
    table = Table(title=_("League table"), title_justify="left")
    for head in (_("rank"), _("issuer"), _("province"), _("year"), _("score")):
        table.add_column(head)
    for row in league(result)[:20]:
        table.add_row(*(_cell(row[k]) for k in ("rank", "issuer", "province", "year", "score")))
    out.append(table)
    return out
