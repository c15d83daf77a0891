"""Text normalization: line endings, spaces, punctuation width, broken lines, web chrome.

Web chrome above the report (breadcrumbs, metadata blocks, tool rows) and residue after it
are cut by the rules in `data/web_chrome.yaml` (see `webchrome`); what was cut, and the
publication metadata found in it, stay on the result.

Every normalized line keeps the number of the original line it starts on and its raw
text, so that later stages can report findings against the file the user has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import opencc

from .webchrome import ChromeKind, leading_chrome, trailing_rules

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")
MD_HEADING = re.compile(r"^(#{1,6})\s*")
_TERMINAL = "。！？；：…”’」』》）)!?;:"
_HEADING_START = re.compile(
    r"^(#|[一二三四五六七八九十]+[、．.，,]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d)"
    r"|第[一二三四五六七八九十]+[部章节]|特此报告)"
)


def is_cjk(ch: str) -> bool:
    """A Han character or CJK punctuation mark."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’《》"
    )


def between(text: str, pos: int, opening: str, closing: str) -> bool:
    """Whether `pos` lies inside an `opening`…`closing` pair on this line (e.g. in 《》)."""
    left = text.rfind(opening, 0, pos)
    return left != -1 and text.rfind(closing, left, pos) == -1 and text.find(closing, pos) != -1


def _has_han(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _near_cjk(s: str, i: int) -> bool:
    before = s[i - 1] if i > 0 else ""
    after = s[i + 1] if i + 1 < len(s) else ""
    return bool((before and is_cjk(before)) or (after and is_cjk(after)))


_HALF_WIDTH = re.compile(r"[,;:?!()]")
_PAREN = re.compile(r"\(([^()\n]{0,60})\)")
_WIDTH_MAP = {",": "，", ";": "；", "?": "？", "!": "！"}


def unify_width(s: str) -> str:
    """Full-width punctuation where a half-width mark stands in Chinese text."""
    if not _HALF_WIDTH.search(s) or not _has_han(s):
        return s

    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        start = m.start()
        before = s[start - 1] if start > 0 else ""
        if _has_han(inner) or re.fullmatch(r"\d{1,2}", inner) or (before and is_cjk(before)):
            return f"（{inner}）"
        return m.group(0)

    s = _PAREN.sub(paren, s)
    out = []
    for i, ch in enumerate(s):
        if ch in _WIDTH_MAP and _near_cjk(s, i):
            out.append(_WIDTH_MAP[ch])
        elif ch == ":" and i > 0 and is_cjk(s[i - 1]):
            out.append("：")
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class Line:
    """One normalized line (a paragraph after rejoining) and where it came from."""

    no: int
    text: str
    raw: str
    md_level: int = 0
    joined: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line no)

    def line_at(self, offset: int) -> int:
        """The original line number of the character at `offset` of the text."""
        no = self.no
        for start, joined_no in self.joined:
            if offset >= start:
                no = joined_no
        return no


@dataclass(frozen=True)
class CutLine:
    """A line of web chrome cut above the report's text."""

    line: int  # 1-based line number in the original text
    text: str
    kind: ChromeKind


@dataclass
class NormalizedText:
    """The normalized report: its non-empty lines, the chrome and residue cut, the rejoins."""

    lines: list[Line]
    residue: str = ""
    residue_line: int | None = None
    rejoined: int = 0
    original: str = ""
    chrome: list[CutLine] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # 发布机构, 成文日期, 标题 …
    metadata_lines: dict[str, int] = field(default_factory=dict)  # key -> original line no
    title_line: int | None = None  # original line no of the title found below the chrome
    traditional: bool = False  # written in traditional characters, read as simplified

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _find_residue(lines: list[Line]) -> tuple[int, int] | None:
    """(index of the line, char offset) where web residue starts, or None."""
    residue_line, open_source = trailing_rules()
    start = len(lines) // 3
    for idx in range(start, len(lines)):
        text = lines[idx].text
        if residue_line.match(text):
            return idx, 0
        m = open_source.search(text)
        if m and idx + 1 < len(lines):
            return idx, m.start()
    return None


def _ends_mid_sentence(line: Line) -> bool:
    text = line.text
    if not text or text[-1] in _TERMINAL:
        return False
    if text[-1] in "，、" and len(text) >= 10:
        return True
    # A paragraph (it has a full stop) that stops on a character, not on punctuation.
    return "。" in text and _has_han(text[-1])


def _continues(line: Line) -> bool:
    text = line.text
    return bool(text) and _has_han(text[0]) and not _HEADING_START.match(text) and not line.md_level


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _is_traditional(text: str) -> bool:
    """Whether a text is written in traditional characters (a mirror site's copy): enough of
    its Han characters change when converted to simplified ones."""
    sample = text[:3000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if han < 20:
        return False
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted, strict=False) if a != b)
    return changed >= max(3, 0.03 * han)


def _cut_leading_chrome(lines: list[Line], result: NormalizedText) -> list[Line]:
    """Drop web chrome above the text; record it, its metadata and the title's line."""
    found = leading_chrome([ln.text for ln in lines])
    result.chrome = [CutLine(lines[c.index].no, c.text, c.kind) for c in found.cut]
    result.metadata = found.metadata
    result.metadata_lines = {k: lines[i].no for k, i in found.metadata_lines.items()}
    if found.title_index is not None:
        title = lines[found.title_index]
        result.title_line = title.no
        if found.title_text:
            title.text = found.title_text
    cut = {c.index for c in found.cut}
    return [ln for i, ln in enumerate(lines) if i not in cut]


def normalize(raw_text: str) -> NormalizedText:
    """Normalize a decoded report; see the module docstring for what is done."""
    text = raw_text.translate(_ZERO_WIDTH).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        body = _SPACES.sub(" ", raw).strip()
        md_level = 0
        m = MD_HEADING.match(body)
        if m:
            md_level = len(m.group(1))
            body = body[m.end() :].strip()
        if not body:
            continue
        lines.append(Line(no=no, text=unify_width(body), raw=raw, md_level=md_level))

    result = NormalizedText(lines=lines, original=text)
    if _is_traditional(text):
        result.traditional = True
        for line in lines:  # the raw text (and its line numbers) stay as written
            line.text = _t2s().convert(line.text)
    lines = _cut_leading_chrome(lines, result)
    result.lines = lines
    cut = _find_residue(lines)
    if cut is not None:
        idx, offset = cut
        kept = lines[idx].text[:offset].rstrip()
        residue_lines = [lines[idx].text[offset:]] + [ln.text for ln in lines[idx + 1 :]]
        result.residue = "\n".join(residue_lines)
        result.residue_line = lines[idx].no
        lines[idx].text = kept
        del lines[idx + 1 :]
        if not kept:
            del lines[idx]

    merged: list[Line] = []
    for line in lines:
        if merged and _ends_mid_sentence(merged[-1]) and _continues(line):
            merged[-1].joined.append((len(merged[-1].text), line.no))
            merged[-1].text += line.text
            result.rejoined += 1
        else:
            merged.append(line)
    result.lines = merged
    return result
