"""What a fetched page links to: the report pages of a column page (titles filtered by
genre) and the attachments of a report page (.pdf/.doc/.docx/.wps/.ofd)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from ..readers import decode_bytes
from .genre import is_report_title

ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".ofd")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_GB = ("gb2312", "gbk", "gb18030", "x-gbk")
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def with_charset(html: bytes, charset: str | None) -> bytes:
    """The page with the HTTP header's charset declared inside it when it declares none
    (the readers look for it there)."""
    if not charset or _CHARSET.search(html[:4096]):
        return html
    return f'<meta charset="{charset}">'.encode("ascii", "ignore") + html


def saved_from(html: bytes) -> str | None:
    """The address a browser's "save page" noted in the file (`<!-- saved from url=… -->`)."""
    m = _SAVED_FROM.search(html[:2048])
    return m.group(1).decode("ascii", "ignore") if m else None


def decode_page(html: bytes) -> str:
    """A page's text: by its declared charset (GB2312/GBK read as GB18030), else detected."""
    m = _CHARSET.search(html[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            return html.decode("gb18030" if name in _GB else name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(html)[0]


def parse_tree(html: bytes) -> Any | None:
    """An lxml tree of a page, or None when it is no HTML at all."""
    import lxml.html

    try:
        return lxml.html.document_fromstring(decode_page(html))
    except Exception:  # lxml: ParserError/ValueError on an empty or binary body
        return None


def _anchors(tree: Any, base: str) -> list[Link]:
    seen: set[str] = set()
    out = []
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if url in seen:
            continue
        seen.add(url)
        text = re.sub(r"\s+", "", " ".join(a.itertext()) or a.get("title") or "")
        out.append(Link(url, text or (a.get("title") or "").strip()))
    return out


def attachment_name(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def attachments(tree: Any, base: str) -> list[Link]:
    """Links to report files (by the address's suffix or the link text's)."""
    return [
        link
        for link in _anchors(tree, base)
        if attachment_name(link.url).lower().endswith(ATTACHMENT_SUFFIXES)
        or link.text.lower().endswith(ATTACHMENT_SUFFIXES)
    ]


def report_links(tree: Any, base: str) -> list[Link]:
    """Links of a column page whose text (or title attribute) reads as a report title."""
    found = []
    for link in _anchors(tree, base):
        if urlsplit(link.url).scheme not in ("http", "https", "file"):
            continue
        if is_report_title(link.text):
            found.append(link)
    return found


def suffix_of(url: str, text: str = "") -> str:
    """The report-file suffix an address or link text names, or ""."""
    for name in (attachment_name(url).lower(), text.lower()):
        for suffix in ATTACHMENT_SUFFIXES:
            if name.endswith(suffix):
                return suffix
    return ""
