"""Set formulations as a register: each error shape is caught in headings and text with the
right wording as its fix, renamed days are fixed to their new name (never to a day that does
not exist), and the text checks leave place names and registered names whole."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.check import check_text
from toolkit.errors import ConfigError
from toolkit.registers.formulations import (
    FormulationRegister,
    formulation_register,
    misquotes,
)
from toolkit.review.fixes import apply_edits, plan_fixes

OPENING = (
    "某县科学技术局2023年度法治政府建设情况报告\n"
    "2023年，我局坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n"
)


def _report(*lines: str, year: int = 2023) -> str:
    return OPENING.replace("2023", str(year)) + "\n".join(lines) + "\n"


# (as written, the right wording the fix must give, what is left of the wrong form after it)
SHAPES = [
    ("局长认真履行推进法治政府建设第一责任人职责。", "推进法治建设第一责任人职责", "法治政府建设第一"),
    ("全面落实党政主要负责人履行推行法治建设第一责任人职责。", "履行推进法治建设", "推行"),
    ("局党组书记履行推荐法治建设第一责任人职责。", "履行推进法治建设", "推荐"),
    ("把履行推进法制建设第一责任人职责情况列入述职。", "推进法治建设第一责任人", "法制建设"),
    ("严格执行党政主要负责人履行推进第一责任人职责的要求。", "履行推进法治建设第一责任人职责", None),
    ("不断提高运用法治思想和法治方式解决问题的能力。", "法治思维和法治方式", "法治思想和"),
    ("深入学习习近平法制思想。", "习近平法治思想", "法制思想"),
    ("领导干部带头学法尊法守法用法。", "尊法学法守法用法", "学法尊法"),
    ("将带头学法尊法学法守法用法纳入述职。", "带头尊法学法守法用法纳入", "学法尊法"),
    ("落实重大执法决定法治审核制度。", "重大执法决定法制审核", "法治审核"),
    ("开展“双随即、一公开”抽查12次。", "双随机、一公开", "双随即"),
    ("持续打造法制化营商环境。", "法治化营商环境", "法制化"),
    ("坚决落实推进法治政府建设第一责任职责制度。", "推进法治建设第一责任人职责", "第一责任职责"),
    ("局长履行推进法治建设第一责任职责。", "推进法治建设第一责任人职责", "第一责任职责"),
    ("推进行政决策科学化、民主化、法制化。", "科学化、民主化、法治化", "法制化"),
]


@pytest.mark.parametrize(("written", "right", "gone"), SHAPES)
def test_each_error_shape_is_caught_and_fixed_to_the_right_wording(
    written: str, right: str, gone: str | None
) -> None:
    text = _report(written)
    found = [f for f in check_text(text).findings if f.code == "P404"]
    assert len(found) == 1, check_text(text).findings
    assert "改为“" in (found[0].suggestion or "")
    lines = text.splitlines()
    result = check_text(text)
    fixed = apply_edits(lines, plan_fixes(result, lines).edits)
    assert right in fixed
    if gone:
        assert gone not in fixed
    assert not [f for f in check_text(fixed).findings if f.code in ("P404", "T505")]


def test_a_misquote_in_a_heading_is_caught_too() -> None:
    text = _report(
        "一、2023年度推荐法治政府建设存在的不足和原因",
        "执法队伍力量不足，主要原因是人员编制少。",
        "二、党政主要负责人履行推进法治建设第一责任人情况",
        "局长带头学法。",
    )
    found = {f.line: f for f in check_text(text).findings if f.code == "P404"}
    assert sorted(found) == [3, 5]
    assert "推进法治政府建设" in (found[3].suggestion or "")
    assert "第一责任人职责" in (found[5].suggestion or "")


def test_right_wordings_give_no_finding() -> None:
    text = _report(
        "局主要负责人切实履行推进法治建设第一责任人职责，严格执行《党政主要负责人履行推进法治建设"
        "第一责任人职责规定》。",
        "运用法治思维和法治方式推动工作，带头尊法学法守法用法，落实“谁执法谁普法”普法责任制。",
        "严格落实行政执法三项制度，重大执法决定法制审核率100%，法制机构统筹合法性审查。",
        "在“12·4”国家宪法日和“宪法宣传周”开展宣传，营造法治化营商环境。",
    )
    codes = {f.code for f in check_text(text).findings}
    assert not codes & {"P404", "P405", "T505", "T502", "T513"}, codes


def test_the_old_name_of_12_4_becomes_national_constitution_day_never_a_new_day() -> None:
    text = _report("利用“12.4”法制宣传日等活动进行集中宣传，深化法制教育。")
    result = check_text(text)
    renamed = [f for f in result.findings if f.code == "P405"]
    assert len(renamed) == 1 and "国家宪法日" in (renamed[0].suggestion or "")
    legal_term = [f for f in result.findings if f.code == "T505"]
    assert len(legal_term) == 1 and "法治教育" in (legal_term[0].suggestion or "")
    lines = text.splitlines()
    fixed = apply_edits(lines, plan_fixes(result, lines).edits)
    assert "“12.4”国家宪法日" in fixed and "法治宣传日" not in fixed and "法治教育" in fixed


def test_the_old_name_is_right_before_the_change() -> None:
    text = _report("开展“12.4”全国法制宣传日活动，加强法制宣传教育。", year=2012)
    codes = {f.code for f in check_text(text, year=2012).findings}
    assert not codes & {"P404", "P405", "T505"}
    made_up = _report("开展“12.4”法治宣传日活动。", year=2012)
    found = [f for f in check_text(made_up, year=2012).findings if f.code == "P405"]
    assert found and "全国法制宣传日" in (found[0].suggestion or "")


def test_fazhi_fix_writes_the_right_name(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text(_report("利用“12.4”法制宣传日开展宣传。"), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "toolkit.cli", "fix", str(path), "--write"],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert res.returncode in (0, 1) and "Traceback" not in res.stderr, res.stderr
    text = path.read_text(encoding="utf-8")
    assert "国家宪法日" in text and "法制宣传日" not in text and "法治宣传日" not in text


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("及时制定《盐城市城市管理局2023年政务公开工作计划》，明确责任分工。", {"T502", "T513"}),
        ("邹城市市场监督管理局、晋城市城市管理局参加联合检查。", {"T502", "T513"}),
        ("我局担任2019—2020轮值主席单位，牵头组织联席会议。", {"D305"}),
        ("落实《健康中国2030规划纲要》，对接中国制造2025战略。", {"D305"}),
    ],
)
def test_place_names_year_ranges_and_registered_names_are_no_slips(
    line: str, codes: set[str]
) -> None:
    found = {f.code for f in check_text(_report(line)).findings}
    assert not found & codes, found


def test_real_slips_next_to_them_are_still_found() -> None:
    found = {f.code for f in check_text(_report(
        "将《中华人民共和国中华人民共和国宪法》纳入学习，2022我局开展培训，积积参与普法。"
    )).findings}  # fmt: skip
    assert {"T502", "D305", "T513"} <= found


def test_every_fix_is_itself_right_and_every_entry_parses() -> None:
    reg = formulation_register()
    assert len(reg.formulations) >= 10
    for f in reg.formulations:
        for shape in f.shapes:
            year = shape.from_year or shape.until_year
            for m in re.finditer(r"[\u4e00-\u9fff]{2,}", shape.fix):
                # a fix never contains a wrong form of any shape of the same year
                assert not misquotes(m.group(0), year), (f.id, shape.fix)


def test_a_missing_or_corrupt_register_file_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_LANG", "en")
    with pytest.raises(ConfigError, match=r"formulations\.yaml.*missing"):
        formulation_register(tmp_path / "formulations.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("formulations: [{id: x, text: 法治, hint: 法, shapes: [{find: '(', fix: y, "
                   "shape: z}]}]\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(ConfigError, match=r"bad\.yaml.*invalid regular expression"):
        formulation_register(bad)
    bad.write_text("formulations: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml.*unreadable"):
        formulation_register(bad)
    assert isinstance(formulation_register(), FormulationRegister)
    monkeypatch.setenv("FAZHI_LANG", "zh")
    with pytest.raises(ConfigError, match=r"formulations\.yaml 不存在"):
        formulation_register(tmp_path / "formulations.yaml")
