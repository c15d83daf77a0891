"""Numbers in every written form, end to end: the drafting guards against a loopback
OpenAI-compatible server, the checker's fact family, and fact sheets with Chinese values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit import InputError
from toolkit.check import check_text
from toolkit.corpus import CorpusStore, ingest
from toolkit.draft.pipeline import Drafter
from toolkit.facts import FactSheet, load_fact_sheet, load_facts
from toolkit.llm import LLMConfig
from toolkit.llm.fakeserver import FakeOpenAIServer, echo_facts_reply
from toolkit.llm.openai_backend import OpenAIBackend

from .conftest import REFS, ROOT

SHEET = ROOT / "examples/facts/002_gaotai_2024.yaml"
# The sheet's figures as a Chinese model would write them.
IN_CHINESE = {"4": "四", "24": "二十四", "2": "两", "30": "三十", "4000": "四千", "100": "一百",
              "6": "六"}  # fmt: skip
INVENTED = "全年另举办专题讲座三十七场，覆盖干部职工两百余人次。"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CorpusStore:
    st = CorpusStore(tmp_path_factory.mktemp("corpus") / "c.sqlite")
    ingest([REFS], st, workers=1)
    return st


def _drafter(store: CorpusStore, home: Path, url: str) -> Drafter:
    cfg = LLMConfig(backend="openai", model="fake-model", base_url=url, api_key="sk-local",  # type: ignore[arg-type]
                    backoff=0.01, max_retries=1, timeout=5.0)  # fmt: skip
    return Drafter(backend=OpenAIBackend(cfg), config=cfg, store=store, home=home)


def _chinese(text: str) -> str:
    return re.sub(r"\d+", lambda m: IN_CHINESE[m.group(0)], text)


def _retry(body: dict) -> bool:
    return "上一稿" in body["messages"][-1]["content"]


def test_invented_chinese_numerals_are_regenerated(store: CorpusStore, tmp_path: Path) -> None:
    def chat(body: dict) -> str:
        good = echo_facts_reply(body)
        return good if _retry(body) else good + INVENTED

    with FakeOpenAIServer(chat=chat) as srv:
        draft = _drafter(store, tmp_path, srv.base_url).draft(load_fact_sheet(SHEET))
    assert "三十七" not in draft.text and "两百余" not in draft.text
    assert "【待核实】" not in draft.text and not draft.check.has_errors  # type: ignore[union-attr]
    assert len(draft.sections) == 4 and all(s.attempts == 2 for s in draft.sections)
    retries = [r.body["messages"][-1]["content"] for r in srv.requests if _retry(r.body)]
    assert len(retries) == 4
    for prompt in retries:
        assert "数字“三十七”（即37）不在事实清单中" in prompt
        assert "数字“两百余”（即200）不在事实清单中" in prompt


def test_persistent_chinese_numerals_are_marked_in_every_section(
    store: CorpusStore, tmp_path: Path
) -> None:
    with FakeOpenAIServer(chat=lambda body: echo_facts_reply(body) + INVENTED) as srv:
        draft = _drafter(store, tmp_path, srv.base_url).draft(load_fact_sheet(SHEET))
    for section in draft.sections:
        assert "三十七【待核实】场" in section.body and "两百余【待核实】人次" in section.body
        assert any("三十七" in p for p in section.problems)
    assert draft.check is not None
    f601 = [f.message for f in draft.check.findings if f.code == "F601"]
    assert "数字“三十七”（即37）在事实清单中找不到。" in f601
    assert "数字“两百余”（即200）在事实清单中找不到。" in f601
    assert len(f601) == 8  # two in each of the four sections


def test_every_fact_in_chinese_numerals_passes(store: CorpusStore, tmp_path: Path) -> None:
    with FakeOpenAIServer(chat=lambda body: _chinese(echo_facts_reply(body))) as srv:
        draft = _drafter(store, tmp_path, srv.base_url).draft(load_fact_sheet(SHEET))
    assert "三十场次" in draft.text and "四千份" in draft.text and "二十四次" in draft.text
    assert not re.search(r"\d+(?:次|份|本|项|场次)", draft.sections[0].body)
    assert "【待核实】" not in draft.text
    assert all(s.attempts == 1 and not s.problems for s in draft.sections)
    assert draft.check is not None
    assert not {"F601", "F602", "F604"} & set(draft.check.codes_found()), draft.check.findings


def test_approximation_of_an_exact_fact_is_a_warning(store: CorpusStore, tmp_path: Path) -> None:
    def chat(body: dict) -> str:
        return echo_facts_reply(body).replace("集中学法24次", "集中学法二十余次")

    with FakeOpenAIServer(chat=chat) as srv:
        drafter = _drafter(store, tmp_path, srv.base_url)
        draft = drafter.draft(load_fact_sheet(SHEET))
    draft_config_regenerate = drafter.config.regenerate
    measures = draft.sections[0]
    assert "二十余次" in measures.body and "【待核实】" not in measures.body
    assert measures.attempts == 1 + draft_config_regenerate  # asked for the exact figure
    assert any("二十余次" in p and "确数24次" in p for p in measures.problems)
    assert draft.check is not None and not draft.check.has_errors
    codes = draft.check.codes_found()
    assert "F604" in codes and "F602" not in codes
    (f604,) = [f for f in draft.check.findings if f.code == "F604"]
    assert f604.severity == "warning" and "二十余次" in f604.message and "24次" in f604.message


CHECK_SHEET = """\
bureau: {name: 临川县科学技术局, level: county}
year: 2024
sections:
  measures:
    - topic: pufa
      facts:
        - {text: 开展普法宣传, value: 18, unit: 次}
        - {text: 发放宣传资料, value: 4000, unit: 份}
        - {text: 印发政策汇编, value: 12000, unit: 份}
        - {text: 投入普法经费, value: 5249.57, unit: 万元}
        - {text: 学法考试参考率, value: 100, unit: "%"}
        - {text: 走访企业, value: 12, unit: 家}
