"""Every department in its own voice (issue 19): profiles as data, drafts that carry no
other body's name or business, exemplars masked of their own body, and extraction of any
department's page."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from toolkit.check import check_text
from toolkit.corpus import CorpusStore
from toolkit.corpus.masking import mask_text
from toolkit.draft.guards import check_section
from toolkit.draft.pipeline import Drafter
from toolkit.errors import ConfigError
from toolkit.facts import load_fact_sheet
from toolkit.llm.offline import section_lead
from toolkit.parse.parser import parse_text
from toolkit.registers import departments
from toolkit.yoy import extract_report, next_year

from .conftest import ROOT

SHEETS = sorted((ROOT / "examples" / "facts").glob("10[1-9]_*.yaml"))
DOMAIN_DEPARTMENTS = {
    "司法局": "justice", "市场监督管理局": "market", "卫生健康委员会": "health",
    "生态环境局": "ecology", "交通运输局": "transport", "应急管理局": "emergency",
    "教育局": "education", "人力资源和社会保障局": "hrss", "自然资源局": "natural_resources",
    "统计局": "statistics", "科学技术局": "science", "人民政府": "government",
    "街道办事处": "street", "镇人民政府": "town",
}  # fmt: skip
SELF_FORMS = (
    "我局",
    "我委",
    "我厅",
    "我办",
    "我中心",
    "局党组",
    "委党组",
    "局主要负责人",
    "委主要负责人",
)


@pytest.fixture(autouse=True)
def _fresh_profiles() -> None:
    departments.profiles.cache_clear()
    yield
    departments.profiles.cache_clear()


# -- profiles ------------------------------------------------------------------------------


@pytest.mark.parametrize("ending,profile", DOMAIN_DEPARTMENTS.items())
def test_every_kind_of_body_has_its_profile(ending: str, profile: str) -> None:
    assert departments.profile_for("某县" + ending).id == profile


@pytest.mark.parametrize(
    "name,level,self_ref,party,head",
    [
        ("绵阳市卫生健康委员会", "city", "我委", "委党组", "委主要负责人"),
        ("平遥县司法局", "county", "我局", "局党组", "局主要负责人"),
        ("四川省交通运输厅", "province", "我厅", "厅党组", "厅主要负责人"),
        ("四季青街道办事处", "district", "我街道", "街道党工委", "街道党政主要负责人"),
        ("静海区人民政府", "district", "我区", "区政府党组", "区政府主要负责人"),
        ("古镛镇人民政府", "county", "我镇", "镇党委", "镇党政主要负责人"),
    ],
)
def test_self_reference_follows_the_name(
    name: str, level: str, self_ref: str, party: str, head: str
) -> None:
    v = departments.voice(name, level)
    assert (v.self_ref, v.party, v.head) == (self_ref, party, head)


def test_a_user_adds_a_profile_as_a_yaml_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "finance.yaml").write_text(
        "id: finance\nlabel: 财政\nnames: [财政局]\nbusiness: [预算绩效, 政府采购]\n"
        "topics:\n  - {id: budget, heading: 依法加强预算管理, keywords: [预算], closing: 预算约束更加有力。}\n"
        "phrases: {aim: 财政工作}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FAZHI_DEPARTMENTS", str(folder))
    departments.profiles.cache_clear()
    v = departments.voice("平遥县财政局", "county")
    assert v.profile.id == "finance"
    assert (
        section_lead("plans", v, 2024)
        == "2025年，我局将继续坚持以法治思维和法治方式推进财政工作，重点做好以下工作。"
    )
    assert "预算绩效" in departments.foreign_words(departments.profiles()["justice"])


def test_an_unknown_key_in_a_profile_is_refused_with_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.yaml").write_text("id: bad\nlabel: 坏\nnames: []\ncolour: red\n", "utf-8")
    monkeypatch.setenv("FAZHI_DEPARTMENTS", str(tmp_path))
    departments.profiles.cache_clear()
    with pytest.raises(ConfigError, match=r"bad\.yaml\W+colour"):
        departments.profiles()


# -- drafting ------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；])|\n", text) if len(s.strip()) > 6]


def test_at_least_six_departments_have_example_sheets() -> None:
    kinds = {departments.profile_for(load_fact_sheet(p).bureau.name).id for p in SHEETS}
    assert len(kinds) >= 6 and "science" not in kinds


@pytest.mark.parametrize("path", SHEETS, ids=[p.stem for p in SHEETS])
def test_offline_draft_in_the_departments_own_voice(reference_store: CorpusStore, tmp_path: Path,
                                                    path: Path) -> None:  # fmt: skip
    sheet = load_fact_sheet(path)
    draft = Drafter(store=reference_store, home=tmp_path / "home").draft(sheet)
    text = draft.text
    voice = sheet.voice()
    codes = Counter(f.code for f in draft.check.findings)
    assert not [f for f in draft.check.findings if f.severity == "error"], draft.check.findings
    assert codes["F602"] == 0  # every fact in
    assert codes["F601"] == 0 and codes["F605"] == 0 and codes["F606"] == 0
    # every topic-less fact sits under one of the department's own topics
    headings = [t.heading for t in voice.profile.topics]
    assert sum(h in text for h in headings) >= 2
    # the right self-reference, and no other
    assert voice.self_ref in text and voice.head in text
    wrong = [
        w for w in SELF_FORMS if w in text and w not in (voice.self_ref, voice.party, voice.head)
    ]
    assert not wrong
    # no other body's name, no other department's business, no science phrasing
    assert "科技" not in text and "三个到位" not in text
    for word in departments.foreign_words(voice.profile):
        assert word not in text or any(word in f.text for f in sheet.all_facts()), word
    counts = Counter(_sentences(text))
    assert [s for s, n in counts.items() if n > 1] == []


def test_checker_and_guards_catch_another_departments_sentence() -> None:
    sheet = load_fact_sheet(ROOT / "examples" / "facts" / "101_pingyao_justice_2024.yaml")
    leak = "县科技局高度重视法治政府建设工作。组织开展科研诚信宣传。"
    kinds = {v.kind for v in check_section(leak, sheet, "measures")}
    assert {"name", "word"} <= kinds
    report = check_text(
        f"平遥县司法局2024年法治政府建设工作情况报告\n县委、县政府：\n一、主要举措和成效\n{leak}\n",
        facts=sheet,
        year=2024,
    )
    found = {f.code: f for f in report.findings}
    assert found["F605"].severity == "error" and "县科技局" in found["F605"].message
    assert "科研诚信" in found["F606"].message


def test_exemplars_are_masked_of_their_own_short_name_and_self_reference() -> None:
    masked = mask_text(
        "县科技局高度重视法治政府建设工作，我局以“三个到位”保障，局主要负责人亲自部署。",
        issuer="高台县科学技术局",
    )
    assert "科技局" not in masked and "我局" not in masked and "局主要负责人" not in masked
    assert masked.count("【本单位】") == 3


# -- extraction ----------------------------------------------------------------------------

PAGE = """首页 > 政务公开 > 法治政府建设
字体：【大 中 小】 打印
成文日期：2025-02-12
市委、市政府：
2024年，在市委、市政府的坚强领导下，我委把学习贯彻习近平法治思想作为一项重大政治任务，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
（一）强化卫生监督执法。全年开展卫生监督检查1200户次，查处违法案件35件。
（二）依法调处医疗纠纷。医疗纠纷人民调解委员会调处纠纷86件，开展普法宣传活动十二场，组织全委干部职工学
"""


def test_extract_any_departments_page() -> None:
    result = extract_report(parse_text(PAGE))
    b = result.sheet.bureau
    assert b.superiors == ["市委", "市政府"]
    assert b.level == "city"  # from the addressee: the text never names its place
    assert result.sheet.date is not None and result.sheet.date.isoformat() == "2025-02-12"
    quantities = [q.text for f in result.facts for q in f.quantities]
    assert "一项" not in quantities and {"1200户次", "35件", "86件"} <= set(quantities)
    assert not any(f.text.endswith("职工学") for f in result.facts)
    assert any("截断" in n for n in result.header_notes)
    blank, _notes, _head = next_year(result.sheet)
    blanked = [
        q for gs in blank.sections.values() for g in gs for f in g.facts for q in f.quantities
    ]
    assert sorted(q.previous for q in blanked) == sorted([1200, 35, 86, 12])


def test_issuer_whole_as_written_when_its_place_is_not_on_the_list() -> None:
    text = ("青岚县科学技术局2024年法治政府建设工作情况报告\n县委、县政府：\n"
            "2024年，我局坚持依法行政。现将有关情况报告如下。\n一、主要举措和成效\n召开会议4次。\n")  # fmt: skip
    report = parse_text(text)
    assert report.issuer == "青岚县科学技术局" and report.level == "county"
    stats = parse_text(
        "明溪县文体和旅游局2025年度法治政府建设情况报告\n2025年，我局坚持依法行政。\n"
    )
    assert stats.issuer == "明溪县文体和旅游局"
