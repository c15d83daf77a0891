"""Doubled characters that are typos (积积参与, 的的, 进一一步), told from legitimate ones.

A character written twice is legitimate when the pair is a listed reduplication (常常,
层层, 家家户户…, data in ``doubled_fazhi.yaml``), when a dictionary word of three or four
characters covers it (的的确确, 不了了之), in a Chinese numeral (二〇一一年), or when it
straddles two words that end and begin with that character (科学|学会, 学习|习近平,
目的|的). It is a typo when dropping one copy leaves a dictionary word across the pair
(进一一步 → 进一步), and otherwise when nothing above explains it (积积参与).
The dictionary is jieba's, through rjieba (`has_word`), as the corpus uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import rjieba
import yaml
from pydantic import BaseModel, ConfigDict

from ..outline import title_list
from ..paths import PACKAGE_DATA
from ..registers import registers
from ..registers.formulations import protected_spans
from .context import CheckContext

_PAIR = re.compile(r"([\u4e00-\u9fff])\1")
_NUMERAL = "〇零一二三四五六七八九十百千万两"


class DoubledRules(BaseModel):
    """The data: legitimate doubled words and characters that stand alone as words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[str]
    single: list[str]


@dataclass(frozen=True)
class _Rules:
    pairs: dict[str, tuple[str, ...]]  # doubled pair -> listed words that contain it
    single: frozenset[str]


@cache
def _rules() -> _Rules:
    raw = yaml.safe_load((PACKAGE_DATA / "doubled_fazhi.yaml").read_text(encoding="utf-8"))
    data = DoubledRules.model_validate(raw)
    pairs: dict[str, list[str]] = {}
    for word in data.words:
        for m in _PAIR.finditer(word):
            pairs.setdefault(m.group(0), []).append(word)
    return _Rules({k: tuple(v) for k, v in pairs.items()}, frozenset(data.single))


@cache
def _places() -> tuple[frozenset[str], tuple[str, ...]]:
    """Place-name stems (gazetteer.txt) and the suffixes that make them a place (市, 县…)."""
    lines = (PACKAGE_DATA / "gazetteer.txt").read_text(encoding="utf-8").splitlines()
    stems = frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    suffixes = tuple(sorted(title_list().region_suffixes, key=len, reverse=True))
    return stems, suffixes


def place_ends_at(text: str, end: int) -> bool:
    """A place name (a stem of the gazetteer and its suffix: 晋城 + 市) ends at `end`."""
    stems, suffixes = _places()
    for suffix in suffixes:
        if not text.startswith(suffix, end - len(suffix)):
            continue
        stop = end - len(suffix)
        if any(text[stop - n : stop] in stems for n in range(2, min(stop, 6) + 1)):
            return True
    return False


@cache
def _known_titles() -> frozenset[str]:
    data = title_list()
    return frozenset([*data.titles, *data.short_forms])


def in_registered_name(text: str, start: int, end: int) -> bool:
    """`start`..`end` lies inside a registered title cited in 《…》 or inside a name of the
    formulations register (健康中国2030): its wording is the record's, not a slip."""
    if any(a <= start and end <= b for a, b in protected_spans(text)):
        return True
    opened = text.rfind("《", 0, start + 1)
    close = text.find("》", end)
    if opened == -1 or close == -1 or "》" in text[opened:start]:
        return False
    cited = text[opened + 1 : close]
    return cited in _known_titles() or registers().lookup(cited) is not None


def legitimate_repeat(text: str, start: int, unit: str) -> bool:
    """A word written twice on purpose: the first copy ends a place name (晋城市|城市管理局)
    or the pair is inside a registered title or name."""
    mid = start + len(unit)
    return place_ends_at(text, mid) or in_registered_name(text, start, mid + len(unit))


def _listed(text: str, i: int, words: tuple[str, ...]) -> bool:
    """A listed word that contains the pair starting at `i` occurs there."""
    for w in words:
        at = w.find(text[i : i + 2])
        while at != -1:
            if text.startswith(w, i - at):
                return True
            at = w.find(text[i : i + 2], at + 1)
    return False


def _covered(text: str, i: int) -> bool:
    """A dictionary word of 3-4 characters spans both characters of the pair."""
    n = len(text)
    for size in (3, 4):
        for a in range(max(0, i + 2 - size), min(i, n - size) + 1):
            if rjieba.has_word(text[a : a + size]):
                return True
    return False


def dropped_word(text: str, i: int) -> str | None:
    """The word left when one copy is dropped (进一一步 → 进一步), or None."""
    for left in (1, 2):
        for right in (1, 2):
            a, b = i - left, i + 2 + right
            if a < 0 or b > len(text):
                continue
            word = text[a : i + 1] + text[i + 2 : b]
            if rjieba.has_word(word):
                return word
    return None


def _words_around(text: str, i: int) -> tuple[bool, bool]:
    """Whether a word of 2-4 characters ends at the pair's first / starts at its second."""
    left = any(rjieba.has_word(text[a : i + 1]) for a in range(max(0, i - 3), i))
    right = any(rjieba.has_word(text[i + 1 : b]) for b in range(i + 3, min(len(text), i + 5) + 1))
    return left, right


def _numeral(text: str, i: int) -> bool:
    a, b = i, i + 2
    while a > 0 and text[a - 1] in _NUMERAL:
        a -= 1
    while b < len(text) and text[b] in _NUMERAL:
        b += 1
    return text[i] in _NUMERAL and b - a >= 3


def suspicious(text: str, i: int) -> tuple[bool, str | None]:
    """Is the pair at `i` a typo? With the word meant when dropping a copy gives one."""
    rules = _rules()
    pair = text[i : i + 2]
    if place_ends_at(text, i + 1) or in_registered_name(text, i, i + 2):
        return False, None  # 邹城市|市场, a registered title's own wording
    listed = rules.pairs.get(pair, ())
    if _listed(text, i, tuple(w for w in listed if len(w) > 2)):
        return False, None
    if _covered(text, i) or _numeral(text, i):
        return False, None
    left, right = _words_around(text, i)
    if left and right:
        return False, None  # 科学|学会, 学习|习近平
    meant = dropped_word(text, i)
    if meant is not None:
        return True, meant  # 进一一步
    if pair in listed:
        return False, None
    if i + 3 < len(text) and text[i + 2] == text[i + 3]:
        return False, None  # AABB
    if i >= 2 and text[i - 2] == text[i - 1]:
        return False, None  # the BB of AABB
    if text[i] in rules.single and (left or right):
        return False, None  # 目的|的, 是|是否
    return True, None


def check(ctx: CheckContext) -> None:
    for i, line in ctx.lines(body_only=False):
        if _PAIR.search(line.text) is None:
            continue
        for m in _PAIR.finditer(line.text):
            bad, meant = suspicious(line.text, m.start())
            if not bad:
                continue
            ch = m.group(1)
            hint = f"（应为“{meant}”？）" if meant else ""
            ctx.emit_match(
                i,
                m,
                "T513",
                f"“{m.group(0)}”叠字，疑为多打或错打{hint}。",
                f"删去一个“{ch}”或改为正确的字。",
                width=8,
            )
