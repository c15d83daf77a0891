"""The checker never raises: arbitrary text and arbitrary mutations of the seeds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.check import check_text

from .conftest import REFS

SEEDS = [p.read_text(encoding="utf-8") for p in sorted(REFS.glob("*.txt"))]
CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")
PIECES = ["一、", "（一）", "(1)", "1、", "1.", "一是", "二是", "《", "》", "“", "”", "（", "）", "\n", "\n\n",
          "2024年", "2023", "特此报告。", "XXX", "法制宣传", "存在的问题", "下一步打算", "第一责任人",
          "2025年1月20日", "0000年00月00日", "#", "   ", "\t", "\x00", "\ufeff", "・"]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = check_text(text)
    assert result.exit_code in (0, 1)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60))
def test_heading_soup_never_raises(parts: list[str]) -> None:
    check_text("".join(parts))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([*SEEDS, CLEAN]),
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(["delete", "insert", "duplicate", "swap"]),
            st.sampled_from(PIECES) | st.text(max_size=5),
        ),
        max_size=12,
    ),
)
def test_mutated_seeds_never_raise(base: str, edits: list[tuple[float, str, str]]) -> None:
    text = base
    for where, op, piece in edits:
        i = int(where * len(text))
        if op == "delete":
            text = text[:i] + text[i + 20 :]
        elif op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "duplicate":
            text = text[:i] + text[i : i + 30] + text[i:]
        else:
            lines = text.split("\n")
            j = int(where * (len(lines) - 1))
            if j + 1 < len(lines):
                lines[j], lines[j + 1] = lines[j + 1], lines[j]
            text = "\n".join(lines)
    result = check_text(text)
    for f in result.findings:
        assert f.code and f.severity in ("error", "warning", "info") and f.message
