"""scripts/build_registers.py: a LawRefBook-shaped checkout (its database and the Markdown
headers of each version) plus the hand-assembled YAML become valid register files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scripts.build_registers import build, main, write
from toolkit.registers import read_kind

SCHEMA = """
CREATE TABLE category (id TEXT PRIMARY KEY, name TEXT, folder TEXT, isSubFolder INTEGER,
                       "group" TEXT, "order" INTEGER);
CREATE TABLE law (id TEXT PRIMARY KEY, level TEXT, name TEXT, filename TEXT, publish DATE,
                  expired INTEGER, "order" INTEGER, subtitle TEXT, valid_from DATE,
                  ver INTEGER, tags TEXT, category_id TEXT);
"""


def fake_lawrefbook(root: Path) -> Path:
    db = sqlite3.connect(root / "db.sqlite3")
    db.executescript(SCHEMA)
    db.execute("insert into category values ('c1', '行政法', '行政法', 0, null, 1)")
    db.execute("insert into category values ('c2', '行政法规', '行政法规', 1, null, 2)")
    rows = [
        ("a", "法律", "科学技术进步法", "2021-12-24", 0, "2022-01-01", "c1"),
        ("b", "法律", "科学技术进步法", "2007-12-29", 1, "2008-07-01", "c1"),
        ("c", "行政法规", "优化营商环境条例", "2019-10-22", 0, "", "c2"),
        ("d", "行政法规", "某已废止条例", "2001-01-01", 1, "", "c2"),
        # successors of the hand-listed repealed laws; no Markdown: titled by rule
        ("e", "法律", "噪声污染防治法", "2021-12-24", 0, "2022-06-05", "c1"),
        ("f", "法律", "食品安全法", "2021-04-29", 0, "2021-04-29", "c1"),
    ]
    for id_, level, name, publish, expired, valid_from, cat in rows:
        db.execute(
            "insert into law values (?, ?, ?, null, ?, ?, 0, null, ?, 1, null, ?)",
            (id_, level, name, publish, expired, valid_from, cat),
        )
    db.commit()
    (root / "行政法").mkdir()
    (root / "行政法" / "科学技术进步法(2021-12-24).md").write_text(
        "# 中华人民共和国科学技术进步法\n\n"
        "1993年7月2日 第八届全国人民代表大会常务委员会第二次会议通过\n\n"
        "2021年12月24日 第十三届全国人民代表大会常务委员会第三十二次会议第二次修订\n\n"
        "<!-- INFO END -->\n\n第一条 …\n",
        "utf-8",
    )
    (root / "行政法规").mkdir()
    (root / "行政法规" / "优化营商环境条例(2019-10-22).md").write_text(
        "# 优化营商环境条例\n\n2019年10月8日 国务院第66次常务会议通过\n\n"
        "2019年10月22日 中华人民共和国国务院令第722号公布\n\n2020年1月1日 施行\n\n"
        "<!-- INFO END -->\n",
        "utf-8",
    )
    return root


def test_a_lawrefbook_copy_and_the_hand_lists_become_valid_registers(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    merged, notes = build(fake_lawrefbook(tmp_path / "src"))
    law = next(e for e in merged["law"] if e.title == "中华人民共和国科学技术进步法")
    assert (law.issued, law.amended, law.in_force) == ("1993-07-02", "2021-12-24", "2022-01-01")
    assert law.issuer == "全国人民代表大会常务委员会" and "科技进步法" in law.short
    reg = next(e for e in merged["regulation"] if e.title == "优化营商环境条例")
    assert (reg.issued, reg.in_force, reg.issuer) == ("2019-10-22", "2020-01-01", "国务院")
    assert any("某已废止条例" in n for n in notes)  # no repeal date on record: left out
    noise = next(e for e in merged["law"] if e.title == "中华人民共和国噪声污染防治法")
    assert noise.issued == "2021-12-24"
    old = next(e for e in merged["law"] if e.title == "中华人民共和国环境噪声污染防治法")
    assert old.successor == noise.title
    assert any(e.title == "法治政府建设实施纲要（2021—2025年）" for e in merged["central"])
    out = tmp_path / "out"
    write(merged, out)
    assert [e.title for e in read_kind("regulation", out) if e.title == "优化营商环境条例"]
    assert main(["--check", "--out", str(out)]) == 0


def test_the_bundled_registers_validate() -> None:
    assert main(["--check"]) == 0
