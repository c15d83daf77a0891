"""Word's automatic list numbering: number formats (numFmt) and the counters that
numbering.xml defines (abstractNum levels, num instances with overrides, restarts), so a
numbered paragraph's text can be given the number Word shows in front of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_CIRCLED_IDEOGRAPH = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def chinese_counting(n: int, legal: bool = False) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五 (Word's chineseCounting);
    `legal`: 壹贰叁…拾佰仟 (chineseLegalSimplified)."""
    digits, units = (_CN_LEGAL, _CN_LEGAL_UNITS) if legal else (_CN, _CN_UNITS)
    zero = "零"
    if n <= 0:
        return zero
    if n >= 10000:
        return "".join(digits[int(d)] for d in str(n))
    out, pending_zero = [], False
    s = str(n)
    for i, d in enumerate(s):
        unit = units[len(s) - i - 1]
        if d == "0":
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[int(d)] + unit)
    text = "".join(out)
    if not legal and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int) -> str:
    # Word repeats the letter: A..Z, AA..ZZ, AAA...
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """The number `n` written in the numFmt `fmt` (unknown formats: decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):  # fmt: skip
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return chinese_counting(n, legal=True)
    if fmt in (
        "ideographDigital",
        "taiwaneseDigital",
        "koreanDigital",
        "japaneseDigitalTenThousand",
    ):
        return "".join(_CN[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac"):
        table = _STEMS if fmt == "ideographTraditional" else _BRANCHES
        return table[(n - 1) % len(table)]
    if fmt == "ideographZodiacTraditional":
        return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _from_table(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _from_table(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(_FULLSTOP, n)
    if fmt == "ideographEnclosedCircle":
        return _from_table(_CIRCLED_IDEOGRAPH, n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    """One level (ilvl 0–8) of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText, with %1..%9 for the levels' numbers
    restart: int | None = None  # lvlRestart: restart after this level (1-based); 0 never
    suffix: str = "tab"  # tab, space, nothing
    legal: bool = False  # isLgl: every number in decimal


@dataclass
class ListDefinitions:
    """abstractNum levels and num instances, as numbering.xml gives them."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, Level]] = field(default_factory=dict)  # lvlOverride/lvl
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)


_PLACEHOLDER = re.compile(r"%([1-9])")


class Numberer:
    """Counters as Word keeps them while it lays out the paragraphs in order."""

    def __init__(self, defs: ListDefinitions) -> None:
        self.defs = defs
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> ilvl -> value
        self.used_nums: set[str] = set()

    def level(self, num_id: str, ilvl: int) -> Level | None:
        over = self.defs.overrides.get(num_id, {}).get(ilvl)
        if over is not None:
            return over
        abstract = self.defs.nums.get(num_id)
        return self.defs.abstract.get(abstract or "", {}).get(ilvl)

    def next(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph of list `num_id` at level `ilvl`, with the
        suffix; "" when the list or level is not defined."""
        abstract = self.defs.nums.get(num_id)
        lvl = self.level(num_id, ilvl)
        if abstract is None or lvl is None:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.used_nums:
            # A num instance with startOverride restarts those levels where it is first used.
            self.used_nums.add(num_id)
            for o_lvl, value in self.defs.start_overrides.get(num_id, {}).items():
                counters[o_lvl] = value - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lvl.start
        for deeper in [k for k in counters if k > ilvl]:
            d = self.level(num_id, deeper)
            restart = d.restart if d is not None else None
            if restart is None or (restart != 0 and ilvl + 1 <= restart):
                del counters[deeper]
        if lvl.text is None:
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = self.level(num_id, k) or Level()
            value = counters.get(k, ref.start)
            return str(value) if lvl.legal else format_number(value, ref.fmt)

        text = _PLACEHOLDER.sub(number, lvl.text)
        if text and lvl.suffix != "nothing" and not _ends_in_cjk_mark(text):
            text += " "
        return text


def _ends_in_cjk_mark(text: str) -> bool:
    # After 一、 or （一） the gap Word draws is layout; after "1." or "A" it is a space.
    last = text[-1]
    return "\u3000" <= last <= "\u303f" or "\uff00" <= last <= "\uffef" or not last.isascii()
