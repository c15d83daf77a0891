"""Titles of laws, regulations and documents cited in 《》: flag near misses of known titles."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache, lru_cache

from ..outline import known_titles
from .context import CheckContext, excerpt

_PREFIX = "中华人民共和国"
_CITED = re.compile(r"《([^《》\n]{2,60})》")


def canonical(title: str) -> str:
    """A title in comparable form: one dash, no 年 before the closing bracket, 《》 nesting."""
    t = re.sub(r"[—–－\-]+", "-", title)
    t = t.replace("(", "（").replace(")", "）").replace("<", "《").replace(">", "》")
    t = t.replace("〈", "《").replace("〉", "》")
    t = re.sub(r"年）", "）", t)
    return re.sub(r"\s+", "", t)


@cache
def _known() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    exact: set[str] = set()
    forms: list[tuple[str, str]] = []  # (comparable form, exact title to suggest)
    for title in known_titles():
        full = canonical(title)
        exact.add(full)
        forms.append((full, title))
        if full.startswith(_PREFIX):
            short = full[len(_PREFIX) :]
            exact.add(short)
            forms.append((short, title[len(_PREFIX) :]))
    return frozenset(exact), tuple(forms)


@lru_cache(maxsize=4096)
def near_miss(cited: str) -> str | None:
    """The known title `cited` misquotes by an inserted or dropped word, or None."""
    exact, forms = _known()
    c = canonical(cited)
    if c in exact or re.search(r"([\u4e00-\u9fff]{3,})\1", c):
        return None  # exact, or a doubled word that T502 reports
    best: tuple[float, str] | None = None
    for form, title in forms:
        if form[-2:] != c[-2:] or abs(len(form) - len(c)) > 6:
            continue
        sm = SequenceMatcher(None, c, form, autojunk=False)
        if sm.real_quick_ratio() < 0.75 or sm.quick_ratio() < 0.75:
            continue
        ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
        if not ops or any(op[0] == "replace" for op in ops):
            continue
        changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in ops)
        ratio = sm.ratio()
        if changed <= 6 and ratio >= 0.75 and (best is None or ratio > best[0]):
            best = (ratio, title)
    return best[1] if best else None


def check(ctx: CheckContext) -> None:
    for i, line in ctx.lines(body_only=False):
        for m in _CITED.finditer(line.text):
            right = near_miss(m.group(1))
            if right is None:
                continue
            ctx.emit(
                "T504",
                f"“《{m.group(1)}》”与法规全称《{right}》不符。",
                f"改为《{right}》。",
                index=i,
                offset=m.start(),
                excerpt=excerpt(line.text, m.start(), m.end(), width=6),
            )
