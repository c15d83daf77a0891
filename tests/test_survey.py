"""fazhi survey: part states, dates and days late, indicators with evidence, other genres
kept apart, profiles, aggregates, the Excel workbook, the JSON shape and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from toolkit.survey import (
    ProfileError,
    aggregates,
    frames,
    league,
    load_profile,
    survey_paths,
    to_json,
    write_excel,
)

WHOLE = """杭州市西湖区科学技术局2023年法治政府建设工作情况报告

2023年，我局深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将2023年度法治政府建设工作情况报告如下：

一、2023年推进法治政府建设的主要举措和成效
（一）加强组织领导。局党组召开专题会议4次，研究部署法治政府建设工作，制定年度工作要点。
（二）深化普法宣传。开展“科技活动周”普法活动12场，发放宣传资料3000余份，覆盖群众5000余人次。
（三）规范行政执法。全年办理技术合同登记315项，合同成交额12.6亿元，行政执法案卷评查合格率100%。

二、存在的不足和原因
一是普法形式较为单一，主要原因是专业人员不足。二是执法人员培训不够系统，原因在于经费保障有限。

三、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人带头学法用法，亲自部署重要工作，年终述法1次，听取法治建设汇报3次。

四、2024年推进法治政府建设的主要安排
一是6月底前完成规范性文件清理，开展“八五”普法中期评估；二是组织执法人员培训2次，年底前实现持证率100%。

特此报告。

杭州市西湖区科学技术局
2024年2月20日
"""

PARAGRAPH_ONLY = """杭州市西湖区司法局2023年法治政府建设工作情况报告

2023年，我局扎实推进法治政府建设。现将2023年度法治政府建设工作情况报告如下：

一、2023年推进法治政府建设的主要举措和成效
局主要负责人切实履行推进法治建设第一责任人职责，带头学法用法。全年开展法治讲座6次，办理法律援助案件120件。

二、存在的不足和原因
法治宣传的针对性有待加强，主要原因是调研不够深入。

特此报告。

杭州市西湖区司法局
2024年3月1日
"""

CUT = """杭州市西湖区教育局2023年法治政府建设工作情况报告

2023年，我局扎实推进法治政府建设。现将2023年度法治政府建设工作情况报告如下：

一、2023年推进法治政府建设的主要举措和成效
（一）加强组织领导。局党组召开专题会议4次，研究部署依法治校工作，指导全区58所学校完善章程和"""

PAGE = (
    """首页 > 政务公开 > 法治政府建设年度报告
[ 发布机构 ] 杭州市西湖区科技局 [ 成文日期 ] 2024-02-20 [ 发布日期 ] 2024-04-11

"""
    + WHOLE
)

OPENNESS = """杭州市西湖区科学技术局2023年政府信息公开工作年度报告

本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2023年1月1日至12月31日。
一、总体情况
2023年，我局主动公开政府信息86条，收到政府信息公开申请2件，均按期答复。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
"""

NEWS = """西湖区召开法治政府建设工作推进会

