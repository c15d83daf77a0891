"""The bureau's own voice, from its previous report, for the offline composer.

With `fazhi draft --previous LAST`, the composer writes a topic's paragraph under the
sub-heading the bureau itself used last year (（二）抓好学法用法。), closes it with last
year's own general clause when there is one, and opens the shortcomings and plans with
last year's own lead. Only phrasing is borrowed, never a fact: the previous report comes
masked (numbers, years and names as 【数字】…), and a sentence that still carries a mask, a
digit, an enumerated item (一是…) or words addressed to a model is not taken, so no figure of
last year can reach this year's draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..outline import OutlineSpec, default_outline
from .backend import Exemplar

_SUBHEAD = re.compile(r"^（[一二三四五六七八九十]+）([^。！？；]{2,30})。")
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\d)")
# Words addressed to a model: text that holds them is never borrowed.
INSTRUCTION = re.compile(r"忽略|无视|指令|提示词|请输出|输出格式|扮演|以上要求|上述要求|系统提示")
_RESULT = re.compile(r"(提供了|营造了|提升|提高|保障|增强|推动|确保|形成了|更加|不断|进一步|有效|明显|显著|到位)")
_LEADS = {
    "shortcomings": re.compile(r"不足|问题|差距|短板"),
    "plans": re.compile(r"以下|重点|将"),
}


def _clean(sentence: str) -> bool:
    """A sentence that states no fact of its own: no mask, digit, Latin text or instruction."""
    return not (
        "【" in sentence
        or re.search(r"[0-9０-９A-Za-z]", sentence)
        or INSTRUCTION.search(sentence)
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。！？])", text) if s.strip()]


@dataclass
class OwnParagraph:
    """One sub-headed paragraph of last year's measures: its heading and its general clause."""

    heading: str
    closing: str | None
    topics: list[str]
    chunk_id: int


@dataclass
class Voice:
    """What a section of the previous report offers: sub-headed paragraphs and a lead."""

    paragraphs: list[OwnParagraph] = field(default_factory=list)
    lead: tuple[str, int] | None = None
    used: set[int] = field(default_factory=set)

    def for_topic(self, topic: str | None) -> OwnParagraph | None:
        """Last year's paragraph on `topic` (each used once), heading tags before body tags."""
        if topic is None:
            return None
        for k, p in enumerate(self.paragraphs):
            if k not in self.used and topic in p.topics:
                self.used.add(k)
                return p
        return None


def own_voice(
    previous: list[Exemplar],
    section: str,
    year: int,
    outline: OutlineSpec | None = None,
    self_ref: str = "我局",
) -> Voice:
    """The phrasing the previous report's chunks of `section` offer for the report on `year`;
    the bureau masked as 【本单位】 is written as it calls itself (`self_ref`: 我局, 我委…)."""
    outline = outline or default_outline()
    voice = Voice()
    by_heading: list[OwnParagraph] = []
    by_body: list[OwnParagraph] = []
    for ex in previous:
        text = ex.masked.replace("【本单位】", self_ref)
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        body = [ln for ln in lines if not _SECTION_HEADING.match(ln)]
        for line in body:
            m = _SUBHEAD.match(line)
            if m and _clean(m.group(1)):
                rest = line[m.end() :]
                closing = next(
                    (s for s in _sentences(rest)
                     if _clean(s) and _RESULT.search(s) and not _ITEM.match(s) and 8 <= len(s) <= 40),
                    None,
                )  # fmt: skip
                tags = outline.tag_topics(m.group(1))
                para = OwnParagraph(m.group(1), closing, tags or outline.tag_topics(rest), ex.chunk_id)
                (by_heading if tags else by_body).append(para)
        if voice.lead is None and section in _LEADS and body:
            first = _sentences(body[0])[0] if _sentences(body[0]) else ""
            if section == "plans":  # 【年份】年，我局将… : the year after the one reported on
                first = re.sub(r"^【年份】年", f"{year + 1}年", first)
            if first and _clean(first) and _LEADS[section].search(first) and not _ITEM.match(first):
                voice.lead = (first, ex.chunk_id)
    voice.paragraphs = by_heading + by_body
    return voice
