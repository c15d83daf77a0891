"""Repairs of a fact's text before it enters a sheet: the mechanical slips the checker
reports (doubled words, stray spaces, 法制 for 法治 in set phrases, confusable words, odd
characters, misquoted titles, unpaired marks), so a draft written from the sheet does not
inherit them. Every repair is returned as a note; names, numbers and dates are never
changed (an abolished body is only noted, a person decides)."""

from __future__ import annotations

import re

from ..check.titles import near_miss
from ..outline import OutlineSpec
from ..registers.formulations import misquotes, protected_spans, shape_spans
from ..text.normalize import between

_REPEAT = re.compile(r"([\u4e00-\u9fff]{3,12}?)\1")
_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff，。、；：“”《》（）\d])[ \t\u3000]+(?=[\u4e00-\u9fff，。、；：“”《》（）])"
    r"|(?<=[\u4e00-\u9fff“《（])[ \t\u3000]+(?=\d)"
)
_CITED = re.compile(r"《([^《》\n]{2,60})》")
_PAIRS = {"《": "》", "“": "”", "（": "）"}


def _unpaired_marks(text: str) -> str:
    """Drop closing marks that have no opener and openers that are never closed."""
    for opening, closing in _PAIRS.items():
        keep: list[str] = []
        depth = 0
        for ch in text:
            if ch == opening:
                depth += 1
            elif ch == closing:
                if depth == 0:
                    continue
                depth -= 1
            keep.append(ch)
        text = "".join(keep)
        while depth:
            pos = text.rfind(opening)
            text = text[:pos] + text[pos + 1 :]
            depth -= 1
    return text


def tidy(text: str, year: int | None, outline: OutlineSpec) -> tuple[str, list[str]]:
    """`text` with the checker's mechanical slips repaired, and a note per repair."""
    notes: list[str] = []
    original = text
    new = _SPACE.sub("", text)
    if new != text:
        notes.append("删去了多余空格")
        text = new
    new = _REPEAT.sub(lambda m: m.group(1), text)
    if new != text:
        notes.append("删去了重复的词语")
        text = new
    for q in reversed(misquotes(text, year)):  # set formulations and renamed days
        text = text[: q.start] + q.fixed + text[q.end :]
        notes.append(f"“{q.written}”改为“{q.fixed}”")
    rules = outline.phrases.text_rules
    if rules is not None:
        for odd in rules.odd_characters:
            if odd.char in text:
                text = text.replace(odd.char, odd.right)
                notes.append(f"“{odd.char}”改为“{odd.right}”")
        for item in rules.confusables:
            if item.wrong in text:
                text = text.replace(item.wrong, item.right)
                notes.append(f"“{item.wrong}”改为“{item.right}”")
        if year is None or year >= rules.legal_term.since:
            kept = [*shape_spans(text), *protected_spans(text)]

            def _term(m: re.Match[str]) -> str:
                if (
                    between(m.string, m.start(), "“", "”")
                    or between(m.string, m.start(), "《", "》")
                    or any(m.start() < d and c < m.end() for c, d in kept)
                ):
                    return m.group(0)
                notes.append(f"“{m.group(0)}”改为“法治{m.group(1)}”")
                return "法治" + m.group(1)

            text = rules.legal_term.regex.sub(_term, text)
    for m in list(_CITED.finditer(text)):
        right = near_miss(m.group(1))
        if right:
            text = text.replace(m.group(0), f"《{right}》", 1)
            notes.append(f"《{m.group(1)}》改为《{right}》")
    new = _unpaired_marks(text)
    if new != text:
        notes.append("删去了不成对的引号或括号")
        text = new
    for body in outline.phrases.defunct_bodies:
        if year is not None and year > body.until and body.regex.search(text):
            notes.append(f"提到{body.what}（已改为{body.replaced_by}），请核对")
    if text != original and not notes:
        notes.append("文字有改动")
    return text, notes
