"""Years and dates: title year, the plans' year, the issue date window, date formats."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..parse.metadata import DATE_CN
from ..parse.report import ParsedReport
from .context import CheckContext
from .doubled import in_registered_name

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_NUMERIC_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?![\d.])")
_LEADING_ZERO = re.compile(r"(?<!\d)((?:19|20)\d{2})年(0\d)月|月(0\d)日")
_YEAR_NO_NIAN = re.compile(
    r"(?<![\d.第])((?:19|20)\d{2})(?=[\u4e00-\u9fff])"
    r"(?![年版号届级期余多个份人次项件家名万亿千百元台套条场米所位户册本篇座辆吨天小平公斤页张])"
)

# A year and a dash right before the match: the match ends a range of years.
_RANGE_START = re.compile(r"(?:19|20)\d{2}年?\s*[-—–－~～至到]\s*$")


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def reported_year(report: ParsedReport) -> int | None:
    """The year reported on, by a vote of the title, the opening, the plans and the date."""
    votes: Counter[int] = Counter()
    if report.title and (m := _YEAR.search(report.title)):
        votes[int(m.group(1))] += 2
    body = report.lines[report.body_start : report.body_start + 3]
    for line in body:
        if m := re.match(r"^((?:19|20)\d{2})\s*年", line.text):
            votes[int(m.group(1))] += 2
            break
    for node in report.sections:
        if node.id == "plans" and (m := _YEAR.search(node.heading)):
            votes[int(m.group(1)) - 1] += 1
    if report.date is not None:
        votes[report.date.year - 1 if report.date.month <= 6 else report.date.year] += 1
    if not votes:
        return report.year
    best = max(votes.values())
    tied = [y for y, v in votes.items() if v == best]
    return report.year if report.year in tied else tied[0]


def _opening_year(ctx: CheckContext) -> int | None:
    for _, line in list(ctx.lines())[:3]:
        m = re.match(r"^((?:19|20)\d{2})\s*年", line.text)
        if m:
            return int(m.group(1))
    return None


def _check_title_year(ctx: CheckContext) -> None:
    r = ctx.report
    if not r.title:
        return
    m = _YEAR.search(r.title)
    if not m:
        return
    title_year = int(m.group(1))
    other = ctx.year if ctx.year != title_year else _opening_year(ctx)
    if other is not None and other != title_year:
        ctx.emit(
            "D301",
            f"标题写的是{title_year}年，正文报告的是{other}年。",
            f"核对报告年度，统一为“{other}年”。",
            line=r.title_line,
            section="title",
            excerpt=r.title,
        )


def _check_plans_year(ctx: CheckContext) -> None:
    if ctx.year is None:
        return
    for node in ctx.report.sections:
        if node.id != "plans":
            continue
        for m in _YEAR.finditer(node.heading):
            y = int(m.group(1))
            if y != ctx.year + 1:
                ctx.emit(
                    "D302",
                    f"下一年度安排写的是{y}年，报告年度是{ctx.year}年，应为{ctx.year + 1}年。",
                    f"改为“{ctx.year + 1}年”。",
                    index=node.line_index,
                    excerpt=node.heading,
                )


def _check_issue_date(ctx: CheckContext) -> None:
    r, year = ctx.report, ctx.year
    if r.date is None or year is None:
        return
    deadline = ctx.deadline
    earliest = dt.date(year, 12, 1)
    if r.date < earliest:
        ctx.emit(
            "D303",
            f"成文日期{_cn_date(r.date)}早于{year}年度结束，与报告年度不符。",
            f"核对日期，应在{year}年12月至{_cn_date(deadline)}之间。" if deadline else None,
            line=r.date_line,
            section="closing",
            excerpt=r.date_text or "",
        )
    elif deadline and r.date > deadline:
        ctx.emit(
            "D303",
            f"成文日期{_cn_date(r.date)}晚于报送期限{_cn_date(deadline)}。",
            "核对日期；如确属逾期，请说明原因。",
            line=r.date_line,
            section="closing",
            excerpt=r.date_text or "",
            severity="warning",
        )


def _check_formats(ctx: CheckContext) -> None:
    r = ctx.report
    if r.date is not None and r.date_text and not DATE_CN.search(r.date_text):
        ctx.emit(
            "D304",
            f"日期“{r.date_text}”不是公文日期写法。",
            f"写作“{_cn_date(r.date)}”。",
            line=r.date_line,
            section="closing"
            if r.date_line and r.date_line > (r.title_line or 0) + 5
            else "preamble",
            excerpt=r.date_text,
        )
    for i, line in ctx.lines(body_only=False):
        for m in _LEADING_ZERO.finditer(line.text):
            ctx.emit_match(
                i, m, "D304", "日期中的月、日带有前导零。", "去掉前导零，如“2024年3月1日”。"
            )
        for m in _NUMERIC_DATE.finditer(line.text):
            if line.text.strip() == r.date_text:
                continue
            try:
                d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            ctx.emit_match(
                i, m, "D304", f"日期“{m.group(0)}”用数字点号或横线书写。", f"写作“{_cn_date(d)}”。"
            )


def _check_year_without_nian(ctx: CheckContext) -> None:
    for i, m in ctx.search_body(_YEAR_NO_NIAN):
        text = ctx.report.lines[i].text
        if _RANGE_START.search(text, 0, m.start()):
            continue  # the end of a range before a noun: 2019—2020轮值
        if in_registered_name(text, m.start(), m.end()):
            continue  # 健康中国2030, a registered title's own wording
        ctx.emit_match(i, m, "D305", f"年份“{m.group(1)}”后缺少“年”字。", f"写作“{m.group(1)}年”。")


def check(ctx: CheckContext) -> None:
    _check_title_year(ctx)
    _check_plans_year(ctx)
    _check_issue_date(ctx)
    _check_formats(ctx)
    _check_year_without_nian(ctx)
