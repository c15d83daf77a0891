"""A body that is defunct in most places but still exists in some (北京, 上海 科委)."""

from __future__ import annotations

from pathlib import Path

from toolkit.check import check_text

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")
SENTENCE = "均按规定报送备案。"


def test_science_commission_is_current_in_shanghai_only() -> None:
    text = CLEAN.replace(SENTENCE, "均按规定报送市科委法规处备案。", 1)
    assert [f.code for f in check_text(text).by_code("P403")] == ["P403"]
    shanghai = text.replace("临川县科学技术局", "上海市科学技术委员会")
    assert check_text(shanghai).by_code("P403") == []
