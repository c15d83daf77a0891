"""Parsed structure of each seed, against values written by hand from reading the seeds."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit import parse_file
from toolkit.corpus.references import load_references

from .conftest import seed

EXPECTED = {
    "000": dict(
        title="Summary of Excellent Administrative Law Enforcement Work of Science and Technology Bureau",
        year=2009, issuer="County Science and Technology Bureau", level="county", date=None,
        language="en", ids=["measures"] * 4,
    ),
    "001": dict(
        title="2017年孝感市科技局推进政府法治建设工作情况报告",
        year=2017, issuer="孝感市科技局", level="city", date=dt.date(2018, 1, 4),
        language="zh", ids=["measures", "shortcomings", "plans"],
    ),
    "002": dict(
        title=None, year=2024, issuer="高台县科技局", level="county", date=None,
        language="zh", ids=["measures", "shortcomings", "plans"],
    ),
    "003": dict(
        title="中共鹤壁市科学技术局党组关于2019年度依法行政工作情况的报告",
        year=2019, issuer="中共鹤壁市科学技术局党组", level="city", date=dt.date(2020, 2, 11),
        language="zh", ids=["measures"] * 7,
    ),
    "004": dict(
        title=None, year=2021, issuer="高青县科学技术局", level="county", date=dt.date(2020, 1, 7),
        language="zh", ids=["measures", "shortcomings", "plans"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata_and_top_level_sections(prefix: str) -> None:
    report = parse_file(seed(prefix))
    want = EXPECTED[prefix]
    assert report.title == want["title"]
    assert report.year == want["year"]
    assert report.issuer == want["issuer"]
    assert report.level == want["level"]
    assert report.date == want["date"]
    assert report.language == want["language"]
    assert report.section_ids() == want["ids"]


def test_001_residue_cut_and_numbering_read() -> None:
    report = parse_file(seed("001"))
    assert report.residue_line == 31
    assert "荆门市国税局" in report.residue and "XXX亿元" in report.residue
    assert "荆门市国税局" not in report.text and "黄冈市" not in report.text
    assert report.lines[-1].text.endswith("建立规范、阳光、透明的科技管理部门。")
    measures = report.sections[0]
    assert [c.number for c in measures.children] == [1, 2, 3, 4, 5]
    assert {c.style for c in measures.children} == {"wrong_punct"}  # written 1、 not 1.
    assert measures.children[0].heading == "加强组织领导，推进法治建设进程"
    assert [c.heading for c in report.sections[2].children][:2] == [
        "推进法治队伍建设",
        "强化法制学习培训",
    ]


def test_002_half_width_brackets_and_inline_enumerations() -> None:
    report = parse_file(seed("002"))
    measures, _, plans = report.sections
    assert [c.number for c in measures.children] == [1, 2, 3, 4]
    assert {c.style for c in measures.children} == {"half_width"}
    assert plans.children == []  # 一是…二是… paragraphs are not headings
    assert "leadership" in measures.children[0].topics
    assert "pufa" in measures.children[2].topics


def test_003_unnumbered_top_level_topics_and_residue() -> None:
    report = parse_file(seed("003"))
    tops = report.sections
    assert [(t.number, t.unnumbered) for t in tops] == [
        (None, True), (2, False), (3, False), (4, False), (None, True), (6, False), (7, False),
    ]  # fmt: skip
    assert tops[0].heading == "加强组织领导，不断夯实依法行政工作基础" and tops[0].line == 7
    assert tops[4].heading == "大力开展诚信建设，不断加强信用宣传和监管" and tops[4].line == 23
    assert report.addressee == "市委、市政府"
    assert report.residue_line == 41
    assert "验证码" not in report.text and "留言与评论" in report.residue
    assert report.lines[-1].text == "2020年2月11日"


def test_004_broken_paragraphs_rejoined_and_markdown_stripped() -> None:
    report = parse_file(seed("004"))
    text = report.text
    assert report.rejoined == 3
    assert "领导小组下设办公室，为工作落实提供了组织保障。" in text
    assert "一是深化各项改革，推进依法公开。" in text
    assert "全面依法治国新理念新思想新战略学习研讨" in text
    assert "#" not in text
    assert [s.line for s in report.sections] == [9, 31, 35]  # lines of the original file
    assert report.signature == "高青县科学技术局"
    first = report.sections[0].children[0]
    assert first.heading == "强队伍建设，履行第一责任人职责" and "first_resp" in first.topics


def test_references_load_with_sidecars() -> None:
    refs = {r.path.name[:3]: r for r in load_references()}
    assert sorted(refs) == ["000", "001", "002", "003", "004"]
    assert refs["000"].meta is not None and refs["000"].meta.translation is True
    assert refs["000"].meta.language == "en"
    assert all(not r.meta.translation for k, r in refs.items() if k != "000")  # type: ignore[union-attr]
    assert refs["003"].report.year == 2019
