"""Citations judged against the registers: each error shape real reports show is a T504
with the official title (and `fazhi fix` writes it), each false-alarm shape stays quiet,
and titles repealed before the report's year, or issued after it, are named."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from toolkit.check import check_text
from toolkit.check.titles import canonical
from toolkit.review import apply_edits, fix_file, plan_fixes

from .docx_review import accept_all, tracked

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")
ANCHOR = "（一）加强组织领导，压实工作责任。"


def report(sentence: str) -> str:
    """The clean report with `sentence` as a paragraph of its measures section."""
    i = CLEAN.index(ANCHOR)
    return CLEAN[:i] + sentence + "\n\n" + CLEAN[i:]


def title_findings(sentence: str, year: int = 2024) -> list[tuple[str, str]]:
    result = check_text(report(sentence), year=year)
    return [(f.code, f.suggestion or "") for f in result.findings
            if f.code in ("T504", "T512", "T520", "T521") and f.severity != "info"]  # fmt: skip


SHAPES = [
    # a substituted character
    ("严格执行《法治政府建设与责任落实督查工作规定》。", "法治政府建设与责任落实督察工作规定"),
    # 政府 inserted, 职责 dropped, 规定 dropped
    (
        "落实《党政主要负责人履行推进法治政府建设第一责任人职责规定》。",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
    ),
    (
        "落实《党政主要负责人履行推进法治建设第一责任人规定》。",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
    ),
    (
        "落实《党政主要负责人履行推进法治建设第一责任人职责》。",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
    ),
    # 》 set before the last word, or before the year range
    (
        "落实《党政主要负责人履行推进法治建设第一责任人职责》规定。",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
    ),
    ("对照《法治政府建设实施纲要》（2021—2025年）抓落实。", "法治政府建设实施纲要（2021—2025年）"),
    # a year range without 年, with ~, with an extra 年, without a dash
    ("贯彻《法治政府建设实施纲要（2021-2025）》。", "法治政府建设实施纲要（2021—2025年）"),
    ("贯彻《法治政府建设实施纲要(2021~2025)》。", "法治政府建设实施纲要（2021—2025年）"),
    ("贯彻《法治政府建设实施纲要（2021年—2025年）》。", "法治政府建设实施纲要（2021—2025年）"),
    ("贯彻《法治中国建设规划（20202025年）》。", "法治中国建设规划（2020—2025年）"),
    # a word or a mark dropped from a plenary decision's title
    (
        "学习《中共中央关于全面推进依法治国若干重大问题决定》。",
        "中共中央关于全面推进依法治国若干重大问题的决定",
    ),
    (
        "学习《中共中央关于进一步全面深化改革推进中国式现代化的决定》。",
        "中共中央关于进一步全面深化改革、推进中国式现代化的决定",
    ),
    # a book of speeches under a wrong name
    ("学习《习近平总书记关于全面依法治国论述摘编》。", "习近平关于全面依法治国论述摘编"),
    # a law's name with a word dropped, a regulation with 中华人民共和国 added
    ("宣传《促进科技成果法》。", "促进科技成果转化法"),
    ("宣传《中华人民共和国优化营商环境条例》。", "优化营商环境条例"),
]


@pytest.mark.parametrize(("sentence", "right"), SHAPES, ids=[s for s, _ in SHAPES])
def test_each_error_shape_is_a_misquote_with_the_official_title(sentence: str, right: str) -> None:
    assert title_findings(sentence) == [("T504", f"改为《{right}》。")]
    fixed = fix(sentence)  # the writer's dash is kept; half-width brackets are T514's to mend
    assert canonical(right) in canonical(fixed), fixed


def fix(sentence: str) -> str:
    """The sentence after `fazhi fix`."""
    text = report(sentence)
    lines = text.split("\n")
    plan = plan_fixes(check_text(text, year=2024), lines)
    new = apply_edits(lines, plan.edits)
    line = next(ln for ln in new.split("\n") if ln.startswith(sentence[:2]))
    return line


def test_a_fix_keeps_the_writers_dash_and_only_adds_what_is_missing() -> None:
    assert (
        fix("贯彻《法治政府建设实施纲要（2021-2025）》。")
        == "贯彻《法治政府建设实施纲要（2021-2025年）》。"
    )


QUIET = [
    # a newer law whose name holds an older one's words is not the older one
    "宣传《中华人民共和国突发公共卫生事件应对法》。",
    # a place and an issuer: local titles, even when they write years their own way
    "落实《浙江省法治政府建设实施纲要(2021年—2025年)》。",
    "落实《静海区法治政府建设实施纲要(20212025年)》。",
    "学习《广东省党政主要负责人履行推进法治建设第一责任人职责实施细则》。",
    # the bureau's own documents, and a registered title with words after it
    "制定《局党组理论学习中心组学法制度》。",
    "印发《党政主要负责人履行推进法治建设第一责任人职责2025年工作清单》。",
    "印发《市发展改革委贯彻落实“八五”普法规划实施方案(2021-2025年)》。",
    # exact titles in another width or with another dash, and titles not on record
    "落实《法治政府建设实施纲要(2021-2025年)》。",
    "学习《中国共产党统一战线工作条例》《社会组织登记管理条例》。",
    "落实《关于印发〈杭州市上城区2024年法治政府建设工作要点〉的通知》。",
    # short names: accepted (at most a note)
    "学习《民法典》《行政处罚法》《法治政府建设实施纲要》。",
    # a certificate and a newspaper
    "发放《卫生许可证》254件，经验被《人民日报》转载。",
]


@pytest.mark.parametrize("sentence", QUIET)
def test_false_alarm_shapes_stay_quiet(sentence: str) -> None:
    assert title_findings(sentence) == []


def test_a_title_repealed_before_the_year_names_its_successor() -> None:
    sentence = "学习《中华人民共和国合同法》。"
    [(code, suggestion)] = title_findings(sentence, year=2022)
    assert code == "T520" and "中华人民共和国民法典" in suggestion
    assert title_findings(sentence, year=2020) == []


def test_a_renamed_rule_is_right_under_its_old_name_before_the_renaming() -> None:
    sentence = "执行《市场监督管理行政处罚程序暂行规定》。"
    assert title_findings(sentence, year=2019) == []
    [(code, suggestion)] = title_findings(sentence, year=2023)
    assert code == "T520" and "市场监督管理行政处罚程序规定" in suggestion


def test_a_title_issued_after_the_year_is_an_error() -> None:
    sentence = "落实《提升行政执法质量三年行动计划（2023—2025年）》。"
    [(code, _)] = title_findings(sentence, year=2020)
    assert code == "T521"
    assert title_findings(sentence, year=2023) == []


def test_the_outline_editions_are_left_to_the_phrase_table() -> None:
    codes = {f.code for f in check_text(report("对照《法治政府建设实施纲要（2015—2020年）》。"),
                                        year=2023).findings}  # fmt: skip
    assert "P402" in codes and "T520" not in codes


def test_fix_in_word_is_a_tracked_change_to_the_official_title(tmp_path: Path) -> None:
    src = tmp_path / "report.docx"
    doc = docx.Document()
    for line in report("严格执行《法治政府建设与责任落实督查工作规定》。").split("\n"):
        doc.add_paragraph(line)
    doc.save(src)
    done = fix_file(src, out=tmp_path / "fixed.docx", year=2024)
    data = (tmp_path / "fixed.docx").read_bytes()
    ins, dels, _ = tracked(data)
    assert "察" in ins and "查" in dels
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(accept_all(data))).paragraphs)
    assert "《法治政府建设与责任落实督察工作规定》" in text
    assert any(f.code == "T504" for fix in done.applied for f in fix.findings)


def test_a_misquote_inside_a_notice_title_is_found_and_fixed() -> None:
    sentence = "转发《关于印发〈法治政府建设实施纲要（2021-2025）〉的通知》。"
    assert title_findings(sentence) == [("T504", "改为《法治政府建设实施纲要（2021—2025年）》。")]
    assert "〈法治政府建设实施纲要（2021-2025年）〉" in fix(sentence)
