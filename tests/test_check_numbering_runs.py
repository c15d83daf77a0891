"""Numbering is judged per run of sibling numbers: one defect, one finding, no cascade.

Each case is a report body written as a list of lines; `P` stands for an ordinary
paragraph. The expected numbering findings are listed with their counts.
"""

from __future__ import annotations

from collections import Counter

import pytest

from toolkit.check import check_text
from toolkit.parse.parser import parse_text

P = "全年围绕年度目标开展工作，按计划完成各项任务，相关制度得到落实，工作记录完整可查。"


def report(*body: str) -> str:
    lines = [
        "松溪县教育局2024年法治政府建设工作情况报告",
        "县委、县政府：",
        "2024年，我局认真落实法治政府建设各项部署，现将有关情况报告如下。",
        *body,
        "特此报告。",
        "松溪县教育局",
        "2025年1月15日",
    ]
    return "\n\n".join(lines) + "\n"


def numbering(text: str) -> Counter[str]:
    return Counter(f.code for f in check_text(text).findings if f.code.startswith("N"))


CASES = [
    (
        "a placeholder left under a heading is not a heading without its number",
        report("一、强化组织保障", P, "二、存在的不足和原因", P,
               "三、党政主要负责人履行推进法治建设第一责任人职责情况",
               "【待补充：党政主要负责人履行推进法治建设第一责任人职责情况】",
               "四、下一年度推进法治政府建设的主要安排", P),
        {},
    ),
    (
        "a stray line between two numbers is not a heading of the run",
        report("一、强化组织保障", P, "二、完善制度建设", P, "图为会议现场", P, "三、规范执法行为", P),
        {},
    ),
    (
        "a part named without its number between consecutive numbers: one N205",
        report("一、强化组织保障", P, "二、完善制度建设", P, "存在的不足和原因", P, "三、下一步工作安排", P),
        {"N205": 1},
    ),
    (
        "a lead-in line that names the plans is not a heading",
        report("一、强化组织保障", P, "二、存在的问题", P, "三、下一步工作安排", "下一步，我局将重点抓好以下工作", P),
        {},
    ),
    (
        "an unnumbered heading in a gap fills it: N205, no skip",
        report("一、强化组织保障", P, "规范执法行为", P, "三、存在的问题", P),
        {"N205": 1},
    ),
    (
        "an unnumbered first heading before 二、",
        report("加强学法用法", P, "二、深化依法决策", P, "三、存在的问题", P),
        {"N205": 1},
    ),
    (
        "chrome lines before 一、 are not headings",
        report("当前位置：首页 > 法治政府", P, "字号 大 中 小", P, "一、强化组织保障", P, "二、存在的问题", P),
        {},
    ),
    (
        "numbers restart after an unnumbered part heading: a layout, not repeats",
        report(
            "一年来的主要工作",
            "一、强化组织保障", P, "二、完善制度建设", P, "三、规范执法行为", P,
            "存在的问题", "一、学习不够深入", P, "二、队伍力量不足", P,
        ),
        {},
    ),
    (
        "numbers restart with nothing between: one N203 at the restart",
        report(
            "一、强化组织保障", P, "二、完善制度建设", P, "三、规范执法行为", P,
            "一、学习不够深入", P, "二、队伍力量不足", P,
        ),
        {"N203": 1},
    ),
    (
        "a repeated number: one N203, the next number is not shifted",
        report("一、强化组织保障", P, "二、完善制度建设", P, "二、规范执法行为", P, "三、存在的问题", P),
        {"N203": 1},
    ),
    (
        "a skipped number: one N202",
        report("一、强化组织保障", P, "二、完善制度建设", P, "四、规范执法行为", P, "五、存在的问题", P),
        {"N202": 1},
    ),
    (
        "a number going back: one N203",
        report("一、强化组织保障", P, "二、完善制度建设", P, "三、规范执法行为", P, "二、深化政务公开", P, "四、存在的问题", P),
        {"N203": 1},
    ),
    (
        "sub-headings after a stray line stay under their parent (no N204)",
        report(
            "一、强化组织保障", "（一）健全领导机制", P, "（二）落实工作责任", P,
            "二、完善制度建设", "（一）清理规范性文件", P, "附表说明", P, "（二）推进合法性审查", P,
            "三、存在的问题", P,
        ),
        {},
    ),
    (
        "no heading numbered at all: one N205 for the report",
        report("强化组织保障", P, "完善制度建设", P, "存在的问题", P, "下一步工作安排", P),
        {"N205": 1},
    ),
    (
        "1、 used for a whole level: one N201 per group of siblings",
        report(
            "一、主要工作", "1、健全领导机制", P, "2、落实工作责任", P, "3、推进合法性审查", P,
            "二、存在的问题", P,
        ),
        {"N201": 1, "N207": 1},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_numbering_findings(why: str, text: str, expected: dict[str, int]) -> None:
    assert numbering(text) == Counter(expected)


def case(why_starts: str) -> str:
    return next(text for why, text, _ in CASES if why.startswith(why_starts))


def test_part_headings_that_restart_the_numbers_lead_their_runs_in_the_tree() -> None:
    text = case("numbers restart after an unnumbered part heading")
    roots = parse_text(text).sections
    assert [(n.heading, n.level, n.id) for n in roots] == [
        ("一年来的主要工作", 0, "measures"),
        ("存在的问题", 0, "shortcomings"),
    ]
    assert [[c.mark for c in n.children] for n in roots] == [
        ["一、", "二、", "三、"],
        ["一、", "二、"],
    ]
    found = {f.code for f in check_text(text).findings}
    assert not found & {"S106", "S108", "N203", "N205"}, found


def test_the_unnumbered_heading_suggestion_names_the_slot_it_fills() -> None:
    found = check_text(case("an unnumbered heading in a gap")).by_code("N205")
    assert found[0].suggestion is not None and found[0].suggestion.startswith(
        "改为“二、规范执法行为”"
    )


def test_numbers_running_on_under_every_parent_are_one_finding() -> None:
    text = report(
        "一、主要举措",
        "（一）加强领导", "1.健全机构", P, "2.落实责任", P,
        "（二）规范执法", "3.完善制度", P, "4.强化监督", P,
        "（三）深化普法", "5.丰富形式", P, "6.拓展阵地", P,
        "二、存在的问题", P,
    )  # fmt: skip
    assert numbering(text) == Counter({"N204": 1})
