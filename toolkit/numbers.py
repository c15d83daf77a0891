"""Read the numbers of a report in every written form: 18 / 十八 / 1.2万 / 百分之百 / 三成,
with their approximation (十余, 近百, 30左右), range (3至5次) and unit (次, 人次, 万元…).

Numerals that are not quantities — set phrases (一是, 三重一大, “八五”普法, 两个维护 …),
ordinals and heading marks, dates and years, document numbers, cited titles — are data
(`toolkit/data/numbers_fazhi.yaml`) and are skipped. Chinese numerals are converted by
our own small converter (cn2an was tried: correct, but importing it takes
~0.2 s and it misses 卅 and 三点五万); everything around them (units, approximations, ranges, phrases) is ours.

A Chinese numeral counts as a quantity only with a unit or as a percentage (三成,
百分之百): 一 and 十 are too common inside words to count on their own. Arabic numbers
count with or without a unit.

This module imports only the standard library and yaml (data layer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

__all__ = [
    "Quantity",
    "find_dates",
    "find_quantities",
    "format_value",
    "parse_number",
    "unit_scale",
]

DATA = Path(__file__).resolve().parent / "data" / "numbers_fazhi.yaml"


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
        return any(c in _CN_CHARS for c in self.number.replace("万", "").replace("亿", ""))

    @property
    def number_end(self) -> int:
        """Offset in the input just after `number` (where a mark like 【待核实】 goes)."""
        return self.start + self.text.find(self.number) + len(self.number)


def format_value(value: float) -> str:
    """12.0 → "12", 0.5 → "0.5", 5249.57 → "5249.57"."""
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def unit_scale(unit: str | None) -> tuple[float, str | None]:
    """The multiplier a unit carries and the base unit: 万元 → (10000, 元), 万份 → (10000,
    份); 次 → (1, 次)."""
    if unit and len(unit) > 1 and unit[0] in "万亿千百" and unit != "百分点":
        return _MULT[unit[0]], unit[1:]
    return 1.0, unit


# -- data ----------------------------------------------------------------------------
_CN_DIGIT_CHARS = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_CHARS = _CN_DIGIT_CHARS + "十百千万亿廿卅拾佰仟"
_MULT = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}
# Full-width digits and signs → ASCII, one character for one, so spans stay valid.
_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_FULL_WIDTH = re.compile("[０-９．％]")


@dataclass(frozen=True)
class _Rules:
    units: dict[str, list[tuple[str, tuple[str, ...]]]]  # first char → [(unit, not_before)]
    before: list[tuple[str, str]]  # (word, characters that make it part of another word)
    after: str
    trailing: tuple[str, ...]
    ranges: tuple[str, ...]
    glue_one: str
    cheng_not_before: str
    set_phrases: re.Pattern[str]


def _load_data() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 7× faster
    return yaml.load(DATA.read_text(encoding="utf-8"), Loader=loader)


@cache
def _rules() -> _Rules:
    data = _load_data()
    units: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for unit, not_before in data["units"].items():
        units.setdefault(unit[0], []).append((unit, tuple(not_before or ())))
    for entries in units.values():
        entries.sort(key=lambda u: -len(u[0]))
    approx = data["approx"]
    before = sorted(
        ((w, "".join(v or ())) for w, v in approx["before"].items()), key=lambda x: -len(x[0])
    )
    parts = [e["match"] if e.get("regex") else re.escape(e["match"]) for e in data["set_phrases"]]
    parts.sort(key=len, reverse=True)
    body = "|".join(f"(?:{p})" for p in parts)
    first = _first_chars(body)
    if first is not None:  # one class test per position instead of every phrase's
        body = f"(?=[{''.join(sorted(first))}])(?:{body})"
    return _Rules(
        units=units,
        before=before,
        after="".join(approx["after"]),
        trailing=tuple(sorted(approx["trailing"], key=len, reverse=True)),
        ranges=tuple(data["range_words"]),
        glue_one=data["glue_before_one"],
        cheng_not_before=data["cheng_not_before"],
        set_phrases=re.compile(body),
    )


def _first_chars(pattern: str) -> set[str] | None:
    """Class items (for a [...] set) that every match of `pattern` starts with, or None
    when that cannot be told (then no prefilter is used: slower, never wrong)."""
    from re import _constants as c
    from re import _parser

    def item(op: object, av: object) -> str | None:
        if op is c.LITERAL:
            return re.escape(chr(av))  # type: ignore[arg-type]
        if op is c.RANGE:
            return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"  # type: ignore[index]
        if op is c.CATEGORY:
            return {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}.get(
                av  # type: ignore[call-overload]
            )
        return None

    def seq(nodes: list) -> tuple[set[str], bool] | None:  # (first items, can be empty)
        out: set[str] = set()
        for op, av in nodes:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                return out | {item(op, av)}, False  # type: ignore[arg-type]
            if op is c.IN:
                got = [item(o, a) for o, a in av]
                if None in got:
                    return None
                return out | set(got), False  # type: ignore[arg-type]
            if op is c.SUBPATTERN:
                inner = seq(av[3])
            elif op is c.BRANCH:
                res = [seq(alt) for alt in av[1]]
                if any(r is None for r in res):
                    return None
                inner = (set().union(*(r[0] for r in res)), any(r[1] for r in res))  # type: ignore[index]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                sub = seq(av[2])
                inner = None if sub is None else (sub[0], sub[1] or av[0] == 0)
            else:
                return None
            if inner is None:
                return None
            out |= inner[0]
            if not inner[1]:
                return out, False
        return out, True

    found = seq(list(_parser.parse(pattern)))
    return None if found is None or found[1] else found[0]


def set_phrase_entries() -> list[dict[str, object]]:
    """The set-phrase table as loaded (for tests and documentation)."""
    return list(_load_data()["set_phrases"])


# -- converting one numeral ------------------------------------------------------------
_AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM = re.compile(
    rf"(?P<ar>{_AR})(?P<armul>千万|万亿|[万亿千])?"
    rf"|(?P<cn>[{_CN_CHARS}几]+(?:点[〇零一二三四五六七八九]+[万亿]?)?)"
)
_ADJACENT = re.compile(r"^([一二两三四五六七八九])([二两三四五六七八九])([十百千万]?)$")
_NOTE = re.compile(r"【[^】\n]{1,8}】")
_SMALL = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"两": 2, "零": 0}


_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}


def _cn_int(s: str) -> int | None:
    """An integer in Chinese numerals: 十八, 两千零五十, 三亿五千万, 一万亿, 二〇二四, 一万二
    (spoken: 12000), 廿五, 卅; None when the characters make no number."""
    s = s.replace("廿", "二十").replace("卅", "三十")
    if not s:
        return None
    if all(c in _DIGIT for c in s):  # 二〇二四: digit by digit
        return int("".join(str(_DIGIT[c]) for c in s)) if len(s) > 1 or s else None
    total = section = 0
    number: int | None = None
    last_unit = 0  # the last 十/百/千 (or 万/亿) seen, for the spoken 一万二 / 三百五
    zero = False  # a 零 since the last unit: 一百零五 is 105, not 150
    big_last = 0
    for c in s:
        if c in _DIGIT:
            if number is not None and not zero and _DIGIT[c] != 0:
                return None  # two digits in a row inside a numeral with units: 三四百 etc.
            d = _DIGIT[c]
            zero = zero or d == 0
            number = d if d else number
        elif c in _UNIT:
            unit = _UNIT[c]
            if last_unit and unit >= last_unit and last_unit < 10_000 and section:
                return None  # 十百, 百千: units out of order
            section += (number if number is not None else 1) * unit
            number, last_unit, zero = None, unit, False
        elif c in _BIG:
            big = _BIG[c]
            section += number or 0
            if section == 0 and total == 0:
                section = 1  # 万 alone
            if big_last > big:  # 三亿五千万: the 万 counts within the 亿
                total += section * big
            else:
                total = (total + section) * big
            section, number, zero, big_last, last_unit = 0, None, False, big, big
        else:
            return None
    if number is not None:
        # spoken: 一万二 = 12000, 三百五 = 350; after 零 the digit counts as written
        section += number * (last_unit // 10) if last_unit >= 100 and not zero else number
    return total + section


@lru_cache(maxsize=8192)
def _cn_value(run: str) -> float | None:
    """A Chinese numeral (with 点 for decimals) → its value; None if it is none."""
    if not run or run.startswith("点") or run.endswith("点"):
        return None
    if "点" in run and run[-1] in _BIG:  # 三点五万
        base = _cn_value(run[:-1])
        return None if base is None else round(base * _BIG[run[-1]], 6)
    whole, _, frac = run.partition("点")
    value = _cn_int(whole)
    if value is None:
        return None
    if not frac:
        return float(value)
    if not all(c in _DIGIT for c in frac):
        return None
    return float(f"{value}.{''.join(str(_DIGIT[c]) for c in frac)}")


def _cn_read(run: str) -> tuple[float, float | None, str | None] | None:
    """(value, high, approx) of a Chinese numeral run: 十几 → (10, None, 几), 三四十 →
    (30, 40, None), 二十 → (20, None, None)."""
    if "几" in run:
        if run == "十几":
            return 10.0, None, "几"
        if len(run) == 2 and run[0] == "几" and run[1] in _MULT:
            return _MULT[run[1]], None, "几"
        return None
    m = _ADJACENT.match(run)
    if m:
        a, b = _SMALL[m.group(1)], _SMALL[m.group(2)]
        if b == a + 1 or (a == 1 and m.group(2) == "两"):
            mult = _MULT.get(m.group(3), 1.0)
            return a * mult, (a + 1) * mult, None
    value = _cn_value(run)
    return None if value is None else (value, None, None)


def _ar_value(digits: str, mult: str | None) -> float:
    value = float(digits.replace(",", ""))
    for ch in mult or "":
        value *= _MULT[ch]
    return round(value, 6)


def parse_number(text: str) -> float | None:
    """One number written any way → its value, or None if `text` is not exactly one number.

    "十八" → 18, "两" → 2, "1.2万" → 12000, "５" → 5, "三成" → 30, "百分之百" → 100,
    "30%" → 30 (percentages give the percent figure). Ranges, approximations (约30, 十余)
    and units are not a single number: None."""
    t = text.strip().translate(_WIDTH)
    if not t:
        return None
    if t.startswith("百分之"):
        inner = parse_number(t[3:])
        return inner
    if t.endswith("%"):
        return parse_number(t[:-1]) if not t[:-1].endswith("%") else None
    if len(t) == 2 and t[1] == "成" and t[0] in "一二两三四五六七八九十":
        return _SMALL.get(t[0], 10) * 10.0
    m = _NUM.fullmatch(t)
    if m is None:
        return None
    if m.group("ar"):
        return _ar_value(m.group("ar"), m.group("armul"))
    read = _cn_read(m.group("cn"))
    if read is None or read[1] is not None or read[2] is not None:
        return None
    return read[0]


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


@lru_cache(maxsize=2048)
def _scan(text: str) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    rules = _rules()
    t = text.translate(_WIDTH) if _FULL_WIDTH.search(text) else text
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
            v = float(value) if value[0].isdigit() else _cn_value(value)
            if v is not None:
                unit = _DATE_UNITS[name]
                dates.append(Quantity(text[s:e], s, e, v, unit=unit, number=text[s:e]))
        blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out: list[Quantity] = []
    pos = 0
    for m in _NUM.finditer(t):
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


def _free(blocked: bytearray, s: int, e: int) -> int:
    """The end of the unblocked stretch [s, e)."""
    i = blocked.find(1, s, e)
    return e if i == -1 else i


def _unit_at(t: str, p: int, rules: _Rules) -> str | None:
    for unit, not_before in rules.units.get(t[p : p + 1], ()):
        if t.startswith(unit, p) and not (not_before and t.startswith(not_before, p + len(unit))):
            return unit
    return None


def _read(
    text: str, t: str, m: re.Match[str], blocked: bytearray, rules: _Rules
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
    if not chinese:
        if prev.isascii() and (prev.isalpha() or prev in "_/@:-") and prev:
            return None
        end = min(end, m.end("ar")) if m.group("armul") and end < m.end() else end
        digits = t[s : min(end, m.end("ar"))]
        value = float(digits.replace(",", ""))
        armul = t[m.end("ar") : end]
        if armul and armul[-1] in "万亿" and t.startswith("元", end):
            mult = armul[-1]  # 5249.57万元: the 万 stays in the unit
            value = _ar_value(digits, armul[:-1])
        elif armul:
            value = _ar_value(digits, armul)
    else:
        run = t[s:end]
        if run == "一" and prev and prev in rules.glue_one:
            return None
        # 百分之三十, 三分之一: a fraction read as a percentage.
        if t.startswith("分之", end):
            nxt = _NUM.match(t, end + 2)
            denom = _cn_value(run)
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
        read = _cn_read(run)
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
                nxt = _NUM.match(t, q + len(word))
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
                value, p = round(value * _MULT[t[p]], 6), p + 1
    number_end = p
    # a note put after the numeral (30【待核实】次) hides neither the number nor its unit
    note = _NOTE.match(t, p)
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
                number_end = p
        else:
            u = _unit_at(t, p, rules)
            if u is not None and not blocked[p]:
                unit, p = u, p + len(u)
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
    rules: _Rules,
) -> Quantity:
    for word in rules.trailing:
        if t.startswith(word, p) and (unit is not None or word != "余"):
            approx = approx or word
            p += len(word)
            break
    number = text[(s if approx and s < num_start else num_start) : number_end]
    return Quantity(text[s:p], s, p, value, high, unit, approx, percent, number)
