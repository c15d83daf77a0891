"""Web page chrome around a report's text, found by the rules in `data/web_chrome.yaml`.

Above the text: breadcrumbs, publication metadata blocks (索引号 / 发布机构 / 成文日期 …),
tool rows (字体 大 中 小 / 打印 / 分享), site and column names, a title shown twice.
After the text: comments, "上一篇", footers (see `trailing_rules`). Functions here work on
the lines' texts and return positions, so that `normalize` can keep line numbers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ..paths import PACKAGE_DATA

ChromeKind = Literal[
    "breadcrumb",
    "site",
    "table_rule",
    "tools",
    "metadata",
    "column",
    "repeated_title",
    "publisher",
    "title_rest",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LinePattern(_Strict):
    kind: Literal["breadcrumb", "site", "table_rule"]
    pattern: str


class LeadingRules(_Strict):
    max_lines: int
    line_patterns: list[LinePattern]
    tool_words: list[str]
    labels: dict[str, str | None]
    title_keys: list[str]
    title_pattern: str
    title_min_chars: int
    title_max_chars: int
    title_tag: str
    column_name_max_chars: int


class TrailingRules(_Strict):
    line_pattern: str
    open_source_pattern: str


class WebChromeRules(_Strict):
    leading: LeadingRules
    trailing: TrailingRules


@dataclass(frozen=True)
class _Compiled:
    rules: WebChromeRules
    patterns: list[tuple[str, re.Pattern[str]]]
    tools: frozenset[str]
    label: re.Pattern[str]
    label_key: dict[str, str | None]
    title: re.Pattern[str]
    title_tag: re.Pattern[str]
    residue_line: re.Pattern[str]
    open_source: re.Pattern[str]


@cache
def _compiled() -> _Compiled:
    raw = yaml.safe_load((PACKAGE_DATA / "web_chrome.yaml").read_text(encoding="utf-8"))
    rules = WebChromeRules.model_validate(raw)
    lead = rules.leading
    names = sorted(lead.labels, key=len, reverse=True)
    spaced = "|".join(r"\s*".join(map(re.escape, name)) for name in names)
    # A label stands after the line start or a separator and before ':', '|', ']' or the end.
    label = re.compile(
        rf"(?:^|(?<=[\s|｜\[【•·]))\s*[\[【]?\s*({spaced})\s*[\]】]?\s*(?:[:：|｜]|(?=\s*$)|(?=\s\S))"
    )
    return _Compiled(
        rules=rules,
        patterns=[(p.kind, re.compile(p.pattern)) for p in lead.line_patterns],
        tools=frozenset(lead.tool_words),
        label=label,
        label_key={re.sub(r"\s+", "", k): v for k, v in lead.labels.items()},
        title=re.compile(lead.title_pattern),
        title_tag=re.compile(lead.title_tag),
        residue_line=re.compile(rules.trailing.line_pattern),
        open_source=re.compile(rules.trailing.open_source_pattern),
    )


def trailing_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a residue line, an unclosed source attribution at a line's end)."""
    c = _compiled()
    return c.residue_line, c.open_source


@dataclass(frozen=True)
class ChromeLine:
    """One line cut above the report's text, and why."""

    index: int  # index into the lines given
    text: str
    kind: ChromeKind


@dataclass
class LeadingChrome:
    """What was found above the text: lines to cut, metadata, where the title is."""

    cut: list[ChromeLine] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_lines: dict[str, int] = field(default_factory=dict)  # key -> index of its line
    title_index: int | None = None
    title_text: str | None = None  # the title line's text with a leading 【tag】 dropped


_BULLET = re.compile(r"^[\s•·●▪◆■□◇○\-*]+")
_TOKEN_SPLIT = re.compile(r"[\s|｜/【】\[\]（）()：:，,、]+")
_HEADING_START = re.compile(
    r"^([一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d)|第[一二三四五六七八九十]+[部章节])"
)
_ADDRESSEE = re.compile(r"^[\u4e00-\u9fff、，,（）()]{2,40}[：:]$")
_DOC_NUMBER = re.compile(r"〔\d{4}〕|\[\d{4}\]\s*\d+\s*号")
_DATE = re.compile(r"^\d{4}\s*(年\s*\d{1,2}\s*月|[-./]\s*\d)")
_BODY_NAME = re.compile(r"(局|厅|委员会|委|政府|办公室|管委会|党组|党委)$")


_TITLE_START = re.compile(r"^(?:关于)?(?:19|20)\d{2}\s*年")


def _is_issuer_line(text: str) -> bool:
    """A short line that is nothing but a body's name (中共溪山市交通运输局党组)."""
    return (
        len(text) <= 30
        and bool(_BODY_NAME.search(text))
        and not re.search(r"[\s，。；：:,\d]", text)
    )


# The bars of a table drawn with box characters are cell borders, like '|'.
_BOX_BARS = str.maketrans({c: "|" for c in "│┃║┆┊"})


def _plain(text: str) -> str:
    return _BULLET.sub("", text.translate(_BOX_BARS)).strip()


def _is_tool_row(text: str) -> bool:
    tools = _compiled().tools
    tokens = [t for t in _TOKEN_SPLIT.split(text) if t]
    return bool(tokens) and all(t in tools or re.fullmatch(r"[大中小]+", t) for t in tokens)


