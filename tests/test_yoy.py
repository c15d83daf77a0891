"""Year over year: extract a fact sheet from a report, draft from it, compare two years."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from toolkit.check import check_file, check_text
from toolkit.cli import app
from toolkit.corpus import CorpusStore, ingest
from toolkit.draft.pipeline import Drafter
from toolkit.errors import InputError
from toolkit.facts import FactSheet, load_fact_sheet
from toolkit.llm import ScriptedBackend
from toolkit.parse.parser import parse_file, parse_text
from toolkit.text.numbers import find_quantities
from toolkit.yoy.compare import compare_files, compare_sheets
from toolkit.yoy.extract import extract_file, extract_report, yoy_rules
from toolkit.yoy.similarity import Idf, containment

from .conftest import REFS, ROOT, seed

DATA = Path(__file__).parent / "data" / "yoy"
YEARS = ROOT / "examples" / "yoy"  # two consecutive years of one invented bureau
SEEDS = ["001", "002", "003", "004"]
# Distinctive names of each seed: a sheet extracted from one seed holds none of the others'.
NAMES = {
    "001": ["孝感", "荆门", "临沂"],
    "002": ["高台", "甘肃"],
    "003": ["鹤壁", "河南"],
    "004": ["高青", "青苑"],
}
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CorpusStore:
    st = CorpusStore(tmp_path_factory.mktemp("corpus") / "c.sqlite")
    ingest([REFS], st, workers=1)
    return st


def _grams(text: str) -> set[str]:
    t = re.sub(r"[^\u4e00-\u9fff\d]", "", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _seed_quantities(path: Path) -> Counter:
    """Every quantity of the report's parts (title, opening and closing aside), as (value,
    unit); a space between a number and its unit (`4 项`, a slip the checker reports) is
    read as the writer meant it."""
    report = parse_file(path)
    lines = report.lines[report.sections[0].line_index : report.body_end]
    out: Counter = Counter()
    for line in lines:
        text = re.sub(r"(?<=\d) +(?=[\u4e00-\u9fff])", "", line.text)
        out.update((q.value, q.unit) for q in find_quantities(text))
    return out


# -- extract ----------------------------------------------------------------------------
@pytest.mark.parametrize("sid", SEEDS)
def test_round_trip_extract_draft_check(sid: str, store: CorpusStore, tmp_path: Path) -> None:
    """extract → (the analyst fills a missing date) → offline draft → check --facts."""
    path = seed(sid)
    out = tmp_path / "facts.yaml"
    res = runner.invoke(app, ["extract", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    sheet = load_fact_sheet(out)
    # ≥ 95% of the seed's quantities are in the sheet with the right value and unit.
    want = _seed_quantities(path)
    got = Counter((q.value, q.unit) for f in sheet.all_facts() for q in f.quantities)
    found = sum((want & got).values())
    assert found / sum(want.values()) >= 0.95, want - got
    # Every fact is this report's: nearly all are verbatim sentences of it, the rest tidied
    # copies (≥ 90% of their bigrams in it), and no other seed's names appear.
    source = parse_file(path).text
    src_grams = _grams(source)
    facts = sheet.all_facts()
    for fact in facts:
        g = _grams(fact.text)
        assert len(g & src_grams) >= 0.9 * len(g), fact.text
    repaired = sum(
        any(re.search("改为|删去", n) for n in notes) for notes in extract_file(path).notes.values()
    )
    verbatim = sum(f.text in source for f in facts)
    assert verbatim >= len(facts) - repaired
    others = [n for k, names in NAMES.items() if k != sid for n in names]
    assert not [n for n in others if n in text]
    # Opening and closing formulas are left out.
    assert "现将" not in text and "特此报告" not in text
    if sheet.date is None:  # the comment asks the analyst for it; do what they would
        assert "date 请补填" in text
        text = text.replace("\nsections:", f"\ndate: {sheet.year + 1}-03-01\nsections:", 1)
        out.write_text(text, encoding="utf-8")
        sheet = load_fact_sheet(out)
    draft = Drafter(store=store, home=tmp_path / "home").draft(sheet)
    draft_path = tmp_path / "draft.txt"
    draft_path.write_text(draft.text, encoding="utf-8")
    res = runner.invoke(app, ["check", str(draft_path), "--facts", str(out), "-f", "json"])
    findings = json.loads(res.output)["findings"]
    assert [f for f in findings if f["severity"] == "error"] == [], findings
    assert res.exit_code == 0


def test_extracted_sheet_structure_and_comments() -> None:
    ex = extract_file(seed("003"))
    sheet = ex.sheet
    assert sheet.bureau.name == "鹤壁市科学技术局" and sheet.bureau.level == "city"
    assert sheet.bureau.superiors == ["市委", "市政府"] and sheet.bureau.short_name == "市科技局"
    assert sheet.year == 2019 and str(sheet.date) == "2020-02-11"
    # The last paragraph holds the problems and the plans without headings: moved, noted.
    assert [f.text for f in sheet.sections["shortcomings"][0].facts] == [
        "个别干部服务型行政执法的意识和能力还需要提高等"
    ]
    assert sheet.sections["plans"][0].facts[0].text.startswith("在今后的工作中")
    text = ex.to_yaml()
    assert "# 《中华人民共和国成果转化法》改为《中华人民共和国促进科技成果转化法》" in text
    assert "# 报告没有“shortcomings”部分的标题" in text
    # The commented YAML loads back to the same sheet.
    again = FactSheet.model_validate(yaml.safe_load(text))
    assert again.model_dump() == sheet.model_dump()
    # Quantities as {text, value, unit}; 万元 stays in the unit, approximations keep their value.
    money = [q for f in sheet.all_facts() for q in f.quantities if q.unit == "万元"]
    assert ("5249.57万元", 5249.57) in [(q.text, q.value) for q in money]
    topics = {g.topic for g in sheet.sections["measures"]}
    assert {"leadership", "normdoc", "pufa", "streamlining", "science"} <= topics


def test_facts_split_at_items_and_labels_kept_out() -> None:
    sheet = extract_file(seed("002")).sheet
    texts = [f.text for f in sheet.all_facts()]
    assert "增强法治意识" not in texts and "成立领导小组" not in texts  # item labels
    assert not [t for t in texts if re.match(r"^[一二三四五六七八九十]+是", t)]
    # 002 has no first-responsible heading: the sentence naming the duty is moved there.
    fr = [f.text for g in sheet.sections["first_responsible"] for f in g.facts]
    assert fr and all("第一责任人" in t for t in fr)
    # The doubled title and the stray spaces of the source are repaired in the sheet.
    assert not [t for t in texts if "中华人民共和国中华人民共和国" in t or " ，" in t]


HAND = [
    ("001_xiaogan_2017", "001"),
    ("002_gaotai_2024", "002"),
    ("004_gaoqing_2021", "004"),
]


@pytest.mark.parametrize(("sheet_name", "sid"), HAND)
def test_hand_made_sheets_are_recalled(sheet_name: str, sid: str) -> None:
    """Recall of a hand-made sheet's facts by the extracted one.

    A hand fact with a value is recalled when an extracted fact states a quantity of the
    same value and unit and shares ≥ 30% of the hand fact's character bigrams (the hand
    text is a short label such as 召开专题会议). One without a value is recalled when one
    extracted fact, or two adjacent ones (hand sheets often join two sentences), cover
    ≥ 50% of its bigrams. Hand facts the report does not state (< 50% of their bigrams
    anywhere in it: the 002 sheet adds a cause of its own) are counted apart."""
    hand = load_fact_sheet(ROOT / "examples" / "facts" / f"{sheet_name}.yaml")
    path = seed(sid)
    source = _grams(parse_file(path).text)
    facts = extract_file(path).sheet.all_facts()
    spans = [_grams(f.text) for f in facts]
    spans += [a | b for a, b in itertools.pairwise(spans)]
    stated = recalled = 0
    for h in hand.all_facts():
        g = _grams(h.text)
        if len(g & source) / len(g) < 0.5:
            continue
        stated += 1
        if h.value is not None:
            recalled += any(
                q.value == h.value and q.unit == h.unit and len(g & _grams(f.text)) >= 0.3 * len(g)
                for f in facts
                for q in f.quantities
            )
        else:
            recalled += max(len(g & s) for s in spans) >= 0.5 * len(g)
    assert stated >= len(hand.all_facts()) - 1
    assert recalled / stated >= 0.9


def test_next_year_sheet(tmp_path: Path) -> None:
    out = tmp_path / "2025.yaml"
    res = runner.invoke(
        app, ["extract", str(YEARS / "liuwan_2024.txt"), "--next-year", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    sheet = load_fact_sheet(out)
    last = extract_file(YEARS / "liuwan_2024.txt").sheet
    assert sheet.year == 2025 and sheet.date is None and not sheet.sections.get("plans")
    assert [c.text for c in sheet.carried_over] == [f.text for f in last.sections["plans"][0].facts]
    qs = [q for f in sheet.all_facts() for q in f.quantities]
    assert qs and all(q.value is None and q.previous is not None for q in qs)
    study = next(g for g in sheet.sections["measures"] if g.topic == "study")
    assert "集中学法【待填】次" in study.facts[0].text
    assert any(q.previous == 24 and q.unit == "次" for q in study.facts[0].quantities)
    assert "# 去年：" in out.read_text(encoding="utf-8")


NOT_THIS_GENRE = """某县科学技术局2024年政府信息公开工作年度报告

