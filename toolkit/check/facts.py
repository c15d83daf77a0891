"""Facts: the draft against its fact sheet (numbers, omissions, other bodies' names)."""

from __future__ import annotations

import re

from ..facts import unsupported_numbers
from ..metadata import PLACE_CHAR, find_bodies
from .context import CheckContext

_PLACE = re.compile(
    rf"({PLACE_CHAR}{{2,4}}?(?:自治县|县|市|区))(?=[\u4e00-\u9fff]{{0,6}}(?:局|委|政府|办))"
)
_GENERIC = re.compile(r"^(全|本|该|各|我|县市|市县|市区|城区|辖区|县区|区县|省市|市直|县直)")


def check(ctx: CheckContext) -> None:
    sheet = ctx.facts
    if sheet is None:
        return
    allowed = sheet.allowed_numbers()
    text = ctx.report.text
    # A number inside a heading's mark (the 1 of "1.") is numbering, not a fact.
    mark_len = {n.line_index: len(n.mark) for n in ctx.report.all_nodes() if n.mark}
    for i, line in ctx.lines():
        for m in unsupported_numbers(line.text, allowed):
            if m.start() >= mark_len.get(i, 0):
                ctx.emit_match(
                    i,
                    m,
                    "F601",
                    f"数字“{m.group(0)}”在事实清单中找不到。",
                    "核对数字；如属实，请补入事实清单。",
                )
    for fact in sheet.all_facts():
        value = fact.value_text
        unit = rf"\s*(?:余|多)?\s*{re.escape(fact.unit)}" if fact.unit else ""
        if value and not re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.]){unit}", text):
            ctx.emit(
                "F602",
                f"事实“{fact.text}”（{value}{fact.unit or ''}）没有写入报告。",
                "在相应部分写入这一事实。",
                section=fact.id.split(".")[0],
                excerpt=fact.id,
            )
    own = {sheet.bureau.name, sheet.bureau.short_name or "", sheet.place}
    allowed_places = {sheet.place, *sheet.bureau.superiors}
    stated = "\n".join(f.text for f in sheet.all_facts())  # names the sheet itself gives
    for i, line in ctx.lines(body_only=False):
        for m in find_bodies(line.text):
            name = m.group(1)
            if name in own or name.lstrip("中共").startswith(tuple(p for p in own if p)):
                continue
            if name in stated:
                continue
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
