"""Genre: is this an annual rule-of-law report at all, and in a language we can check?"""

from __future__ import annotations

import re

from ..outline import GenreSpec
from .context import CheckContext


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def other_genre(ctx: CheckContext) -> GenreSpec | None:
    """The neighbouring genre this document belongs to, or None if it is ours."""
    r, spec = ctx.report, ctx.outline
    title = r.title or ""
    english = r.language == "en"
    ours_by_title = _any(
        spec.english_title_patterns if english else spec.title_patterns, title
    ) or any(m in title for m in spec.title_markers)
    head = title or _first_line(ctx)
    if head and not english:
        for genre in spec.other_genres:
            if _any(genre.wrapper_title_patterns, head):
                return genre
    for genre in spec.other_genres:
        patterns = genre.english_title_patterns if english else genre.title_patterns
        if title and _any(patterns, title) and not ours_by_title:
            return genre
    if ours_by_title or english:
        return None
    body = r.body_text
    ours = sum(body.count(m) for m in spec.body_markers)
    for genre in spec.other_genres:
        theirs = sum(1 for m in genre.body_markers if m in body)
        most = theirs + len(r.lines) // genre.min_rows
        if genre.row_regex is not None and most * 2 > ours:  # else no table could tip it
            theirs += _table_rows(ctx, genre.row_regex) // genre.min_rows  # a table is evidence
        if theirs >= genre.min_markers and theirs * 2 > ours:
            return genre
    return None


def _first_line(ctx: CheckContext) -> str:
    """The first line when the parser found no title but it reads like one (short, no 。)."""
    lines = ctx.report.lines
    text = lines[0].text if lines else ""
    return text if len(text) <= 80 and "。" not in text else ""


def _table_rows(ctx: CheckContext, regex: re.Pattern[str]) -> int:
    """Lines of the document that are rows of the genre's statistics table."""
    return sum(1 for ln in ctx.report.lines if regex.search(ln.text))


def check(ctx: CheckContext) -> bool:
    """Emit genre findings; return False when the remaining checks do not apply."""
    genre = other_genre(ctx)
    if genre is not None:
        ctx.emit(
            "G001",
            f"这份文件看来是“{genre.name}”，不是{ctx.outline.name}，未按本文种逐项检查。",
            f"如确为{ctx.outline.name}，请按规定的五部分内容重新组织；否则请使用对应文种的检查规则。",
            line=ctx.report.title_line,
            excerpt=ctx.report.title or "",
            section="document",
        )
        return False
    if ctx.report.language != "zh":
        ctx.emit(
            "G002",
            "文本不是中文（可能是译文），结构和文字检查只适用于中文原文。",
            "请检查中文原文。",
            section="document",
        )
        return False
    return True
