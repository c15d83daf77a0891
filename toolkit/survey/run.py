"""Survey documents: read, parse and check each one, then measure every indicator."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from ..check import check_report
from ..check.context import CheckContext
from ..check.dates import reported_year
from ..check.genre import other_genre
from ..errors import InputError
from ..i18n import _
from ..outline import OutlineSpec, default_outline
from ..parse import ParsedReport, parse_file
from ..readers import SUFFIXES
from . import indicators as ind
from .dates import days_late, published_date, written_date
from .parts import cut_off, part_states
from .places import department_kind, province_of
from .profile import INDICATORS, Profile, load_profile
from .recognise import UNRECOGNISED, recognise
from .records import OUR_GENRE, Skipped, SurveyResult, SurveyRow

Progress = Callable[[int, int, str], None]
_PARALLEL_FROM = 64  # below this, starting workers costs more than it saves


def _genre(
    report: ParsedReport, outline: OutlineSpec, year: int | None
) -> tuple[str, str, dict[str, object]]:
    """(id, name, evidence) of the genre: the neighbouring genre the genre check names, or
    ours when the document shows itself as one (`recognise`), else unrecognised."""
    spec = other_genre(CheckContext(report=report, outline=outline, year=year))
    if spec:
        return spec.id, spec.name, {"by": "genre check"}
    title = report.title or ""
    regexes = [*outline.title_regexes, *(re.compile(p) for p in outline.english_title_patterns)]
    part_heading = any(
        spec.matches(node.heading) for node in report.sections for spec in outline.heading_sections
    )
    ours, why = recognise(report, any(r.search(title) for r in regexes), part_heading)
    if ours:
        return OUR_GENRE, outline.name, why
    return UNRECOGNISED, _("not recognisably this genre"), why


def survey_report(
    report: ParsedReport, profile: Profile | None = None, outline: OutlineSpec | None = None
) -> SurveyRow:
    """One row of the survey for a parsed report (see `SurveyRow`)."""
    profile = profile or load_profile()
    outline = outline or default_outline()
    year = reported_year(report)
    chrome = " ".join(c.text for c in report.chrome if c.kind == "publisher")
    province, where = province_of(
        report.issuer, report.title, report.metadata.get("发布机构"), chrome
    )
    row = SurveyRow(
        file=str(report.path) if report.path else "",
        issuer=report.issuer,
        level=report.level,
        province=province,
        department=department_kind(report.issuer or report.title),
        year=year,
        title=report.title,
    )
    row.genre, row.genre_name, why = _genre(report, outline, year)
    row.written, ev_written = written_date(report)
    row.published, ev_published = published_date(report)
    row.evidence = {"province": where, "written": ev_written, "published": ev_published,
                    "genre": {"id": row.genre, "name": row.genre_name, **why}}  # fmt: skip
    if not row.ours:
        return row  # listed apart, never scored
    row.days_late, ev_late = days_late(year, row.published, profile, province, row.department)
    row.evidence["days_late"] = {**ev_late, "published": ev_published}
    row.parts, ev_parts = part_states(report, outline)
    row.evidence["parts"] = ev_parts
    _measure(row, report, outline, profile, ev_parts)
    row.scores = ind.sub_scores(row, profile)
    row.score = ind.total_score(row.scores, profile)
    weights = {k: profile.weight(k) for k in INDICATORS}
    known = sum(w for k, w in weights.items() if k in row.scores)
    row.evidence["score"] = {
        "indicators": row.scores,
        "weight_known": round(known / sum(weights.values()), 3) if sum(weights.values()) else None,
    }
    return row


def _measure(row: SurveyRow, report: ParsedReport, outline: OutlineSpec, profile: Profile,
             ev_parts: dict) -> None:  # fmt: skip
    values, ev = row.values, row.evidence
    values["title"], ev["title"] = ind.title_indicator(report, outline, row.year)
    values["causes"], ev["causes"] = ind.causes_indicator(
        report, outline, row.parts["shortcomings"], ev_parts["shortcomings"]
    )
    values["plans_specific"], ev["plans_specific"] = ind.plans_indicator(
        report, row.parts["plans"], ev_parts["plans"], profile.spec("plans_specific").min_kinds
    )
    values["data_density"], ev["data_density"] = ind.density_indicator(report)
    chars = ev["data_density"].get("chars", 0)
    cut = cut_off(report)
    values["length"] = None if cut else chars
    ev["length"] = {"chars": chars, "cut_off": cut}
    check = check_report(report, year=row.year, outline=outline)
    values["checker"], ev["checker"], values["citations"] = ind.checker_indicator(check)
    ev["citations"] = {"value": values["citations"], "findings": ev["checker"].pop("misquoted")}
    for name in ("title", "causes", "plans_specific", "data_density", "length", "checker"):
        ev[name] = {"value": values[name], **ev[name]}


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The documents under `paths` (folders searched recursively, in name order); a path
    that does not exist is an `InputError`."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(_("{path}: no such file or folder").format(path=p))
    return out


def _survey_file(file: Path, profile: Profile) -> SurveyRow | Skipped:
    try:
        return survey_report(parse_file(file), profile)
    except InputError as exc:
        return Skipped(str(file), str(exc))


def survey_paths(
    paths: Iterable[str | Path],
    profile: Profile | None = None,
    progress: Progress | None = None,
    jobs: int = 0,
) -> SurveyResult:
    """Survey every document under `paths`; unreadable files are listed in `skipped`.
    `jobs`: worker processes (0: one per CPU; 1: none); small collections run in-process."""
    profile = profile or load_profile()
    files = collect_files(paths)
    jobs = jobs or os.cpu_count() or 1
    work = partial(_survey_file, profile=profile)
    rows, skipped = [], []
    pool = ProcessPoolExecutor(jobs) if jobs > 1 and len(files) >= _PARALLEL_FROM else None
    try:
        done = pool.map(work, files, chunksize=16) if pool else map(work, files)
        for i, (file, got) in enumerate(zip(files, done, strict=True), 1):
            (skipped if isinstance(got, Skipped) else rows).append(got)
            if progress:
                progress(i, len(files), str(file))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return SurveyResult(rows=rows, skipped=skipped, profile_name=profile.name)
