"""The survey as an Excel workbook: one sheet per view, header row frozen, filters on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..i18n import _
from .aggregate import frames
from .records import SurveyResult


def sheet_names() -> dict[str, str]:
    """View key -> sheet title in the user's language (Excel allows 31 characters)."""
    return {
        "reports": _("Reports"),
        "other_genres": _("Other genres"),
        "by_province": _("By province"),
        "by_level": _("By level"),
        "by_department": _("By department"),
        "by_year": _("By year"),
        "league": _("League table"),
    }


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Cells Excel can hold: dates stay dates, lists and dicts become text."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, list | dict)).any():
            out[col] = out[col].map(lambda v: str(v) if isinstance(v, list | dict) else v)
    return out


def write_excel(result: SurveyResult, path: str | Path) -> Path:
    """Write every view of `result` to `path` (.xlsx), atomically."""
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise InputError(_("-o {path}: the survey workbook is written as .xlsx").format(path=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.xlsx")
    names = sheet_names()
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for key, df in frames(result).items():
            sheet = names[key]
            frame = _plain(df) if len(df.columns) else pd.DataFrame({"-": []})
            frame.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = ws.dimensions
            for cells in ws.columns:
                width = max(len(str(c.value)) if c.value is not None else 0 for c in cells)
                ws.column_dimensions[cells[0].column_letter].width = min(max(8, width + 2), 60)
                for c in cells[1:]:
                    if isinstance(c.value, dt.date):
                        c.number_format = "yyyy-mm-dd"
    tmp.replace(out)
    return out
