"""Report metadata from text: language, title, year reported on, issuer, level, issue date."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable

from ..registers.departments import load_profiles
from ..text.normalize import Line
from . import bodies

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# A character that can stand in a place name (function words that precede names excluded).
PLACE_CHAR = (
    r"(?:(?![年度于的了在是为对把将和与及共送向至由到经从按给等被同跟往赴请报])[\u4e00-\u9fff])"
)
_PC = PLACE_CHAR

def _department_endings() -> str:
    """The name endings of every department with a profile of its own (科技局, 司法局,
    卫生健康委员会…), longest first, as a regex alternation."""
    # The built-in profiles only: this runs at import, before any command can report a bad
    # user profile as one clear line.
    names = {n for p in load_profiles([]).values() if p.exclusive for n in p.names}
    return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))


BODY_SUFFIX = f"(?:{_department_endings()})"
BODY = re.compile(
    rf"((?:中共)?(?:{_PC}{{1,8}}?(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗))*"
    rf"(?:[省市县区](?={BODY_SUFFIX}))?{BODY_SUFFIX}(?:党组|党委)?)"
)
_BODY_END = re.compile(BODY_SUFFIX)


def find_bodies(text: str) -> list[re.Match[str]]:
    """Matches of `BODY` in `text`, found from their suffix outwards (much faster than
    `BODY.finditer` on long texts, same matches: a name's place part is short)."""
    out: list[re.Match[str]] = []
    pos = 0
    for end in _BODY_END.finditer(text):
        if end.start() < pos:
            continue
        m = BODY.search(text, max(pos, end.start() - 30), min(len(text), end.end() + 2))
        if m:
            out.append(m)
            pos = m.end()
    return out


def sub_bodies(text: str, repl: Callable[[re.Match[str]], str]) -> str:
    """`BODY.sub(repl, text)`, using `find_bodies`."""
    parts, last = [], 0
    for m in find_bodies(text):
        parts.append(text[last : m.start()])
        parts.append(repl(m))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


_EN_BODY = re.compile(r"((?:[A-Z][a-z]+ )*Science and Technology (?:Bureau|Commission|Department))")
DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_LINE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_DATE_NUMERIC = re.compile(
    r"^\s*(\d{1,4})[.\-/](\d{1,2})[.\-/](\d{1,4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
_YEAR_CN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEAR_EN = re.compile(r"\b((?:19|20)\d{2})\b")
_PART_YEAR = re.compile(
    r"^[一二三四五六七八九十]+、\s*((?:19|20)\d{2})\s*年度?(?:推进|法治|依法|工作|主要)"
)
# "现将2022年法治政府建设工作情况报告如下" in the opening paragraph.
_REPORTED_YEAR = re.compile(r"现将\s*((?:19|20)\d{2})\s*年度?")
_PLANS_WORDS = re.compile(r"安排|计划|打算|思路|目标|重点|展望")
_CITED = re.compile(r"《[^》]{0,60}》|(?:19|20)\d{2}\s*[—–\-~－至]\s*(?:19|20)\d{2}\s*年?")


def detect_language(text: str) -> str:
    han = len(_HAN.findall(text[:20000]))
    letters = len(_LATIN.findall(text[:20000]))
    return "zh" if han >= letters * 0.2 else "en"


def find_title(
    lines: list[Line], title_regexes: list[re.Pattern[str]], language: str
) -> int | None:
    """Index of the title line among the first lines, or None."""
    for idx, line in enumerate(lines[:4]):
        text = line.text
        if language == "en":
            if idx == 0 and len(text) < 200 and not text.endswith("."):
                return idx
            continue
        if len(text) > 80 or "。" in text or text.endswith(("：", ":")) or text.count("，") > 1:
            continue  # a sentence or an opening that announces the report, not a title
        if any(r.search(text) for r in title_regexes) or re.search(r"(报告|总结)$", text):
            return idx
    return None


def find_issuer(
    candidates: list[str],
    text: str,
    language: str,
    *,
    title: str | None = None,
    signature: str | None = None,
    first_paragraph: str = "",
) -> str | None:
    """The issuing body. Chinese: see `bodies.find_issuer` (signature, title, the page's
    metadata in `candidates`, first paragraph, text; a short name completed from the place
    the text names). English: the longest "… Science and Technology Bureau" phrase."""
    if language == "en":
        found = _EN_BODY.findall(text)
        return max(found, key=len) if found else None
    return bodies.find_issuer(title, signature, candidates, first_paragraph, text)


def level_of(issuer: str | None, language: str = "zh", text: str = "") -> str | None:
    """The level of the issuing body (national, province, city, county, district); with
    no issuer known, the level of the place `text` names most."""
    if not issuer:
        return bodies.level_of_text(text) if language == "zh" and text else None
    if language == "en":
        for word, level in (("County", "county"), ("District", "district"), ("Provincial", "province"),
                            ("City", "city"), ("Municipal", "city")):  # fmt: skip
            if word in issuer:
                return level
        return None
    if bodies.is_township(issuer):
        return bodies.township_level(text)
    return bodies.level_of(issuer)


def find_year(
    title: str | None, lines: list[Line], language: str, date: dt.date | None
) -> int | None:
    """The year reported on: from the title, the opening lines, or the most cited year."""
    if title:
        m = _YEAR_CN.search(title) or (_YEAR_EN.search(title) if language == "en" else None)
        if m:
            return int(m.group(1))
    if language == "zh":
        for line in lines[:6]:
            m = re.match(r"^((?:19|20)\d{2})(?:\s*年度?[，,]|\s*$)", line.text)
            if m:
                return int(m.group(1))
    regex = _YEAR_CN if language == "zh" else _YEAR_EN
    if language == "zh":
        # "一、2023年法治政府建设工作情况": the year a top part is about.
        for line in lines[:3]:
            m = _REPORTED_YEAR.search(line.text)
            if m:
                return int(m.group(1))
        for line in lines[:40]:
            m = _PART_YEAR.match(line.text)
            if m and not _PLANS_WORDS.search(line.text):
                return int(m.group(1))
    # Years inside cited titles and ranges (《…纲要（2021—2025年）》) say nothing of the report.
    counts = Counter(int(y) for line in lines for y in regex.findall(_CITED.sub("", line.text)))
    if counts:
        best = max(counts.values())
        return max(y for y, c in counts.items() if c == best)
    if date is not None:
        return date.year - 1 if date.month <= 6 else date.year
    return None


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date_line(text: str) -> dt.date | None:
    """A date standing alone on a line: 2024年3月1日, 2018-01-04, 04.01.2018 (day first)."""
    m = _DATE_LINE.match(text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DATE_NUMERIC.match(text)
    if not m:
        return None
    a, b, c = m.group(1), m.group(2), m.group(3)
    if len(a) == 4:
        return _valid(int(a), int(b), int(c))
    if len(c) == 4:
        # Day first, as dotted dates are written in most locales; month first if that fails.
        return _valid(int(c), int(b), int(a)) or _valid(int(c), int(a), int(b))
    return None