3月5日，西湖区召开法治政府建设工作推进会，部署2024年法治政府建设重点任务。会议要求各部门压实责任，推动各项工作落地见效。
"""


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in (("whole.txt", WHOLE), ("paragraph.txt", PARAGRAPH_ONLY), ("cut.txt", CUT),
                       ("page.txt", PAGE), ("openness.txt", OPENNESS), ("news.txt", NEWS)):  # fmt: skip
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _rows(folder: Path) -> dict[str, object]:
    result = survey_paths([folder], jobs=1)
    return {Path(r.file).name: r for r in result.rows}


def test_part_states_and_their_evidence(collection: Path) -> None:
    rows = _rows(collection)
    whole = rows["whole.txt"]
    assert whole.parts == dict.fromkeys(
        ("measures", "shortcomings", "first_responsible", "plans"), "section"
    )
    assert whole.evidence["parts"]["plans"]["heading"] == "2024年推进法治政府建设的主要安排"
    para = rows["paragraph.txt"]
    assert para.parts["first_responsible"] == "paragraph"
    assert "第一责任人" in para.evidence["parts"]["first_responsible"]["sentence"]
    assert para.parts["plans"] == "absent"
    cut = rows["cut.txt"]  # cut off in the measures: the later parts cannot be judged
    assert cut.parts["measures"] == "section"
    assert {cut.parts[p] for p in ("shortcomings", "first_responsible", "plans")} == {"unknown"}
    assert cut.values["length"] is None  # a cut copy's length is not the report's


def test_indicators_point_to_their_evidence(collection: Path) -> None:
    whole = _rows(collection)["whole.txt"]
    assert whole.values["causes"] is True
    assert "原因" in whole.evidence["causes"]["sentence"]
    assert whole.values["plans_specific"] == "specific"
    assert set(whole.evidence["plans_specific"]["kinds"]) >= {"quantities", "deadlines"}
    assert whole.values["title"] is True and whole.evidence["title"]["line"] == 1
    assert whole.values["data_density"] > 5
    assert whole.written.isoformat() == "2024-02-20"
    assert whole.evidence["written"]["field"] == "closing"
    assert whole.province == "浙江省" and whole.department == "科技" and whole.level == "district"
    para = _rows(collection)["paragraph.txt"]
    assert para.values["plans_specific"] == "generic"  # no plans part at all
    assert para.score < whole.score


def test_dates_from_the_page_and_days_late(collection: Path) -> None:
    page = _rows(collection)["page.txt"]
    assert page.published.isoformat() == "2024-04-11"
    assert page.evidence["published"]["field"] == "发布日期"
    assert page.written.isoformat() == "2024-02-20"
    assert page.evidence["written"]["field"] == "成文日期"
    assert page.days_late == 10  # deadline 1 April 2024
    assert page.evidence["days_late"]["deadline"] == "2024-04-01"


def test_no_dates_is_unknown_not_late(collection: Path) -> None:
    result = survey_paths([collection], jobs=1)
    whole = next(r for r in result.rows if r.file.endswith("whole.txt"))
    assert whole.published is None and whole.days_late is None
    assert "on_time" not in whole.scores
    by_year = aggregates(result)["year"][0]
    assert by_year["dated"] == 1 and by_year["on_time_rate"] == 0.0  # only page.txt is dated


def test_other_genres_are_listed_apart_and_never_scored(collection: Path) -> None:
    result = survey_paths([collection], jobs=1)
    others = {Path(r.file).name: r for r in result.others}
    assert set(others) == {"openness.txt", "news.txt"}
    assert all(r.score is None and not r.parts for r in others.values())
    assert all(row["file"] not in {"openness.txt", "news.txt"} for row in league(result))
    assert sum(row["reports"] for row in aggregates(result)["level"]) == 4
    data = to_json(result)
    assert {r["file"].rsplit("/", 1)[-1] for r in data["other_genres"]} == set(others)


def test_json_shape(collection: Path) -> None:
    data = to_json(survey_paths([collection], jobs=1))
    assert set(data) == {"reports", "other_genres", "skipped", "aggregates"}
    assert set(data["reports"][0]) == {
        "file", "issuer", "level", "province", "department", "year", "written", "published",
        "days_late", "genre", "parts", "score", "evidence",
    }  # fmt: skip
    assert set(data["aggregates"]) == {"province", "level", "department", "year", "league"}
    json.dumps(data, ensure_ascii=False)  # serialisable as it is


def test_profile_overrides_and_weights(collection: Path, tmp_path: Path) -> None:
    prof = tmp_path / "p.yaml"
    prof.write_text(
        "deadline: '04-01'\nprovince_deadlines: {浙江省: '03-01'}\n"
        "indicators:\n  on_time: {weight: 1}\n",
        encoding="utf-8",
    )
    profile = load_profile(prof)
    page = next(
        r for r in survey_paths([collection], profile, jobs=1).rows if r.file.endswith("page.txt")
    )
    assert page.days_late == 41  # 1 March 2024 → 11 April
    assert page.score == 54.4  # only on_time weighs: 100 × (1 - 41/90)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("indicators:\n  popularity: {weight: 3}\n", "indicators.popularity"),
        ("indicators:\n  parts: {weight: heavy}\n", "indicators.parts.weight"),
        ("indicators:\n  parts: {weight: -1}\n", "indicators.parts.weight"),
        ("indicators:\n  parts: {weight: 2, colour: red}\n", "indicators.parts.colour"),
        ("deadline: '13-01'\n", "deadline"),
        ("deadlines: {}\n", "deadlines"),
    ],
)
def test_bad_profile_names_the_key(tmp_path: Path, body: str, named: str) -> None:
    prof = tmp_path / "bad.yaml"
    prof.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(prof)
    assert named in str(err.value) and "\n" not in str(err.value)


def _fazhi(*args: str, env_lang: str = "zh") -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "FAZHI_LANG": env_lang}
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


def test_cli_bad_profile_and_empty_collection(tmp_path: Path, collection: Path) -> None:
    prof = tmp_path / "bad.yaml"
    prof.write_text("indicators:\n  popularity: {weight: 3}\n", encoding="utf-8")
    bad = _fazhi("survey", str(collection), "--profile", str(prof))
    assert bad.returncode == 2 and "indicators.popularity" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    out = _fazhi("survey", str(empty))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    none = _fazhi("survey")
    assert none.returncode == 2 and "Traceback" not in none.stderr


def test_cli_json_and_excel(tmp_path: Path, collection: Path) -> None:
    book = tmp_path / "survey.xlsx"
    run = _fazhi("survey", str(collection), "-o", str(book), "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["reports"]) == 4 and len(data["other_genres"]) == 2
    wb = openpyxl.load_workbook(book)
    assert len(wb.sheetnames) == 7
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    table = _fazhi("survey", str(collection), env_lang="en")
    assert table.returncode == 0 and "League table" in table.stdout
    assert "排名" in _fazhi("survey", str(collection)).stdout  # Chinese by default


def test_library_on_an_empty_collection(tmp_path: Path) -> None:
    result = survey_paths([tmp_path], jobs=1)
    assert result.rows == [] and all(rows == [] for rows in aggregates(result).values())
    assert frames(result)["reports"].empty
    write_excel(result, tmp_path / "empty.xlsx")  # an empty workbook, not a crash
    assert openpyxl.load_workbook(tmp_path / "empty.xlsx").sheetnames


def test_parallel_equals_serial(tmp_path: Path, collection: Path) -> None:
    for i in range(70):  # enough for the worker pool
        (collection / f"copy{i:02d}.txt").write_text(WHOLE, encoding="utf-8")
    serial = to_json(survey_paths([collection], jobs=1))
    parallel = to_json(survey_paths([collection], jobs=2))
    assert serial == parallel


def test_cli_corpus(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    store = tmp_path / "corpus.sqlite"
    ingest = _fazhi("ingest", str(root / "reference_reports"), "--store", str(store))
    assert ingest.returncode == 0, ingest.stderr
    run = _fazhi("survey", "--corpus", "--store", str(store), "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["reports"]) + len(data["other_genres"]) == 5  # the five seeds
    assert any(r["genre"] != "fazhi_report" for r in data["other_genres"])  # the translation


def test_recognised_by_its_opening_without_title_or_formula(tmp_path: Path) -> None:
    body = WHOLE.split("\n", 2)[2].replace("现将2023年度法治政府建设工作情况报告如下：", "")
    (tmp_path / "untitled.txt").write_text(
        body.replace("2023年，我局", "今年以来，我局", 1), "utf-8"
    )
    (tmp_path / "half_year.txt").write_text("某局2023年上半年法治建设工作总结\n\n" + body, "utf-8")
    rows = _rows(tmp_path)
    assert rows["untitled.txt"].ours and rows["untitled.txt"].evidence["genre"]["by"] == "opening"
    assert not rows["half_year.txt"].ours  # a half-year summary is not the annual report