"""

DRAFT = """临川县科学技术局2024年法治政府建设工作报告
一、主要举措和成效
（一）深入开展普法
全年开展普法宣传{a}，发放宣传资料{b}，印发政策汇编{c}，投入普法经费{d}，学法考试参考率达到{e}，走访企业{f}。“八五”普法深入推进，落实“三重一大”制度，局主要负责人履行第一责任人职责。
二、存在的不足和原因
普法形式较为单一，主要原因是人员不足。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头学法，增强“四个意识”，坚决做到“两个维护”。
四、2025年推进法治政府建设的主要安排
一是加强学习；二是完善制度。
"""


def _check(tmp_path: Path, **forms: str) -> dict[str, list[str]]:
    path = tmp_path / "facts.yaml"
    path.write_text(CHECK_SHEET, encoding="utf-8")
    (sheet,) = load_facts(path)
    values = dict(a="18次", b="4000份", c="12000份", d="5249.57万元", e="100%", f="12家")
    report = check_text(DRAFT.format(**{**values, **forms}), facts=sheet)
    out: dict[str, list[str]] = {}
    for f in report.findings:
        if f.code.startswith("F"):
            out.setdefault(f.code, []).append(f.message)
    return out


def test_checker_reads_every_written_form(tmp_path: Path) -> None:
    assert _check(tmp_path) == {}
    other = dict(
        a="十八次", b="四千份", c="1.2万份", d="五千二百四十九点五七万元", e="百分之百", f="十二家"
    )
    assert _check(tmp_path, **other) == {}
    assert _check(tmp_path, c="一万二千份", e="百分之一百") == {}


def test_checker_names_written_form_and_value(tmp_path: Path) -> None:
    found = _check(tmp_path, a="十七次", f="十余家")
    assert found["F601"] == ["数字“十七”（即17）在事实清单中找不到。"]
    assert found["F602"] == ["事实“开展普法宣传”（18次）没有写入报告。"]
    (approx,) = found["F604"]
    assert "十余家" in approx and "12家" in approx
    found = _check(tmp_path, b="近六千份")  # 4800–6000: not the sheet's 4000
    assert found["F601"] == ["数字“近六千”（即6000）在事实清单中找不到。"]
    assert "F604" in _check(tmp_path, b="近五千份")  # 4000–5000: the sheet's 4000, rounded


def test_chinese_values_in_fact_sheets(tmp_path: Path, store: CorpusStore) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(CHECK_SHEET.replace("value: 18,", "value: 十八,"), encoding="utf-8")
    (sheet,) = load_facts(path)
    fact = sheet.all_facts()[0]
    assert fact.value == 18 and fact.written == "十八" and fact.value_with_unit == "十八次"
    draft = Drafter(store=store, home=tmp_path / "home").draft(sheet)
    assert "开展普法宣传十八次" in draft.text
    assert draft.check is not None and not {"F601", "F602"} & set(draft.check.codes_found())
    table = tmp_path / "facts.csv"
    table.write_text(
        "bureau,level,year,section,topic,text,value,unit\n"
        "临川县科学技术局,county,2024,measures,pufa,开展宣传,三十,场\n"
        "临川县科学技术局,county,2024,measures,pufa,发放资料,1.2万,份\n",
        encoding="utf-8",
    )
    (sheet2,) = load_facts(table)
    assert [(f.value, f.written) for f in sheet2.all_facts()] == [(30, "三十"), (12000, "1.2万")]
    from toolkit.facts import sheet_to_frame

    assert list(sheet_to_frame(sheet2)["value"]) == ["三十", "1.2万"]


@pytest.mark.parametrize(
    ("value", "needle"),
    [("约30", "write the exact figure (30 if that is exact), not “约30”"),
     ("三十余", "approximation"), ("3至5", "range"), ("30次", "write 30 in value and 次 in unit"),
     ("很多", "not a number")],
)  # fmt: skip
def test_fact_sheet_refuses_approximations_with_the_fix(
    tmp_path: Path, value: str, needle: str
) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(CHECK_SHEET.replace("value: 18,", f"value: {value},"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_facts(path)
    assert needle in str(info.value) and "sections.measures.1.facts.1" in str(info.value)
    table = tmp_path / "facts.csv"
    table.write_text(
        "bureau,level,year,section,topic,text,value,unit\n"
        f"临川县科学技术局,county,2024,measures,pufa,开展宣传,{value},场\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="row 2") as info:
        load_facts(table)
    assert needle in str(info.value)


def test_set_phrases_in_a_draft_raise_nothing(tmp_path: Path) -> None:
    sheet = FactSheet.model_validate(
        {"bureau": {"name": "临川县科学技术局", "level": "county"}, "year": 2024,
         "sections": {"measures": [{"facts": [{"text": "召开会议", "value": 3, "unit": "次"}]}]}}
    )  # fmt: skip
    text = DRAFT.format(a="3次", b="", c="", d="", e="", f="")
    text += "深化“放管服”改革和“最多跑一次”改革，推进一网通办，打造一站式服务，落实“一把手”责任，全面推行“双随机、一公开”，做到“三个到位”，坚定“四个自信”，深刻领悟“两个确立”，谋划“十五五”，坚持第一议题制度，深入一线。"
    report = check_text(text, facts=sheet)
    assert [f for f in report.findings if f.code in ("F601", "F604")] == []
