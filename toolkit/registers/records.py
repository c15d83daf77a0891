"""A register entry: one law, regulation, central document or departmental rule.

Dates are written `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only the month or the year
is on record; comparisons between two dates use the precision both have.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import Any, Literal

from ..i18n import _

Kind = Literal["law", "regulation", "central", "rule"]
KINDS: tuple[Kind, ...] = ("law", "regulation", "central", "rule")
KIND_NAMES: dict[Kind, str] = {
    "law": "法律",
    "regulation": "行政法规",
    "central": "党内法规和中央文件",
    "rule": "部门规章",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_FIELDS = ("issued", "in_force", "amended", "repealed")
# Ordered pairs: the first may not be later than the second.
_ORDER = (
    ("issued", "amended"),
    ("issued", "repealed"),
    ("in_force", "repealed"),
    ("amended", "repealed"),
)


class EntryError(ValueError):
    """An entry that does not parse or whose dates are out of order."""


@lru_cache(maxsize=8192)
def parse_date(text: str) -> tuple[int, ...]:
    """`2021-08-11` → (2021, 8, 11); `2021-08` → (2021, 8); raises `EntryError`."""
    m = _DATE.match(text)
    if not m:
        raise EntryError(_("date {text} is not YYYY, YYYY-MM or YYYY-MM-DD").format(text=text))
    parts = tuple(int(g) for g in m.groups() if g is not None)
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise EntryError(_("date {text} does not exist").format(text=text)) from exc
    return parts


def not_later(a: str, b: str) -> bool:
    """Whether date `a` is not later than `b`, at the precision both have."""
    pa, pb = parse_date(a), parse_date(b)
    n = min(len(pa), len(pb))
    return pa[:n] <= pb[:n]


@cache
def _field_names() -> frozenset[str]:
    return frozenset(f.name for f in fields(Entry)) - {"kind"}


@dataclass(frozen=True, slots=True)
class Entry:
    """The official record of one title."""

    title: str
    kind: Kind
    issuer: str = ""
    short: tuple[str, ...] = ()  # accepted short forms
    issued: str | None = None  # adopted or issued
    in_force: str | None = None
    amended: str | None = None  # last amended or revised
    repealed: str | None = None  # repealed, or replaced by `successor`
    successor: str | None = None
    doc_no: str | None = None  # 文号 or order number
    form: str | None = None  # central documents: outline, opinion, decision, rule, plan, book

    @classmethod
    def from_dict(cls, data: dict[str, Any], kind: Kind) -> Entry:
        """An entry from a data file's mapping; raises `EntryError` naming what is wrong."""
        unknown = sorted(set(data) - _field_names())
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            raise EntryError(_("an entry without a title: {data}").format(data=data))
        if unknown:
            raise EntryError(
                _("{title}: unknown field(s) {names}").format(title=title, names=", ".join(unknown))
            )
        if kind not in KINDS:
            raise EntryError(_("{title}: unknown kind {kind}").format(title=title, kind=kind))
        values = {k: v for k, v in data.items() if k != "short"}
        for key in _DATE_FIELDS:
            if values.get(key) is not None:
                values[key] = str(values[key])
                try:
                    parse_date(values[key])
                except EntryError as exc:
                    raise EntryError(f"{title}: {key}: {exc}") from None
        entry = cls(kind=kind, short=tuple(data.get("short") or ()), **values)
        entry.validate()
        return entry

    def validate(self) -> None:
        """Dates parse and are in order; a successor only with a repeal date."""
        for first, second in _ORDER:
            a, b = getattr(self, first), getattr(self, second)
            if a and b and not not_later(a, b):
                raise EntryError(
                    _("{title}: {first} {a} is later than {second} {b}").format(
                        title=self.title, first=first, a=a, second=second, b=b
                    )
                )
        if self.successor and not self.repealed:
            raise EntryError(
                _("{title}: a successor without a repeal date").format(title=self.title)
            )
        if self.title in self.short:
            raise EntryError(_("{title}: a short form equal to the title").format(title=self.title))

    def to_dict(self) -> dict[str, Any]:
        """The mapping a data file holds (empty fields left out)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "kind" or value in (None, "", ()):
                continue
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @property
    def issued_year(self) -> int | None:
        return parse_date(self.issued)[0] if self.issued else None

    @property
    def repealed_year(self) -> int | None:
        return parse_date(self.repealed)[0] if self.repealed else None

    def repealed_before(self, year: int) -> bool:
        """Repealed or replaced before the year `year` began."""
        return self.repealed_year is not None and self.repealed_year < year

    def issued_after(self, year: int) -> bool:
        """Issued after the year `year` ended (a report on `year` cannot cite it)."""
        return self.issued_year is not None and self.issued_year > year
