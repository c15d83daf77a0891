"""The checker on the seeds: each real defect is reported with its code, and a copy with
those defects corrected by hand yields no error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.check import check_file, check_text

from .conftest import seed

# Defects found by reading each seed, with the line they are on.
DEFECTS = {
    "000": {("G001", 1)},  # an English law-enforcement summary, not this genre
    "001": {
        ("D304", 3),  # web timestamp 04.01.2018 18:22 as the date
        ("N201", 7), ("N201", 25),  # 1、 instead of 1. (one finding per group, lines named)
        ("N207", 7),  # 一、 straight to 1、
        ("T505", 27),  # 法制学习
        ("T504", 7),  # 《法治政府建设实施纲要(2015-2020)》 without 年
        ("T508", 31),  # other pages' titles after the report (XXX亿元 among them)
    },
    "002": {
        ("S101", 1),  # no title
        ("T502", 4),  # 《中华人民共和国中华人民共和国宪法》
        ("T506", 6),  # 民主集中制 ，
        ("T510", 12),  # 12・4 with a katakana middle dot
        ("S103", 3),  # first-responsible duty only inside a paragraph
        ("S105", 7),  # problems without causes
    },
    "003": {
        ("N205", 7), ("N205", 23),  # two top-level topics without numbers
        ("T504", 9),  # 《中华人民共和国成果转化法》
        ("T503", 33),  # 全市12·4” without its opening quote
        ("T506", 17), ("T506", 33),  # 4 项, “4·26 ”
        ("T505", 31),  # 法制宣传, 法制意识
        ("T508", 41),  # comment box
        ("S103", 35),  # problems and plans only in the last paragraph
    },
    "004": {
        ("S101", 3),  # no title (a document number and a bare year instead)
        ("T507", 19),  # 使权利运行在阳光下
        ("D303", 49),  # dated 2020年1月7日 for a 2021 report
        ("T509", 13), ("T509", 21), ("T509", 27),  # paragraphs broken mid-sentence
        ("P403", 17),  # 县法制办 named as current in 2021
        ("T505", 25), ("T505", 27), ("T505", 45),  # 法制教育, 法制宣传教育, 法制学习
        ("S105", 31),
    },
}  # fmt: skip


@pytest.mark.parametrize("prefix", sorted(DEFECTS))
def test_each_real_defect_is_reported(prefix: str) -> None:
    result = check_file(seed(prefix))
    found = {(f.code, f.line) for f in result.findings}
    missing = DEFECTS[prefix] - found
    assert not missing, f"not reported: {sorted(missing)}"


def test_one_wrong_mark_style_is_one_finding_per_group_naming_its_lines() -> None:
    n201 = check_file(seed("001")).by_code("N201")
    assert [f.line for f in n201] == [7, 25]
    assert "第7、9、11、13、15行" in n201[0].message


def test_first_responsible_missing_is_an_error_from_2019_only() -> None:
    assert [f.severity for f in check_file(seed("003")).by_code("S102")] == ["error"]
    assert [f.severity for f in check_file(seed("001")).by_code("S102")] == ["info"]


def _fix(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def corrected(prefix: str) -> str:
    text = seed(prefix).read_text(encoding="utf-8")
    if prefix == "001":
        text = _fix(
            text,
            ("04.01.2018 \xa018:22", ""),
            ("强化法制学习", "强化法治学习"),
            ("纲要(2015-2020)》", "纲要(2015-2020年)》"),
        )
        text = re.sub(r"^(\s*)(\d)、", r"\1\2.", text, flags=re.M)
        text = text[: text.index("(孝感市政府法制办")] + "\n\n孝感市科技局\n\n2018年1月4日\n"
    elif prefix == "002":
        text = "高台县科技局2024年法治政府建设工作情况报告\n" + _fix(
            text,
            ("《中华人民共和国中华人民共和国宪法》", "《中华人民共和国宪法》"),
            ("“12・4”", "“12·4”"),
            ("推进法治政府建设第一责任人职责", "推进法治建设第一责任人职责"),
        )
        text = text.replace(" ,", ",")
    elif prefix == "003":
        text = _fix(
            text,
            ("  加强组织领导,不断", "  一、加强组织领导,不断"),
            ("  大力开展诚信建设", "  五、大力开展诚信建设"),
            ("《中华人民共和国成果转化法》", "《中华人民共和国促进科技成果转化法》"),
            ("全市12·4”", "全市“12·4”"),
            ("4 项", "4项"),
            ("“4·26 ”", "“4·26”"),
            (
                "  我局依法行政工作虽然",
                "  八、党政主要负责人履行推进法治建设第一责任人职责情况\n\n"
                "  局主要负责人认真履行第一责任人职责，年初专题部署法治建设工作，带头学法述法。\n\n"
                "  九、存在的不足和下一步安排\n\n  我局依法行政工作虽然",
            ),
        )
        text = text[: text.index("标签:")]
    elif prefix == "004":
        text = _fix(
            text,
            (
                "## 高科字〔2022〕1号",
                "高科字〔2022〕1号\n\n高青县科学技术局2021年法治政府建设工作情况报告",
            ),
            ("使权利运行", "使权力运行"),
            ("2020年1月7日", "2022年1月7日"),
        )
    return text


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_corrected_copy_has_no_error(prefix: str) -> None:
    result = check_text(corrected(prefix))
    errors = [(f.code, f.line, f.message) for f in result.findings if f.severity == "error"]
    assert errors == []


def test_clean_report_has_no_error_and_no_warning() -> None:
    result = check_file(Path(__file__).parent / "data" / "clean_2024.txt")
    assert [(f.code, f.message) for f in result.findings] == []
    assert result.exit_code == 0
