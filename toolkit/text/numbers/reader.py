"""The scanner: every quantity of a text with its approximation, range and unit; the
numbers of its dates; set phrases, ordinals, document numbers and titles skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .convert import (
    CN_CHARS,
    FULL_WIDTH,
    MULT,
    NOTE,
    NUM,
    WIDTH,
    ar_value,
    cn_read,
    cn_value,
    parse_number,
)
from .rules import Rules
from .rules import rules as load_rules


@dataclass(frozen=True)
class Quantity:
    """One quantity as written in a text.

    `value` is the number (the low end of a range); `high` the upper end of a range.
    A 万/亿 in front of 元 stays in the unit (5249.57万元 → 5249.57, "万元"); elsewhere it
    multiplies (1.2万份 → 12000, "份"). Percentages have `percent` set and unit "%".
    `number` is the numeral as written without unit or trailing words (1.2万, 十余,
    3至5, 百分之百, 近百); it is a substring of `text`."""

    text: str
    start: int
    end: int
    value: float
    high: float | None = None
    unit: str | None = None
    approx: str | None = None
    percent: bool = False
    number: str = ""

    @property
    def chinese(self) -> bool:
        """Whether the numeral is written (at least partly) in Chinese characters."""
        return any(c in CN_CHARS for c in self.number.replace("万", "").replace("亿", ""))

    @property
    def number_end(self) -> int:
        """Offset in the input just after `number` (where a mark like 【待核实】 goes)."""
        return self.start + self.text.find(self.number) + len(self.number)


# -- dates -----------------------------------------------------------------------------
_DATE = re.compile(
    r"(?=[\d〇零一二三四五六七八九十])"
    r"(?:(?<![\d.])(?P<y1>(?:1[89]|20)\d{2})\s*[-—–~～至到]\s*(?P<y2>(?:1[89]|20)\d{2})\s*年?"
    r"|(?<![\d.])(?P<iy>(?:1[89]|20)\d{2})[-/.](?P<im>1[0-2]|0?[1-9])[-/.](?P<id>3[01]|[12]\d|0?[1-9])(?![\d.])"
    r"|(?<![\d.])(?P<y>(?:1[89]|20)\d{2})\s*年(?:\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?)?"
    r"|(?<![\d.])(?P<m1>1[0-2]|0?[1-9])\s*(?:[-—–~～至到]\s*(?P<m2>1[0-2]|0?[1-9])\s*)?月(?:份|\s*(?P<md>3[01]|[12]\d|0?[1-9])\s*[日号])?"
    r"|(?<![\d.])(?P<dd>3[01]|[12]\d|0?[1-9])\s*日"
    r"|(?P<cy>[〇零一二三四五六七八九]{4})\s*年"
    r"|(?<![一二三四五六七八九十第])(?P<cm>十[一二]|[一二三四五六七八九十])月"
    r"(?P<cd>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])?[日号]?)"
)
_DATE_UNITS = {"y1": "年", "y2": "年", "iy": "年", "im": "月", "id": "日", "y": "年", "m": "月",
               "d": "日", "m1": "月", "m2": "月", "md": "日", "dd": "日", "cy": "年", "cm": "月",
               "cd": "日"}  # fmt: skip


# -- the scanner -----------------------------------------------------------------------
def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order; set phrases, ordinals, dates, years, document
    numbers and cited titles are skipped."""
    return list(_scan(text)[0])


def find_dates(text: str) -> list[Quantity]:
    """The numbers of the dates and years in `text` (2024年3月1日 → 2024 年, 3 月, 1 日;
    a bare year like the 2022 of "2022我局" → 2022 年)."""
    return list(_scan(text)[1])


def _scan(text: str) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    """Line by line (nothing the reader knows spans a line break), each line cached: the
    guards read a section's paragraphs, the checker the same lines again."""
    if "\n" not in text:
        return _scan_line(text)
    quantities: list[Quantity] = []
    dates: list[Quantity] = []
    offset = 0
    for line in text.split("\n"):
        if line:
            found, found_dates = _scan_line(line)
            for q in found:
                quantities.append(_shift(q, offset) if offset else q)
            for q in found_dates:
                dates.append(_shift(q, offset) if offset else q)
        offset += len(line) + 1
    return tuple(quantities), tuple(dates)


