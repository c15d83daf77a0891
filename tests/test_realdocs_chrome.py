"""Web copies: chrome above the report is cut, its metadata kept, the title found after it.

Each case reproduces a layout seen on government sites, with invented bureaus and text.
"""

from __future__ import annotations

import pytest

from toolkit.check import check_text
from toolkit.parse.parser import parse_text
from toolkit.text.normalize import normalize

BODY = """2023年，本局坚持依法行政，扎实推进法治政府建设各项工作，现将有关情况报告如下：
一、2023年推进法治政府建设的主要举措和成效
（一）加强组织领导。局党组召开专题会议研究部署法治建设工作，制定年度工作要点。
（二）规范行政执法。全面推行行政执法公示制度，全年办理执法案件12件。
二、存在的不足和原因
个别干部运用法治思维解决问题的能力还有待提高，原因是学习培训不够系统。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头学法用法，全年主持研究法治工作3次。
四、2024年推进法治政府建设的主要安排
2024年，我局将继续加强执法队伍建设，完善重大行政决策程序。"""

TITLE = "青禾县科学技术局2023年度法治政府建设情况报告"

# (case id, page text above the body, expected title, expected metadata, number of cut lines)
CASES: list[tuple[str, str, str | None, dict[str, str], int]] = [
    (
        "breadcrumb_and_source_row",
        f"首页 > 政务公开 > 通知公告\n{TITLE}\n来源：政策法规股 发布时间：2024-02-20 09:30\n",
        TITLE,
        {"来源": "政策法规股", "发布日期": "2024-02-20 09:30"},
        2,
    ),
    (
        "site_line_tools_title_twice",
        f"青禾县人民政府 2020年5月6日星期三\n\n无障碍 简体| 繁体\n\n{TITLE}\n"
        f"来源：青禾县科学技术局 发布时间：2024-03-01 10:00\n\n{TITLE}\n\n",
        TITLE,
        {"来源": "青禾县科学技术局"},
        4,
    ),
    (
        "location_double_arrows",
        f"您当前的位置: 首页>>政务公开>>法治政府建设年度报告\n\n{TITLE}\n\n来自: 日期:2024-03-24\n",
        TITLE,
        {"发布日期": "2024-03-24"},
        2,
    ),
    (
        "metadata_block_with_name_label",
        "无障碍 关怀版 返回主网站 繁体版\n"
        "索引号: 11500000MB000000XX/2024-00009 信息分类名称: 其他/公文\n"
        "发布机构: 青禾县科技局 生成日期: 2024-03-10 发布日期: 2024-03-11\n"
        f"名称: {TITLE}\n文号: 主题词:\n{TITLE}\n发布日期:2024-03-11\n",
        TITLE,
        {
            "索引号": "11500000MB000000XX/2024-00009",
            "发布机构": "青禾县科技局",
            "成文日期": "2024-03-10",
            "发布日期": "2024-03-11",
            "标题": TITLE,
        },
        6,
    ),
    (
        "bracket_label_rows",
        "首页>县科技局>政务公开>法治政府建设年度报告\n\n"
        "[ 索引号 ] 115000000000000XXX/2024-00001 [ 发文字号 ]\n"
        "[ 主题分类 ] 司法 [ 体裁分类 ] 其他公文\n"
        "[ 发布机构 ] 青禾县科技局 [ 有效性 ]\n"
        f"[ 成文日期 ] 2024-02-18 [ 发布日期 ] 2024-02-19\n\n{TITLE}\n",
        TITLE,
        {"发布机构": "青禾县科技局", "成文日期": "2024-02-18", "发布日期": "2024-02-19"},
        5,
    ),
    (
        "pipe_table_rows_then_addressee",
        "[ 索引号 ] | 115000000000000XXX/2024-00008 | [ 发文字号 ] | 无 |\n"
        "[ 发布机构 ] | 青禾县科学技术局 | ||\n"
        "[ 成文日期 ] | 2024-03-22 | [ 发布日期 ] | 2024-03-22 |\n"
        "[ 发布机构 ] | 青禾县科学技术局 |\n"
        "青禾县科学技术局 2023年度法治政府建设情况报告\n县委、县政府：\n",
        "青禾县科学技术局 2023年度法治政府建设情况报告",
        {"发布机构": "青禾县科学技术局", "成文日期": "2024-03-22", "发文字号": "无"},
        4,
    ),
    (
        "vertical_labels_and_values",
        "索引号\n000000000/2024-00827\n信息分类\n工作报告\n发布机构\n青禾县科学技术局\n"
        f"文号\n发布日期\n2024-03-29\n信息名称\n{TITLE}\n",
        TITLE,
        {"发布机构": "青禾县科学技术局", "发布日期": "2024-03-29", "标题": TITLE},
        10,
    ),
    (
        "bullets_login_row",
        "登录 | 注册\n  • 索引号\n    000000000/2024-01025\n  • 发布机构\n    青禾县科技局\n"
        f"  • 文号\n  • 发布日期\n    2024-03-30\n  • 时效性\n    有效\n\n{TITLE}\n",
        TITLE,
        {"发布机构": "青禾县科技局", "发布日期": "2024-03-30"},
        10,
    ),
    (
        "title_only_in_label_row",
        "索 引 号: | 000000000XXX/2024-00259 | 主题分类: | |\n"
        "发布机构: | 县科学技术局 | 成文日期: | |\n"
        f"标 题: | {TITLE} | ||\n发文字号: | 发布日期: | 2024年01月04日 |\n",
        TITLE,
        {"标题": TITLE, "发布机构": "县科学技术局", "发布日期": "2024年01月04日"},
        4,
    ),
    (
        "tagged_title_and_markdown_rule",
        f"【法治建设报告】{TITLE}\n索 引 号 | 000000000/2024-06630 | 分 类 | 政务公开 |\n"
        "---|---|---|---|\n发布机构 | 青禾县科学技术局 | 发文日期 | 2024-03-16 |\n",
        TITLE,
        {"发布机构": "青禾县科学技术局", "成文日期": "2024-03-16"},
        3,
    ),
    (
        "column_path_bullets_addressee",
        f"> 工作信息  > 计划总结\n{TITLE}\n  • 日期: 2024- 01- 25 15: 27\n  • 来源: 县科技局\n"
        "  • 浏览次数:\n  • 字体:[ ]\n\n中共青禾县委、青禾县人民政府：\n",
        TITLE,
        {"来源": "县科技局"},
        5,
    ),
    (
        "breadcrumb_table_no_title",
        "> 政务公开 | > 部门 | > 青禾县科技局 | > 法治政府建设年度报告 |\n",
        None,
        {},
        1,
    ),
    (
        "today_line_column_name_title_twice",
        "今天是:2020年10月31日 星期六 农历九月十五\n工作报告\n\n您所在的位置:政务公开 > 工作报告\n\n"
        f"{TITLE}\n文章来源:司法局 更新时间:2024/03/29 11:30:01\n\n\n{TITLE}\n\n",
        TITLE,
        {"来源": "司法局", "发布日期": "2024/03/29 11:30:01"},
        5,
    ),
    (
        "browser_notice_no_title",
        "更换或升级浏览器以获得最佳体验。\n当前浏览器版本过低，可能会有安全风险且无法正常显示。\n"
        "您当前的位置: 首页> 政务公开> 法治政府建设年度报告 > 2023年度\n",
        None,
        {},
        3,
    ),
    (
        "column_name_location_and_tool_tail",
        f"北泉区\n\n您现在的位置 首页 > 政务公开 > 法治政府建设 > 北泉区\n\n{TITLE}\n\n"
        "信息来源：北泉区科技创新局 信息提供日期：2024-02-25 15:22 【字体： 视力保护色：\n",
        TITLE,
        {"来源": "北泉区科技创新局", "发布日期": "2024-02-25 15:22"},
        3,
    ),
    (
        "bare_location_views",
        f"当前位置：\n\n{TITLE}\n\n发布日期：2024-02-28 09:18 浏览次数：\n",
        TITLE,
        {"发布日期": "2024-02-28 09:18"},
        2,
    ),
    (
        "edit_date_author_close",
        f"您当前所在的位置:  首页 > 通知通告\n{TITLE}\n【编辑日期:2024-03-24】  【作者:kjj】    【 关 闭 】\n",
        TITLE,
        {"发布日期": "2024-03-24"},
        2,
    ),
    (
        "font_size_print_share_scan",
        f"{TITLE}\n字体：大 中 小 打印 分享\n扫一扫在手机打开\n",
        TITLE,
        {},
        2,
    ),
    (
        "news_headline_source_row",
        "青禾县科技局发布2023年法治政府建设年度报告\n\n"
        "发布时间:2024-12-21 12:04:21 来源: 青禾日报\n",
        "青禾县科技局发布2023年法治政府建设年度报告",
        {"来源": "青禾日报"},
        1,
    ),
    (
        "publisher_person_and_validity_labels",
        f"{TITLE}\n发布时间：2023-02-10 15:34\n发布人员：信息中心\n效力状态：有效\n",
        TITLE,
        {"发布日期": "2023-02-10 15:34"},
        3,
    ),
    (
        "written_time_and_publishing_source",
        f"成文时间：2022年02月28日\n发布来源：溪山区人民政府网站\n{TITLE}\n",
        TITLE,
        {"成文日期": "2022年02月28日", "来源": "溪山区人民政府网站"},
        2,
    ),
]


