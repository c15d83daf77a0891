"""One numeral → its value: Arabic (full-width too, 1.2万, 3,200) and Chinese (十八,
两千零五十, 三亿五千万, 一万二, 二〇二四, 廿五, 卅, 三点五). Our own small converter: cn2an
was tried and is correct, but importing it takes ~0.2 s (a report's whole local overhead
is ~15 ms) and it misses 卅 and 三点五万; it stays as the test oracle."""

from __future__ import annotations

import re
from functools import lru_cache

_CN_DIGIT_CHARS = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_CHARS = _CN_DIGIT_CHARS + "十百千万亿廿卅拾佰仟"
MULT = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}
# Full-width digits and signs → ASCII, one character for one, so spans stay valid.
WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
FULL_WIDTH = re.compile("[０-９．％]")


_AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUM = re.compile(
    rf"(?P<ar>{_AR})(?P<armul>千万|万亿|[万亿千])?"
    rf"|(?P<cn>[{CN_CHARS}几]+(?:点[〇零一二三四五六七八九]+[万亿]?)?)"
)
_ADJACENT = re.compile(r"^([一二两三四五六七八九])([二两三四五六七八九])([十百千万]?)$")
NOTE = re.compile(r"【[^】\n]{1,8}】")
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
def cn_value(run: str) -> float | None:
    """A Chinese numeral (with 点 for decimals) → its value; None if it is none."""
    if not run or run.startswith("点") or run.endswith("点"):
        return None
    if "点" in run and run[-1] in _BIG:  # 三点五万
        base = cn_value(run[:-1])
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


def cn_read(run: str) -> tuple[float, float | None, str | None] | None:
    """(value, high, approx) of a Chinese numeral run: 十几 → (10, None, 几), 三四十 →
    (30, 40, None), 二十 → (20, None, None)."""
    if "几" in run:
        if run == "十几":
            return 10.0, None, "几"
        if len(run) == 2 and run[0] == "几" and run[1] in MULT:
            return MULT[run[1]], None, "几"
        return None
    m = _ADJACENT.match(run)
    if m:
        a, b = _SMALL[m.group(1)], _SMALL[m.group(2)]
        if b == a + 1 or (a == 1 and m.group(2) == "两"):
            mult = MULT.get(m.group(3), 1.0)
            return a * mult, (a + 1) * mult, None
    value = cn_value(run)
    return None if value is None else (value, None, None)


def ar_value(digits: str, mult: str | None) -> float:
    value = float(digits.replace(",", ""))
    for ch in mult or "":
        value *= MULT[ch]
    return round(value, 6)


def parse_number(text: str) -> float | None:
    """One number written any way → its value, or None if `text` is not exactly one number.

    "十八" → 18, "两" → 2, "1.2万" → 12000, "５" → 5, "三成" → 30, "百分之百" → 100,
    "30%" → 30 (percentages give the percent figure). Ranges, approximations (约30, 十余)
    and units are not a single number: None."""
    t = text.strip().translate(WIDTH)
    if not t:
        return None
    if t.startswith("百分之"):
        inner = parse_number(t[3:])
        return inner
    if t.endswith("%"):
        return parse_number(t[:-1]) if not t[:-1].endswith("%") else None
    if len(t) == 2 and t[1] == "成" and t[0] in "一二两三四五六七八九十":
        return _SMALL.get(t[0], 10) * 10.0
    m = NUM.fullmatch(t)
    if m is None:
        return None
    if m.group("ar"):
        return ar_value(m.group("ar"), m.group("armul"))
    read = cn_read(m.group("cn"))
    if read is None or read[1] is not None or read[2] is not None:
        return None
    return read[0]


def format_value(value: float) -> str:
    """12.0 → "12", 0.5 → "0.5", 5249.57 → "5249.57"."""
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def unit_scale(unit: str | None) -> tuple[float, str | None]:
    """The multiplier a unit carries and the base unit: 万元 → (10000, 元), 万份 → (10000,
    份); 次 → (1, 次)."""
    if unit and len(unit) > 1 and unit[0] in "万亿千百" and unit != "百分点":
        return MULT[unit[0]], unit[1:]
    return 1.0, unit
