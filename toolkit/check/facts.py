"""Facts: the draft against its fact sheet (numbers, omissions, other bodies' names)."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..facts import FactSheet
from ..facts.foreign import foreign_in
from ..facts.numbers import judge, presence, sheet_figures
from ..parse.metadata import PLACE_CHAR, find_bodies
from ..registers.departments import kind_of
from ..text.numbers import find_quantities
from .context import CheckContext, excerpt

_PLACE = re.compile(
    rf"({PLACE_CHAR}{{2,4}}?(?:自治县|县|市|区))(?=[\u4e00-\u9fff]{{0,6}}(?:局|委|政府|办))"
)
_GENERIC = re.compile(r"^(全|本|该|各|我|县市|市县|市区|城区|辖区|县区|区县|省市|市直|县直)")


def check(ctx: CheckContext) -> None:
    sheet = ctx.facts
    if sheet is None:
        return
    figures = sheet_figures(sheet)
    # The body is read once as a whole; findings go back to their lines.
    body = list(ctx.lines())
    starts, pos = [], 0
    for _, line in body:
        starts.append(pos)
        pos += len(line.text) + 1
    text = "\n".join(line.text for _, line in body)
    # A number inside a heading's mark (the 1 of "1.") is numbering, not a fact.
    mark_len = {n.line_index: len(n.mark) for n in ctx.report.all_nodes() if n.mark}
    for issue in judge(text, figures):
        q = issue.quantity
        k = bisect_right(starts, q.start) - 1
        i, line = body[k]
        start, end = q.start - starts[k], q.end - starts[k]
        if start < mark_len.get(i, 0):
            continue
        if issue.kind == "unsupported":
            code, msg = "F601", issue.message(checker=True)
            fix = "核对数字；如属实，请补入事实清单。"
        else:
            assert issue.fact is not None
            code, msg = "F604", issue.message(checker=True) + "。"
            fix = f"写确数“{issue.fact.value_with_unit}”。"
        ctx.emit(code, msg, fix, index=i, offset=start, excerpt=excerpt(line.text, start, end))
    quantities = find_quantities(text)
    for fact in sheet.all_facts():
        if fact.value is None:
            continue
        found, _ = presence(fact, quantities)
        if found is None:
            ctx.emit(
                "F602",
                f"事实“{fact.text}”（{fact.value_with_unit}）没有写入报告。",
                "在相应部分写入这一事实。",
                section=fact.id.split(".")[0],
                excerpt=fact.id,
            )
    # Figures inside a fact's text (a sheet from `fazhi extract`): each must be in the report.
    written = {(q.value, q.unit) for q in quantities}
    for fact in sheet.all_facts():
        for fq in fact.quantities:
            if fq.value is not None and (fq.value, fq.unit) not in written:
                ctx.emit(
                    "F602",
                    f"事实“{fact.text}”中的“{fq.text}”没有写入报告。",
                    "在相应部分写入这一数字。",
                    section=fact.id.split(".")[0],
                    excerpt=fact.id,
                )
    _foreign(ctx, sheet)
    own = {sheet.bureau.name, sheet.bureau.short_name or "", sheet.place}
    own_kind = sheet.voice().profile.id
    allowed_places = {sheet.place, *sheet.bureau.superiors}
    stated = "\n".join(f.text for f in sheet.all_facts())  # names the sheet itself gives
    for i, line in ctx.lines(body_only=False):
        for m in find_bodies(line.text):
            name = m.group(1)
            if name in own or name.lstrip("中共").startswith(tuple(p for p in own if p)):
                continue
            if name in stated:
                continue
            kind = kind_of(name)
            if kind is not None and kind.id != own_kind:
                continue  # a body of another kind: F605
            if name[0] in "县市区局" or name.startswith(("我", "本")):
                continue  # 县科技局, 市科技局: the bureau naming itself
            ctx.emit_match(
                i,
                m,
                "F603",
                f"出现其他单位的名称“{name}”。",
                f"改为本单位名称“{sheet.bureau.name}”或删去。",
            )
        for m in _PLACE.finditer(line.text):
            place = m.group(1)
            if _GENERIC.match(place) or any(place in a or a in place for a in allowed_places if a):
                continue
            if place in stated:
                continue
            ctx.emit_match(
                i,
                m,
                "F603",
                f"出现其他地方的地名“{place}”。",
                f"核对：本单位在{sheet.place or '（未填）'}。",
                severity="warning",
            )


def _foreign(ctx: CheckContext, sheet: FactSheet) -> None:
    """F605: a body of another kind named (县科技局 in a justice bureau's report); F606:
    another department's business words. What the sheet itself states is never foreign."""
    for i, line in ctx.lines(body_only=False):
        for f in foreign_in(line.text, sheet):
            ex = excerpt(line.text, f.start, f.end)
            if f.kind == "body":
                ctx.emit("F605", f"出现其他部门的名称“{f.text}”（{f.owner}），事实清单中没有。",
                         f"改为本单位“{sheet.bureau.name}”的表述，或删去。",
                         index=i, offset=f.start, excerpt=ex)  # fmt: skip
            else:
                ctx.emit("F606", f"出现其他部门的业务用语“{f.text}”（{f.owner}），事实清单中没有。",
                         "核对：本单位的报告通常不写这项业务；如属实，请补入事实清单。",
                         index=i, offset=f.start, excerpt=ex)  # fmt: skip
