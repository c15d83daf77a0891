"""Structure: the required sections, their order, causes of shortcomings, the closing."""

from __future__ import annotations

import re

from ..outline import SectionSpec
from .context import CheckContext


def _embedded_at(ctx: CheckContext, spec: SectionSpec) -> int | None:
    """Index of the first body line that covers the section's content without a heading."""
    regexes = [re.compile(p) for p in spec.embedded_markers]
    for i, line in ctx.lines():
        if any(r.search(line.text) for r in regexes):
            return i
    return None


def _check_presence(ctx: CheckContext) -> None:
    r, spec, year = ctx.report, ctx.outline, ctx.year
    present = {s.id for s in r.sections}
    for sec in spec.sections:
        if not sec.heading or sec.id in present or sec.id == "other":
            continue
        required = sec.required_for(year)
        lenient = "" if required else f"（{spec.outline_rule_since}年起为必备部分）"
        at = _embedded_at(ctx, sec) if sec.embedded_markers else None
        heading = (sec.canonical_heading or sec.label).format(
            Y=year or "", Y1=(year + 1) if year else ""
        )
        if at is not None:
            ctx.emit(
                "S103",
                f"“{sec.label}”没有单列为一部分，只在段落中提及{lenient}。",
                f"增加一级标题“{heading}”，集中写明这部分内容。",
                index=at,
                excerpt=r.lines[at].text[:40],
                severity="warning" if required else "info",
            )
        elif r.truncated:
            # A copy that stops mid-sentence: the section may stand after the cut.
            ctx.emit(
                "S102",
                f"未见“{sec.label}”部分：文本在句中截止，可能不完整{lenient}。",
                f"核对原文是否完整；若原文也没有，增加一级标题“{heading}”并写明相应内容。",
                line=r.lines[-1].no,
                section=sec.id,
                severity="info",
            )
        else:
            ctx.emit(
                "S102",
                f"缺少“{sec.label}”部分{lenient}。",
                f"增加一级标题“{heading}”并写明相应内容。",
                section=sec.id,
                severity="error" if required else "info",
            )


def _check_order(ctx: CheckContext) -> None:
    ids = ctx.report.section_ids()
    if "plans" not in ids:
        return
    first_plans = ids.index("plans")
    later = [
        i for i, sid in enumerate(ids) if sid in ("measures", "shortcomings") and i > first_plans
    ]
    if later:
        node = ctx.report.sections[first_plans]
        ctx.emit(
            "S104",
            "“下一年度安排”排在工作成效或存在问题之前。",
            "按“主要举措和成效—不足和原因—第一责任人履职—下一年度安排”的顺序排列。",
            index=node.line_index,
            excerpt=node.heading,
        )


def _check_causes(ctx: CheckContext) -> None:
    spec = ctx.outline.section("shortcomings")
    causes = [re.compile(p) for p in spec.cause_markers]
    lenient = ctx.year is not None and ctx.year < ctx.outline.outline_rule_since
    for node in ctx.report.sections:
        if node.id != "shortcomings":
            continue
        text = ctx.report.node_text(node).replace(node.heading, "", 1)
        if not any(c.search(text) for c in causes):
            ctx.emit(
                "S105",
                "“存在的不足”只列了问题，没有分析原因。",
                "逐条说明问题的主观、客观原因（如“主要原因是……”）。",
                index=node.line_index,
                excerpt=node.heading,
                severity="info" if lenient else None,
            )


def _check_lengths(ctx: CheckContext) -> None:
    r = ctx.report
    for node in r.sections:
        text = r.node_text(node)
        content = text.replace(node.mark, "", 1).replace(node.heading, "", 1).strip(" 。\n")
        if len(content) < ctx.settings.min_section_chars:
            what = "为空" if not content else f"只有{len(content)}个字"
            ctx.emit(
                "S106",
                f"“{node.heading}”部分{what}。",
                "补充这一部分的具体内容，或与相邻部分合并。",
                index=node.line_index,
                excerpt=node.heading,
            )
        if node.id is None:
            ctx.emit(
                "S108",
                f"一级标题“{node.heading}”不属于任何规定部分。",
                "将其并入相应部分，或改为规定部分的标题。",
                index=node.line_index,
                excerpt=node.heading,
            )


def _check_title_and_closing(ctx: CheckContext) -> None:
    r, year = ctx.report, ctx.year
    issuer = r.issuer or "××局"
    if r.title is None:
        ctx.emit(
            "S101",
            "文件没有标题。",
            f"在首行加标题，如“{issuer}{year or ''}年法治政府建设工作情况报告”。",
            line=r.lines[0].no if r.lines else 1,
            section="title",
        )
    missing = [
        what for what, have in (("单位名称", r.signature), ("成文日期", r.date_text)) if not have
    ]
    if missing and not r.truncated:
        ctx.emit(
            "S107",
            f"结尾缺少{'和'.join(missing)}。",
            f"在正文后落款：{issuer}，下一行写成文日期（如“{(year or 2024) + 1}年1月20日”）。",
            line=r.lines[-1].no if r.lines else None,
            section="closing",
        )


def check(ctx: CheckContext) -> None:
    _check_title_and_closing(ctx)
    _check_presence(ctx)
    _check_order(ctx)
    _check_causes(ctx)
    _check_lengths(ctx)
