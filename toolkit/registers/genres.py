"""Genres that share this report's vocabulary (政府信息公开工作年度报告, 行政执法情况报告, a
statement that no 行政处罚 occurred, 年度工作总结, compilations of plans, notices issuing
rules, 政策解读) as data in `data/registers/genres.yaml`: what names each in a title, an
opening or a body."""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..outline import _check_regexes as _compiles  # the outline's own regex validator
from ..paths import PACKAGE_DATA
from ._load import load_register

GENRES_FILE = PACKAGE_DATA / "registers" / "genres.yaml"


def _union(patterns: list[str]) -> re.Pattern[str] | None:
    # Multiline: `^` and `$` are a line's ends in an opening of several lines.
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.M) if patterns else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Genre(_Strict):
    """A neighbouring genre the checker must recognise and name."""

    id: str
    name: str
    title_patterns: list[str] = Field(default_factory=list)
    english_title_patterns: list[str] = Field(default_factory=list)
    wrapper_title_patterns: list[str] = Field(default_factory=list)
    opening_patterns: list[str] = Field(default_factory=list)
    # An opening that rules the genre out (a work summary that is about rule-of-law
    # building is a report of ours written as a summary).
    unless_opening: list[str] = Field(default_factory=list)
    max_chars: int | None = None  # only a document at most this long
    body_markers: list[str] = Field(default_factory=list)
    min_markers: int = 2
    row_patterns: list[str] = Field(default_factory=list)
    min_rows: int = 4

    _v = field_validator(
        "title_patterns",
        "english_title_patterns",
        "wrapper_title_patterns",
        "opening_patterns",
        "unless_opening",
        "row_patterns",
    )(_compiles)

    @cached_property
    def title_regex(self) -> re.Pattern[str] | None:
        return _union(self.title_patterns)

    @cached_property
    def english_title_regex(self) -> re.Pattern[str] | None:
        return _union(self.english_title_patterns)

    @cached_property
    def wrapper_regex(self) -> re.Pattern[str] | None:
        return _union(self.wrapper_title_patterns)

    @cached_property
    def opening_regex(self) -> re.Pattern[str] | None:
        return _union(self.opening_patterns)

    @cached_property
    def unless_regex(self) -> re.Pattern[str] | None:
        return _union(self.unless_opening)

    @cached_property
    def row_regex(self) -> re.Pattern[str] | None:
        return _union(self.row_patterns)


class GenreRegister(_Strict):
    opening_chars: int = 900
    ours_opening_patterns: list[str] = Field(default_factory=list)
    genres: list[Genre]

    _v = field_validator("ours_opening_patterns")(_compiles)

    @cached_property
    def ours_opening_regex(self) -> re.Pattern[str] | None:
        return _union(self.ours_opening_patterns)


@cache
def genre_register(path: Path | None = None) -> GenreRegister:
    """The register (cached); `ConfigError` naming the file if it is missing or corrupt."""
    return load_register(path or GENRES_FILE, GenreRegister)
