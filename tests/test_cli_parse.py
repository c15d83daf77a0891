"""`fazhi parse` output in both formats."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import seed


def _fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_parse_json_has_the_documented_keys() -> None:
    result = _fazhi("parse", str(seed("004")), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("title", "year", "issuer", "level", "date", "language", "sections"):
        assert key in data
    assert data["date"] == "2020-01-07" and data["year"] == 2021
    top = data["sections"][0]
    assert {"id", "heading", "level", "number", "line", "topics", "children"} <= set(top)
    assert top["id"] == "measures" and top["line"] == 9 and top["end_line"] == 29  # its text span
    assert top["children"][0]["number"] == 1 and top["children"][0]["level"] == 2


def test_parse_table_lists_headings_and_metadata() -> None:
    result = _fazhi("parse", str(seed("001")))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "孝感市科技局" in out and "2018-01-04" in out
    assert "shortcomings" in out and "plans" in out
    assert "web residue cut from line 31" in out


def test_unknown_format_is_a_usage_error() -> None:
    result = _fazhi("parse", str(seed("001")), "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_demo_runs_offline_and_says_where_the_results_are(tmp_path) -> None:
    import os

    env = {**os.environ, "FAZHI_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-m", "toolkit.cli", "demo"], capture_output=True, text=True,
                            timeout=300, env=env, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr[-1000:]
    assert "0 error(s), 0 warning(s) from the checker" in result.stdout
    assert (tmp_path / "out" / "高台县科学技术局-2024.docx").is_file()
    assert (tmp_path / "home" / "corpus.sqlite").is_file()
    assert "drafts in:" in result.stdout
