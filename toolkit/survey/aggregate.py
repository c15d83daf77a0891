"""Aggregates of a survey (by province, level, kind of department, year) and the league
table, as plain rows and as pandas DataFrames."""

from __future__ import annotations

from statistics import median
from typing import Any

import pandas as pd

from .records import PARTS, SurveyResult, SurveyRow

DIMENSIONS = ("province", "level", "department", "year")


def _complete(row: SurveyRow) -> bool | None:
    """All four parts present (as sections or inside another part); None if any unknown."""
    states = [row.parts.get(p) for p in PARTS]
    if any(s in (None, "unknown") for s in states):
        return None
    return all(s in ("section", "paragraph") for s in states)


def _rate(flags: list[bool | None]) -> float | None:
    known = [f for f in flags if f is not None]
    return round(sum(known) / len(known), 3) if known else None


def group_rows(rows: list[SurveyRow], dimension: str) -> list[dict[str, Any]]:
    """One row per value of `dimension`: counts, on-time rate (of those with a known
    publication date), completeness rate (of those whose parts are all known), median score."""
    groups: dict[Any, list[SurveyRow]] = {}
    for row in rows:
        groups.setdefault(getattr(row, dimension), []).append(row)
    out = []
    for key in sorted(groups, key=lambda k: (k is None, str(k))):
        members = groups[key]
        scores = [r.score for r in members if r.score is not None]
        out.append({
            dimension: key,
            "reports": len(members),
            "dated": sum(r.days_late is not None for r in members),
            "on_time_rate": _rate([None if r.days_late is None else r.days_late <= 0 for r in members]),
            "completeness_rate": _rate([_complete(r) for r in members]),
            "median_score": round(median(scores), 1) if scores else None,
        })  # fmt: skip
    return out


def aggregates(result: SurveyResult) -> dict[str, list[dict[str, Any]]]:
    """Every dimension's grouped rows over the scored reports (other genres left out)."""
    return {dim: group_rows(result.reports, dim) for dim in DIMENSIONS}


def league(result: SurveyResult) -> list[dict[str, Any]]:
    """The scored reports ranked by score (ties share a rank), highest first."""
    ranked = sorted((r for r in result.reports if r.score is not None), key=lambda r: -r.score)  # type: ignore[operator]
    out, rank, last = [], 0, None
    for i, r in enumerate(ranked, 1):
        if r.score != last:
            rank, last = i, r.score
        out.append({"rank": rank, "issuer": r.issuer, "province": r.province, "level": r.level,
                    "department": r.department, "year": r.year, "score": r.score,
                    "weight_known": r.evidence.get("score", {}).get("weight_known"), "file": r.file})  # fmt: skip
    return out


def flat_row(row: SurveyRow) -> dict[str, Any]:
    """One report as a flat record: dates, parts and every indicator's value and score."""
    flat = {k: v for k, v in row.to_dict().items() if k not in ("parts", "evidence")}
    flat["title"] = row.title
    flat.update({f"part_{p}": row.parts.get(p) for p in PARTS})
    flat.update({f"value_{k}": v for k, v in row.values.items()})
    flat.update({f"score_{k}": v for k, v in row.scores.items()})
    return flat


def other_row(row: SurveyRow) -> dict[str, Any]:
    """A document of another genre as listed apart: no parts, no score, no lateness."""
    keep = {k: v for k, v in row.to_dict().items() if k not in ("parts", "score", "days_late")}
    return {**keep, "genre_name": row.genre_name, "title": row.title}


def frames(result: SurveyResult) -> dict[str, pd.DataFrame]:
    """Every view of the survey as a DataFrame: reports, other genres, one per dimension,
    league; the keys are the sheet names of the Excel export."""
    other_cols = ["file", "genre", "genre_name", "issuer", "year", "written", "published", "title"]
    views = {
        "reports": pd.DataFrame([flat_row(r) for r in result.reports]),
        "other_genres": pd.DataFrame([other_row(r) for r in result.others], columns=other_cols),
    }
    for dim, rows in aggregates(result).items():
        views[f"by_{dim}"] = pd.DataFrame(rows)
    views["league"] = pd.DataFrame(league(result))
    return views


def to_json(result: SurveyResult) -> dict[str, Any]:
    """The JSON of `fazhi survey --format json`: reports, other genres apart, aggregates."""
    return {
        "reports": [r.to_dict() for r in result.reports],
        "other_genres": [other_row(r) for r in result.others],
        "skipped": [{"file": s.file, "reason": s.reason} for s in result.skipped],
        "aggregates": {**aggregates(result), "league": league(result)},
    }
