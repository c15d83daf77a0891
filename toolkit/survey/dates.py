"""The dates a survey needs: written (成文日期) and published (发布日期), each with the field
it was read from, and the days late against the profile's deadline."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..parse.report import ParsedReport
from .profile import Profile

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_date(text: str | None) -> dt.date | None:
    """The first date in a metadata value: 2024-02-18, 2021/03/29 11:30:01, 2017年02月28日."""
    m = _DATE.search(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def written_date(report: ParsedReport) -> tuple[dt.date | None, dict[str, Any]]:
    """成文日期 from the page's metadata, else the date under the report's signature."""
    raw = report.metadata.get("成文日期")
    date = parse_date(raw)
    if date:
        return date, {"field": "成文日期", "text": raw}
    if report.date:
        return report.date, {"field": "closing", "text": report.date_text, "line": report.date_line}
    return None, {}


def published_date(report: ParsedReport) -> tuple[dt.date | None, dict[str, Any]]:
    """发布日期 (or a label the page chrome maps to it) from the page's metadata."""
    raw = report.metadata.get("发布日期")
    date = parse_date(raw)
    if date:
        return date, {"field": "发布日期", "text": raw}
    return None, {}


def days_late(
    year: int | None,
    published: dt.date | None,
    profile: Profile,
    province: str | None,
    department: str | None,
) -> tuple[int | None, dict[str, Any]]:
    """Days after the deadline the report was published (≤ 0: on time); None when the
    year or the publication date is unknown (unknown is never counted as late)."""
    if year is None or published is None:
        return None, {"deadline": None, "why": "no publication date" if year else "no year"}
    deadline = profile.deadline_for(year, province, department)
    return (published - deadline).days, {"deadline": deadline.isoformat()}
