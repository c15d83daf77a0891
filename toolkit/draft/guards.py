"""Guards on generated section text: numbers only from the fact sheet, no other body's
or place's name, headings in the outline's numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import rjieba

from ..corpus.masking import _is_place, learn_places
from ..facts import FactSheet
from ..facts.foreign import foreign_in
from ..facts.numbers import judge, sheet_figures
from ..parse.metadata import find_bodies
from ..text.headings import CN_NUMERAL, cn_to_int

MARK = "【待核实】"
_SUBHEAD = re.compile(rf"^（({CN_NUMERAL})）", re.M)
_TOP = re.compile(rf"^\s*{CN_NUMERAL}、", re.M)


@dataclass(frozen=True)
class Violation:
    """Something the sheet does not support. `number` (a figure not in the sheet, any
    written form) and `name` are marked 【待核实】 if they survive the retries; `approx` (an
    exact fact written as an approximation) and `heading` are only reported."""

    kind: Literal["number", "approx", "name", "word", "heading"]
    detail: str  # number/approx/heading: the whole objection; name: the name
    start: int
    end: int

    def describe(self) -> str:
        if self.kind == "name":
            return f"出现了事实清单以外的名称“{self.detail}”"
        if self.kind == "word":
            return f"出现了其他部门的业务用语“{self.detail}”"
        return self.detail


@cache
def _sheet_places(sheet_json: str, bureau: str) -> frozenset[str]:
    places = learn_places(sheet_json) | learn_places(bureau)
    for word, tag in rjieba.tag(sheet_json):
        if _is_place(word, tag, set()):
            places.add(word)
    return frozenset(places)


def check_section(text: str, sheet: FactSheet, section_id: str) -> list[Violation]:
    """Everything in `text` that the fact sheet does not support."""
    out: list[Violation] = []
    for issue in judge(text, sheet_figures(sheet)):
        q = issue.quantity
        kind = "number" if issue.kind == "unsupported" else "approx"
        out.append(Violation(kind, issue.message(), q.start, q.number_end))
    own = {sheet.bureau.name, sheet.bureau.short_name or "", sheet.place}
    stated = "\n".join(f.text for f in sheet.all_facts())  # names the sheet itself gives
    foreign = foreign_in(text, sheet)
    out += [Violation("name" if f.kind == "body" else "word", f.text, f.start, f.end)
            for f in foreign]  # fmt: skip
    taken = {f.start for f in foreign if f.kind == "body"}
    for m in find_bodies(text):
        name = m.group(1)
        bare = name.removeprefix("中共")
        if bare[0] in "县市区省局" or any(o and (o in name or name in o) for o in own):
            continue
        if name in stated or any(m.start() <= t < m.end() for t in taken):
            continue
        out.append(Violation("name", name, m.start(), m.end()))
    sheet_text = sheet.model_dump_json()
    places = _sheet_places(sheet_text, sheet.bureau.name)
    pos = 0
    for word, tag in rjieba.tag(text):
        start, pos = pos, pos + len(word)
        if (
            _is_place(word, tag, set())
            and word not in places
            and not any(word in p or p in word for p in places if len(p) >= 2)
        ):
            out.append(Violation("name", word, start, pos))
    top = _TOP.search(text)
    if top is not None:
        m = top
        out.append(
            Violation(
                "heading",
                "正文中不应出现“一、”式一级标题（一级标题由系统生成）",
                m.start(),
                m.end(),
            )
        )
    numbers = [cn_to_int(m.group(1)) for m in _SUBHEAD.finditer(text)]
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        out.append(
            Violation("heading", f"小节序号应为（一）（二）……依次排列，实际为{numbers}", 0, 0)
        )
    return out


def mark(text: str, violations: list[Violation]) -> str:
    """Insert 【待核实】 after every offending number or name."""
    spans = sorted(
        {(v.start, v.end) for v in violations if v.kind in ("number", "name", "word")}, reverse=True
    )
    for _, end in spans:
        text = text[:end] + MARK + text[end:]
    return text
