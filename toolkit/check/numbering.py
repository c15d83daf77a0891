"""Numbering (GB/T 9704): marks, sequences, restarts, levels, widths, inline 一是/二是."""

from __future__ import annotations

import re

from ..parse.report import SectionNode
from ..text.headings import CN_DIGITS, CN_NUMERAL, cn_to_int
from .context import CheckContext, excerpt

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


def _shape(mark: str) -> str:
    """A mark with its number taken out: 1、 and 2、 share the shape N、."""
    return re.sub(r"[0-9０-９一二三四五六七八九十]+", "N", mark)


def _check_marks(ctx: CheckContext, groups: list[list[SectionNode]]) -> None:
    """One N201 per wrong mark shape among siblings, naming every line that has it."""
    for siblings in groups:
        seen: dict[str, list[SectionNode]] = {}
        for node in siblings:
            if node.style in ("wrong_punct", "extra_punct") and node.number is not None:
                seen.setdefault(_shape(node.mark), []).append(node)
        for same in seen.values():
            node = same[0]
            right = standard_mark(node.level, node.number or 1)
            more = ""
            if len(same) > 1:
                where = "、".join(str(n.line) for n in same)
                more = f"（同级共{len(same)}处，第{where}行）"
            ctx.emit_node(
                node,
                "N201",
                f"标题序号“{node.mark}”标点不规范{more}。",
                f"改为“{right}”{'，同级序号一并改正' if more else ''}。",
                also=tuple(n.line for n in same[1:]),
            )


def _check_sequence(
    ctx: CheckContext,
    siblings: list[SectionNode],
    cousin_last: int | None,
    continued_before: bool = False,
) -> bool:
    """Numbers 1, 2, 3… among siblings of one level, each judged against the one before.

    A number is compared with the previous number of its run, so one wrong number gives
    one finding and never shifts the ones after it. An unnumbered heading (the parser
    keeps only those that fill a gap or name a part) may take the slot it stands in; an
    "umbrella" heading leads a run of its own, whose numbers start again at 1.
    """
    unnumbered = [n for n in siblings if n.unnumbered and n.style != "umbrella"]
    if unnumbered and all(n.unnumbered for n in siblings):
        first = unnumbered[0]
        more = f"（共{len(unnumbered)}个）" if len(unnumbered) > 1 else ""
        ctx.emit(
            "N205",
            f"一级标题都没有序号{more}，如“{first.heading}”。",
            f"按“一、”“二、”……依次编号，如“{standard_mark(first.level, 1)}{first.heading}”。",
            index=first.line_index,
            excerpt=first.heading,
        )
        return False
    continued = False
    prev, slots = 0, 0  # last number of the run; unnumbered headings since it
    for pos, node in enumerate(siblings):
        if node.style == "umbrella":
            prev, slots = 0, 0
            continue
        if node.unnumbered:
            ctx.emit(
                "N205",
                f"一级标题“{node.heading}”缺少序号。",
                f"改为“{standard_mark(node.level, prev + slots + 1)}{node.heading}”"
                "，并顺延其后的序号。",
                index=node.line_index,
                excerpt=node.heading,
            )
            slots += 1
            continue
        n = node.number or 0
        label = f"“{node.mark}{node.heading[:16]}”"
        expected = standard_mark(node.level, prev + 1)
        if prev < n <= prev + 1 + slots:
            pass
        elif n == 1 and prev >= 1:
            ctx.emit_node(
                node,
                "N203",
                f"标题序号重复：{label}又从{standard_mark(node.level, 1)}开始编号"
                f"（前面已编到{standard_mark(node.level, prev)}）。",
                f"接续编号，改为“{expected}”，或为这组标题加上一级标题。",
            )
        elif n <= prev:
            ctx.emit_node(
                node,
                "N203",
                f"标题序号重复：{label}前已有序号{standard_mark(node.level, n)}。",
                f"改为“{expected}”，并顺延其后的序号。",
            )
        elif pos == 0 and cousin_last is not None and n == cousin_last + 1:
            continued = True
            if not continued_before:  # a house style of running numbers: said once
                ctx.emit_node(
                    node,
                    "N204",
                    f"{label}接续了上一个上级标题下的序号，没有重新从1编号。",
                    f"改为“{standard_mark(node.level, 1)}”，并顺延其后的序号"
                    "；其他上级标题下的同级序号一并改正。",
                )
        else:
            ctx.emit_node(
                node,
                "N202",
                f"标题序号跳号：应为“{expected}”，写作“{node.mark}”。",
                f"改为“{expected}”，并顺延其后的序号。",
            )
        prev = 1 if n == 1 else max(prev, n)
        slots = 0
    return continued


def _by_level(nodes: list[SectionNode]) -> dict[int, list[SectionNode]]:
    out: dict[int, list[SectionNode]] = {}
    for node in nodes:
        out.setdefault(node.level, []).append(node)
    return out


def _sibling_groups(
    roots: list[SectionNode],
) -> list[tuple[SectionNode | None, int, list[SectionNode]]]:
    """(parent, level, siblings of that level under it) for the roots and every parent."""
    out: list[tuple[SectionNode | None, int, list[SectionNode]]] = [
        (None, level, group) for level, group in _by_level(roots).items()
    ]
    for root in roots:
        for parent in root.walk():
            out.extend((parent, lv, g) for lv, g in _by_level(parent.children).items())
    return out


def _check_tree(
    ctx: CheckContext, groups: list[tuple[SectionNode | None, int, list[SectionNode]]]
) -> None:
    # Children lists, each level compared with the same level under the previous parent.
    last_of_level: dict[tuple[int, int], int] = {}
    continuing: set[tuple[int, int]] = set()
    for parent, level, group in groups:
        if parent is None:
            _check_sequence(ctx, group, None)
            continue
        key = (parent.level, level)
        if _check_sequence(ctx, group, last_of_level.get(key), key in continuing):
            continuing.add(key)
        numbers = [c.number for c in group if c.number is not None]
        if numbers:
            last_of_level[key] = numbers[-1]
    for parent in ctx.report.all_nodes():
        if not parent.children:
            continue
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
                excerpt=excerpt(line.text, m.start(), m.end(), width=10),
            )
            prev = n


def check(ctx: CheckContext) -> None:
    nodes = ctx.report.all_nodes()
    groups = _sibling_groups(ctx.report.sections)
    _check_marks(ctx, [g for _, _, g in groups])
    _check_tree(ctx, groups)
    _check_widths(ctx, nodes)
    _check_inline(ctx)
