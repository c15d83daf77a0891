"""Cited titles: local regulations are their own titles, short names get the full title,
a word dropped or inserted inside a name stays an error."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from toolkit.check import check_text

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")
CITED = (
    "《中华人民共和国宪法》《中华人民共和国科学技术进步法》和《中华人民共和国促进科技成果转化法》"
)


def with_citations(cited: str) -> str:
    """The clean report with the citations of its study paragraph replaced."""
    assert CITED in CLEAN
    return CLEAN.replace(CITED, cited, 1)


def title_codes(text: str) -> Counter[str]:
    return Counter(f.code for f in check_text(text).findings if f.code in ("T504", "T512"))


CASES = [
    # local regulations and rules: a place in front of a title that may equal a national one
    ("《河南省优化营商环境条例》", {}),
    ("《杭州市科技进步条例》", {}),
    ("《浙江省科学技术进步条例（修订）》", {}),
    ("《张家港市科技创新促进条例》", {}),
    ("《省优化营商环境条例》", {}),
    # short names in wide use: a warning with the full title, once per law
    ("《科技进步法》", {"T512": 1}),
    ("《行政许可法》", {"T512": 1}),
    ("《行政处罚法》和《行政处罚法》的配套规定", {"T512": 1}),
    ("《促进科技成果转化法》", {"T512": 1}),
    ("《义务教育法》《未成年人保护法》", {"T512": 2}),
    ("《政务处分法》", {"T512": 1}),
    # the full title first, the short name after it: fine
    ("《中华人民共和国行政许可法》和《行政许可法》实施情况", {}),
    ("《实施〈中华人民共和国促进科技成果转化法〉若干规定》和《促进科技成果转化法》", {}),
    # cited by short name as everyone does
    ("《宪法》《民法典》", {}),
    # a word dropped or inserted inside the name: still an error
    ("《科技成果转化法》", {"T504": 1}),
    ("《中华人民共和国成果转化法》", {"T504": 1}),
    ("《中华人民共和国调解法》", {"T504": 1}),
    ("《消费者权益法》", {"T504": 1}),
    ("《进一步优化营商环境条例》", {"T504": 1}),
    # exact titles of other departments' laws
    ("《中华人民共和国人民调解法》《中华人民共和国产品质量法》《中华人民共和国教育法》", {}),
]


@pytest.mark.parametrize(("cited", "expected"), CASES, ids=[c for c, _ in CASES])
def test_cited_titles(cited: str, expected: dict[str, int]) -> None:
    assert title_codes(with_citations(cited)) == Counter(expected)


def test_short_name_finding_gives_the_full_title() -> None:
    """A short name is accepted in many offices: a note (info), not a warning."""
    [found] = check_text(with_citations("《科技进步法》")).by_code("T512")
    assert found.severity == "info"
    assert found.suggestion == "改为《中华人民共和国科学技术进步法》（全称出现后再用简称）。"
    assert found.line == 11
