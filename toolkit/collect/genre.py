"""The genre questions a collection asks, one function each: a link's title against the
outline's title patterns and the genres register; a parsed document through the checker's
genre check (which consults the same register)."""

from __future__ import annotations

import re
from functools import cache

from ..check.context import CheckContext
from ..check.genre import other_genre
from ..outline import default_outline
from ..parse.report import ParsedReport
from ..registers.genres import genre_register


@cache
def _title_rules() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    spec = default_outline()
    ours = [re.compile(p) for p in spec.title_patterns]
    theirs = [
        re.compile(p)
        for g in genre_register().genres
        for p in (*g.title_patterns, *g.wrapper_title_patterns)
    ]
    return ours, theirs


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def is_report_title(text: str) -> bool:
    """Whether a link's text reads as the title of an annual rule-of-law report."""
    if not 6 <= len(text) <= 80:
        return False
    ours, theirs = _title_rules()
    for candidate in (text, _t2s().convert(text)):  # type: ignore[attr-defined]
        if any(p.search(candidate) for p in ours):
            return not any(p.search(candidate) for p in theirs)
    return False


def other_genre_name(report: ParsedReport) -> str | None:
    """The name of the other genre a parsed document belongs to, or None when it is ours."""
    genre = other_genre(CheckContext(report=report, outline=default_outline(), year=report.year))
    return genre.name if genre is not None else None
