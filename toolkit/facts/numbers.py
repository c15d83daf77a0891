"""A text's numbers judged against a fact sheet, in whatever form each is written.

A quantity is the sheet's when its value (in any written form: 18 / 十八, 4000 / 四千,
1.2万 / 12000, 5249.57万元 / 52495700元) is a figure the sheet states. An approximation
(十余次) that fits an exact fact (12 次) is reported apart: the number is grounded but
the report should give the exact figure. Anything else is not in the sheet. The numbers of
dates must be the report year, the next year, the sheet's date or a figure of the sheet.

Used by the drafting guards (regenerate, then mark 【待核实】) and the checker's fact
family (F601, F602, F604), so both judge the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..text.numbers import Quantity, find_dates, find_quantities, format_value, unit_scale
from .sheet import Fact, FactSheet

_ABOVE = {"余", "多", "以上", "超", "超过", "逾", "有余", "之多", "开外"}
_BELOW_NEAR = {"近", "将近", "接近"}
_AROUND = {"约", "大约", "左右", "上下"}
_SOME = {"数", "几"}
# Units that name the same count (开展宣传30场次 / 三十场).
_SAME_UNIT = {"场次": "场", "件次": "件", "家次": "家", "批次": "批"}


def _key(x: float) -> float:
    return round(x, 4)


def _base(value: float, unit: str | None) -> tuple[float, str | None]:
    scale, base = unit_scale(unit)
    return _key(value * scale), _SAME_UNIT.get(base or "", base)


def _units_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _step(v: float) -> float:
    """The place an approximation rounds to: 10 → 10, 200 → 100, 4000 → 1000, 12 → 1."""
    if v <= 0 or not float(v).is_integer():
        return 1.0
    n, step = int(v), 1
    while n % 10 == 0:
        n, step = n // 10, step * 10
    return float(step)


def fits(approx: str, value: float, exact: float) -> bool:
    """Whether the exact figure `exact` is one the approximation `value`+`approx` may stand
    for: 十余 → 10–19, 近百 → 80–100, 约30 → 24–36, 数十 → 10–99."""
    if approx in _ABOVE:
        return value <= exact < value + max(_step(value), value if approx == "以上" else 0)
    if approx in _BELOW_NEAR:
        return value * 0.8 <= exact <= value
    if approx in _AROUND:
        return abs(exact - value) <= max(value * 0.2, 1.0)
    if approx in _SOME:
        return value <= exact < value * 10
    if approx == "以下":
        return exact <= value
    return math.isclose(exact, value)


@dataclass(frozen=True)
class FactFigure:
    """A fact's value for comparison: `base` in the base unit (万元 → 元)."""

    text: str
    value_with_unit: str  # as the report should write it: 24次, 三十场次
    base: float
    unit: str | None


@dataclass(frozen=True)
class SheetFigures:
    """What a sheet states, ready for comparison (build once per sheet and text)."""

    values: frozenset[float]  # every figure of the sheet, as stated and in base units
    approx: frozenset[tuple[float, str]]  # approximations written in the facts' texts
    facts: tuple[FactFigure, ...]  # the facts with a value
    dates: frozenset[float]  # what the numbers of a date may be


def sheet_figures(sheet: FactSheet) -> SheetFigures:
    """The figures of `sheet` (cached on what they depend on: the guards ask per section)."""
    facts = tuple((f.text, f.value, f.unit, f.value_with_unit) for f in sheet.all_facts())
    return _figures(facts, sheet.year, sheet.date)


@lru_cache(maxsize=256)
def _figures(
    facts: tuple[tuple[str, float | None, str | None, str | None], ...],
    year: int,
    date: dt.date | None,
) -> SheetFigures:
    values: set[float] = set()
    approx: set[tuple[float, str]] = set()
    with_value = []
    for text, value, unit, shown in facts:
        if value is not None:
            base, base_unit = _base(value, unit)
            values |= {_key(value), base}
            with_value.append(FactFigure(text, shown or "", base, base_unit))
        for q in find_quantities(text):
            if q.approx:
                approx.add((_key(q.value), q.approx))
            else:
                values |= {_key(q.value), _base(q.value, q.unit)[0]}
                if q.high is not None:
                    values.add(_key(q.high))
        values |= {_key(d.value) for d in find_dates(text)}
    dates = set(values) | {float(year), float(year + 1)}
    if date:
        dates |= {float(date.year), float(date.month), float(date.day)}
    return SheetFigures(frozenset(values), frozenset(approx), tuple(with_value), frozenset(dates))


@dataclass(frozen=True)
class NumberIssue:
    """A number of the text that the sheet does not state (`unsupported`), or an
    approximation of one of its exact facts (`approx`)."""

    kind: Literal["unsupported", "approx"]
    quantity: Quantity
    fact: FactFigure | None = None

    @property
    def written(self) -> str:
        """The numeral as written, with its value when that reads differently:
        “三十”（即30）, “87”."""
        q = self.quantity
        plain = format_value(q.value)
        if q.high is not None:
            plain += f"至{format_value(q.high)}"
        return f"“{q.number}”" + ("" if q.number == plain else f"（即{plain}）")

    def message(self, checker: bool = False) -> str:
        if self.kind == "unsupported":
            tail = "在事实清单中找不到。" if checker else "不在事实清单中"
            return f"数字{self.written}{tail}"
        fact = self.fact
        assert fact is not None
        return (
            f"“{self.quantity.text}”是约数，事实清单中是确数"
            f"{fact.value_with_unit}（{fact.text}），应写确数"
        )


def judge(text: str, figures: SheetFigures) -> list[NumberIssue]:
    """The numbers of `text` that the sheet does not state, and approximations of its
    exact facts, in order of position."""
    out: list[NumberIssue] = []
    for q in find_quantities(text):
        if q.approx is None:
            if q.chinese and q.value == 1 and q.high is None:
                continue  # 一次, 一名, 一个: too common in plain wording to hold a fact
            ends = [q.value] if q.high is None else [q.value, q.high]
            if all(
                _key(v) in figures.values or _base(v, q.unit)[0] in figures.values for v in ends
            ):
                continue
            out.append(NumberIssue("unsupported", q))
            continue
        if (_key(q.value), q.approx) in figures.approx:
            continue  # the sheet's own text says 一百余
        base, unit = _base(q.value, q.unit)
        fact = next(
            (
                f
                for f in figures.facts
                if _units_agree(unit, f.unit) and fits(q.approx, base, f.base)
            ),
            None,
        )
        out.append(NumberIssue("approx", q, fact) if fact else NumberIssue("unsupported", q))
    for d in find_dates(text):
        if _key(d.value) not in figures.dates:
            out.append(NumberIssue("unsupported", d))
    out.sort(key=lambda i: i.quantity.start)
    return out


def presence(fact: Fact, quantities: list[Quantity]) -> tuple[str | None, Quantity | None]:
    """Whether `fact`'s value is written among `quantities`: ("exact", q), ("approx", q)
    when only an approximation of it is, or (None, None)."""
    if fact.value is None:
        return None, None
    base, unit = _base(fact.value, fact.unit)
    near = None
    for q in quantities:
        qbase, qunit = _base(q.value, q.unit)
        if not _units_agree(qunit, unit) or q.high is not None:
            continue
        if q.approx is None and qbase == base:
            return "exact", q
        if q.approx is not None and near is None and fits(q.approx, qbase, base):
            near = q
    return ("approx", near) if near else (None, None)
