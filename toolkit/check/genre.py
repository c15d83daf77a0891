"""Genre: is this an annual rule-of-law report at all, and in a language we can check?

The look-alike genres are a register (`toolkit.registers.genres`): a document is named as
one of them by its title (or its first short lines when no title was found), by what its
opening says about itself, or by the evidence of its body, in that order.
"""

from __future__ import annotations

import itertools
import re

from ..registers.genres import Genre, GenreRegister, genre_register
from .context import CheckContext

_HEAD_LINES = 6  # short lines at the top that may be the title when none was found
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def _heads(ctx: CheckContext) -> list[str]:
    """The title; without one, the short lines at the top that read like a title (no 。,
    not a breadcrumb or an addressee), each alone and joined to the next (a title set over
    two lines)."""
    r = ctx.report
    if r.title:
        return [r.title]
    lines = []
    for ln in r.lines[:_HEAD_LINES]:
        text = ln.text.strip()
        if (
            len(text) <= 80
            and "。" not in text
            and ">" not in text
            and not text.endswith(("：", ":"))
            and len(_HAN.findall(text)) >= 4
        ):
            lines.append(text)
    return lines + [a + b for a, b in itertools.pairwise(lines)]


def _opening(ctx: CheckContext, size: int) -> str:
    parts, n = [], 0
    for ln in ctx.report.lines:
        parts.append(ln.text)
        n += len(ln.text) + 1
        if n >= size:
            break
    return "\n".join(parts)[:size]


def _fits(genre: Genre, ctx: CheckContext) -> bool:
    return genre.max_chars is None or len(ctx.report.body_text) <= genre.max_chars


def _by_text(reg: GenreRegister, ctx: CheckContext, heads: list[str]) -> Genre | None:
    """A genre named by the document's heads or its opening."""
    for genre in reg.genres:
        rx = genre.title_regex
        if rx is not None and any(rx.search(h) for h in heads) and _fits(genre, ctx):
            return genre
    opening = _opening(ctx, reg.opening_chars)
    ours = reg.ours_opening_regex
    if ours is not None and ours.search(opening):
        return None
    for genre in reg.genres:
        rx, unless = genre.opening_regex, genre.unless_regex
        if rx is None or not rx.search(opening) or not _fits(genre, ctx):
            continue
        if unless is None or not unless.search(opening):
            return genre
    return None


def other_genre(ctx: CheckContext) -> Genre | None:
    """The neighbouring genre this document belongs to, or None if it is ours."""
    r, spec, reg = ctx.report, ctx.outline, genre_register()
    english = r.language == "en"
    heads = _heads(ctx)
    # A found title is ours by a marker word; a line that may be a title only by the
    # genre's title pattern (a heading of a plan also names rule-of-law building).
    ours_by_title = any(
        _any(spec.english_title_patterns if english else spec.title_patterns, h)
        or (r.title is not None and any(m in h for m in spec.title_markers))
        for h in heads
    )
    if english:
        title = r.title or ""
        for genre in reg.genres:
            rx = genre.english_title_regex
            if title and rx is not None and rx.search(title) and not ours_by_title:
                return genre
        return None
    for genre in reg.genres:
        rx = genre.wrapper_regex
        if rx is not None and any(rx.search(h) for h in heads):
            return genre
    if ours_by_title:
        return None
    found = _by_text(reg, ctx, heads)
    if found is not None:
        return found
    body = r.body_text
    ours = sum(body.count(m) for m in spec.body_markers)
    for genre in reg.genres:
        if not genre.body_markers:
            continue
        theirs = sum(1 for m in genre.body_markers if m in body)
        most = theirs + len(r.lines) // genre.min_rows
        if genre.row_regex is not None and most * 2 > ours:  # else no table could tip it
            theirs += _table_rows(ctx, genre.row_regex) // genre.min_rows  # a table is evidence
        if theirs >= genre.min_markers and theirs * 2 > ours:
            return genre
    return None


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
