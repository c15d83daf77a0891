"""Fact sheets as a table: one fact per row, many bureaus (CSV, Excel, a DataFrame)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..i18n import _, validation_message
from ..readers import decode_bytes
from ..text.numbers import parse_number
from .sheet import FactSheet, _loc, _value_error, load_fact_sheet, split_superiors

TABLE_COLUMNS = ("bureau", "level", "year", "section", "topic", "text", "value", "unit")
OPTIONAL_COLUMNS = ("date", "short_name", "superiors")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _read_table(path: Path):
    import io

    import pandas as pd


    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text, _encoding = decode_bytes(path.read_bytes(), str(path))
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    except InputError:
        raise
    except Exception as exc:  # pandas/openpyxl raise many kinds
        raise InputError(
            _("{path}: cannot read the table ({why})").format(
                path=path, why=f"{type(exc).__name__}: {str(exc)[:120]}"
            )
        ) from None


def load_fact_table(path: str | Path) -> list[FactSheet]:
    """A table with one fact per row (many bureaus) → one fact sheet per bureau and year.

    Errors name the file, the row (as numbered in Excel: the header is row 1) and the fix."""
    p = Path(path)
    if not p.exists():
        raise InputError(_("{path}: no such file").format(path=p))
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
        raise InputError(_("{path}: the table has no rows").format(path=p))
    records = [{str(k).strip().lower(): v for k, v in r.items()} for r in records]
    missing = [c for c in TABLE_COLUMNS if c not in records[0]]
    if missing:
        raise InputError(
            _("{path}: missing column(s) {missing}; the columns are {columns}").format(
                path=p, missing=", ".join(missing), columns=", ".join(TABLE_COLUMNS)
            )
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
                    _(" (merged cells? unmerge them and fill every row)")
                    if col in ("bureau", "level", "year")
                    else ""
                )
                raise InputError(
                    _("{path}: row {line}: {column} is empty").format(path=p, line=line, column=col)
                    + hint
                )
        value = cells.get("value", "")
        if value and not _NUMBER.match(value) and parse_number(value) is None:
            raise InputError(
                _("{path}: row {line}: value {why}").format(
                    path=p, line=line, why=_value_error(value)
                )
            )
        if value.startswith("-"):
            raise InputError(
                _("{path}: row {line}: value {value} must not be negative").format(
                    path=p, line=line, value=value
                )
            )
        key = tuple(cells.get(c, "") for c in TABLE_COLUMNS)
        if key in seen:
            raise InputError(
                _("{path}: row {line} repeats row {first}; delete one of them").format(
                    path=p, line=line, first=seen[key]
                )
            )
        seen[key] = line
        sheet = sheets.setdefault(
            (cells["bureau"], cells["year"]),
            {
                "bureau": {"name": cells["bureau"], "level": cells["level"],
                           **({"short_name": cells["short_name"]} if cells.get("short_name") else {}),
                           **({"superiors": split_superiors(cells["superiors"])} if cells.get("superiors") else {})},
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
        raise InputError(_("{path}: the table has no facts").format(path=p))
    out = []
    for (bureau, _year), data in sheets.items():
        rows = data.pop("_rows")
        try:
            out.append(FactSheet.model_validate(data))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise InputError(
                _("{path}: bureau {bureau} (rows {first}–{last}): {where}: {why}").format(
                    path=p, bureau=bureau, first=rows[0], last=rows[-1], where=_loc(err),
                    why=validation_message(err),
                )
            ) from None
    return out


def load_facts(path: str | Path) -> list[FactSheet]:
    """A YAML fact sheet (one bureau) or a CSV/Excel table (many)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return [load_fact_sheet(path)]
    if suffix in (".csv", ".xlsx", ".xlsm", ".xls"):
        return load_fact_table(path)
    raise InputError(_("{path}: a fact sheet is .yaml, .csv or .xlsx").format(path=path))
