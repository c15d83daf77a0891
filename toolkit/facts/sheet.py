"""Fact sheets: one bureau's facts for one year, validated, with stable fact ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import InputError
from ..i18n import _, validation_message
from ..outline import default_outline
from ..readers import read_document
from ..registers.departments import Voice, voice
from ..text.numbers import find_dates, find_quantities, format_value, parse_number

FactSection = Literal["measures", "shortcomings", "first_responsible", "plans", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bureau(_Strict):
    name: str = Field(min_length=2, max_length=60)
    short_name: str | None = None
    level: Literal["province", "city", "county", "district"]
    superiors: list[str] = Field(default_factory=list)
    # A department profile id (justice, health…; `toolkit/data/departments/`); by default
    # the profile whose name ending the bureau's name has.
    department: str | None = None

    @field_validator("superiors", mode="before")
    @classmethod
    def _superiors(cls, v: object) -> object:
        if isinstance(v, str):
            return split_superiors(v)
        if isinstance(v, list):  # [市委;市政府] too
            return [s for i in v for s in (split_superiors(i) if isinstance(i, str) else [i])]
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = v.strip()
        if not re.search(r"[\u4e00-\u9fff]", v):
            raise ValueError(_("must be the bureau's full Chinese name, e.g. 高台县科学技术局"))
        return v


# Between superiors in one cell or string: 、 , ， ; ； and any whitespace (newlines too).
SUPERIOR_SEPARATORS = re.compile(r"[、,，;；\s]+")


def split_superiors(text: str) -> list[str]:
    """市委;市政府, 市委、市政府, 市委 市政府 (or one per line) → [市委, 市政府]."""
    return [s for s in SUPERIOR_SEPARATORS.split(text) if s]


def _value_error(v: str) -> str:
    """Why a value cell is refused, with the fix: 约30 → write 30."""
    whole = [qs[0] for qs in (find_quantities(v), find_quantities(v + "次")) if len(qs) == 1]
    whole = [q for q in whole if q.start == 0 and q.end >= len(v)]
    if whole:
        q = whole[0]
        if q.high is not None:
            return _("{value} is a range; give one exact figure and put the range in the text").format(
                value=repr(v)
            )
        if q.approx:
            return _(
                "{value} is an approximation; a fact sheet holds exact figures: write the exact "
                "figure ({figure} if that is exact), not “{raw}”"
            ).format(value=repr(v), figure=format_value(q.value), raw=v)
        if q.unit and v.endswith(q.unit):
            return _("{value} has a unit; write {number} in value and {unit} in unit").format(
                value=repr(v), number=q.number, unit=q.unit
            )
    return _("{value} is not a number; write a figure such as 30 or 三十").format(value=repr(v))


class FactQuantity(_Strict):
    """A quantity a fact's text states, as written (`24次`, `4000多份`): what `fazhi extract`
    records so figures can be compared year over year. `value` None: to be filled in."""

    text: str = Field(min_length=1)
    value: float | None = None
    unit: str | None = None
    previous: float | None = None  # last year's value, in a sheet made with --next-year

    @field_validator("value", "previous", mode="before")
    @classmethod
    def _number(cls, v: object) -> object:
        if isinstance(v, str | bool):
            raise ValueError(_("must be a number, not {value}").format(value=repr(v)))
        return v

    @property
    def value_text(self) -> str | None:
        return _number_text(self.value)


def _number_text(v: float | None) -> str | None:
    return None if v is None else format_value(v)


class Fact(_Strict):
    text: str = Field(min_length=1)
    value: float | None = None
    unit: str | None = None
    quantities: list[FactQuantity] = Field(default_factory=list)  # numbers inside `text`
    # The value as the sheet wrote it when that was not plain digits (三十, 1.2万): the
    # offline composer writes it so; checks read every written form anyway.
    written: str | None = None
    id: str = ""  # assigned on load: section.group.index, e.g. measures.1.2

    @model_validator(mode="before")
    @classmethod
    def _written_value(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            raw = data["value"].strip()
            number = parse_number(raw)
            if number is None:
                raise ValueError(_("value {why}").format(why=_value_error(raw)))
            written = None if re.fullmatch(r"\d+(?:\.\d+)?", raw) else raw
            data = {**data, "value": number, "written": data.get("written") or written}
        return data

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, v: object) -> object:
        """An empty unit (`unit: ""`, a blank cell) is no unit: 98 then fits 98% or 百分之九十八."""
        if isinstance(v, str):
            v = v.strip()
            return v or None
        return v

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError(_("must be a number"))
        return v

    @field_validator("value")
    @classmethod
    def _non_negative(cls, v: float | None) -> float | None:
        if v is not None and v < 0:
            raise ValueError(_("must not be negative"))
        return v

    @model_validator(mode="after")
    def _written_matches(self) -> Fact:
        if self.written is not None and (
            self.value is None or parse_number(self.written) != self.value
        ):
            raise ValueError(
                _("written {written} does not state the value {value}").format(
                    written=repr(self.written), value=self.value
                )
            )
        return self

    @property
    def value_text(self) -> str | None:
        """The value in digits: 30, 5249.57."""
        if self.value is None:
            return None
        return format_value(self.value)

    @property
    def value_shown(self) -> str | None:
        """The value as the sheet wrote it (三十 when the cell said 三十), else in digits."""
        return self.written or self.value_text

    @property
    def value_with_unit(self) -> str | None:
        """The value and unit as a report writes them: 30场次, 三十场次, 百分之百."""
        shown = self.value_shown
        if shown is None:
            return None
        unit = self.unit or ""
        if unit in ("%", "％") and (shown.startswith("百分之") or shown.endswith(("成", "%"))):
            unit = ""
        return shown + unit


def _known_topic(v: str | None) -> str | None:
    known = default_outline().topic_ids()
    if v is not None and v not in known:
        raise ValueError(
            _("unknown topic {value}; use one of: {known}").format(value=repr(v), known=", ".join(known))
        )
    return v


def _as_items(v: object) -> object:
    """A list may give plain strings for items that only have a text."""
    if isinstance(v, list):
        return [{"text": f} if isinstance(f, str) else f for f in v]
    return v


class FactGroup(_Strict):
    topic: str | None = None
    facts: list[Fact]

    _plain = field_validator("facts", mode="before")(lambda v: _as_items(v))

    _topic = field_validator("topic")(lambda v: _known_topic(v))


class CarriedOver(_Strict):
    """Last year's plan item, carried into this year's sheet as a prompt to report on."""

    text: str = Field(min_length=1)
    topic: str | None = None

    _topic = field_validator("topic")(lambda v: _known_topic(v))


class FactSheet(_Strict):
    bureau: Bureau
    year: int
    date: dt.date | None = None
    sections: dict[FactSection, list[FactGroup]]
    # Prompts, not facts: the drafter does not write them (see `fazhi extract --next-year`).
    carried_over: list[CarriedOver] = Field(default_factory=list)

    _plain = field_validator("carried_over", mode="before")(lambda v: _as_items(v))

    @field_validator("year")
    @classmethod
    def _year(cls, v: int) -> int:
        this_year = dt.date.today().year
        if not 2000 <= v <= this_year:
            raise ValueError(
                _("{year} is not a plausible report year (2000–{last})").format(year=v, last=this_year)
            )
        return v

    @model_validator(mode="after")
    def _ids_and_date(self) -> FactSheet:
        seen: dict[tuple[str, str, float | None], str] = {}
        for section, groups in self.sections.items():
            for g, group in enumerate(groups, start=1):
                for f, fact in enumerate(group.facts, start=1):
                    key = (section, fact.text.strip(), fact.value)
                    here = f"sections.{section}.{g}.facts.{f}"
                    if key in seen:
                        raise ValueError(
                            _("{here} repeats {first} (“{text}”); delete one of them").format(
                                here=here, first=seen[key], text=fact.text
                            )
                        )
                    seen[key] = here
        for section, groups in self.sections.items():
            for g, group in enumerate(groups, start=1):
                for f, fact in enumerate(group.facts, start=1):
                    fact.id = f"{section}.{g}.{f}"
        if self.date is not None and self.date.year not in (self.year, self.year + 1):
            raise ValueError(
                _("date {date} does not fit year {year}").format(date=self.date, year=self.year)
            )
        return self

    def all_facts(self) -> list[Fact]:
        return [f for groups in self.sections.values() for g in groups for f in g.facts]

    def numbers(self) -> set[str]:
        """Every number the sheet states, in digits (values, and numbers in the texts in any
        written form: 三十 in a text gives "30")."""
        out = {f.value_text for f in self.all_facts() if f.value_text}
        for fact in self.all_facts():
            out.update(re.findall(r"\d+(?:\.\d+)?", fact.text))
            for q in (*find_quantities(fact.text), *find_dates(fact.text)):
                out.add(format_value(q.value))
                if q.high is not None:
                    out.add(format_value(q.high))
            out.update(q.value_text for q in fact.quantities if q.value_text)
        return out

    def allowed_numbers(self) -> set[str]:
        """Numbers a report on this sheet may contain: the sheet's, the years Y and Y+1, the date."""
        allowed = self.numbers() | {str(self.year), str(self.year + 1)}
        if self.date:
            allowed |= {str(self.date.year), str(self.date.month), str(self.date.day)}
        return allowed

    def voice(self) -> Voice:
        """How this bureau writes: its department profile and self-references."""
        return voice(self.bureau.name, self.bureau.level, self.bureau.department)

    @property
    def place(self) -> str:
        """The bureau's place name: 高台县科学技术局 → 高台县."""
        m = re.match(r"^(.+?(?:自治县|县|市|区|旗|州|省))", self.bureau.name)
        return m.group(1) if m else ""


