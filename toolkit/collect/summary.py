"""A collection at a glance: the collected reports with their year, level, department
and province, and counts by any of them (for the notebook and the CLI summary)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ..parse import divisions
from .state import CollectState

if TYPE_CHECKING:
    import pandas as pd

UNKNOWN = "—"


@cache
def _province_names() -> dict[str, str]:
    """Two-digit province code -> the province's name."""
    out: dict[str, str] = {}
    for divs in divisions._index().by_name.values():  # the one table of divisions we have
        for d in divs:
            if d.level == "province":
                out.setdefault(d.province_code, d.name)
    return out


def place_and_department(issuer: str | None) -> tuple[str, str]:
    """(province, department) of an issuer: 高台县科学技术局 -> (甘肃省, 科学技术局)."""
    if not issuer:
        return UNKNOWN, UNKNOWN
    body = re.sub(r"(党组|党委)$", "", issuer.removeprefix("中共"))  # 中共…局党组: the bureau
    names, rest = divisions.split_places(body)
    where = divisions.resolve_chain(names) if names else None
    province = _province_names().get(where.province_code, UNKNOWN) if where else UNKNOWN
    return province, rest or UNKNOWN


def collection_frame(state: CollectState) -> pd.DataFrame:
    """One row per item: outcome, title, year, level, department, province, publication
    metadata and where it came from."""
    frame = state.frame()
    if frame.empty:
        return frame
    pairs = [place_and_department(i) for i in frame["issuer"]]
    frame["province"] = [p for p, _ in pairs]
    frame["department"] = [d for _, d in pairs]
    frame["level"] = frame["level"].fillna(UNKNOWN)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def summary_by(frame: pd.DataFrame, by: str, status: str = "collected") -> pd.DataFrame:
    """How many items of `status` per value of `by` (year, level, department, province)."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame({by: [], "reports": []})
    rows = frame[frame["status"] == status]
    counts = rows[by].astype(str).replace({"<NA>": UNKNOWN}).value_counts()
    return counts.rename_axis(by).reset_index(name="reports").sort_values(by, kind="stable")
