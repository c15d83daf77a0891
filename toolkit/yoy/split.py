"""Splitting a paragraph into items (一是…二是…) and sentences, the grain of a fact sheet."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

# An inline enumeration starts a paragraph or follows a stop, a colon or a comma.
_ITEM = re.compile(r"(?:^|(?<=[。；;：:，,！？]))\s*([一二三四五六七八九十]{1,3})是")
_ITEM_CIRCLED = re.compile(r"(?:^|(?<=[。；;：:，,]))\s*([①②③④⑤⑥⑦⑧⑨⑩])")
_SENTENCE_END = "。！？；;!?"
_HAN = re.compile(r"[\u4e00-\u9fff]")


def han_len(text: str) -> int:
    """Number of Han characters in `text`."""
    return len(_HAN.findall(text))


@dataclass
class Item:
    """One enumerated item of a paragraph (or the paragraph's lead before the first item)."""

    marker: str  # "一是", "①" or "" for the lead
    sentences: list[tuple[int, str]] = field(default_factory=list)  # (offset in paragraph, text)


def sentences(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """Sentences of `text` with their offsets, split at 。！？； outside 《》 and quotes;
    the closing mark is dropped, surrounding space trimmed."""
    out: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "《“（(":
            depth += 1
        elif ch in "》”）)" and depth:
            depth -= 1
        elif ch in _SENTENCE_END and depth == 0:
            _add(out, text, start, i, offset)
            start = i + 1
    _add(out, text, start, len(text), offset)
    return out


def _add(out: list[tuple[int, str]], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip(" \t，,、：:")
    if stripped:
        out.append((offset + start + piece.find(stripped), stripped))


def items(paragraph: str) -> list[Item]:
    """The paragraph's lead (marker "") and its enumerated items, each split into sentences."""
    marks = [
        (m.start(1), m.end(0) - m.start(1), m.group(1) + "是") for m in _ITEM.finditer(paragraph)
    ]
    if not marks:
        marks = [(m.start(1), 1, m.group(1)) for m in _ITEM_CIRCLED.finditer(paragraph)]
    out: list[Item] = []
    bounds = [*marks, (len(paragraph), 0, "")]
    lead_end = marks[0][0] if marks else len(paragraph)
    lead = sentences(paragraph[:lead_end])
    if lead:
        out.append(Item("", lead))
    for (start, size, marker), (nxt, _, _) in itertools.pairwise(bounds):
        body_start = start + size
        out.append(Item(marker, sentences(paragraph[body_start:nxt], body_start)))
    return [it for it in out if it.sentences]
