"""Year-bound phrases, abolished bodies and set formulations (提法), judged against the year
reported on and the formulations register."""

from __future__ import annotations

from collections.abc import Sequence

from ..registers.formulations import misquotes
from ..text.normalize import between
from .context import CheckContext, excerpt


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(p, 0, pos) for p in "。；！？") + 1
    ends = [e for e in (text.find(p, pos) for p in "。；！？") if e != -1]
    return text[start : min(ends) if ends else len(text)]


def _more(hits: Sequence[object]) -> str:
    """ "（共3处）" when a finding stands for several places."""
    return f"（共{len(hits)}处）" if len(hits) > 1 else ""


def _check_phrases(ctx: CheckContext) -> None:
    year = ctx.year
    if year is None:
        return
    for spec in ctx.outline.phrases.phrases:
        early, stale = [], []
        for i, m in ctx.search_body(spec.regex, spec.hint):
            text = ctx.report.lines[i].text
            in_plans = ctx.section_of(i)[0] == "plans"
            ref_year = year + 1 if in_plans else year
            if spec.since is not None and ref_year < spec.since:
                early.append((i, m))
            elif spec.until is not None and year > spec.until:
                sentence = _sentence(text, m.start())
                retro = year <= spec.until + spec.retrospective_grace and any(
                    w in sentence for w in spec.retrospective_words
                )
                if not retro:
                    stale.append((i, m))
        if early:
            i, m = early[0]
            ctx.emit_match(
                i, m, "P401",
                f"{year}年度报告中出现“{m.group(0)}”{_more(early)}，但{spec.what}始于{spec.since}年。",
                "核对报告年度或删去这一提法。",
            )  # fmt: skip
        if stale:
            i, m = stale[0]
            ctx.emit_match(
                i, m, "P402",
                f"“{m.group(0)}”{_more(stale)}已不是{year}年的现行提法（{spec.what}止于{spec.until}年）。",
                "改用报告年度适用的现行提法；如属回顾总结，请写明“总结”“收官”等。",
                severity=spec.stale_severity,
            )  # fmt: skip


def _check_bodies(ctx: CheckContext) -> None:
    year = ctx.year
    if year is None:
        return
    r = ctx.report
    where = f"{r.issuer or ''} {r.title or ''}"
    for body in ctx.outline.phrases.defunct_bodies:
        if year <= body.until or any(place in where for place in body.still_in):
            continue
        hits = [
            (i, m)
            for i, m in ctx.search_body(body.regex, body.hint)
            if not between(ctx.report.lines[i].text, m.start(), "《", "》")
        ]
        if hits:
            i, m = hits[0]
            ctx.emit_match(
                i,
                m,
                "P403",
                f"“{m.group(0)}”{_more(hits)}在{year}年已不存在（{body.what}已由{body.replaced_by}承接）。",
                f"改为现行机构名称（{body.replaced_by}），或写明“原{m.group(0)}”。",
                severity=body.severity,
            )


def _check_formulations(ctx: CheckContext) -> None:
    """Misquoted set formulations (P404) and names used after they were changed (P405), in
    headings and text alike."""
    for i, line in ctx.lines(body_only=False):
        for q in misquotes(line.text, ctx.year):
            if q.shape.kind == "renamed":
                code, message = "P405", f"“{q.written}”：{q.shape.shape}。"
            else:
                message = f"“{q.written}”不是规范提法“{q.formulation.text}”（{q.shape.shape}）。"
                code = "P404"
            ctx.emit(
                code,
                message,
                f"改为“{q.fixed}”。",
                index=i,
                offset=q.start,
                excerpt=excerpt(line.text, q.start, q.end, 8),
            )


def check(ctx: CheckContext) -> None:
    _check_phrases(ctx)
    _check_bodies(ctx)
    _check_formulations(ctx)
