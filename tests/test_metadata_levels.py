"""Issuer and level for every kind of government body, from titles, signatures, page
metadata and opening sentences written for these tests."""

from __future__ import annotations

import pytest

from toolkit.parse import divisions
from toolkit.parse.metadata import level_of
from toolkit.parse.parser import parse_text

# (body name, level): the level comes from the place in the name, looked up in the
# national division list.
LEVELS = [
    ("北京市科学技术委员会", "province"),
    ("天津市科学技术局", "province"),
    ("上海市司法局", "province"),
    ("重庆市市场监督管理局", "province"),
    ("浙江省科学技术厅", "province"),
    ("广西壮族自治区司法厅", "province"),
    ("中共湖北省科学技术厅党组", "province"),
    ("杭州市科技局", "city"),  # sub-provincial city
    ("鹤壁市科学技术局", "city"),
    ("阿坝藏族羌族自治州教育局", "city"),  # autonomous prefecture
    ("阿坝州人民政府", "city"),  # its short name
    ("大兴安岭地区行政公署", "city"),  # the place's level even for an unknown body ending
    ("锡林郭勒盟科技局", "city"),
    ("张家港市科技局", "county"),  # county-level city
    ("瑞安市市场监督管理局", "county"),
    ("龙泉市科学技术局", "county"),
    ("蒙自市科学技术局", "county"),
    ("丰都县科学技术局", "county"),
    ("石柱土家族自治县司法局", "county"),  # autonomous county
    ("鄂托克前旗科技局", "county"),  # banner
    ("六枝特区教育局", "county"),
    ("神农架林区科技局", "county"),
    ("仙桃市科技局", "county"),  # county-level city directly under a province
    ("重庆市沙坪坝区科学技术局", "district"),  # district of a municipality
    ("北京市朝阳区司法局", "district"),
    ("深圳市坪山区科技创新局", "district"),
    ("静海区人民政府", "district"),
    ("两江新区管委会", "district"),  # zones act as districts
    ("珠海高新区综治局", "district"),
    ("司法部", "national"),
    ("县科技局", "county"),  # nothing better known than the generic place
    ("市科技局", "city"),
]


@pytest.mark.parametrize(("issuer", "level"), LEVELS, ids=[x[0] for x in LEVELS])
def test_level_from_the_division_list(issuer: str, level: str | None) -> None:
    assert level_of(issuer) == level


def test_division_list_is_read_offline_with_codes() -> None:
    (div,) = divisions.lookup("张家港市")
    assert div.code == "320582" and div.level == "county"
    assert {d.level for d in divisions.lookup("北京市")} == {"province"}
    assert [d.name for d in divisions.lookup("昆明")] == ["昆明市"]


BODY = """{opening}
一、推进法治政府建设的主要举措和成效
（一）加强组织领导。局党组专题研究法治建设工作，制定年度工作要点。
二、存在的不足和原因
执法人员专业素质有待提升。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头学法，主持研究法治工作。
四、下一年度推进法治政府建设的主要安排
{next_year}年，我们将继续完善行政执法制度。"""

