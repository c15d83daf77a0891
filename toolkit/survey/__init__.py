"""Surveys of many published reports: the third-party assessment, automated.

`survey_paths(paths)` reads, parses and checks every document and returns a
`SurveyResult` (one `SurveyRow` each: issuer, level, province, kind of department, year,
dates, days late, genre, part states, indicator values and score, with evidence).
`frames(result)` gives pandas DataFrames (reports, other genres, aggregates, league table),
`to_json(result)` the JSON of `fazhi survey --format json`, `write_excel` the workbook.
Indicators, weights and thresholds come from a profile (`load_profile`).
"""

from .aggregate import aggregates, frames, league, to_json
from .excel import write_excel
from .profile import Profile, ProfileError, load_profile
from .records import PARTS, SurveyResult, SurveyRow
from .run import collect_files, survey_paths, survey_report

__all__ = [
    "PARTS",
    "Profile",
    "ProfileError",
    "SurveyResult",
    "SurveyRow",
    "aggregates",
    "collect_files",
    "frames",
    "league",
    "load_profile",
    "survey_paths",
    "survey_report",
    "to_json",
    "write_excel",
]
