"""A draft's .docx for review: each sentence's sources (fact ids and texts, exemplar
chunks) as a comment on it, and each 【待核实】 spot with what the guard objected to."""

from __future__ import annotations

import io
import re
from typing import Any

from ..draft.guards import MARK
from ..draft.records import Draft, SectionDraft
from .docx_xml import comment_on
from .export import to_docx

_QUOTED = re.compile(r"“([^”]+)”")


def _objection(text: str, pos: int, section: SectionDraft) -> str:
    """The guard's objection to the word just before a 【待核实】 at `pos`."""
    for problem in section.problems:
        m = _QUOTED.search(problem)
        if m and text[:pos].endswith(m.group(1)):
            return problem
    return "；".join(section.problems) or "生成的文字未能通过核对"


def _sources(sentence_facts: list[str], exemplars: list[int], facts: dict[str, str]) -> str:
    lines = ["来源"]
    lines += [
        f"事实 {fid}：{facts.get(fid, '（事实清单中没有这一编号）')}" for fid in sentence_facts
    ]
    if exemplars:
        lines.append("范文片段：" + "、".join(f"#{e}" for e in exemplars))
    return "\n".join(lines)


def _section_paragraphs(document: Any, draft: Draft) -> list[tuple[SectionDraft, list[Any]]]:
    """Each section with its body paragraphs in the document (found after its heading)."""
    paras = list(document.paragraphs)
    out, pos = [], 0
    for s in draft.sections:
        head = next((i for i in range(pos, len(paras)) if paras[i].text == s.heading), None)
        if head is None:
            continue
        body = [p for p in s.body.split("\n") if p.strip()]
        mine = paras[head + 1 : head + 1 + len(body)]
        out.append((s, mine))
        pos = head + 1 + len(body)
    return out


def review_docx(draft: Draft) -> bytes:
    """The draft as .docx (the same layout as `to_docx`) with its provenance as comments."""
    import docx

    document = docx.Document(io.BytesIO(to_docx(draft)))
    facts = {f.id: f.text for f in draft.sheet.all_facts()}
    for section, paras in _section_paragraphs(document, draft):
        spans: list[tuple[Any, int, int, str]] = []
        for para, (text, sentences) in zip(paras, section.paragraphs(), strict=False):
            for sent, a in sentences:
                if a >= 0 and (sent.facts or sent.exemplars):
                    note = _sources(sent.facts, sent.exemplars, facts)
                    spans.append((para, a, a + len(sent.text.strip()), note))
            for m in re.finditer(re.escape(MARK), text):
                note = "待核实：" + _objection(text, m.start(), section)
                spans.append((para, m.start(), m.end(), note))
        for para, a, b, note in spans:
            comment_on(document, para, a, b, note)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
