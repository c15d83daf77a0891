"""Fact sheets: one bureau's facts for one year, validated, with stable fact ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import InputError
from .numbers import find_dates, find_quantities, format_value, parse_number
from .outline import default_outline
from .textio import read_text

FactSection = Literal["measures", "shortcomings", "first_responsible", "plans", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bureau(_Strict):
    name: str = Field(min_length=2, max_length=60)
    short_name: str | None = None
    level: Literal["province", "city", "county", "district"]
    superiors: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = v.strip()
        if not re.search(r"[\u4e00-\u9fff]", v):
            raise ValueError("must be the bureau's full Chinese name, e.g. 高台县科学技术局")
        return v


def _value_error(v: str) -> str:
    """Why a value cell is refused, with the fix: 约30 → write 30."""
    whole = [qs[0] for qs in (find_quantities(v), find_quantities(v + "次")) if len(qs) == 1]
    whole = [q for q in whole if q.start == 0 and q.end >= len(v)]
    if whole:
        q = whole[0]
        if q.high is not None:
            return f"{v!r} is a range; give one exact figure and put the range in the text"
        if q.approx:
            return (
                f"{v!r} is an approximation; a fact sheet holds exact figures: "
                f"write the exact figure ({format_value(q.value)} if that is exact), not “{v}”"
            )
        if q.unit and v.endswith(q.unit):
            return f"{v!r} has a unit; write {q.number} in value and {q.unit} in unit"
    return f"{v!r} is not a number; write a figure such as 30 or 三十"


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
            raise ValueError(f"must be a number, not {v!r}")
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
                raise ValueError(f"value {_value_error(raw)}")
            written = None if re.fullmatch(r"\d+(?:\.\d+)?", raw) else raw
            data = {**data, "value": number, "written": data.get("written") or written}
        return data

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError("must be a number")
        return v

    @field_validator("value")
    @classmethod
    def _non_negative(cls, v: float | None) -> float | None:
        if v is not None and v < 0:
            raise ValueError("must not be negative")
        return v

    @model_validator(mode="after")
    def _written_matches(self) -> Fact:
        if self.written is not None and (
            self.value is None or parse_number(self.written) != self.value
        ):
            raise ValueError(f"written {self.written!r} does not state the value {self.value}")
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
        raise ValueError(f"unknown topic {v!r}; use one of: {', '.join(known)}")
    return v


class FactGroup(_Strict):
    topic: str | None = None
    facts: list[Fact]

    @field_validator("facts", mode="before")
    @classmethod
    def _plain(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"text": f} if isinstance(f, str) else f for f in v]
        return v

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

    @field_validator("carried_over", mode="before")
    @classmethod
    def _plain_carried(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"text": f} if isinstance(f, str) else f for f in v]
        return v

    @field_validator("year")
    @classmethod
    def _year(cls, v: int) -> int:
        this_year = dt.date.today().year
        if not 2000 <= v <= this_year:
            raise ValueError(f"{v} is not a plausible report year (2000–{this_year})")
        return v

    @model_validator(mode="after")
    def _ids_and_date(self) -> FactSheet:
        seen: dict[tuple[str, str, float | None], str] = {}
        for section, groups in self.sections.items():
            for g, group in enumerate(groups, start=1):
                for f, fact in enumerate(group.facts, start=1):
                    key = (section, fact.text.strip(), fact.value)
                    here = f"sections.{section}.{g - 1}.facts.{f - 1}"
                    if key in seen:
                        raise ValueError(
                            f"{here} repeats {seen[key]} (“{fact.text}”); delete one of them"
                        )
                    seen[key] = here
        for section, groups in self.sections.items():
            for g, group in enumerate(groups, start=1):
                for f, fact in enumerate(group.facts, start=1):
                    fact.id = f"{section}.{g}.{f}"
        if self.date is not None and self.date.year not in (self.year, self.year + 1):
            raise ValueError(f"date {self.date} does not fit year {self.year}")
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

    @property
    def place(self) -> str:
        """The bureau's place name: 高台县科学技术局 → 高台县."""
        m = re.match(r"^(.+?(?:自治县|县|市|区|旗|州|省))", self.bureau.name)
        return m.group(1) if m else ""


def _loc(err: Mapping[str, Any]) -> str:
    return ".".join(
        str(p) for p in err["loc"] if not isinstance(p, str) or not p.startswith("function")
    )


