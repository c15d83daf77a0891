"""The registers of the official record: every entry parses, its dates are in order, the
README's counts are the data's, and a missing or corrupt file is one clear line."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.errors import ConfigError
from toolkit.registers import FILES, KINDS, Entry, EntryError, read_kind, registers
from toolkit.registers.laws import REGISTER_DIR
from toolkit.registers.records import not_later

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", KINDS)
def test_every_entry_parses_and_its_dates_are_in_order(kind: str) -> None:
    entries = read_kind(kind)  # type: ignore[arg-type]
    assert len(entries) > 50
    for e in entries:
        assert e.title.strip() == e.title and "  " not in e.title
        dated = [d for d in (e.issued, e.amended, e.repealed) if d]
        assert all(not_later(a, b) for a, b in itertools.pairwise(dated)), e
        if e.in_force and e.repealed:
            assert not_later(e.in_force, e.repealed), e


def test_titles_are_unique_and_every_successor_is_on_record() -> None:
    reg = registers()
    titles = [e.title for e in reg]
    assert len(titles) == len(set(titles))
    for e in reg:
        if e.successor:
            assert reg.lookup(e.successor) is not None, e.successor


def test_the_record_knows_what_reports_cite() -> None:
    reg = registers()
    law = reg.lookup("科技进步法")
    assert law is not None and law.title == "中华人民共和国科学技术进步法"
    assert law.amended == "2021-12-24" and law.issued == "1993-07-02"
    old = reg.lookup("法治政府建设实施纲要（2015—2020年）")
    assert old is not None and old.successor == "法治政府建设实施纲要（2021—2025年）"
    contract = reg.lookup("中华人民共和国合同法")
    assert contract is not None and contract.repealed_before(2022)
    assert not contract.repealed_before(2020)
    rule = reg.lookup("法治政府建设与责任落实督察工作规定")
    assert rule is not None and rule.kind == "central" and rule.doc_no == "厅字〔2019〕28号"


def test_readme_counts_are_the_data() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    counts = registers().counts()
    for kind in KINDS:
        m = re.search(rf"^\| {kind} \|[^|]*\| (\d+) \|", readme, re.M)
        assert m, f"README has no row for {kind}"
        assert int(m.group(1)) == counts[kind], kind


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"title": "某规定", "issued": "2021-13-01"}, "2021-13-01"),
        ({"title": "某规定", "issued": "2021年"}, "2021年"),
        ({"title": "某规定", "issued": "2021-05", "repealed": "2019"}, "issued"),
        ({"title": "某规定", "successor": "另一规定"}, "successor"),
        ({"title": "某规定", "source": "x"}, "source"),
        ({"issued": "2021"}, "title"),
    ],
)
def test_a_bad_entry_is_refused_naming_what_is_wrong(
    data: dict, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_LANG", "en")
    with pytest.raises(EntryError, match=re.escape(says)):
        Entry.from_dict(data, "central")


def _copy_registers(tmp_path: Path) -> Path:
    for name in FILES.values():
        (tmp_path / name).write_bytes((REGISTER_DIR / name).read_bytes())
    return tmp_path


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda p: p.unlink(), "不存在"),
        (lambda p: p.write_text('{"kind": "law", "entries": [', "utf-8"), "无法读取"),
        (lambda p: p.write_bytes(b"\xff\xfe\x00garbage"), "无法读取"),
        (lambda p: p.write_text('{"kind": "rule", "entries": []}', "utf-8"), "不是 law 名录"),
        (
            lambda p: p.write_text(
                json.dumps({"kind": "law", "entries": [{"title": "某法", "issued": "1999-02-30"}]}),
                "utf-8",
            ),
            "1999-02-30",
        ),
    ],
)
def test_a_missing_or_corrupt_file_is_one_line_naming_it(
    tmp_path: Path, damage, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_LANG", "zh")
    folder = _copy_registers(tmp_path)
    damage(folder / "laws.json")
    with pytest.raises(ConfigError) as err:
        read_kind("law", folder)
    message = str(err.value)
    assert "laws.json" in message and says in message and "\n" not in message


def test_the_cli_reports_a_missing_register_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "reg").mkdir()
    folder = _copy_registers(tmp_path / "reg")
    (folder / "rules.json").unlink()
    report = ROOT / "tests" / "data" / "clean_2024.txt"
    env = {**os.environ, "FAZHI_REGISTERS": str(folder), "FAZHI_LANG": "zh"}
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "check", str(report)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "rules.json" in lines[0] and "Traceback" not in done.stderr


def test_the_short_list_of_titles_is_in_the_registers() -> None:
    from toolkit.outline import title_list

    reg = registers()
    assert [t for t in title_list().titles if reg.lookup(t) is None] == []
