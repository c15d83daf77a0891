"""A fact sheet written as YAML an analyst edits: one fact per entry, notes as comments
above the facts they concern. `load_fact_sheet` reads it back unchanged."""

from __future__ import annotations

import yaml

from ..facts import Fact, FactQuantity, FactSheet


def _s(value: object) -> str:
    """One YAML scalar on one line (quoted when YAML needs it)."""
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return out.removesuffix("\n").removesuffix("\n...").strip()


def _number(v: float | None) -> str:
    if v is None:
        return "null"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _quantity(q: FactQuantity) -> str:
    parts = [f"text: {_s(q.text)}", f"value: {_number(q.value)}", f"unit: {_s(q.unit)}"]
    if q.previous is not None:
        parts.append(f"previous: {_number(q.previous)}")
    return "{" + ", ".join(parts) + "}"


def _comments(notes: list[str], indent: str) -> list[str]:
    return [f"{indent}# {n}" for n in notes]


def _fact(fact: Fact, indent: str) -> list[str]:
    if fact.value is None and not fact.quantities and fact.unit is None and not fact.written:
        return [f"{indent}- {_s(fact.text)}"]
    lines = [f"{indent}- text: {_s(fact.text)}"]
    if fact.value is not None or fact.unit is not None:
        lines.append(f"{indent}  value: {_number(fact.value)}")
        lines.append(f"{indent}  unit: {_s(fact.unit)}")
    if fact.written is not None:
        lines.append(f"{indent}  written: {_s(fact.written)}")
    if fact.quantities:
        lines.append(f"{indent}  quantities:")
        lines += [f"{indent}    - {_quantity(q)}" for q in fact.quantities]
    return lines


def sheet_to_yaml(sheet: FactSheet, notes: dict[str, list[str]], header: list[str]) -> str:
    """The sheet as commented YAML; `notes` maps fact ids (measures.1.2) to comments."""
    b = sheet.bureau
    out = _comments(header, "")
    out += ["bureau:", f"  name: {_s(b.name)}"]
    if b.short_name:
        out.append(f"  short_name: {_s(b.short_name)}")
    out.append(f"  level: {b.level}")
    out.append("  superiors: [" + ", ".join(_s(s) for s in b.superiors) + "]")
    out.append(f"year: {sheet.year}")
    if sheet.date:
        out.append(f"date: {sheet.date.isoformat()}")
    out.append("sections:")
    for sid, groups in sheet.sections.items():
        if not groups:
            out.append(f"  {sid}: []")
            continue
        out.append(f"  {sid}:")
        for g, group in enumerate(groups, start=1):
            head = f"topic: {group.topic}" if group.topic else "facts:"
            out.append(f"    - {head}")
            if group.topic:
                out.append("      facts:")
            for i, fact in enumerate(group.facts, start=1):
                out += _comments(notes.get(f"{sid}.{g}.{i}", []), "        ")
                out += _fact(fact, "        ")
    if sheet.carried_over:
        out.append("carried_over:  # 去年的计划：今年落实了什么？写进 measures 后删去")
        for item in sheet.carried_over:
            entry = f"  - text: {_s(item.text)}"
            out.append(entry + (f"\n    topic: {item.topic}" if item.topic else ""))
    return "\n".join(out) + "\n"
