"""Structure-aware chunks: never across two top-level sections; paragraphs and 一是… items
are the units; each chunk is bounded by tiktoken tokens and has a masked twin."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..outline import OutlineSpec, default_outline
from ..parse.report import ParsedReport, SectionNode
from ..text.tokens import count_tokens
from .masking import Masker

DEFAULT_MAX_TOKENS = 320
_ITEM = re.compile(r"(?=(?<=[。；])[一二三四五六七八九十]{1,3}是)")
_SENTENCE = re.compile(r"(?<=[。；！？])")


@dataclass
class Chunk:
    """A retrievable piece of a report."""

    ord: int
    section: str
    heading_path: str
    topics: list[str]
    text: str
    masked: str
    tokens: int
    line_start: int
    line_end: int
    section_ord: int = 0  # index of its top-level section in the report
    meta: dict[str, object] = field(default_factory=dict)


@dataclass
class _Unit:
    text: str
    tokens: int
    line: int
    node: SectionNode | None


def _split_long(text: str, max_tokens: int) -> list[tuple[str, int]]:
    """(piece, tokens): a paragraph, or its 一是/二是 items or sentences if it may not fit.

    Every character is counted once: a paragraph that may be over budget is split
    before counting, and only pieces still over budget are split further."""
    if len(text) * 2 <= max_tokens:  # no Chinese character takes more than two tokens
        return [(text, count_tokens(text))]
    pieces = [p for p in _ITEM.split(text) if p]
    if len(pieces) == 1:
        pieces = [p for p in _SENTENCE.split(text) if p]
    if len(pieces) == 1:
        n = count_tokens(text)
        if n <= max_tokens:
            return [(text, n)]
        half = len(text) // 2  # one sentence longer than the budget: cut it in halves
        pieces = [text[:half], text[half:]]
    out: list[tuple[str, int]] = []
    for piece in pieces:
        out.extend(_split_long(piece, max_tokens))
    return out


def _deepest(nodes: list[SectionNode], index: int) -> SectionNode | None:
    best = None
    for node in nodes:
        if node.line_index <= index < node.end_index and (best is None or node.level >= best.level):
            best = node
    return best


def _path(top: SectionNode, node: SectionNode | None) -> str:
    if node is None or node is top:
        return f"{top.mark}{top.heading}"
    path = [f"{top.mark}{top.heading}"]
    stack = [(top, path)]
    while stack:
        cur, p = stack.pop()
        if cur is node:
            return " › ".join(p)
        for child in cur.children:
            stack.append((child, [*p, f"{child.mark}{child.heading}"]))
    return " › ".join(path)


def chunk_report(
    report: ParsedReport,
    masker: Masker | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    outline: OutlineSpec | None = None,
) -> list[Chunk]:
    """Chunks of a parsed report, in document order."""
    outline = outline or default_outline()
    masker = masker or Masker(issuer=report.issuer)
    chunks: list[Chunk] = []
    tops = report.sections or []
    # Text before the first heading (the opening paragraph) counts as its own part.
    spans: list[tuple[SectionNode | None, int, int]] = []
    first = tops[0].line_index if tops else report.body_end
    if first > report.body_start:
        spans.append((None, report.body_start, first))
    spans.extend((top, top.line_index, top.end_index) for top in tops)

    for s_ord, (top, start, end) in enumerate(spans):
        nodes = top.walk() if top else []
        units: list[_Unit] = []
        for idx in range(start, end):
            line = report.lines[idx]
            node = _deepest(nodes, idx)
            for piece, n in _split_long(line.text, max_tokens):
                units.append(_Unit(piece, n, line.no, node))
        group: list[_Unit] = []
        size = 0
        for unit in [*units, None]:
            if unit is not None and (not group or size + unit.tokens <= max_tokens):
                group.append(unit)
                size += unit.tokens
                continue
            if group:
                text = "\n".join(u.text for u in group)
                node = group[0].node
                topics = outline.tag_topics(text + (node.heading if node else ""))
                chunks.append(
                    Chunk(
                        ord=len(chunks),
                        section=(top.id if top else "opening") or "unknown",
                        heading_path=_path(top, node) if top else "",
                        topics=topics,
                        text=text,
                        masked="",
                        tokens=size,
                        line_start=group[0].line,
                        line_end=group[-1].line,
                        section_ord=s_ord,
                    )
                )
            group = [unit] if unit is not None else []
            size = unit.tokens if unit is not None else 0
    for chunk, masked in zip(chunks, masker.mask_many([c.text for c in chunks]), strict=True):
        chunk.masked = masked
    return chunks
