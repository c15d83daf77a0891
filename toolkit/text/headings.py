"""Recognise heading marks at the start of a line: 一、 （一） 1. （1） and real-world variants."""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九"
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

# The mark each level should carry (GB/T 9704); anything else is a variant.
STANDARD_MARKS = {1: "、", 2: "）", 3: ".", 4: "）"}

# A Chinese numeral from 一 to 九十九 (and nothing else: 一一 is no number).
CN_NUMERAL = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_L1 = re.compile(rf"^({CN_NUMERAL})\s*([、．.，,：:])\s*")
_L2 = re.compile(rf"^([（(])\s*({CN_NUMERAL})\s*([）)])\s*([、，,．.]?)\s*")
_L3 = re.compile(r"^(\d{1,2})\s*([.．、，,])(?!\d)\s*")
_L4 = re.compile(r"^([（(])\s*(\d{1,2})\s*([）)])\s*([、，,．.]?)\s*")
_L3_CIRCLED = re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩])\s*")
_EN = re.compile(r"^(" + "|".join(_EN_ORDINALS) + r")\b\s*[,，.、:]\s*", re.IGNORECASE)


def cn_to_int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (headings never go past ninety-nine)."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(s)


@dataclass(frozen=True)
class HeadingMark:
    """A heading mark found at the start of a line."""

    level: int
    number: int
    mark: str  # the text of the mark as written, e.g. "一、" or "(1)"
    style: str  # "standard" or what is wrong: "wrong_punct", "extra_punct", "half_width"...
    rest: str  # the line after the mark


def match_heading(line: str, language: str = "zh") -> HeadingMark | None:
    """The heading mark that starts `line`, or None. Inline 一是/二是 are not headings."""
    if language == "en":
        m = _EN.match(line)
        if m:
            return HeadingMark(
                1, _EN_ORDINALS[m.group(1).lower()], m.group(0).strip(), "english", line[m.end() :]
            )
        return None
    m = _L1.match(line)
    if m and not line.startswith(("一是", "二是")):
        style = "standard" if m.group(2) == "、" else "wrong_punct"
        rest = line[m.end() :]
        if rest:
            return HeadingMark(1, cn_to_int(m.group(1)), line[: m.end()].strip(), style, rest)
    for regex, level, convert in ((_L2, 2, cn_to_int), (_L4, 4, int)):
        m = regex.match(line)
        if m:
            style = "standard"
            if m.group(4):
                style = "extra_punct"
            elif m.group(1) == "(" or m.group(3) == ")":
                style = "half_width"
            return HeadingMark(
                level, convert(m.group(2)), line[: m.end()].strip(), style, line[m.end() :]
            )
    m = _L3.match(line)
    if m and not re.match(r"^\d{1,2}\s*[.．]\s*\d", line):
        punct = m.group(2)
        style = {".": "standard", "．": "full_width_dot", "、": "wrong_punct"}.get(
            punct, "wrong_punct"
        )
        rest = line[m.end() :]
        if rest and not rest.startswith(("月", "日", "年")):
            return HeadingMark(3, int(m.group(1)), line[: m.end()].strip(), style, rest)
    m = _L3_CIRCLED.match(line)
    if m:
        return HeadingMark(
            4, "①②③④⑤⑥⑦⑧⑨⑩".index(m.group(1)) + 1, m.group(1), "circled", line[m.end() :]
        )
    return None


def heading_text(rest: str, max_len: int = 60) -> str:
    """The heading proper of a run-in heading: up to the first full stop, else the line."""
    for stop in ("。", "；"):
        idx = rest.find(stop)
        if 0 < idx <= max_len:
            return rest[:idx]
    if len(rest) <= max_len:
        return rest.rstrip("。")
    return rest[:max_len] + "…"