@pytest.mark.parametrize(
    ("head", "title", "metadata", "n_cut"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_leading_chrome_is_cut(
    head: str, title: str | None, metadata: dict[str, str], n_cut: int
) -> None:
    text = head + BODY
    norm = normalize(text)
    assert len(norm.chrome) == n_cut, [c.text for c in norm.chrome]
    for key, value in metadata.items():
        assert norm.metadata.get(key) == value, (key, norm.metadata)
    report = parse_text(text)
    assert report.title == title
    assert report.metadata == norm.metadata
    # The body starts right after the chrome: the first kept line is the title or text.
    first = report.lines[0].text
    assert first == title or first.startswith(("2023年", "县委", "中共"))
    cut_lines = {c.line for c in norm.chrome}
    findings = check_text(text).findings
    # No cascade from chrome lines, and nothing at all reported on a line that was cut.
    noisy = [f for f in findings if f.code in ("N205", "N203", "T508") or f.line in cut_lines]
    assert not noisy, [(f.code, f.line, f.message) for f in noisy]


# Real report openings that must stay whole: nothing above the text is chrome.
KEEP: list[tuple[str, str, str | None]] = [
    ("title_first_line", f"{TITLE}\n", TITLE),
    ("title_then_addressee", f"{TITLE}\n中共青禾县委、青禾县人民政府：\n", TITLE),
    ("title_then_date", f"{TITLE}\n2024年1月15日\n", TITLE),
    ("no_title_dated_paragraph", "", None),
    ("document_number_above_title", f"青科发〔2024〕3号\n{TITLE}\n", TITLE),
    ("attachment_mark_above_title", f"附件1\n{TITLE}\n", TITLE),
]


@pytest.mark.parametrize(("head", "title"), [k[1:] for k in KEEP], ids=[k[0] for k in KEEP])
def test_real_report_lines_are_kept(head: str, title: str | None) -> None:
    text = head + BODY
    norm = normalize(text)
    assert norm.chrome == []
    assert norm.metadata == {}
    assert len(norm.lines) == len([ln for ln in text.split("\n") if ln.strip()])
    if title is not None:
        assert parse_text(text).title == title


def test_addressee_line_is_not_mistaken_for_a_label() -> None:
    text = f"{TITLE}\n来源单位：\n" + BODY
    # "来源单位：" is not the label 来源 (a longer word) and stands where an addressee would.
    assert normalize(text).chrome == []


def test_trailing_residue_rules_come_from_data() -> None:
    text = f"{TITLE}\n{BODY}\n上一篇：关于印发某某办法的通知\n下一篇：无\n"
    norm = normalize(text)
    assert norm.residue.startswith("上一篇")
    assert norm.lines[-1].text.startswith("2024年，我局将继续")


def test_a_copy_cut_off_mid_sentence_is_not_blamed_for_what_follows_the_cut() -> None:
    head = f"首页 > 政务公开\n{TITLE}\n发布时间：2024-02-20\n"
    cut = BODY[: BODY.index("二、存在")] + "（三）完善制度。印发《青禾县科学技术局重大行政决策"
    result = check_text(head + cut)
    assert result.report.truncated
    errors = [(f.code, f.message) for f in result.findings if f.severity == "error"]
    assert errors == []
    notes = {f.code for f in result.findings if f.severity == "info"}
    assert {"S102", "T503"} <= notes  # still said, as notes on a text that stops early


def test_a_complete_report_missing_a_section_is_still_an_error() -> None:
    start, end = BODY.index("二、存在"), BODY.index("三、党政")
    whole = (BODY[:start] + BODY[end:]).replace("三、", "二、").replace("四、", "三、")
    result = check_text(TITLE + "\n" + whole + "\n青禾县科学技术局\n2024年1月20日")
    assert not result.report.truncated
    assert [f.code for f in result.findings if f.severity == "error"] == ["S102"]


def test_more_tool_rows_labels_and_markup() -> None:
    head = (
        '<dd id="a1"></dd>\n- 设为首页\n- 加入收藏\n- 无障碍阅读\n- 长者版\n'
        f"名 称: {TITLE}\n索 引 号: 000000000/2024-05443 发布日期: 2024-01-18 发布机构: 青禾县财政局\n"
        f"文 号: 文件分类: 所属机构:\n{TITLE}\n作者：办公室 点击次数：\n"
    )
    norm = normalize(head + BODY)
    assert len(norm.chrome) == 9
    assert norm.metadata["发布机构"] == "青禾县财政局"
    assert parse_text(head + BODY).title == TITLE


def test_a_title_under_a_label_without_value_is_kept() -> None:
    head = (
        "返回顶部\n  • 索引号:\n    000000000/2024-001005\n  • 主题分类:\n  • 来源:\n"
        f"  • 发布日期:\n    2024年04月06日 16:34\n  • 内容概述:\n{TITLE}\n"
    )
    norm = normalize(head + BODY)
    assert norm.lines[0].text == TITLE
    assert parse_text(head + BODY).title == TITLE


def test_trailing_residue_in_brackets() -> None:
    text = f"{TITLE}\n{BODY}\n【纠错】\n【责任编辑:某某\n】\n"
    norm = normalize(text)
    assert norm.residue.startswith("【纠错】")


def test_a_plain_file_keeps_its_first_title_line() -> None:
    text = f"{TITLE}\n——关于推进依法行政工作的情况\n" + BODY
    norm = normalize(text)
    assert norm.chrome == []
    assert parse_text(text).title == TITLE


def test_a_mirror_copy_in_traditional_characters_reads_as_simplified() -> None:
    import opencc

    page = f"首页 > 政务公开\n{TITLE}\n发布时间：2024-02-20\n" + BODY
    traditional = opencc.OpenCC("s2t").convert(page)
    assert traditional != page
    report = parse_text(traditional)
    assert report.traditional
    assert (report.title, report.year, report.issuer) == (TITLE, 2023, "青禾县科学技术局")
    assert report.section_ids() == ["measures", "shortcomings", "first_responsible", "plans"]
    assert report.lines[0].raw == opencc.OpenCC("s2t").convert(TITLE)
    assert not normalize(page).traditional


def test_a_title_set_over_two_lines_is_joined() -> None:
    text = "青禾县科学技术局2023年度\n法治政府建设情况报告\n" + BODY
    norm = normalize(text)
    assert [c.kind for c in norm.chrome] == ["title_rest"] and norm.metadata == {}
    assert parse_text(text).title == TITLE


@pytest.mark.parametrize(
    ("head", "title", "issuer"),
    [
        # a party group's name set above the rest of its title
        (
            "中共溪山市交通运输局党组\n2022年度法治政府建设报告\n",
            "中共溪山市交通运输局党组2022年度法治政府建设报告",
            "中共溪山市交通运输局党组",
        ),
        # a bureau's name above a title that starts with the year
        (
            "\n青禾县科学技术局\n2023年度法治政府建设情况报告\n",
            "青禾县科学技术局2023年度法治政府建设情况报告",
            "青禾县科学技术局",
        ),
    ],
)
def test_an_issuer_line_above_a_year_title_is_part_of_the_title(
    head: str, title: str, issuer: str
) -> None:
    report = parse_text(head + BODY)
    assert (report.title, report.issuer) == (title, issuer)


def test_a_sentence_above_a_year_title_is_not_joined() -> None:
    """Only a bare body name joins the title; a line with a date or words around it does not."""
    text = "发布：2023-02-10 溪山市交通运输局\n2022年度法治政府建设报告\n" + BODY
    assert parse_text(text).title == "2022年度法治政府建设报告"