def _drop_tool_tail(value: str) -> str:
    """ "2024-02-25 15:22 【字体： 视力保护色：" → "2024-02-25 15:22"."""
    for m in reversed(list(re.finditer(r"[【\[]|\s", value))):
        if _is_tool_row(value[m.start() :]):
            value = value[: m.start()]
    return value


def _label_pairs(text: str) -> list[tuple[str, str]] | None:
    """(label, value) pairs of a metadata line, or None if the line does not start with a label."""
    c = _compiled()
    plain = _plain(text)
    matches = list(c.label.finditer(plain))
    if not matches or plain[: matches[0].start()].strip(" |｜[【"):
        return None
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(plain)
        value = _drop_tool_tail(plain[m.end() : end]).strip(" \t|｜[]【】")
        pairs.append((re.sub(r"\s+", "", m.group(1)), value))
    return pairs


def _is_title(text: str) -> bool:
    lead = _compiled().rules.leading
    return (
        lead.title_min_chars <= len(text) <= lead.title_max_chars
        and "。" not in text
        and bool(_compiled().title.search(text))
    )


def _is_body(text: str) -> bool:
    return (
        "。" in text
        or len(text) > 60
        or bool(_HEADING_START.match(text))
        or bool(_ADDRESSEE.match(text))
    )


def leading_chrome(texts: list[str]) -> LeadingChrome:
    """Find web chrome above the report's text among `texts` (one per non-empty line)."""
    c = _compiled()
    lead = c.rules.leading
    out = LeadingChrome()
    kinds: dict[int, ChromeKind] = {}
    head: list[int] = []  # lines above the body that are not chrome
    pending: str | None = None  # a label standing alone; its value is on the next line
    evidence = False
    for idx, raw in enumerate(texts[: lead.max_lines]):
        text = _plain(raw)
        pairs = _label_pairs(raw)
        if pairs is not None:
            evidence, pending = True, None
            kinds[idx] = "metadata"
            for label, value in pairs:
                key = c.label_key.get(label)
                if value and key and key not in out.metadata:
                    out.metadata[key] = value
                    out.metadata_lines[key] = idx
            if len(pairs) == 1 and not pairs[0][1]:
                pending = pairs[0][0]
            continue
        # The value of a label standing alone, unless the line is the title itself.
        value_line = len(text) <= 60 and "。" not in text and not _is_title(text)
        if pending is not None and (value_line or c.label_key.get(pending) in lead.title_keys):
            key = c.label_key.get(pending)
            pending = None
            if key and key not in out.metadata:
                out.metadata[key] = text
                out.metadata_lines[key] = idx
            if key in lead.title_keys:
                head.append(idx)  # the title itself, under a 标题/名称 label
            else:
                kinds[idx] = "metadata"
            continue
        pending = None
        kind = next((k for k, rx in c.patterns if rx.search(text)), None)
        if kind is None and _is_tool_row(text):
            kind = "tools"
        if kind is not None:
            kinds[idx], evidence = kind, True  # type: ignore[assignment]
            continue
        if _is_body(text):
            break
        head.append(idx)

    joined: dict[int, str] = {}  # a title set over two lines, joined on its first line

    def untagged(idx: int) -> str:
        return joined.get(idx) or c.title_tag.sub("", _plain(texts[idx])).strip()

    for i, j in itertools.pairwise(head):  # …法治政府建设 / 年度报告
        first, second = untagged(i), untagged(j)
        if j == i + 1 and not _is_title(first) and len(second) <= 12 and _is_title(first + second):
            joined[i] = first + second
            kinds[j] = "title_rest"
        elif (
            j == i + 1
            and (first.endswith("关于") or _is_issuer_line(first))
            and _TITLE_START.match(second)
            and _is_title(second)
        ):
            # 中共…党组 / 2022年度法治政府建设报告, …科学技术局关于 / 2023年度…的报告: the issuer
            # set above the rest of the title
            joined[i] = first + second
            kinds[j] = "title_rest"
    head = [i for i in head if kinds.get(i) != "title_rest"]

    titles = [i for i in head if _is_title(untagged(i))]
    meta_title = re.sub(r"\s+", "", out.metadata.get("标题", ""))
    if meta_title and not titles:
        titles = [i for i in head if re.sub(r"\s+", "", untagged(i)) == meta_title]
    if titles:
        # With chrome around, the title is the last title-like line above the text (a copy
        # often shows it twice); a plain file keeps its own first line as the title.
        title_idx = titles[-1] if evidence or meta_title else titles[0]
        evidence = evidence or title_idx in joined
        out.title_index = title_idx
        out.title_text = untagged(title_idx)
        same = re.sub(r"\s+", "", out.title_text)
        for i in head:
            if i < title_idx and re.sub(r"\s+", "", untagged(i)) == same:
                kinds[i] = "repeated_title"
        if evidence:
            for i in head:
                text = _plain(texts[i])
                if i in kinds or i == title_idx or _DOC_NUMBER.search(text) or _DATE.match(text):
                    continue
                short = len(text) <= lead.column_name_max_chars and not re.search(r"[，。；]", text)
                if i < title_idx and short:
                    kinds[i] = "column"
                elif i > title_idx and _BODY_NAME.search(text) and len(text) <= 30:
                    kinds[i] = "publisher"  # the publishing body repeated under the title
    out.cut = [ChromeLine(i, texts[i], k) for i, k in sorted(kinds.items())]
    return out
