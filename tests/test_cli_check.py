"""`fazhi check`: exit codes, formats, codes list, fact sheets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import seed

DATA = Path(__file__).parent / "data"


def _fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "220"}
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_exit_0_on_clean_1_on_errors_2_on_unusable(tmp_path: Path) -> None:
    assert _fazhi("check", str(DATA / "clean_2024.txt")).returncode == 0
    assert _fazhi("check", str(seed("003"))).returncode == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad = _fazhi("check", str(empty))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_json_has_findings_and_summary() -> None:
    result = _fazhi("check", str(seed("004")), "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["error"] == sum(1 for f in data["findings"] if f["severity"] == "error")
    codes = {f["code"] for f in data["findings"]}
    assert {"S101", "T507", "D303"} <= codes
    first = data["findings"][0]
    assert {"code", "severity", "message", "suggestion", "line", "section", "excerpt"} <= set(first)


def test_table_groups_by_section() -> None:
    out = _fazhi("check", str(seed("003")), "--format", "table").stdout
    assert "first_responsible" in out and "T504" in out and "closing" in out


def test_list_codes_and_bad_options() -> None:
    listed = _fazhi("check", "--list-codes", "--format", "json")
    codes = json.loads(listed.stdout)
    assert {"G001", "S102", "N201", "D303", "P401", "T504", "F601"} <= set(codes)
    assert _fazhi("check", str(seed("003")), "--select", "Z9").returncode == 2
    assert _fazhi("check", str(seed("003")), "--deadline", "13-40").returncode == 2
    assert _fazhi("check", str(seed("003")), "--select", "T504").returncode == 1
    assert _fazhi("check", str(seed("003")), "--ignore", "S,N,T,D,P").returncode == 0


FACTS = """\
bureau:
  name: 临川县科学技术局
  level: county
  superiors: [县委, 县政府]
year: 2024
sections:
  measures:
    - topic: leadership
      facts:
        - 调整法治政府建设工作领导小组，局长任组长
        - {text: 党组会专题研究法治建设工作, value: 4, unit: 次}
        - {text: 理论学习中心组集体学法, value: 6, unit: 次}
    - topic: pufa
      facts:
        - {text: 开展宣传活动, value: 12, unit: 场次}
        - {text: 发放宣传资料, value: 3000, unit: 份}
        - {text: 审查规范性文件, value: 2, unit: 件}
        - {text: 聘请法律顾问, value: 1, unit: 名}
        - {text: 学法考试参考率, value: 100, unit: "%"}
        - {text: 举办法治讲座, value: 5, unit: 次}
"""


def test_facts_numbers_omissions_and_foreign_names(tmp_path: Path) -> None:
    sheet = tmp_path / "facts.yaml"
    sheet.write_text(FACTS, encoding="utf-8")
    draft = (DATA / "clean_2024.txt").read_text(encoding="utf-8")
    draft = draft.replace("宣传活动12场次", "宣传活动15场次").replace(
        "均按规定报送备案", "均按规定报送高台县科技局备案"
    )
    path = tmp_path / "draft.txt"
    path.write_text(draft, encoding="utf-8")
    data = json.loads(
        _fazhi("check", str(path), "--facts", str(sheet), "-f", "json", "--select", "F").stdout
    )
    found = {
        (f["code"], f["excerpt"] if f["code"] == "F602" else f["message"]) for f in data["findings"]
    }
    assert ("F601", "数字“15”在事实清单中找不到。") in found
    assert ("F602", "measures.2.1") in found  # 12 场次 is gone from the draft
    assert ("F602", "measures.2.6") in found  # 5 lectures never written
    assert any(code == "F603" and "高台县科技局" in msg for code, msg in found)
    assert not any(code == "F601" and "“2”" in msg for code, msg in found)  # in the sheet


def test_malformed_fact_sheet_is_one_line_exit_2(tmp_path: Path) -> None:
    sheet = tmp_path / "facts.yaml"
    sheet.write_text(FACTS.replace("value: 4,", "value: 约4,"), encoding="utf-8")
    result = _fazhi("check", str(DATA / "clean_2024.txt"), "--facts", str(sheet))
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and "facts.yaml" in line and "sections.measures.1.facts.2" in line
    assert "约4" in line


def test_outline_lists_sections_and_topics() -> None:
    data = json.loads(_fazhi("outline", "-f", "json").stdout)
    assert [s["id"] for s in data["sections"]][:3] == ["title", "measures", "shortcomings"]
    assert {"leadership", "pufa", "science"} <= {t["id"] for t in data["topics"]}
    assert "第一责任人" in _fazhi("outline").stdout
