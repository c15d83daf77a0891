"""A sheet for the following year: figures blanked, last year's plans carried over; and an
extraction written as commented YAML."""

from __future__ import annotations

from pydantic import ValidationError

from ..errors import InputError
from ..facts import CarriedOver, Fact, FactGroup, FactQuantity, FactSheet
from ..outline import default_outline
from .extract import Extraction
from .rules import BLANK


def next_year(sheet: FactSheet) -> tuple[FactSheet, dict[str, list[str]], list[str]]:
    """The sheet for the following year: last year's facts with their quantities blanked
    (last year's value kept as `previous`), last year's plans under `carried_over`, no plans."""

    outline = default_outline()
    notes: dict[str, list[str]] = {}
    sections: dict[str, list[FactGroup]] = {}
    for sid, groups in sheet.sections.items():
        if sid == "plans":
            continue
        sections[sid] = []
        for g, group in enumerate(groups, start=1):
            facts = []
            for i, fact in enumerate(group.facts, start=1):
                text, qs = fact.text, []
                for q in fact.quantities:
                    blank = BLANK + (q.unit or "")
                    text = text.replace(q.text, blank, 1)
                    qs.append(FactQuantity(text=blank, unit=q.unit, previous=q.value))
                value = None
                if fact.value is not None:
                    notes[f"{sid}.{g}.{i}"] = [
                        f"去年为 {fact.value_text}{fact.unit or ''}，请填今年的数"
                    ]
                elif qs:
                    notes[f"{sid}.{g}.{i}"] = [
                        "去年：" + "、".join(f"{q.previous:g}{q.unit or ''}" for q in qs)
                    ]
                facts.append(Fact(text=text, value=value, unit=fact.unit, quantities=qs))
            sections[sid].append(FactGroup(topic=group.topic, facts=facts))
    carried = [
        CarriedOver(text=f.text, topic=(outline.tag_topics(f.text) or [None])[0])
        for g in sheet.sections.get("plans", [])
        for f in g.facts
    ]
    head = [
        f"{sheet.year + 1}年的事实清单，由 {sheet.year} 年的清单生成：事实是去年的，留下今年仍属实的并改写，"
        "数字处填今年的数（【待填】），carried_over 是去年的计划，逐条写明今年的落实情况后删去。",
    ]
    new = FactSheet(
        bureau=sheet.bureau,
        year=sheet.year + 1,
        date=None,
        sections=sections,  # type: ignore[arg-type]
        carried_over=carried,
    )
    return new, notes, head


def next_year_yaml(result: Extraction) -> str:
    """The commented YAML of the sheet for the year after `result`'s."""
    from .sheet_yaml import sheet_to_yaml

    try:
        sheet, notes, head = next_year(result.sheet)
    except ValidationError as exc:
        msg = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise InputError(f"{result.source}: cannot make next year's sheet: {msg}") from None
    return sheet_to_yaml(sheet, notes, [f"来源：{result.source}", *head])


