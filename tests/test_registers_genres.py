"""Genres as a register: each look-alike is named (G001) from its opening, with no structure
findings, and a real report's opening is never named. Loose ends seen on unseen pages: titles
under more kinds of page chrome, negative growth and fractions, a file cut mid-character."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.check import check_text
from toolkit.parse.parser import parse_text
from toolkit.registers.genres import genre_register
from toolkit.text.numbers import find_quantities

BODY = "一、主要工作\n（一）加强组织领导。局主要负责人定期研究部署工作。\n"

# (opening as such pages begin, words the genre's name must hold)
OPENINGS = [
    ("【政策解读】关于《某县2023年度法治政府建设工作总结的报告》的政策解读\n"
     "按照省市要求，我县总结了2023年工作，现解读如下：\n一、起草背景\n", "政策解读"),
    ("某县统计局2023年度行政执法数据\n目录\n第一部分 行政许可实施情况统计表\n", "行政执法"),
    ("2022年，我市行政执法工作紧紧围绕习近平法治思想，深化行政执法“三项制度”。"
     "现将全市2022年行政执法工作情况报告如下：\n一、全市行政执法基本情况\n", "行政执法"),
    ("本报告是根据《中华人民共和国政府信息公开条例》要求编制而成。全文包括总体情况、"
     "主动公开政府信息情况等。\n一、总体情况\n", "政府信息公开"),
    ("根据工作要求，本栏目处罚信息在作出决定后7个工作日内发布，若当月未公布，"
     "则表明当月无此类行政处罚案件，特此说明。\n", "行政处罚"),
    ("某县交通运输局2022年工作总结及2023年工作谋划\n一、工作开展情况\n"
     "2022年以来，我局狠抓项目建设。现将重点工作开展情况汇报如下：\n", "工作计划"),
    ("县政府办公室2023年工作总结\n今年以来，县政府办较好完成了各项任务。"
     "现将2023年主要工作汇报如下：\n", "工作总结"),
    ("政府2024年工作计划8篇\n在日常工作中，更新工作计划非常重要。\n政府2024年工作计划篇1\n"
     "一、工作思路\n", "汇编"),
    ("西政办〔2020〕20号\n某县人民政府办公室\n关于印发某县2020年度法治政府建设\n工作安排的通知\n"
     "各乡镇人民政府：\n《工作安排》已经县政府同意，现印发给你们，请认真贯彻执行。\n", "通知"),
    ("为深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，结合本市实际，制定本方案。\n"
     "一、总体要求\n", "方案"),
    ("镇巴县人民政府工作规则\n第一章 总则\n第一条 根据有关规定，结合本县实际，制定本规则。\n",
     "规则"),
]


@pytest.mark.parametrize(("opening", "name"), OPENINGS)
def test_a_look_alike_is_named_from_its_opening_without_structure_findings(
    opening: str, name: str
) -> None:
    findings = check_text(opening + BODY).findings
    assert [f.code for f in findings] == ["G001"], [(f.code, f.message) for f in findings]
    assert name in findings[0].message


@pytest.mark.parametrize(
    "opening",
    [
        "2023年，在区委、区政府的领导下，前进区教育局深入推进法治政府建设工作。"
        "现将工作情况汇报如下：\n",
        "根据法治政府建设年度报告制度的要求，现将我局2022年度法治政府建设工作报告如下：\n",
        "2020年，县科技局按照《2020年法治阳城建设工作要点》开展各项工作。"
        "现将我局2020年法治政府建设工作总结如下。\n",
        "区科技局2021年法治政府建设情况和2022年工作计划\n"
        "2021年，区科技局切实履行推进法治建设第一责任人职责。\n",
    ],
)
def test_a_real_reports_opening_is_never_another_genre(opening: str) -> None:
    assert "G001" not in {f.code for f in check_text(opening + BODY).findings}


def test_the_register_loads_with_every_genre_of_the_issue() -> None:
    ids = {g.id for g in genre_register().genres}
    assert {"gov_info_openness", "law_enforcement_report", "no_penalty_statement",
            "work_summary", "work_summary_with_plan", "plan_compilation", "policy_document",
            "policy_interpretation"} <= ids  # fmt: skip


REPORT = (
    "2023年，县科技局坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n"
    "一、2023年度推进法治政府建设的主要举措和成效\n（一）加强组织领导。局长履行第一责任人职责。\n"
)
TITLE = "某县科学技术局2023年度法治政府建设情况报告"


@pytest.mark.parametrize(
    "page",
    [
        # a bulleted metadata block, labels and values on lines of their own
        "当前位置：首页 > 政务公开\n  • [ 索引号 ]\n  • 115002/2024-00008\n  • [ 发布机构 ]\n"
        "  • 某县科学技术局\n  • [ 成文日期 ]\n  • 2024-01-22\n" + TITLE + "\n",
        # a table drawn with '|' and with box characters
        "索 引 号: | 111405/2024-00259 | 主题分类: | |\n标 题: | " + TITLE + " | ||\n"
        "发文字号: | 发布日期: | 2024年01月04日 |\n",
        "┌────┬──────┐\n│索引号│113/2024-1│\n├────┼──────┤\n│发布机构│某县科技局│\n"
        "└────┴──────┘\n" + TITLE + "\n",
        # a bracketed tag, a title label glued to the title
        "【行政处罚】" + TITLE + "\n发布时间：2024-01-10\n",
        "公报标题" + TITLE + "\n总号 期号\n主办单位某县科学技术局 公报年份2024年\n",
        # set over two lines under a metadata table
        "| 索引号 | 113/2024-01 | 发布机构 | 某县科技局 |\n| 成文日期 | 2024-01-10 | 发布日期 | "
        "2024-01-12 |\n某县科学技术局2023年度法治政府\n建设情况报告\n",
        "索引号：113/2024-01\n发布机构：某县科技局\n某县科学技术局\n2023年度法治政府建设情况报告\n",
    ],
)
def test_the_title_is_found_under_page_chrome(page: str) -> None:
    report = parse_text(page + REPORT)
    assert report.title == TITLE
    assert report.year == 2023
    assert "S101" not in {f.code for f in check_text(page + REPORT).findings}


def test_negative_growth_and_fractions_are_read() -> None:
    got = [(q.value, q.unit) for q in find_quantities("经费同比下降-3.8%，占全年预算1/3以上。")]
    assert got == [(-3.8, "%"), (pytest.approx(33.333333), "%")]
    # what stays as before: a range, a phone number, a date
    assert [(q.value, q.high) for q in find_quantities("开展3-5次")] == [(3.0, 5.0)]
    assert find_quantities("电话0515-86665618，2023/12/3") == []


@pytest.mark.parametrize(
    ("encoding", "cut"), [("utf-8", 2), ("utf-16", 1), ("utf-16-le", 1), ("gbk", 1)]
)
def test_a_file_cut_in_its_last_character_is_read_with_a_note(
    tmp_path: Path, encoding: str, cut: int
) -> None:
    text = TITLE + "\n" + REPORT + "下一步，我局将继续加强执法队伍建设"
    path = tmp_path / "cut.txt"
    path.write_bytes(text.encode(encoding)[:-cut])
    res = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(path), "-f", "json"],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert res.returncode in (0, 1), res.stderr
    assert "截断" in res.stdout and "执法队伍建" in res.stdout