一、总体情况
本年度我局主动公开政府信息情况良好，依申请公开办理及时。
二、主动公开政府信息情况
本年新制发件数3件，本年废止件数1件。
三、收到和处理政府信息公开申请情况
全年收到申请2件，均按期答复。
"""


def test_extract_refuses_other_genres_and_english(tmp_path: Path) -> None:
    other = tmp_path / "openness.txt"
    other.write_text(NOT_THIS_GENRE, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "toolkit.cli", "extract", str(other)],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert res.returncode == 2 and "政府信息公开工作年度报告" in res.stderr
    assert "Traceback" not in res.stderr
    with pytest.raises(InputError, match="政府信息公开工作年度报告"):
        extract_report(parse_text(NOT_THIS_GENRE))
    with pytest.raises(InputError, match="not a Chinese report"):
        extract_file(seed("000"))
    recipe = tmp_path / "recipe.txt"
    recipe.write_text(
        "红烧肉的做法\n\n五花肉切块，焯水后加冰糖炒色，再加酱油和水炖一小时。\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="does not look like"):
        extract_file(recipe)


# -- compare ----------------------------------------------------------------------------
def test_compare_finds_what_was_planted_and_nothing_else() -> None:
    c = compare_files(YEARS / "liuwan_2023.txt", YEARS / "liuwan_2024.txt")
    assert c.warnings == [] and c.plans_judged
    changed = {(q.label, q.old, q.new, q.unit) for q in c.changed}
    assert changed == {
        ("全年组织干部职工集中学法", 12, 24, "次"),
        ("邀请律师开展法治讲座", 2, 3, "次"),
        ("发放宣传资料", 3000, 5000, "份"),
        ("持证执法人员", 10, 13, "名"),
        ("全年审查涉企政策文件", 5, 8, "件"),
        ("办理县人大代表建议和政协委员提案", 6, 9, "件"),
    }
    study = next(q for q in c.changed if q.old == 12)
    assert study.change == 100 and study.describe() == "全年组织干部职工集中学法 12 → 24 次, +100%"
    assert {p.plan for p in c.unanswered} == {
        "编制重大行政决策事项目录并向社会公布",
        "完成局机关公职律师配备",
    }
    assert sum(p.answered for p in c.plans) == 4
    df = c.to_dataframe("quantities")
    assert list(df.columns[:6]) == ["section", "topic", "label", "old", "new", "unit"]
    assert len(c.to_dataframe("plans")) == 6 and set(c.to_dataframe()["status"]) >= {
        "same",
        "only_new",
    }


def test_compare_cli_mixes_reports_and_sheets(tmp_path: Path) -> None:
    sheet = tmp_path / "2023.yaml"
    runner.invoke(app, ["extract", str(YEARS / "liuwan_2023.txt"), "-o", str(sheet)])
    res = runner.invoke(app, ["compare", str(sheet), str(YEARS / "liuwan_2024.txt"), "-f", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["summary"]["quantities_changed"] == 6 and data["summary"]["plans_answered"] == 4
    res = runner.invoke(app, ["compare", str(sheet), str(YEARS / "liuwan_2024.txt")])
    assert res.exit_code == 0 and "not found" in res.stdout and "+100%" in res.stdout


def test_compare_without_plans_and_across_bureaus(tmp_path: Path) -> None:
    text = (YEARS / "liuwan_2023.txt").read_text(encoding="utf-8")
    no_plans = tmp_path / "no_plans.txt"
    no_plans.write_text(text[: text.index("四、2024年")] + "特此报告。\n", encoding="utf-8")
    c = compare_files(no_plans, YEARS / "liuwan_2024.txt")
    assert not c.plans_judged and c.plans == []
    assert any("cannot be judged" in w for w in c.warnings)  # English: conftest sets FAZHI_LANG
    res = runner.invoke(app, ["compare", str(no_plans), str(YEARS / "liuwan_2024.txt")])
    assert res.exit_code == 0 and "cannot be judged" in res.stdout
    other = compare_sheets(extract_file(seed("004")).sheet, extract_file(seed("002")).sheet)
    assert any("different bureaus" in w for w in other.warnings) and other.facts
    res = runner.invoke(app, ["compare", str(seed("004")), str(seed("002"))])
    assert res.exit_code == 0 and "different bureaus" in res.stderr


def test_plan_threshold_separates_the_labelled_pairs() -> None:
    pairs = yaml.safe_load((DATA / "plan_pairs.yaml").read_text(encoding="utf-8"))["pairs"]
    idf = Idf([t for p in pairs for t in (p["plan"], p["measure"])])
    scores = {True: [], False: []}
    for p in pairs:
        scores[p["answered"]].append(containment(p["plan"], p["measure"], idf))
    threshold = yoy_rules().thresholds.plan_answered
    assert min(scores[True]) - threshold >= 0.05, scores
    assert threshold - max(scores[False]) >= 0.05, scores


# -- drafting with the previous report ----------------------------------------------------
def test_draft_with_previous_report_uses_its_voice_not_its_numbers(
    store: CorpusStore, tmp_path: Path
) -> None:
    last = YEARS / "liuwan_2023.txt"
    sheet = extract_file(YEARS / "liuwan_2024.txt").sheet
    seen: dict[str, str] = {}

    def reply(messages, ctx):  # copies last year's figure 12, which the sheet does not hold
        seen.setdefault(ctx.section.id, messages[-1].content)
        return "一是全年组织干部职工集中学法12次。"

    drafter = Drafter(backend=ScriptedBackend(reply=reply), store=store, home=tmp_path / "h")
    drafter.use_previous(last)
    draft = drafter.draft(sheet)
    measures = next(s for s in draft.sections if s.id == "measures")
    assert measures.exemplars[0] < 0  # the previous report's chunk comes first
    first = seen["measures"]
    assert "参考段落1" in first and "调整局法治政府建设领导小组" in first.split("参考段落2")[0]
    assert "12【待核实】" in draft.text  # the guard still rejects last year's number
    # The CLI: offline, with last year's report; the draft has no error finding.
    out = tmp_path / "out"
    facts = tmp_path / "2024.yaml"
    runner.invoke(app, ["extract", str(YEARS / "liuwan_2024.txt"), "-o", str(facts)])
    res = runner.invoke(
        app, ["draft", str(facts), "--previous", str(last), "-o", str(out), "--format", "md"]
    )
    assert res.exit_code == 0, res.output
    md = next(out.glob("*.md"))
    assert check_file(md, facts=load_fact_sheet(facts)).has_errors is False


def test_a_drafted_docx_extracts_back_to_its_sheet(tmp_path: Path) -> None:
    """Next year, last year's report is often one this toolkit drafted: its .docx reads back
    into the facts it was written from. The composer's own clauses and leads are left out;
    what else comes back are the general clauses the draft borrowed from exemplars (its
    provenance says so), which the analyst deletes like any other sentence."""
    facts = tmp_path / "2024.yaml"
    runner.invoke(app, ["extract", str(YEARS / "liuwan_2024.txt"), "-o", str(facts)])
    sheet = load_fact_sheet(facts)
    out = tmp_path / "out"
    res = runner.invoke(app, ["draft", str(facts), "-o", str(out), "--format", "docx,json"])
    assert res.exit_code == 0, res.output
    again = extract_file(next(out.glob("*.docx"))).sheet
    got = [f.text for f in again.all_facts()]
    assert [t for t in got if t in {f.text for f in sheet.all_facts()}] == [
        f.text for f in sheet.all_facts()
    ]
    provenance = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))["provenance"]
    borrowed = {p["text"].rstrip("。") for p in provenance if p["exemplars"] and not p["facts"]}
    assert set(got) - {f.text for f in sheet.all_facts()} <= borrowed
    assert again.bureau == sheet.bureau and again.date == sheet.date


def test_checker_finds_a_figure_of_a_fact_left_out(store: CorpusStore, tmp_path: Path) -> None:
    """A draft that drops one of the figures a fact's text states gets F602 for it."""
    sheet = extract_file(YEARS / "liuwan_2024.txt").sheet
    draft = Drafter(store=store, home=tmp_path / "h").draft(sheet)
    assert "F602" not in draft.check.codes_found()  # type: ignore[union-attr]
    text = draft.text.replace("集中学法24次，", "集中学法，")
    found = [f for f in check_text(text, facts=sheet).findings if f.code == "F602"]
    assert [f.message for f in found] == [
        "事实“制定领导干部年度学法清单，全年组织干部职工集中学法24次，邀请律师开展法治讲座3次”"
        "中的“24次”没有写入报告。"
    ]


def test_a_previous_report_of_another_bureau_or_year_is_named_in_a_warning() -> None:
    from toolkit.draft.pipeline import previous_report_warnings

    sheet = extract_file(YEARS / "liuwan_2024.txt").sheet
    last = parse_file(YEARS / "liuwan_2023.txt")
    assert previous_report_warnings(sheet, last) == []  # the same bureau, the year before
    other = parse_file(seed("004"))
    why = previous_report_warnings(sheet, other)
    assert len(why) == 2 and other.issuer in why[0] and str(other.year) in why[1]


def test_compare_warnings_are_chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAZHI_LANG")
    other = compare_sheets(extract_file(seed("004")).sheet, extract_file(seed("002")).sheet)
    assert any("两份材料的单位不同" in w for w in other.warnings)
