"""Saved web pages (.html/.htm): the article body from a main-content extractor
(trafilatura), the publication metadata of the page (索引号, 发布机构, 成文日期…) kept
as metadata and out of the text, the title put back in front of the body."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..i18n import _
from .document import Block, Document, from_lines
from .plain import decode_report

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TITLE_SUFFIX = re.compile(r"\s*[_|｜—–-]+\s*[^_|｜—–-]{2,30}$")


@cache
def _rules() -> dict[str, Any]:
    text = files("toolkit").joinpath("data", "web_page.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def _labels() -> dict[str, str | None]:
    """Metadata label -> key kept (None: a label of page chrome, not kept)."""
    text = files("toolkit").joinpath("data", "web_chrome.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["leading"]["labels"]


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(_labels(), key=len, reverse=True)
    # Pages space labels out to align them: 索 引 号、发布 机构.
    alt = "|".join(r"[ \u3000]*".join(map(re.escape, label)) for label in labels)
    return re.compile(rf"(?:^|(?<=[\s|｜]))({alt})[ \u3000]*[：:][ \u3000]*")


def _decode(data: bytes, path: Path) -> str:
    m = _CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        encoding = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_report(data, str(path))[0]


def _row_texts(tree: Any) -> list[str]:
    """The page as rows of text: a table row or a block element per row."""
    rows = []
    for el in tree.iter("tr", "p", "div", "li", "span", "h1", "h2", "h3", "td"):
        if el.tag == "tr":
            rows.append(" ".join(" ".join(td.itertext()).strip() for td in el.iter("td", "th")))
        elif el.tag in ("p", "li", "h1", "h2", "h3", "span") or not len(el):
            rows.append(" ".join(el.itertext()))
    return [re.sub(r"\s+", " ", r).strip() for r in rows if r and r.strip()]


def page_metadata(tree: Any) -> dict[str, str]:
    """Publication metadata printed on the page or in its <meta> tags."""
    rules = _rules()
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = rules["meta_tags"].get(meta.get("name") or "")
        if key and (meta.get("content") or "").strip():
            found.setdefault(key, meta.get("content").strip())
    pattern = _label_pattern()
    printed: dict[str, str] = {}
    for row in _row_texts(tree):
        if len(row) > 300:
            continue
        marks = list(pattern.finditer(row))
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(row)
            value = row[m.end() : end].strip(" 　|｜")
            key = _labels().get(re.sub(r"[ \u3000]+", "", m.group(1)))
            if key and value and len(value) <= 120:
                printed.setdefault(key, value)
    return {**found, **printed}  # what the page prints wins over <meta>


def _title(tree: Any, meta: dict[str, str], extracted: str | None) -> str | None:
    for candidate in (meta.get("标题"), *(" ".join(h.itertext()) for h in tree.iter("h1"))):
        if candidate and _HAN.search(candidate) and len(candidate.strip()) >= 6:
            return re.sub(r"\s+", "", candidate)
    if extracted:
        return extracted.strip()
    head = tree.find(".//title")
    if head is not None and head.text:
        return _TITLE_SUFFIX.sub("", head.text.strip()) or None
    return None


def _without_metadata_rows(lines: list[str]) -> list[str]:
    """The body without the metadata rows (索引号：… 发布机构：…) an extractor let in at its
    top: they are kept as metadata."""
    pattern = _label_pattern()
    kept = []
    for i, line in enumerate(lines):
        row = line.strip("|｜ \u3000")
        if i < 12 and pattern.match(row) and len(row) <= 160:
            continue  # a row of the metadata table (rows a table extractor draws with |)
        kept.append(line)
    return kept


def mhtml_to_html(data: bytes) -> bytes:
    """The page part of an .mht/.mhtml file (a browser's "single file" save)."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            charset = part.get_content_charset()
            if isinstance(payload, bytes):
                if charset and b"charset" not in payload[:4096].lower():
                    head = f'<meta charset="{charset}">'.encode("ascii")
                    return head + payload
                return payload
    return b""


def read_html(path: Path, data: bytes) -> Document:
    """A saved web page; `InputError` when it holds no article."""
    import lxml.html
    import trafilatura

    text = _decode(data, path)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))  # fmt: skip
    except Exception as exc:  # lxml raises ParserError or ValueError on non-HTML
        raise InputError(
            _("{path}: not a readable web page ({kind})").format(path=path, kind=type(exc).__name__)
        ) from None
    found = trafilatura.bare_extraction(
        tree, with_metadata=True, include_tables=True, include_comments=False
    )
    body = (getattr(found, "text", None) or "").strip()
    if len(_HAN.findall(body)) < _rules()["min_article_han"] or "。" not in body:
        attachments = [
            a.get("href", "").rsplit("/", 1)[-1]
            for a in tree.iter("a")
            if re.search(r"\.(pdf|docx?|wps|ofd)$", a.get("href", ""), re.IGNORECASE)
        ]
        if attachments:
            message = _("{path}: no article found on this web page; the report seems to be an "
                        "attachment ({file}): read that file")  # fmt: skip
        else:
            message = _("{path}: no article found on this web page (only navigation or links)")
        raise InputError(message.format(path=path, file=attachments[0] if attachments else ""))
    meta = page_metadata(tree)
    title = _title(tree, meta, getattr(found, "title", None))
    meta.setdefault("标题", title or "")
    if not meta["标题"]:
        del meta["标题"]
    lines = _without_metadata_rows([ln.strip() for ln in body.split("\n")])
    if title and not any(re.sub(r"\s+", "", ln) == title for ln in lines[:3]):
        lines.insert(0, title)
    return from_lines(
        path, "html", [(ln, Block("line", i)) for i, ln in enumerate(lines, start=1)], encoding="html", metadata=meta
    )  # fmt: skip
