"""What a second, held-out set of real reports showed the metadata layer missing: streets
and towns as issuers, more national ministries and department names, and notices, plans and
rules recognised as another genre. Every fixture is written for these tests."""

from __future__ import annotations

import pytest

from toolkit.check import check_text
from toolkit.parse.parser import parse_text

BODY = (
    "一、主要举措和成效\n"
    "（一）加强组织领导。全年召开专题会议四次，研究部署依法行政工作。\n"
    "二、存在的不足和原因\n"
    "基层执法力量仍然不足。\n"
)

# (title line or "", opening paragraph, issuer, level)
TOWNSHIPS = [
    # a street named at the start of its title; its district told by 区委、区政府
    (
        "青禾街道2023年度法治政府建设工作报告",
        "2023年，青禾街道在区委、区政府的领导下，扎实推进依法行政。",
        "青禾街道办事处",
        "district",
    ),
    # a town named after the county's leadership clause, no title
    (
        "",
        "2022年，在县委、县政府的坚强领导下，石门镇坚持依法行政，法治建设取得新成效。",
        "石门镇人民政府",
        "county",
    ),
    # the street's office after its district government in the title
    (
        "溪山区人民政府柳岸街道办事处关于2022年度法治政府建设情况的报告",
        "2022年，我街道在区委的领导下推进法治政府建设。",
        "柳岸街道办事处",
        "district",
    ),
    # the full name of a township government
    (
        "",
        "2021年，青石乡人民政府在县委的领导下落实法治政府建设要求，现将有关情况报告如下：",
        "青石乡人民政府",
        "county",
    ),
    # no county or district named, no leadership clause: the level stays unknown
    ("", "2021年，云岭镇认真落实法治政府建设要求，现将有关情况报告如下：", "云岭镇人民政府", None),
]


@pytest.mark.parametrize(("title", "opening", "issuer", "level"), TOWNSHIPS)
def test_streets_and_towns_issue_their_own_reports(
    title: str, opening: str, issuer: str, level: str | None
) -> None:
    r = parse_text("\n".join(x for x in (title, opening) if x) + "\n" + BODY)
    assert r.issuer == issuer
    assert r.level == level


# Openings where 街道/镇/乡 follow words that are not a name: never taken for an issuer.
NOT_TOWNSHIPS = [
    ("2022年，现将街道法治政府建设情况报告如下：全区推进依法行政。", "现将街道办事处"),
    ("2022年，全镇干部认真学法，各乡镇开展普法活动。", "全镇人民政府"),
    ("2022年，重点乡镇开展法治宣传，城乡一体推进依法行政。", "重点乡人民政府"),
]


@pytest.mark.parametrize(("opening", "wrong"), NOT_TOWNSHIPS)
def test_words_before_a_street_or_town_are_not_its_name(opening: str, wrong: str) -> None:
    assert parse_text(opening + "\n" + BODY).issuer != wrong


# (opening or title, issuer, level): ministries and department names the first set lacked.
BODIES = [
    ("2022年，应急管理部坚持以法治思维推进依法行政。", "应急管理部", "national"),
    ("2024年，国家卫生健康委认真落实法治政府建设要求。", "国家卫生健康委", "national"),
    ("2023年，审计署扎实推进依法行政。", "审计署", "national"),
    ("重庆市交通局2022年度法治政府建设年度报告", "重庆市交通局", "province"),
    ("宜兴市交通委员会2021年法治政府建设情况报告", "宜兴市交通委员会", "county"),
]


@pytest.mark.parametrize(("first", "issuer", "level"), BODIES)
def test_more_ministries_and_departments(first: str, issuer: str, level: str) -> None:
    r = parse_text(first + "\n" + BODY)
    assert r.issuer == issuer
    assert r.level == level


def test_a_bare_people_s_government_is_not_an_issuer() -> None:
    """全区各级人民政府: the place the text names stands for the issuer, not 人民政府 alone."""
    r = parse_text("2023年，全区各级人民政府坚持依法行政，推动法治宁夏建设。\n" + BODY)
    assert r.issuer != "人民政府"
    assert r.level == "province"


NOTICE = (
    "溪山市人民政府关于印发《溪山市重大行政决策程序实施办法》的通知\n"
    "各县（区）人民政府，市政府各部门：\n"
    "《溪山市重大行政决策程序实施办法》已经市政府常务会议审议通过，现印发给你们，请认真贯彻执行。\n"
    "第一条 为规范重大行政决策程序，推进依法行政，制定本办法。\n"
    "第二条 本办法适用于市政府的重大行政决策。\n"
)
UNTITLED_PLAN = (
    "为深入推进依法行政，加快建设法治政府，结合本市实际，制定本方案。\n"
    "一、总体要求\n"
    "坚持依法行政，全面建设法治政府。\n"
    "二、主要任务\n"
    "市政府各部门要认真抓好落实。现印发给你们，请认真贯彻执行。\n"
)
RULES = (
    "溪山县人民政府工作规则\n"
    "第一章 总则\n"
    "第一条 为规范县政府工作，根据有关法律，制定本规则。\n"
    "第二条 县政府坚持依法行政。\n"
)
UNTITLED_OPENNESS = (
    "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2022年1月1日至12月31日。\n"
    "一、总体情况\n"
    "（一）主动公开情况。全年主动公开政府信息56条。\n"
    "（二）依申请公开情况。全年未收到政府信息公开申请。\n"
)
REPORT_CITING_A_NOTICE = (
    "溪山市司法局2022年法治政府建设年度报告\n"
    "2022年，溪山市司法局认真贯彻市政府关于印发法治政府建设实施方案的通知，扎实推进依法行政。现将有关情况报告如下：\n"
    + BODY
)


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        (NOTICE, True),
        (UNTITLED_PLAN, True),
        (RULES, True),
        (UNTITLED_OPENNESS, True),
        (REPORT_CITING_A_NOTICE, False),
    ],
)
def test_notices_plans_and_rules_are_another_genre(text: str, genre: bool) -> None:
    codes = {f.code for f in check_text(text).findings}
    assert ("G001" in codes) is genre


@pytest.mark.parametrize(
    ("first", "title"),
    [
        (
            "溪山市交通局2022年度法治政府部门建设工作情况",
            "溪山市交通局2022年度法治政府部门建设工作情况",
        ),
        ("青禾县司法局2021年法治政府建设情况", "青禾县司法局2021年法治政府建设情况"),
        # a numbered part heading is never the title
        ("一、2022年法治政府建设情况", None),
    ],
)
def test_a_title_without_the_word_report(first: str, title: str | None) -> None:
    opening = "2022年，本局扎实推进依法行政，现将有关情况报告如下：\n"
    assert parse_text(first + "\n" + opening + BODY).title == title
