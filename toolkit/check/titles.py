"""Titles of laws, regulations and documents cited in 《》: near misses and short names.

- a known title with a word inserted or dropped → T504 (error);
- a short name (科技进步法, the name without 中华人民共和国) before the full title was
  cited → T512 (warning) with the full title, once per law;
- a title that starts with a place (河南省…, 杭州市…) is a local regulation or rule and is
  not compared with the national ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from ..outline import title_list
from ..paths import PACKAGE_DATA
from .context import CheckContext

_PREFIX = "中华人民共和国"
_CITED = re.compile(r"《([^《》\n]{2,60})》")


@lru_cache(maxsize=8192)
def canonical(title: str) -> str:
    """A title in comparable form: one dash, no 年 before the closing bracket, 《》 nesting."""
    t = re.sub(r"[—–－\-]+", "-", title)
    t = t.replace("(", "（").replace(")", "）").replace("<", "《").replace(">", "》")
    t = t.replace("〈", "《").replace("〉", "》")
    t = re.sub(r"年）", "）", t)
    return re.sub(r"\s+", "", t)


@dataclass(frozen=True)
class _Titles:
    exact: frozenset[str]  # comparable forms of the full titles
    short: dict[str, str]  # comparable short name -> full title
    enough: frozenset[str]  # short names that need no full title
    forms: tuple[tuple[str, str], ...]  # (comparable form, title to suggest) for near misses


@cache
def _known() -> _Titles:
    data = title_list()
    exact: set[str] = set()
    short: dict[str, str] = {}
    forms: list[tuple[str, str]] = []
    for title in data.titles:
        full = canonical(title)
        exact.add(full)
        forms.append((full, title))
        if full.startswith(_PREFIX):
            name = full[len(_PREFIX) :]
            short[name] = title
            forms.append((name, title[len(_PREFIX) :]))
    for name, title in data.short_forms.items():
        short[canonical(name)] = title
        forms.append((canonical(name), name))
    enough = {canonical(t)[len(_PREFIX) :] for t in data.short_name_enough}
    return _Titles(frozenset(exact), short, frozenset(enough), tuple(forms))


@cache
def _places() -> tuple[frozenset[str], re.Pattern[str]]:
    lines = (PACKAGE_DATA / "gazetteer.txt").read_text(encoding="utf-8").splitlines()
    stems = frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    suffixes = sorted(title_list().region_suffixes, key=len, reverse=True)
    return stems, re.compile("|".join(map(re.escape, suffixes)))


def is_local(title: str) -> bool:
    """True for a local regulation or rule: the title opens with a place (河南省…, 杭州市…)."""
    stems, suffix = _places()
    for k in range(2, min(8, len(title) - 2) + 1):
        if title[:k] in stems and suffix.match(title, k):
            return True
    return False


@cache
def _matchers() -> dict[str, list[tuple[str, str, frozenset[str], SequenceMatcher[str]]]]:
    """Known forms by their last character, each with its characters and a matcher."""
    out: dict[str, list[tuple[str, str, frozenset[str], SequenceMatcher[str]]]] = {}
    for form, title in _known().forms:
        sm: SequenceMatcher[str] = SequenceMatcher(None, "", form, autojunk=False)
        out.setdefault(form[-1], []).append((form, title, frozenset(form), sm))
    return out


@lru_cache(maxsize=4096)
def near_miss(cited: str) -> str | None:
    """The known title `cited` misquotes by an inserted or dropped word, or None."""
    known = _known()
    c = canonical(cited)
    if c in known.exact or c in known.short or is_local(c):
        return None
    if re.search(r"([\u4e00-\u9fff]{3,})\1", c):
        return None  # a doubled word that T502 reports
    best: tuple[float, str] | None = None
    chars = frozenset(c)
    for form, title, fchars, sm in _matchers().get(c[-1], ()):
        if abs(len(form) - len(c)) > 6:
            continue
        # Each character of `c` missing from the form is at least one unmatched one: a
        # bound on the ratio computed on sets, before any matching.
        if 2 * (len(c) - len(chars - fchars)) < 0.75 * (len(c) + len(form)):
            continue
        sm.set_seq1(c)
        if sm.real_quick_ratio() < 0.75 or sm.quick_ratio() < 0.75:
            continue
        ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
        if not ops or any(op[0] == "replace" for op in ops):
            continue
        tag, i1, i2 = ops[0][:3]
        if len(ops) == 1 and tag == "delete" and i1 == 0 and _places()[1].search(c[:i2][-4:]):
            continue  # 省优化营商环境条例, 某某新区…: a local title before a national one
        changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in ops)
        ratio = sm.ratio()
        if changed <= 6 and ratio >= 0.75 and (best is None or ratio > best[0]):
            best = (ratio, title)
    return best[1] if best else None


def full_title_of(cited: str) -> str | None:
    """The full title a short name stands for (科技进步法 → 中华人民共和国科学技术进步法)."""
    known = _known()
    c = canonical(cited)
    if c in known.enough:
        return None
    return known.short.get(c)


def check(ctx: CheckContext) -> None:
    known = _known()
    cited_in_full: set[str] = set()
    warned: set[str] = set()
    for i, line in ctx.lines(body_only=False):
        if "《" not in line.text:
            continue
        for m in _CITED.finditer(line.text):
            name = m.group(1)
            c = canonical(name)
            if "《" in c:
                cited_in_full.update(re.findall(r"《([^《》]+)》", c))  # 实施《…》办法
            if c in known.exact:
                cited_in_full.add(c)
                continue
            full = full_title_of(name)
            if full is not None:
                if canonical(full) not in cited_in_full and full not in warned:
                    warned.add(full)
                    ctx.emit_match(
                        i,
                        m,
                        "T512",
                        f"“《{name}》”是简称，首次引用应写全称《{full}》。",
                        f"改为《{full}》（全称出现后再用简称）。",
                        width=6,
                    )
                continue
            right = near_miss(name)
            if right is None:
                continue
            ctx.emit_match(
                i,
                m,
                "T504",
                f"“《{name}》”与法规全称《{right}》不符。",
                f"改为《{right}》。",
                width=6,
            )
