"""Each rule on a clean report with one defect introduced: the right code, nothing else new."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.check import CheckSettings, check_text

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")


def mutate(old: str, new: str, text: str = CLEAN) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


CASES = [
    # structure
    ("S101", mutate("临川县科学技术局2024年法治政府建设工作情况报告\n", "")),
    ("S102", mutate("三、党政主要负责人履行推进法治建设第一责任人职责情况\n\n局主要负责人认真履行推进法治建设第一责任人职责，年初专题部署法治建设工作，带头学法讲法，在年终述职中专题述法。对法治建设中的重要问题亲自过问、亲自协调，确保各项任务落到实处。\n\n四、", "三、")),
    ("S105", mutate("主要原因是机构改革后编制调整，人员尚未配齐。", "").replace("原因在于对企业法律需求调研不深，宣传方式创新不足。", "")),
    ("S107", mutate("临川县科学技术局\n2025年1月20日\n", "")),
    # numbering
    ("N201", mutate("二、存在的不足和原因", "二.存在的不足和原因")),
    ("N201", mutate("（二）抓好学法用法", "（二）、抓好学法用法")),
    ("N202", mutate("（三）落实普法责任", "（四）落实普法责任").replace("（四）规范行政行为", "（五）规范行政行为")),
    ("N203", mutate("（三）落实普法责任", "（二）落实普法责任").replace("（四）规范行政行为", "（三）规范行政行为")),
    ("N205", mutate("二、存在的不足和原因", "存在的不足和原因")),
    ("N206", mutate("（二）抓好学法用法", "(二)抓好学法用法")),
    ("N208", mutate("二是普法形式较为单一", "三是普法形式较为单一")),
    ("N208", mutate("三是创新普法方式", "二是创新普法方式")),
    # dates
    ("D301", mutate("临川县科学技术局2024年法治政府建设", "临川县科学技术局2023年法治政府建设")),
    ("D302", mutate("四、2025年推进法治政府建设", "四、2024年推进法治政府建设")),
    ("D303", mutate("2025年1月20日", "2024年10月20日")),
    ("D304", mutate("2025年1月20日", "2025年01月20日")),
    ("D305", mutate("2024年，临川县科学技术局坚持", "2024临川县科学技术局坚持")),
    # year-bound phrases
    ("P401", mutate("深入学习贯彻党的二十大和二十届三中全会精神", "深入学习贯彻党的二十大和二十届四中全会精神")),
    ("P402", mutate("推进“八五”普法规划实施", "推进“七五”普法规划实施")),
    ("P403", mutate("均按规定报送备案。", "均按规定报送县法制办备案。")),
    # text
    ("T501", mutate("发放宣传资料3000余份", "发放宣传资料XXX份")),
    ("T502", mutate("《中华人民共和国宪法》", "《中华人民共和国中华人民共和国宪法》")),
    ("T503", mutate("《中华人民共和国宪法》", "《中华人民共和国宪法")),
    ("T504", mutate("《中华人民共和国促进科技成果转化法》", "《中华人民共和国科技成果转化法》")),
    ("T505", mutate("营造法治氛围", "营造法制氛围")),
    ("T506", mutate("全年召开党组会专题研究法治建设工作4次", "全年召开党组会专题研究法治建设工作4 次")),
    ("T507", mutate("推动科技管理工作在法治轨道上运行", "推动科技管理权利运行在法治轨道上")),
    ("T509", mutate("由局长任组长，分管副局长任副组长", "由局长任组长，\n\n分管副局长任副组长")),
    ("T510", mutate("“12·4”", "“12・4”")),
    ("T512", mutate("《中华人民共和国科学技术进步法》", "《科技进步法》")),
    ("T513", mutate("组织干部职工参加网上学法考试", "组织干部职工积积参加网上学法考试")),
]  # fmt: skip


@pytest.mark.parametrize(("code", "text"), CASES, ids=[c for c, _ in CASES])
def test_one_defect_one_code(code: str, text: str) -> None:
    found = check_text(text).codes_found()
    assert code in found
    assert found <= {code, "N202", "N203", "S106"}, found  # a mutation may shift numbering


def test_plans_may_name_the_next_plan_ahead_of_its_time() -> None:
    text = mutate(
        "推动“八五”普法规划圆满收官",
        "谋划“九五”普法规划",
        CLEAN.replace("2024", "2025").replace("2025年1月20日", "2026年1月20日"),
    )
    assert "P401" not in check_text(text).codes_found()


def test_retrospective_use_of_last_plan_is_allowed_in_the_year_after() -> None:
    text = CLEAN.replace("2024", "2026").replace("2025", "2027")
    text = text.replace("推进“八五”普法规划实施", "全面总结“八五”普法规划实施情况并做好收官验收")
    text = text.replace("推动“八五”普法规划圆满收官", "推进普法工作")
    found = check_text(text).codes_found()
    assert "P402" not in found and "P401" not in found


def test_deadline_is_a_setting() -> None:
    late = mutate("2025年1月20日", "2025年3月20日")
    assert "D303" not in check_text(late).codes_found()
    strict = check_text(late, settings=CheckSettings(deadline="03-01"))
    assert [f.severity for f in strict.by_code("D303")] == ["warning"]


def test_numbering_must_restart_under_a_new_parent() -> None:
    text = mutate(
        "一是深入学习贯彻习近平法治思想",
        "（一）深入学习贯彻习近平法治思想，把法治建设纳入全局工作要点。\n\n（二）加强执法队伍建设。\n\n一是",
    )
    text = text.replace("（一）深入学习", "（五）深入学习").replace(
        "（二）加强执法队伍建设", "（六）加强执法队伍建设"
    )
    assert "N204" in check_text(text).codes_found()


def test_other_genre_is_named_in_one_finding() -> None:
    text = (
        "临川县科学技术局2024年政府信息公开工作年度报告\n\n一、总体情况\n\n本年主动公开政府信息情况如下。\n\n"
        "二、主动公开政府信息情况\n\n本年新制发件数2件。\n\n三、收到和处理政府信息公开申请情况\n\n无。\n"
    )
    result = check_text(text)
    assert [f.code for f in result.findings] == ["G001"]
    assert "政府信息公开" in result.findings[0].message


def test_select_and_ignore() -> None:
    text = mutate("营造法治氛围", "营造法制氛围", mutate("二、存在", "二.存在"))
    assert check_text(text, select="T").codes_found() == {"T505"}
    assert check_text(text, ignore="N,T505").codes_found() == set()


def test_dataframe_and_json() -> None:
    result = check_text(mutate("营造法治氛围", "营造法制氛围"))
    df = result.to_dataframe()
    assert list(df["code"]) == ["T505"]
    assert {"code", "severity", "line", "section", "message", "suggestion", "excerpt"} <= set(
        df.columns
    )
    data = result.to_dict()
    assert data["summary"]["warning"] == 1 and data["findings"][0]["section"] == "measures"
