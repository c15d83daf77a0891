"""A newcomer's rough edges (issue 17), each as the user meets it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from toolkit import InputError
from toolkit.check import check_file
from toolkit.corpus import CorpusStore, Searcher, ingest
from toolkit.draft.pipeline import opening_paragraph
from toolkit.facts import load_fact_sheet, load_facts
from toolkit.output.render import search_table
from toolkit.review import annotate_file

from .conftest import REFS, ROOT
from .docx_review import comments

YOY = ROOT / "examples" / "yoy"


def _fazhi(*args: str, home: Path, cwd: Path | None = None, **env: str):
    full = {**os.environ, "FAZHI_HOME": str(home), "FAZHI_LANG": "en", **env}
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True,
                          text=True, timeout=300, env=full, cwd=cwd)  # fmt: skip


# -- 2. the search table at 80 columns or piped ---------------------------------------------
def _widest_text(lines: list[str]) -> int:
    """The most Chinese characters in the last cell of any table row."""
    cells = [ln.split("│")[-2] for ln in lines if ln.count("│") >= 3]
    return max(len(re.findall(r"[\u4e00-\u9fff]", c)) for c in cells)


def test_demo_search_table_keeps_the_text_readable_at_80_columns(tmp_path: Path) -> None:
    demo = _fazhi("demo", home=tmp_path / "home", cwd=tmp_path, COLUMNS="80")  # piped stdout
    assert demo.returncode == 0, demo.stderr[-800:]
    lines = demo.stdout.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("search:"))
    end = next(i for i in range(start + 2, len(lines)) if lines[i].startswith("└"))
    table = lines[start : end + 1]
    assert _widest_text(table) >= 20  # was 6
    assert max(cell_len(ln) for ln in table) <= 80  # a 汉字 takes two cells


def test_search_table_on_a_wide_terminal_keeps_one_column_per_field(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "c.sqlite") as store:
        ingest([REFS], store, workers=1)
        results = Searcher(store).search("规范性文件 合法性审查 备案", 2)
    console = Console(width=200, record=True)
    console.print(search_table(results, masked=True))
    wide = console.export_text()
    assert all(col in wide for col in ("score", "source", "year", "level", "section", "topics"))
    narrow = Console(width=80, record=True)
    narrow.print(search_table(results, masked=True))
    assert "hit" in narrow.export_text() and "score" not in narrow.export_text()


# -- 3. positions in fact-sheet errors count from 1, like the fact ids -----------------------
def test_error_position_is_the_fact_id_counted_from_1(tmp_path: Path) -> None:
    groups = "".join(f"    - facts: [第{i}项工作]\n" for i in range(1, 5))
    text = ("bureau: {name: 高台县科学技术局, level: county}\nyear: 2024\nsections:\n"
            "  measures:\n" + groups + "    - facts:\n        - {text: 召开专题会议, value: 约30, unit: 次}\n")  # fmt: skip
    bad = tmp_path / "facts.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_facts(bad)
    assert "sections.measures.5.facts.1" in str(info.value)
    assert "measures.5.1" in str(info.value).split("sections.measures.5.facts.1", 1)[1]
    bad.write_text(text.replace("约30", "30"), encoding="utf-8")
    fact = load_fact_sheet(bad).sections["measures"][4].facts[0]
    assert fact.id == "measures.5.1" and fact.text == "召开专题会议"  # the same place
    twice = text.replace("约30", "30").replace("[第4项工作]", "[第1项工作]")
    bad.write_text(twice.replace("    - facts: [第1项工作]\n", "    - facts: [第1项工作, 第1项工作]\n", 1),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError, match=r"sections\.measures\.1\.facts\.2 repeats sections\.measures\.1\.facts\.1"):
        load_facts(bad)


# -- 4. superiors in one cell ---------------------------------------------------------------
@pytest.mark.parametrize("cell", ["市委;市政府", "市委；市政府", "市委、市政府", "市委,市政府",
                                  "市委，市政府", "市委 市政府", "市委\n市政府"])  # fmt: skip
def test_superiors_in_one_cell_are_split_at_any_separator(tmp_path: Path, cell: str) -> None:
    table = tmp_path / "t.csv"
    table.write_text("bureau,level,year,section,topic,text,value,unit,superiors\n"
                     f'临川县科学技术局,county,2024,measures,pufa,开展普法宣传,12,场,"{cell}"\n',  # as Excel quotes
                     encoding="utf-8")  # fmt: skip
    (sheet,) = load_facts(table)
    assert sheet.bureau.superiors == ["市委", "市政府"]
    assert "在市委、市政府的坚强领导下" in opening_paragraph(sheet)


def test_superiors_as_one_yaml_string(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("bureau: {name: 高台县科学技术局, level: county, superiors: 县委;县政府}\n"
                    "year: 2024\nsections: {plans: [{facts: [加强执法队伍建设]}]}\n", encoding="utf-8")  # fmt: skip
    assert load_fact_sheet(path).bureau.superiors == ["县委", "县政府"]


# -- 5. a comment covers the flagged words ----------------------------------------------------
def test_annotate_comments_cover_the_flagged_words_and_do_not_overlap(tmp_path: Path) -> None:
    src = tmp_path / "d.txt"
    src.write_text("临川县科学技术局2024年法治政府建设工作情况报告\n一、主要举措\n"
                   "我局加强法制宣传,规范行政行为，推进依法行政工作不断深入开展。\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "d.docx"
    done = annotate_file(src, out)
    by_code = {f.code: f for f in done.result.findings}
    assert by_code["T505"].flagged == "法制宣传" and by_code["T514"].flagged == ","
    anchored = {text.split()[0]: words for _, text, words in comments(out)}
    assert anchored["T505"] == "法制宣传"
    assert anchored["T514"] == ","
    # The two comments on line 3 sit side by side: neither covers the other's words.
    assert "," not in anchored["T505"] and "法制" not in anchored["T514"]


# -- 6. a fact with an empty unit is found written --------------------------------------------
@pytest.mark.parametrize("written", ["百分之九十八", "98%", "98％"])
def test_fact_with_an_empty_unit_is_found_in_percent_form(tmp_path: Path, written: str) -> None:
    sheet = tmp_path / "f.yaml"
    sheet.write_text("bureau: {name: 高台县科学技术局, level: county}\nyear: 2024\n"
                     "sections:\n  measures:\n    - topic: disputes\n      facts:\n"
                     "        - {text: 调解成功率, value: 98, unit: \"\"}\n", encoding="utf-8")  # fmt: skip
    draft = tmp_path / "d.txt"
    draft.write_text(f"高台县科学技术局2024年法治政府建设工作情况报告\n一、主要举措\n全年调解成功率{written}。\n",
                     encoding="utf-8")  # fmt: skip
    facts = load_fact_sheet(sheet)
    assert facts.all_facts()[0].unit is None
    assert "F602" not in check_file(draft, facts=facts).codes_found()
    draft.write_text(draft.read_text(encoding="utf-8").replace(f"调解成功率{written}", "调解成功"),
                     encoding="utf-8")  # fmt: skip
    assert "F602" in check_file(draft, facts=facts).codes_found()  # still found missing


# -- 7. --previous with the offline backend ---------------------------------------------------
def test_offline_draft_with_previous_uses_last_years_phrasing_not_its_numbers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    facts = tmp_path / "2024.yaml"
    assert _fazhi("extract", str(YOY / "liuwan_2024.txt"), "-o", str(facts), home=home).returncode == 0
    last = tmp_path / "liuwan_2023.txt"  # last year's report, with its own general clauses
    text = (YOY / "liuwan_2023.txt").read_text(encoding="utf-8")
    text = text.replace("研究部署依法行政重点任务。", "研究部署依法行政重点任务。全局干部依法行政意识明显增强。")
    text = text.replace("二、存在的不足和原因\n\n", "二、存在的不足和原因\n\n回顾一年来的工作，我局法治建设仍有一些短板和弱项。")
    last.write_text(text, encoding="utf-8")
    plain = _fazhi("draft", str(facts), "-o", str(tmp_path / "a"), "--format", "md", home=home)
    own = _fazhi("draft", str(facts), "-o", str(tmp_path / "b"), "--format", "md,json",
                 "--previous", str(last), home=home)  # fmt: skip
    assert plain.returncode == 0 and own.returncode == 0, own.stderr
    a = next((tmp_path / "a").glob("*.md")).read_text(encoding="utf-8")
    b = next((tmp_path / "b").glob("*.md")).read_text(encoding="utf-8")
    assert a != b
    for phrase in ("（一）加强组织领导。", "（二）抓好学法用法。", "（三）深化普法宣传。",
                   "全局干部依法行政意识明显增强。", "回顾一年来的工作，我局法治建设仍有一些短板和弱项。"):  # fmt: skip
        assert phrase in b and phrase not in a
    # No figure of last year: 12 次 学法, 2 次 讲座, 3000 份, 10 名, 5 件, 6 件 are gone.
    sheet = load_fact_sheet(facts)
    found = check_file(next((tmp_path / "b").glob("*.md")), facts=sheet)
    assert not {"F601", "F602"} & found.codes_found()
    for stale in ("12次", "讲座2次", "3000", "10名", "5件", "6件"):
        assert stale not in b
    import json

    prov = json.loads(next((tmp_path / "b").glob("柳湾*.json")).read_text(encoding="utf-8"))["provenance"]
    heading = next(p for p in prov if p["text"] == "（一）加强组织领导。")
    assert heading["exemplars"] and all(e < 0 for e in heading["exemplars"])  # from the previous


# -- 8. fix's exit codes in the README --------------------------------------------------------
def test_readme_states_fix_exit_codes_and_they_hold(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = re.search(r"Exit codes of `fazhi fix`: (.*?)\n(?=\S|- )", readme, re.S)
    assert said and all(k in said.group(1) for k in ("0 no error finding", "1 error findings", "2 unusable"))
    fixable_only = tmp_path / "a.txt"
    good = (ROOT / "tests" / "data" / "clean_2024.txt").read_text(encoding="utf-8")
    fixable_only.write_text(good.replace("法治", "法制", 1), encoding="utf-8")
    assert _fazhi("fix", str(fixable_only), home=tmp_path / "h").returncode == 0
    needs_person = tmp_path / "b.txt"
    needs_person.write_text(good.split("二、")[0], encoding="utf-8")  # sections gone: S102
    assert _fazhi("fix", str(needs_person), home=tmp_path / "h").returncode == 1
    assert _fazhi("fix", str(tmp_path / "missing.txt"), home=tmp_path / "h").returncode == 2