# (case, text above the body, opening sentence, expected issuer, level, year)
ISSUERS = [
    (
        "department_in_title",
        "岚溪县司法局2023年度法治政府建设情况报告",
        "2023年，县司法局坚持依法行政，现将有关情况报告如下：",
        None,
        "county",
        2023,
    ),
    (
        "market_regulation_title",
        "临澜市市场监督管理局关于2022年法治政府建设工作情况的报告",
        "2022年，市市场监管局深入推进依法行政，现将有关情况报告如下：",
        "临澜市市场监督管理局",
        "city",
        2022,
    ),
    (
        "education_bureau_of_a_district",
        "重庆市渝北区教育委员会2021年法治政府建设年度报告",
        "2021年，区教委全面推进依法治教，现将有关情况报告如下：",
        "重庆市渝北区教育委员会",
        "district",
        2021,
    ),
    (
        "party_group_title",
        "中共瑞安市科学技术局党组关于2023年度法治政府建设情况的报告",
        "2023年，局党组认真落实法治建设第一责任人职责，现报告如下：",
        "中共瑞安市科学技术局党组",
        "county",
        2023,
    ),
    (
        "short_name_completed_from_text",
        "市科技局2022年法治政府建设情况报告",
        "2022年，市科技局围绕昆明科技创新中心工作，依法履行职责，现报告如下：",
        "昆明市科技局",
        "city",
        2022,
    ),
    (
        "municipality_bureau_short_name",
        "市科技局2019年法治政府建设情况报告",
        "2019年，市科技局认真落实天津市法治政府建设实施意见，现报告如下：",
        "天津市科技局",
        "province",
        2019,
    ),
    (
        "government_named_by_place_only",
        "北京市2021年法治政府建设年度情况报告",
        "2021年，我市深入学习贯彻习近平法治思想，现将有关情况报告如下：",
        "北京市人民政府",
        "province",
        2021,
    ),
    (
        "place_after_year_in_title",
        "2020年静海区法治政府建设情况报告",
        "2020年，静海区坚持依法全面履行政府职能，现报告如下：",
        "静海区人民政府",
        "district",
        2020,
    ),
    (
        "autonomous_prefecture_short_name",
        "阿坝州2021年法治政府建设工作情况报告",
        "2021年，全州坚持以法治为行政权力定规矩，现报告如下：",
        "阿坝藏族羌族自治州人民政府",
        "city",
        2021,
    ),
    (
        "no_title_department_opens",
        "",
        "2024年，张家港市科技局坚持依法行政，积极推动科技系统法治化进程，现报告如下：",
        "张家港市科技局",
        "county",
        2024,
    ),
    (
        "no_title_government_opens",
        "",
        "2019年，在省委、省政府的正确领导下，南昌县以落实中共中央、国务院《法治政府建设实施纲要（2015-2020年）》为主线，推进依法行政。",
        "南昌县人民政府",
        "county",
        2019,
    ),
    (
        "no_title_province_department",
        "",
        "2022年，省司法厅深入学习贯彻习近平总书记对广东系列重要讲话精神，法治政府建设取得新成效。",
        "广东省司法厅",
        "province",
        2022,
    ),
    (
        "no_title_new_area",
        "",
        "2023年，大鹏新区坚持以习近平新时代中国特色社会主义思想为指导，深入推进依法行政。",
        "大鹏新区管委会",
        "district",
        2023,
    ),
    (
        "no_title_bare_zone_of_a_city",
        "",
        "2023年，高新区坚持依法行政，平安珠海建设考评获得优秀等次。",
        "珠海高新区管委会",
        "district",
        2023,
    ),
    (
        "subject_after_a_guidance_clause",
        "",
        "2022年，在县委、县政府的坚强领导下，在县司法局的有力指导下，永胜县人民政府办公室坚持依法行政，现报告如下：",
        "永胜县人民政府办公室",
        "county",
        2022,
    ),
    (
        "former_ministry_not_the_state_council",
        "",
        "2017年，原环境保护部认真落实党中央、国务院决策部署，扎实推进法治政府建设。",
        "环境保护部",
        "national",
        2017,
    ),
    (
        "national_ministry",
        "司法部2020年法治政府建设年度报告",
        "2020年，司法部深入学习贯彻习近平法治思想，各项工作取得新成效。",
        "司法部",
        "national",
        2020,
    ),
]


@pytest.mark.parametrize(
    ("title", "opening", "issuer", "level", "year"),
    [x[1:] for x in ISSUERS],
    ids=[x[0] for x in ISSUERS],
)
def test_issuer_level_and_year(
    title: str, opening: str, issuer: str | None, level: str, year: int
) -> None:
    text = (title + "\n" if title else "") + BODY.format(opening=opening, next_year=year + 1)
    report = parse_text(text)
    assert report.issuer == (issuer or title[: title.index("局") + 1])
    assert report.level == level
    assert report.year == year


def test_issuer_from_page_metadata_when_title_has_none() -> None:
    head = "发布机构：青川县科学技术局 发布日期：2024-02-01\n2023年度法治政府建设工作报告\n"
    text = head + BODY.format(opening="2023年，我局坚持依法行政，现报告如下：", next_year=2024)
    report = parse_text(text)
    assert report.metadata["发布机构"] == "青川县科学技术局"
    assert (report.issuer, report.level) == ("青川县科学技术局", "county")


def test_department_reports_are_not_rejected_as_another_genre() -> None:
    from toolkit.check import check_text

    for title in ("岚溪县司法局2023年度法治政府建设情况报告",
                  "临澜市市场监督管理局2023年度法治政府建设情况报告",
                  "临江市教育局2023年度法治政府建设情况报告"):  # fmt: skip
        text = title + "\n" + BODY.format(opening="2023年，本局坚持依法行政。", next_year=2024)
        result = check_text(text)
        codes = {f.code for f in result.findings}
        assert not any(c.startswith("G") for c in codes), codes
        ids = result.report.section_ids()
        assert ids == ["measures", "shortcomings", "first_responsible", "plans"], ids


def test_a_report_that_names_itself_only_as_our_bureau() -> None:
    # The place in a cited title is not the subject; the level still follows the place.
    opening = (
        "根据《中共永胜县委全面依法治县委员会2022年工作要点》和《永胜县法治政府建设实施方案"
        "（2021—2025年）》要求，我局结合工作实际，现将2022年法治政府建设工作情况报告如下："
    )
    report = parse_text(
        BODY.format(opening=opening, next_year=2025).replace("四、下一年度", "四、2025年")
    )
    assert (report.issuer, report.level) == (None, "county")
    assert report.year == 2022


def test_year_from_the_part_heading_not_from_ranges_in_cited_titles() -> None:
    text = (
        "县委、县政府：\n为贯彻落实《法治政府建设实施纲要（2021—2025年）》，现将我局工作报告如下：\n"
        "一、2023年法治政府建设工作情况\n我局坚持学习《实施纲要（2021—2025年）》。\n"
    )
    assert parse_text(text).year == 2023
