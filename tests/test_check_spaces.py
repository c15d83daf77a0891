"""T506 spaces: typos in prose are found; spaces that lay out a table, a field row, a
breadcrumb, or parallel phrases of a slogan or joint title are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.check import check_text

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")
INTRO = "现将有关情况报告如下。"


def with_line(line: str) -> str:
    """The clean report with one more line after its opening paragraph."""
    assert INTRO in CLEAN
    return CLEAN.replace(INTRO, INTRO + "\n\n" + line, 1)


CASES = [
    ("全年组织集中学法 6 次，覆盖全体干部。", 1),
    ("局机关在12月举办了 2024年宪法宣传周活动。", 1),
    ("执法主体 | 临川县科学技术局 | 行政检查 | 12 次", 0),
    ("信息来源：临川县科学技术局 发布时间：2025-01-20 浏览次数：", 0),
    ("来源： 临川县科学技术局", 0),
    ("首页 > 政务公开 > 法治政府建设", 0),
    ("围绕“学法用法 守法护法”主题开展宣传，群众参与踊跃。", 0),
    ("转发《县司法局 县教育局关于开展法治进校园活动的通知》，各校认真落实。", 0),
]


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c for c, _ in CASES])
def test_spaces(line: str, expected: int) -> None:
    assert len(check_text(with_line(line)).by_code("T506")) == expected
