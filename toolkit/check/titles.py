"""Titles cited in 《》, judged against the registers of the official record.

- a misquote of a registered title (a word inserted or dropped, a character substituted,
  a year range written another way, 》 set before the last word) → T504 (error, fixable)
  with the official title;
- a short name (科技进步法) before the full title was cited → T512 (info), once per title;
- a title repealed or replaced before the report's year → T520 (warning) naming what
  replaced it; a title issued after the year following the report's → T521 (error);
- an exact title, and a local or own document (河南省…, 局党组…), is never compared with
  the national ones. Year-bound titles that the phrase table judges (the 纲要 editions)
  are left to P401/P402.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from ..outline import title_list
from ..registers import Entry
from ..registers.match import Verdict, canonical, is_local, judge, on_record
from .context import CheckContext

__all__ = ["canonical", "check", "is_local", "near_miss", "title_edits"]

_CITED = re.compile(r"《([^《》\n]{2,80})》")
_INNER = re.compile(r"[《〈<＜]([^《》〈〉<>＜＞]{2,80})[》〉>＞]")
# What may follow a 》 set too early: the last word of a title, or its year range.
_TAIL = re.compile(r"[\u4e00-\u9fff]{1,4}|[（(](?:19|20)\d{2}[^）)]{0,10}[）)]")


@lru_cache(maxsize=4096)
def near_miss(cited: str) -> str | None:
    """The registered title `cited` misquotes, as it should be written, or None."""
    v = judge(cited)
    return v.right if v.kind == "misquote" else None


def _misplaced(text: str, m: re.Match[str]) -> str | None:
    """The title when 》 stands before its last word or year range (…职责》规定)."""
    tail = _TAIL.match(text, m.end())
    if tail is None:
        return None
    for k in range(len(tail.group(0)), 0, -1):
        whole = m.group(1) + tail.group(0)[:k]
        if on_record(whole) is not None:
            return whole
    return None


def _citations(text: str) -> list[tuple[re.Match[str], str, Verdict]]:
    """Each 《…》 of a line and the titles nested in it, with their verdicts."""
    out = []
    for m in _CITED.finditer(text):
        out.append((m, m.group(1), judge(m.group(1))))
        out += [(m, inner.group(1), judge(inner.group(1))) for inner in _INNER.finditer(m.group(1))]
    return out


def _in_marks_of(cited: str, right: str) -> str:
    """`right` with the brackets and dashes `cited` uses: their width is T514's business."""
    if "(" in cited or ")" in cited:
        right = right.replace("（", "(").replace("）", ")")
    dash = next((ch for ch in cited if ch in "-－–—"), None)
    return right.replace("—", dash) if dash else right


def _smallest_edits(base: int, cited: str, right: str) -> list[tuple[int, int, str, str]]:
    right = _in_marks_of(cited, right)
    return [
        (base + op.src_start, base + op.src_end, cited[op.src_start : op.src_end],
         right[op.dest_start : op.dest_end])
        for op in Levenshtein.opcodes(cited, right) if op.tag != "equal"
    ]  # fmt: skip


def title_edits(text: str) -> list[list[tuple[int, int, str, str]]]:
    """Edits (start, end, old, new) of a line that write its misquoted titles the
    official way, one group per title (nested ones too); the smallest edits, so numbers
    stay as written."""
    groups = []
    for m in _CITED.finditer(text):
        cited, v = m.group(1), judge(m.group(1))
        if v.kind == "misquote" and v.right:
            groups.append(_smallest_edits(m.start(1), cited, v.right))
        elif v.kind == "unknown" and (whole := _misplaced(text, m)):
            extra = whole[len(cited) :]
            groups.append([(m.end() - 1, m.end() + len(extra), "》" + extra, extra + "》")])
        for inner in _INNER.finditer(cited):
            iv = judge(inner.group(1))
            if iv.kind == "misquote" and iv.right:
                groups.append(
                    _smallest_edits(m.start(1) + inner.start(1), inner.group(1), iv.right)
                )
    return groups


@cache
def _enough() -> frozenset[str]:
    """Titles whose short name is the usual way to cite them (宪法, 民法典)."""
    return frozenset(title_list().short_name_enough)


def _judged_by_phrases(ctx: CheckContext, title: str) -> bool:
    return any(spec.regex.search(title) for spec in ctx.outline.phrases.phrases)


def _in_time(ctx: CheckContext, i: int, m: re.Match[str], name: str, e: Entry) -> None:
    year = ctx.year
    if year is None or _judged_by_phrases(ctx, name):
        return
    if e.repealed_before(year):
        by = f"被《{e.successor}》取代" if e.successor else "废止"
        ctx.emit_match(
            i, m, "T520",
            f"《{name}》已于{e.repealed_year}年{by}，{year}年度报告仍在引用。",
            f"改引《{e.successor}》（回顾旧文件时可不改）。" if e.successor else "核对是否仍应引用。",
            width=6,
        )  # fmt: skip
    elif e.issued_after(year + 1):
        ctx.emit_match(
            i, m, "T521",
            f"《{name}》{e.issued_year}年才发布，不应出现在{year}年度报告中。",
            "核对报告年度或删去这一引用。",
            width=6,
        )  # fmt: skip


def check(ctx: CheckContext) -> None:
    cited_in_full: set[str] = set()
    seen: set[tuple[str, str]] = set()  # (code, title) already reported
    for i, line in ctx.lines(body_only=False):
        if "《" not in line.text:
            continue
        for m, name, v in _citations(line.text):
            e = v.entry
            if v.kind == "misquote" and e is not None:
                ctx.emit_match(
                    i, m, "T504",
                    f"“《{name}》”与《{e.title}》不符（{v.shape}）。",
                    f"改为《{v.right}》。",
                    width=6,
                )  # fmt: skip
                continue
            if v.kind == "unknown" and name == m.group(1) and (whole := _misplaced(line.text, m)):
                ctx.emit_match(
                    i, m, "T504",
                    f"“《{name}》{whole[len(name):]}”：书名号位置不对，应为《{whole}》。",
                    f"改为《{whole}》。",
                    width=6,
                )  # fmt: skip
                continue
            if e is None:
                continue
            if v.kind == "exact":
                cited_in_full.add(e.title)
            elif e.title not in cited_in_full | _enough() and ("T512", e.title) not in seen:
                seen.add(("T512", e.title))
                ctx.emit_match(
                    i, m, "T512",
                    f"“《{name}》”是简称，首次引用宜写全称《{e.title}》。",
                    f"改为《{e.title}》（全称出现后再用简称）。",
                    width=6,
                )  # fmt: skip
            if ("time", e.title) not in seen:
                seen.add(("time", e.title))
                _in_time(ctx, i, m, name, e)
