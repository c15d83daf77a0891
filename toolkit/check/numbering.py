"""Numbering (GB/T 9704): marks, sequences, restarts, levels, widths, inline 一是/二是."""

from __future__ import annotations

import re

from ..headings import CN_DIGITS, CN_NUMERAL, cn_to_int
from ..report import SectionNode
from .context import CheckContext

_STANDARD = {1: "{n}、", 2: "（{n}）", 3: "{i}.", 4: "（{i}）"}
_INLINE = re.compile(rf"(?:^|(?<=[。；：，！？”\s]))({CN_NUMERAL})是(?![否非])")


def to_cn(n: int) -> str:
    """1 → 一, 23 → 二十三; from 100 on (no real heading goes there) Arabic digits."""
    if n <= 0 or n >= 100:
        return str(n)
    if n <= 10:
        return "十" if n == 10 else CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def standard_mark(level: int, n: int) -> str:
    return _STANDARD.get(level, "{i}.").format(n=to_cn(n), i=n)


def _check_marks(ctx: CheckContext, nodes: list[SectionNode]) -> None:
    for node in nodes:
        if node.style in ("wrong_punct", "extra_punct") and node.number is not None:
            right = standard_mark(node.level, node.number)
            ctx.emit_node(node, "N201", f"标题序号“{node.mark}”标点不规范。", f"改为“{right}”。")


def _check_sequence(
    ctx: CheckContext, siblings: list[SectionNode], cousin_last: int | None
) -> None:
    """Numbers 1, 2, 3… among siblings of one level; unnumbered ones take their slot."""
    expected = 1
    for pos, node in enumerate(siblings):
        if node.unnumbered:
            ctx.emit(
                "N205",
                f"一级标题“{node.heading}”缺少序号。",
                f"改为“{standard_mark(node.level, expected)}{node.heading}”。",
                index=node.line_index,
                excerpt=node.heading,
            )
            expected += 1
            continue
        n = node.number or 0
        label = f"“{node.mark}{node.heading[:16]}”"
        if n == expected:
            expected += 1
        elif n < expected:
            ctx.emit_node(
                node,
                "N203",
                f"标题序号重复：{label}前已有序号{standard_mark(node.level, n)}。",
                f"改为“{standard_mark(node.level, expected)}”，并顺延其后的序号。",
            )
            expected += 1
        else:
            if pos == 0 and cousin_last is not None and n == cousin_last + 1:
                ctx.emit_node(
                    node,
                    "N204",
                    f"{label}接续了上一个上级标题下的序号，没有重新从1编号。",
                    f"改为“{standard_mark(node.level, 1)}”，并顺延其后的序号。",
                )
            else:
                ctx.emit_node(
                    node,
                    "N202",
                    f"标题序号跳号：应为“{standard_mark(node.level, expected)}”，写作“{node.mark}”。",
                    f"改为“{standard_mark(node.level, expected)}”，并顺延其后的序号。",
                )
            expected = n + 1


def _by_level(nodes: list[SectionNode]) -> dict[int, list[SectionNode]]:
    out: dict[int, list[SectionNode]] = {}
    for node in nodes:
        out.setdefault(node.level, []).append(node)
    return out


def _check_tree(ctx: CheckContext, roots: list[SectionNode]) -> None:
    for group in _by_level(roots).values():
        _check_sequence(ctx, group, None)
    # Children lists, each level compared with the same level under the previous parent.
    parents = [n for n in ctx.report.all_nodes() if n.children]
    last_of_level: dict[tuple[int, int], int] = {}
    for parent in parents:
        for level, group in _by_level(parent.children).items():
            key = (parent.level, level)
            _check_sequence(ctx, group, last_of_level.get(key))
            numbers = [c.number for c in group if c.number is not None]
            if numbers:
                last_of_level[key] = numbers[-1]
        first = parent.children[0]
        if first.level > parent.level + 1:
            ctx.emit_node(
                first,
                "N207",
                f"“{parent.mark}{parent.heading[:16]}”下直接使用第{first.level}级序号“{first.mark}”，跳过了中间层级。",
                f"改用“{standard_mark(parent.level + 1, first.number or 1)}”一级的序号。",
            )


def _check_widths(ctx: CheckContext, nodes: list[SectionNode]) -> None:
    for level in (2, 3, 4):
        same = [n for n in nodes if n.level == level and n.number is not None]
        if level == 3:
            kinds = {
                "full_width_dot" if n.style == "full_width_dot" else "half"
                for n in same
                if n.style in ("standard", "full_width_dot")
            }
        else:
            kinds = {
                "half" if n.style == "half_width" else "full"
                for n in same
                if n.style in ("standard", "half_width")
            }
        if len(kinds) > 1:
            odd_style = "full_width_dot" if level == 3 else "half_width"
            odd = next(n for n in same if n.style == odd_style)
            ctx.emit_node(
                odd,
                "N206",
                f"第{level}级标题混用全角和半角序号（如“{odd.mark}”）。",
                f"统一写作“{standard_mark(level, odd.number or 1)}”的形式。",
            )
        elif kinds == {"half"} and level != 3:
            first = same[0]
            ctx.emit_node(
                first,
                "N209",
                f"第{level}级标题序号使用半角括号（如“{first.mark}”）。",
                f"公文中使用全角括号：“{standard_mark(level, first.number or 1)}”。",
            )


def _check_inline(ctx: CheckContext) -> None:
    heading_lines = {n.line_index for n in ctx.report.all_nodes()}
    prev = 0
    for i, line in ctx.lines():
        if i in heading_lines:
            prev = 0
        for m in _INLINE.finditer(line.text):
            n = cn_to_int(m.group(1))
            if n == 1 or n == prev + 1:
                prev = n
                continue
            problem = "重复" if n <= prev else "跳号"
            expected = to_cn(prev + 1)
            ctx.emit(
                "N208",
                f"段内序号“{m.group(0)}”{problem}（上一个是“{to_cn(prev) if prev else '无'}是”）。",
                f"改为“{expected}是”，并顺延其后的序号。",
                index=i,
                offset=m.start(),
                excerpt=line.text[max(0, m.start() - 8) : m.end() + 12],
            )
            prev = n


def check(ctx: CheckContext) -> None:
    nodes = ctx.report.all_nodes()
    _check_marks(ctx, nodes)
    _check_tree(ctx, ctx.report.sections)
    _check_widths(ctx, nodes)
    _check_inline(ctx)
