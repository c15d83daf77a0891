"""Set formulations (提法): the fixed wordings reports quote, the shapes their misquotes
take (a word inserted or dropped, a character swapped, 法制 for 法治) and the names that
were changed (全国法制宣传日 → 国家宪法日), as data in `data/registers/formulations.yaml`.

`misquotes(text, year)` finds them in a line; `protected_spans(text)` gives the spans of
proper names the text checks must leave whole (a bare year inside 健康中国2030, 法制 inside
重大执法决定法制审核).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..paths import PACKAGE_DATA
from ._load import load_register

FORMULATIONS_FILE = PACKAGE_DATA / "registers" / "formulations.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Shape(_Strict):
    """One way the formulation is misquoted: a pattern and the right wording for it."""

    find: str  # regular expression of the wrong form
    fix: str  # its right form (a template: \1, \g<name> are the pattern's groups)
    shape: str  # what went wrong, in the checker's words
    kind: Literal["misquote", "renamed"] = "misquote"
    from_year: int | None = None  # wrong in reports on this year or later only
    until_year: int | None = None  # wrong in reports on this year or earlier only

    @field_validator("find")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {v!r}: {exc}") from None
        return v

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.find)

    def applies(self, year: int | None) -> bool:
        """Whether the shape is an error in a report on `year` (unknown year: when it is
        an error in every year)."""
        if year is None:
            return self.from_year is None and self.until_year is None
        return (self.from_year is None or year >= self.from_year) and (
            self.until_year is None or year <= self.until_year
        )


class Formulation(_Strict):
    """A set wording and the shapes of its misquotes."""

    id: str
    text: str  # the official wording
    hint: str  # a literal every misquote contains (a quick pre-check)
    shapes: list[Shape] = Field(min_length=1)


class FormulationRegister(_Strict):
    formulations: list[Formulation]
    # Proper names and fixed wordings the text checks leave whole: a bare year in them is
    # not a missing 年, a 法制 in them is not 法治, a repeated word is not a slip.
    names: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> FormulationRegister:
        ids = [f.id for f in self.formulations]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"formulation id(s) {', '.join(sorted(dup))} appear twice")
        return self

    @cached_property
    def hint_regex(self) -> re.Pattern[str]:
        """Any formulation's hint: a line without one has no misquote (most lines)."""
        return re.compile("|".join(re.escape(f.hint) for f in self.formulations) or "(?!)")

    @cached_property
    def names_regex(self) -> re.Pattern[str] | None:
        names = sorted(self.names, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names))) if names else None


@dataclass(frozen=True)
class Misquote:
    """A misquoted formulation at `start`..`end` of a line, with its right form."""

    start: int
    end: int
    written: str
    fixed: str
    formulation: Formulation
    shape: Shape


@cache
def formulation_register(path: Path | None = None) -> FormulationRegister:
    """The register (cached); `ConfigError` naming the file if it is missing or corrupt."""
    return load_register(path or FORMULATIONS_FILE, FormulationRegister)


def _inside_title(text: str, pos: int) -> bool:
    """Inside 《…》: a cited title is the citation check's business."""
    opened = text.rfind("《", 0, pos)
    return opened != -1 and text.rfind("》", opened, pos) == -1 and "》" in text[pos:]


def misquotes(
    text: str, year: int | None = None, register: FormulationRegister | None = None
) -> list[Misquote]:
    """The misquoted formulations in `text`, in order; where two overlap the first wins.

    `year` is the year reported on: a renamed day or body is wrong only after the change.
    Quotes inside 《…》 are left to the citation check.
    """
    reg = register or formulation_register()
    if not reg.hint_regex.search(text):
        return []
    found: list[Misquote] = []
    for f in reg.formulations:
        if f.hint not in text:
            continue
        for shape in f.shapes:
            if not shape.applies(year):
                continue
            for m in shape.regex.finditer(text):
                if _inside_title(text, m.start()):
                    continue
                found.append(
                    Misquote(m.start(), m.end(), m.group(0), m.expand(shape.fix), f, shape)
                )
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    out: list[Misquote] = []
    for q in found:
        if not out or q.start >= out[-1].end:
            out.append(q)
    return out


def shape_spans(text: str, register: FormulationRegister | None = None) -> list[tuple[int, int]]:
    """Spans of every wrong form in `text`, whatever the year: text that a formulation
    finding speaks for, which other checks (法制 → 法治) must not edit on their own."""
    reg = register or formulation_register()
    if not reg.hint_regex.search(text):
        return []
    return [
        m.span()
        for f in reg.formulations
        if f.hint in text
        for shape in f.shapes
        for m in shape.regex.finditer(text)
    ]


def protected_spans(
    text: str, register: FormulationRegister | None = None
) -> list[tuple[int, int]]:
    """Spans of the register's proper names in `text`."""
    regex = (register or formulation_register()).names_regex
    return [m.span() for m in regex.finditer(text)] if regex else []
