"""Half-width punctuation in Chinese text (T514): slips are warnings, a converted text one note."""

from __future__ import annotations

from pathlib import Path

from toolkit.check import check_text
from toolkit.review.fixes import apply_edits, plan_fixes

CLEAN = (Path(__file__).parent / "data" / "clean_2024.txt").read_text(encoding="utf-8")


def t514(text: str) -> list:
    return [f for f in check_text(text).findings if f.code == "T514"]


def test_a_slip_among_full_width_marks_is_a_warning_at_its_line() -> None:
    lines = CLEAN.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.count("，") >= 2 and not ln.startswith("#"))
    lines[k] = lines[k].replace("，", ",", 1)
    found = t514("\n".join(lines))
    assert [(f.severity, f.line) for f in found] == [("warning", k + 1)]


def test_a_text_converted_to_half_width_is_one_note_naming_every_line() -> None:
    text = CLEAN.replace("，", ",").replace("：", ":").replace("；", ";")
    found = t514(text)
    assert len(found) == 1 and found[0].severity == "info"
    lines = text.split("\n")
    with_comma = [i + 1 for i, ln in enumerate(lines) if "," in ln and not ln.startswith("#")]
    covered = {found[0].line, *found[0].also}
    assert set(with_comma) <= covered
    # fix mends every line the note names: none is left after it.
    result = check_text(text)
    plan = plan_fixes(result, lines)
    assert not [f for f, _ in plan.left if f.code == "T514"]
    assert t514(apply_edits(lines, plan.edits)) == []