def _loc(err: Mapping[str, Any]) -> str:
    """Where a validation error is, positions counted from 1 like the fact ids:
    `sections.measures.5.facts.1` is fact measures.5.1 (the fifth group's first fact)."""
    parts = [p + 1 if isinstance(p, int) else p for p in err["loc"]
             if not (isinstance(p, str) and p.startswith("function"))]  # fmt: skip
    where = ".".join(str(p) for p in parts)
    if len(parts) >= 5 and parts[0] == "sections" and parts[3] == "facts":
        fact_id = f"{parts[1]}.{parts[2]}.{parts[4]}"
        where += _(" (fact {id}; positions count from 1)").format(id=fact_id)
    return where


def load_fact_sheet(path: str | Path) -> FactSheet:
    """Read a YAML fact sheet; errors name the file, the key and what to fix."""
    decoded = read_document(path)
    try:
        data = yaml.safe_load(decoded.text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark:
            raise InputError(
                _("{path}: not valid YAML at line {line}").format(path=path, line=mark.line + 1)
            ) from None
        raise InputError(_("{path}: not valid YAML").format(path=path)) from None
    if not isinstance(data, dict):
        raise InputError(
            _("{path}: a fact sheet is a mapping with keys bureau, year, sections").format(path=path)
        )
    try:
        return FactSheet.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        more = _(" (and {n} more)").format(n=exc.error_count() - 1) if exc.error_count() > 1 else ""
        where = _loc(err) or _("top level")
        msg = validation_message(err)
        raise InputError(f"{path}: {where}: {msg}{more}") from None