def load_fact_sheet(path: str | Path) -> FactSheet:
    """Read a YAML fact sheet; errors name the file, the key and what to fix."""
    decoded = read_text(path)
    try:
        data = yaml.safe_load(decoded.text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(f"{path}: not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a fact sheet is a mapping with keys bureau, year, sections")
    try:
        return FactSheet.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise InputError(f"{path}: {_loc(err) or 'top level'}: {msg}{more}") from None


TABLE_COLUMNS = ("bureau", "level", "year", "section", "topic", "text", "value", "unit")
OPTIONAL_COLUMNS = ("date", "short_name", "superiors")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _read_table(path: Path):
    import io

    import pandas as pd

    from .textio import decode_bytes

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text, _ = decode_bytes(path.read_bytes(), str(path))
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    except InputError:
        raise
    except Exception as exc:  # pandas/openpyxl raise many kinds
        raise InputError(
            f"{path}: cannot read the table ({type(exc).__name__}: {str(exc)[:120]})"
        ) from None


def load_fact_table(path: str | Path) -> list[FactSheet]:
    """A table with one fact per row (many bureaus) → one fact sheet per bureau and year.

    Errors name the file, the row (as numbered in Excel: the header is row 1) and the fix."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    df = _read_table(p)
    return sheets_from_rows(df.to_dict("records"), str(p))


def sheets_from_frame(frame: object) -> list[FactSheet]:
    """Fact sheets from a DataFrame in the table layout (e.g. one edited in a notebook)."""
    return sheets_from_rows(frame.fillna("").astype(str).to_dict("records"), "table")  # type: ignore[attr-defined]


def sheet_to_frame(sheet: FactSheet) -> object:
    """A fact sheet in the table layout: one row per fact (a DataFrame)."""
    import pandas as pd

    rows = []
    for section, groups in sheet.sections.items():
        for group in groups:
            for fact in group.facts:
                rows.append({
                    "bureau": sheet.bureau.name, "level": sheet.bureau.level, "year": sheet.year,
                    "section": section, "topic": group.topic or "", "text": fact.text,
                    "value": fact.value_shown or "", "unit": fact.unit or "",
                    "date": sheet.date.isoformat() if sheet.date else "",
                    "short_name": sheet.bureau.short_name or "", "superiors": "、".join(sheet.bureau.superiors),
                })  # fmt: skip
    return pd.DataFrame(rows, columns=[*TABLE_COLUMNS, *OPTIONAL_COLUMNS])


def sheets_from_rows(records: list[dict], source: str) -> list[FactSheet]:
    """Rows of the table layout → fact sheets; errors name `source` and the row."""
    p = source
    if not records:
        raise InputError(f"{p}: the table has no rows")
    records = [{str(k).strip().lower(): v for k, v in r.items()} for r in records]
    missing = [c for c in TABLE_COLUMNS if c not in records[0]]
    if missing:
        raise InputError(
            f"{p}: missing column(s) {', '.join(missing)}; the columns are {', '.join(TABLE_COLUMNS)}"
        )
    sheets: dict[tuple[str, str], dict] = {}
    seen: dict[tuple[str, ...], int] = {}
    for i, row in enumerate(records):
        line = i + 2
        cells = {k: str(v).strip() for k, v in row.items()}
        if not any(cells.get(c) for c in TABLE_COLUMNS):
            continue  # an empty row
        for col in ("bureau", "level", "year", "section", "text"):
            if not cells.get(col):
                hint = (
                    " (merged cells? unmerge them and fill every row)"
                    if col in ("bureau", "level", "year")
                    else ""
                )
                raise InputError(f"{p}: row {line}: {col} is empty{hint}")
        value = cells.get("value", "")
        if value and not _NUMBER.match(value) and parse_number(value) is None:
            raise InputError(f"{p}: row {line}: value {_value_error(value)}")
        if value.startswith("-"):
            raise InputError(f"{p}: row {line}: value {value} must not be negative")
        key = tuple(cells.get(c, "") for c in TABLE_COLUMNS)
        if key in seen:
            raise InputError(f"{p}: row {line} repeats row {seen[key]}; delete one of them")
        seen[key] = line
        sheet = sheets.setdefault(
            (cells["bureau"], cells["year"]),
            {
                "bureau": {"name": cells["bureau"], "level": cells["level"],
                           **({"short_name": cells["short_name"]} if cells.get("short_name") else {}),
                           **({"superiors": re.split(r"[、,，]", cells["superiors"])} if cells.get("superiors") else {})},
                "year": cells["year"],
                **({"date": cells["date"]} if cells.get("date") else {}),
                "sections": {},
                "_rows": [],
            },
        )  # fmt: skip
        groups = sheet["sections"].setdefault(cells["section"], [])
        topic = cells.get("topic") or None
        if not groups or groups[-1].get("topic") != topic:
            groups.append({"topic": topic, "facts": []} if topic else {"facts": []})
        fact: dict[str, object] = {"text": cells["text"]}
        if value:
            fact["value"] = float(value) if _NUMBER.match(value) else value  # 三十: kept as written
        if cells.get("unit"):
            fact["unit"] = cells["unit"]
        groups[-1]["facts"].append(fact)
        sheet["_rows"].append(line)
    if not sheets:
        raise InputError(f"{p}: the table has no facts")
    out = []
    for (bureau, _), data in sheets.items():
        rows = data.pop("_rows")
        try:
            out.append(FactSheet.model_validate(data))
        except ValidationError as exc:
            err = exc.errors()[0]
            msg = err["msg"].removeprefix("Value error, ")
            raise InputError(
                f"{p}: bureau {bureau} (rows {rows[0]}–{rows[-1]}): {_loc(err)}: {msg}"
            ) from None
    return out


def load_facts(path: str | Path) -> list[FactSheet]:
    """A YAML fact sheet (one bureau) or a CSV/Excel table (many)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return [load_fact_sheet(path)]
    if suffix in (".csv", ".xlsx", ".xlsm", ".xls"):
        return load_fact_table(path)
    raise InputError(f"{path}: a fact sheet is .yaml, .csv or .xlsx")