def _shift(q: Quantity, offset: int) -> Quantity:
    return Quantity(q.text, q.start + offset, q.end + offset, q.value, q.high, q.unit,
                    q.approx, q.percent, q.number)  # fmt: skip


@lru_cache(maxsize=8192)
def _scan_line(text: str) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    rules = load_rules()
    t = text.translate(WIDTH) if FULL_WIDTH.search(text) else text
    n = len(t)
    blocked = bytearray(n)
    for m in rules.set_phrases.finditer(t):
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    dates: list[Quantity] = []
    for m in _DATE.finditer(t):
        if blocked[m.start()]:
            continue
        for name, value in m.groupdict().items():
            if value is None:
                continue
            s, e = m.span(name)
            v = float(value) if value[0].isdigit() else cn_value(value)
            if v is not None:
                unit = _DATE_UNITS[name]
                dates.append(Quantity(text[s:e], s, e, v, unit=unit, number=text[s:e]))
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out: list[Quantity] = []
    pos = 0
    for m in NUM.finditer(t):
        s = m.start()
        if s < pos or blocked[s]:
            continue
        q = _read(text, t, m, blocked, rules)
        if q is None:
            continue
        if isinstance(q, float):  # a bare year
            e = m.end()
            dates.append(Quantity(text[s:e], s, e, q, unit="年", number=text[s:e]))
            continue
        out.append(q)
        pos = q.end
    dates.sort(key=lambda q: q.start)
    return tuple(out), tuple(dates)


# A denominator right after a whole number: 1/3 (not 1/3/2024, a date, nor 1/3.5).
_FRACTION = re.compile(r"/([1-9]\d{0,2})(?![\d./])")


def _minus_sign(t: str, i: int) -> bool:
    """The hyphen at `i` is a minus sign: nothing that could end a number or a word of
    ASCII stands before it (下降-3.8%, （-2%）; not 3-5, 0515-8666, A-1)."""
    before = t[i - 1] if i else ""
    return not (before.isascii() and (before.isalnum() or before in "._%)"))


def _free(blocked: bytearray, s: int, e: int) -> int:
    """The end of the unblocked stretch [s, e)."""
    i = blocked.find(1, s, e)
    return e if i == -1 else i


def _unit_at(t: str, p: int, rules: Rules) -> str | None:
    for unit, not_before in rules.units.get(t[p : p + 1], ()):
        if t.startswith(unit, p) and not (not_before and t.startswith(not_before, p + len(unit))):
            return unit
    return None


