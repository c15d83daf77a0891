"""Normalization rules and the outline spec as validated data."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import ConfigError, default_outline, load_outline
from toolkit.text.normalize import normalize, unify_width


def test_width_is_unified_only_in_chinese_text() -> None:
    assert (
        unify_width("(一)强化组织领导,推动落实:全年3次") == "（一）强化组织领导，推动落实：全年3次"
    )
    assert unify_width("交易额5,249.57万元,时间18:22") == "交易额5,249.57万元，时间18:22"
    assert unify_width("Law (2015-2020), ok") == "Law (2015-2020), ok"


def test_broken_lines_rejoined_but_headings_kept_apart() -> None:
    text = "（一）加强领导。一是成立领导小组，领导小组下设办公室，\n\n为工作落实提供了保障。\n\n加强组织领导\n\n一是强化组织。全年学法4次。\n"
    norm = normalize(text)
    assert [ln.text for ln in norm.lines] == [
        "（一）加强领导。一是成立领导小组，领导小组下设办公室，为工作落实提供了保障。",
        "加强组织领导",
        "一是强化组织。全年学法4次。",
    ]
    assert norm.rejoined == 1
    first = norm.lines[0]
    assert first.line_at(0) == 1 and first.line_at(first.text.index("为工作")) == 3


def test_comment_box_residue_is_cut() -> None:
    body = "\n".join(
        [
            "一、工作情况",
            "全年学法4次。",
            "二、存在问题",
            "学法不够。",
            "特此报告。",
            "2020年2月11日",
        ]
    )
    norm = normalize(body + "\n标签:\n留言与评论(共有 0 条评论)\n验证码:\n")
    assert norm.lines[-1].text == "2020年2月11日"
    assert norm.residue.startswith("标签")


def test_outline_has_the_canonical_sections_and_topics() -> None:
    spec = default_outline()
    assert [s.id for s in spec.sections] == [
        "title", "measures", "shortcomings", "first_responsible", "plans", "other", "closing",
    ]  # fmt: skip
    assert [s.id for s in spec.sections if s.required] == [
        "title", "measures", "shortcomings", "first_responsible", "plans",
    ]  # fmt: skip
    assert {"leadership", "pufa", "normdoc", "science", "digital"} <= set(spec.topic_ids())
    pufa8 = next(p for p in spec.phrases.phrases if p.id == "pufa_8th")
    assert (pufa8.since, pufa8.until) == (2021, 2025)
    assert spec.section("plans").matches("2025年工作打算")
    assert spec.section("shortcomings").matches("存在的问题和不足")


def test_outline_rejects_unknown_keys(tmp_path: Path) -> None:
    bad = tmp_path / "outline.yaml"
    bad.write_text(
        "genre: x\nname: x\ntitle_patterns: []\norder: []\ntopics: []\n"
        "sections:\n  - id: measures\n    label: x\n    required: true\n    requried: false\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="requried"):
        load_outline(bad)
