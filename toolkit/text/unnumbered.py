"""Which unnumbered heading-like lines are top-level headings, judged by the numbered ones.

A short line that stands alone between paragraphs is only a candidate: web chrome, a
bare topical heading, a caption or a stray line look the same. The numbered level-1
headings around it decide:

- it fills a gap in their numbers (`一、` candidate `三、`, or a candidate before `二、`)
  → a top-level heading that lost its number (style ``"unnumbered"``, N205);
- the numbers restart at `一、` right after it → it leads a run of its own, the layout
  where the parts are unnumbered and the numbered headings restart under each
  (style ``"umbrella"``: a top-level heading, numbered consistently, no finding);
  The parser gives such a heading level 0, so the run it leads hangs under it and the
  part's text is all of it;
- it names one of the outline's later parts (不足, 第一责任人, 安排…) and reads as a
  heading (no comma) → a top-level heading without its number even where no gap is
  left (``"unnumbered"``);
- otherwise it is not a heading of that sequence and stays body text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..outline import OutlineSpec

# Parts whose heading is distinctive enough to count as top-level on its own; the
# patterns of "measures" (主要工作, 工作成效…) also fit topical headings and chrome.
_DISTINCT_PARTS = ("shortcomings", "first_responsible", "plans", "other")


@dataclass(frozen=True)
class Numbered:
    """A numbered level-1 heading: where it is and its number."""

    index: int
    number: int


def _names_a_part(text: str, outline: OutlineSpec) -> bool:
    return any(s.matches(text) for s in outline.heading_sections if s.id in _DISTINCT_PARTS)


def _names_any_part(text: str, outline: OutlineSpec) -> bool:
    return any(s.matches(text) for s in outline.heading_sections)


def classify(
    candidates: list[tuple[int, str]], numbered: list[Numbered], outline: OutlineSpec
) -> dict[int, str]:
    """Style ("unnumbered" or "umbrella") of each candidate (index, text) kept as a heading.

    `numbered` are the level-1 headings with numbers, in document order.
    """
    kept: dict[int, str] = {}
    restarts = any(b.number == 1 and a.number >= 1 for a, b in itertools.pairwise(numbered))
    bounds: list[Numbered | None] = [None, *numbered, None]
    for prev, nxt in itertools.pairwise(bounds):
        lo = prev.index if prev else -1
        hi = nxt.index if nxt else 1 << 30
        group = [(i, t) for i, t in candidates if lo < i < hi]
        if not group:
            continue
        prev_n = prev.number if prev else 0
        if nxt is not None and nxt.number == 1 and (prev is not None or restarts):
            # A run starting at 一、: the candidate right before it leads that run when
            # the document restarts its numbers (or this is the restart itself).
            i, t = group[-1]
            if prev is not None or _names_any_part(t, outline):
                kept[i] = "umbrella"
            group = group[:-1]
        gap = nxt.number - prev_n - 1 if nxt is not None else 0
        if gap > 0:
            # Prefer lines that name a part, then those nearest the next number
            # (page chrome sits at the top).
            ranked = sorted(group, key=lambda c: (not _names_a_part(c[1], outline), -c[0]))
            for i, _ in ranked[:gap]:
                kept[i] = "unnumbered"
        for i, t in group:
            # where no number is missing, only a heading-like line that names a part
            # (not a lead-in such as "下一步，我局将重点抓好以下工作")
            if i not in kept and "，" not in t and _names_a_part(t, outline):
                kept[i] = "unnumbered"
    return kept