def _read(
    text: str, t: str, m: re.Match[str], blocked: bytearray, rules: Rules
) -> Quantity | float | None:
    """The quantity whose numeral `m` starts, or None; a float for a bare year."""
    s = m.start()
    end = _free(blocked, s, m.end())
    high: float | None = None
    approx: str | None = None
    percent = False
    unit: str | None = None
    mult: str | None = None
    chinese = m.group("cn") is not None
    prev = t[s - 1] if s else ""
    sign = 1.0
    if not chinese:
        if prev == "-" and _minus_sign(t, s - 1):
            sign, s = -1.0, s - 1  # 下降-3.8%: a minus sign, not a dash between two numbers
        elif prev.isascii() and (prev.isalpha() or prev in "_/@:-") and prev:
            return None
        end = min(end, m.end("ar")) if m.group("armul") and end < m.end() else end
        digits = t[m.start() : min(end, m.end("ar"))]
        value = sign * float(digits.replace(",", ""))
        frac = _FRACTION.match(t, m.end("ar")) if not m.group("armul") else None
        if frac and value.is_integer() and 0 < abs(value) < int(frac.group(1)):
            # 1/3: a fraction, read like 三分之一 (a percentage)
            e = frac.end()
            value = round(value * 100.0 / int(frac.group(1)), 6)
            return _finish(text, t, s, s, e, e, value, None, "%", None, True, rules)
        armul = t[m.end("ar") : end]
        if armul and armul[-1] in "万亿" and t.startswith("元", end):
            mult = armul[-1]  # 5249.57万元: the 万 stays in the unit
            value = ar_value(digits, armul[:-1])
        elif armul:
            value = ar_value(digits, armul)
    else:
        run = t[s:end]
        if run == "一" and prev and prev in rules.glue_one:
            return None
        # 百分之三十, 三分之一: a fraction read as a percentage.
        if t.startswith("分之", end):
            nxt = NUM.match(t, end + 2)
            denom = cn_value(run)
            if nxt is None or denom in (None, 0.0) or blocked[end + 2]:
                return None
            num = parse_number(t[nxt.start() : nxt.end()])
            if num is None:
                return None
            value = round(num * 100.0 / denom, 6)  # type: ignore[operator]
            e = nxt.end()
            return _finish(text, t, s, s, e, e, value, None, "%", None, True, rules)
        # 三千二百万元 / 十万元: the 万 or 亿 before 元 belongs to the unit.
        if len(run) > 1 and run[-1] in "万亿" and t.startswith("元", end):
            run, mult = run[:-1], run[-1]
        read = cn_read(run)
        if read is None:
            return None
        value, high, approx = read
    num_start = s
    p = end
    # a range: 3至5次, 三到五次, 3-5次
    if high is None:
        q = p
        while q < len(t) and t[q] == " ":
            q += 1
        for word in rules.ranges:
            if t.startswith(word, q):
                nxt = NUM.match(t, q + len(word))
                if nxt and not blocked[nxt.start()]:
                    hi_end = _free(blocked, nxt.start(), nxt.end())
                    hi = parse_number(t[nxt.start() : hi_end])
                    if hi is not None and hi > value:
                        high, p = hi, hi_end
                break
    # approximation between number and unit: 十余家, 二十多次, 10余万元
    if p < len(t) and t[p] in rules.after and t[p] != "几" and approx is None:
        approx, p = t[p], p + 1
        if p < len(t) and t[p] in "万亿" and mult is None:
            if t.startswith("元", p + 1):
                mult, p = t[p], p + 1
            else:
                value, p = round(value * MULT[t[p]], 6), p + 1
    number_end = p
    # a note put after the numeral (30【待核实】次) hides neither the number nor its unit
    note = NOTE.match(t, p)
    if note:
        p = note.end()
    # unit
    if mult and t.startswith("元", p):
        unit, p = mult + "元", p + 1
        number_end -= 1  # 5249.57 | 万元
    if unit is None:
        if t.startswith("%", p):
            unit, percent, p = "%", True, p + 1
        elif t.startswith("成", p) and chinese and high is None and value <= 10:
            after = t[p + 1 : p + 2]
            if not after or after not in rules.cheng_not_before:
                unit, percent, p, value = "%", True, p + 1, value * 10
                if t.startswith("半", p):  # 一成半: 15%
                    value, p = value + 5, p + 1
                number_end = p
        else:
            # 4 项: a stray space between the figure and its unit is common in copied text
            q = p + 1 if t.startswith(" ", p) and not chinese else p
            u = _unit_at(t, q, rules)
            if u is not None and not blocked[q]:
                unit, p = u, q + len(u)
    if unit is None:
        p = number_end  # no unit: a note after the numeral is not part of it
    # Chinese numerals need a unit; a lone 百/千/万 needs an approximation as well.
    if chinese and unit is None:
        return None
    # approximation in front: 近百人, 约30次, 超过2000人次, 数十家
    for word, not_after in rules.before:
        b = s - len(word)
        if b >= 0 and t.startswith(word, b) and not blocked[b]:
            if word == "数" and not (chinese and t[s] in "十百千万"):
                continue
            if b > 0 and t[b - 1] in not_after:
                continue
            approx = approx or word
            s = b
            break
    if chinese and t[num_start:number_end].strip("余多") in "百千万亿" and approx is None:
        return None
    bare = not chinese and unit is None and mult is None and high is None and approx is None
    digits = m.group("ar") or ""
    if bare and len(digits) == 4 and digits.isdigit() and 1949 <= value <= 2100:
        return value  # a bare year (2022我局…)
    return _finish(text, t, s, num_start, number_end, p, value, high, unit, approx, percent, rules)


def _finish(
    text: str,
    t: str,
    s: int,
    num_start: int,
    number_end: int,
    p: int,
    value: float,
    high: float | None,
    unit: str | None,
    approx: str | None,
    percent: bool,
    rules: Rules,
) -> Quantity:
    for word in rules.trailing:
        if t.startswith(word, p) and (unit is not None or word != "余"):
            approx = approx or word
            p += len(word)
            break
    number = text[(s if approx and s < num_start else num_start) : number_end]
    return Quantity(text[s:p], s, p, value, high, unit, approx, percent, number)
