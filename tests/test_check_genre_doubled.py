"""Other genres named in one finding; doubled characters told from reduplications."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from toolkit.check import check_text
from toolkit.check.doubled import suspicious

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")

ENFORCEMENT_TITLED = """临川县市场监督管理局2024年度行政执法工作报告

一、行政执法基本情况

本局共有行政执法人员46名，均持有行政执法证件。

二、行政许可实施情况

全年受理各类许可申请1320件，全部按时办结。

三、行政处罚实施情况

全年办理行政处罚案件87件，罚没金额31.5万元。
"""

STATISTICS_TABLE = """执法主体名称 | 临川县教育局
行政许可 | 215 | 件
行政处罚 | 6 | 件
行政强制 | 0 | 件
行政检查 | 42 | 次
罚没金额 | 1.2 | 万元
执法人员 | 18 | 人
"""

OPENNESS_UNTITLED = """一、总体情况

本年度主动公开政府信息情况良好，依申请公开办理及时。

二、收到和处理政府信息公开申请情况

本年新收政府信息公开申请3件，上年结转政府信息公开申请0件。

三、政府信息公开工作存在的主要问题及改进情况

公开栏目更新还不够及时。
"""

ENFORCEMENT_PARAGRAPH = (
    "（五）严格规范行政执法。全面落实行政执法三项制度，全年开展行政检查42次，"
    "办理行政处罚案件6件，行政执法主体和执法人员信息全部公示，罚没金额按规定上缴。"
)


def _retitled(title: str) -> str:
    """The clean report under another first line."""
    return title + "\n" + CLEAN.split("\n", 1)[1]


def genre_codes(text: str) -> list[str]:
    return [f.code for f in check_text(text).findings if f.code.startswith("G")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENFORCEMENT_TITLED, ["G001"]),
        (STATISTICS_TABLE, ["G001"]),
        (OPENNESS_UNTITLED, ["G001"]),
        # a rule-of-law report that speaks of enforcement, even with its numbers
        (
            CLEAN.replace(
                "\n\n二、存在的不足", "\n\n" + ENFORCEMENT_PARAGRAPH + "\n\n二、存在的不足", 1
            ),
            [],
        ),
        (CLEAN.replace("法治政府建设工作情况报告", "法治政府建设暨行政执法工作情况报告", 1), []),
        # a notice issuing a plan, and an interpretation, whose quoted titles name our genre
        (_retitled("青溪县人民政府办公室关于印发《青溪县法治政府建设实施方案》的通知"), ["G001"]),
        (_retitled("【政策解读】《青溪县2024年法治政府建设工作情况报告》解读"), ["G001"]),
        # a notice that issues the report itself is judged by its body: ours
        (_retitled("青溪县科学技术局关于印发《2024年法治政府建设工作情况报告》的通知"), []),
    ],
    ids=[
        "enforcement report",
        "statistics table",
        "openness report",
        "mentions",
        "joint title",
        "notice of a plan",
        "interpretation",
        "notice of the report",
    ],
)
def test_genre(text: str, expected: list[str]) -> None:
    assert genre_codes(text) == expected


def test_other_genre_is_one_finding_not_every_missing_section() -> None:
    assert [f.code for f in check_text(ENFORCEMENT_TITLED).findings] == ["G001"]
    assert "行政执法" in check_text(STATISTICS_TABLE).findings[0].message


SENTENCES = [
    # typos
    ("组织干部职工积积参与普法活动", ["积积"]),
    ("这是我们的的工作重点", ["的的"]),
    ("要进一一步加强执法监督", ["一一"]),
    ("召开专题会会议研究部署", ["会会"]),
    # reduplications and listed phrases
    ("领导干部常常深入基层，人人参与学法，层层压实责任", []),
    ("家家户户知晓，实实在在落实，认认真真学习，方方面面推进", []),
    ("扎扎实实开展工作，明明白白公开，时时处处事事步步守规矩", []),
    ("逐项一一对应整改，实现县县通、村村通", []),
    ("效果远远超出预期，群众纷纷点赞，默默奉献，稳稳推进", []),
    # across a number or a year
    ("12月12日召开会议，二〇一一年出台办法", []),
    # across two words that end and begin with the same character
    ("深入学习习近平法治思想，指导科学学会和发展展览会工作", []),
    ("结合合法性审查结果规范范围，实现管理目的的手段", []),
    ("关键是是否落实到位", []),
    ("由办公室副主任任负责人，各科科长参加", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s for s, _ in SENTENCES])
def test_doubled_characters(sentence: str, expected: list[str]) -> None:
    found = [
        m.group(0)
        for m in re.finditer(r"([\u4e00-\u9fff])\1", sentence)
        if suspicious(sentence, m.start())[0]
    ]
    assert found == expected


def test_doubled_character_finding_in_a_report() -> None:
    text = CLEAN.replace("组织干部职工参加网上学法考试", "组织干部职工积积参加网上学法考试", 1)
    found = check_text(text).by_code("T513")
    assert [(f.line, f.severity) for f in found] == [(11, "warning")]
    assert Counter(f.code for f in check_text(text).findings) == Counter({"T513": 1})
    meant = check_text(CLEAN.replace("提升法治素养", "进一一步提升法治素养", 1)).by_code("T513")
    assert "进一步" in meant[0].message


@pytest.mark.parametrize("title", ["中华人民共和国海关关衔条例", "中华人民共和国归侨侨眷权益保护法"])
def test_a_doubled_character_inside_a_title_on_record_is_not_a_slip(title: str) -> None:
    # These are on the regulations and laws registers, not in the checker's short title list.
    text = CLEAN.replace("组织干部职工参加网上学法考试", f"组织干部职工学习《{title}》", 1)
    assert check_text(text).by_code("T513") == []
    slip = CLEAN.replace("组织干部职工参加网上学法考试", f"组织干部职工学习《{title}》关关", 1)
    assert check_text(slip).by_code("T513") != []
