"""PDF reports with a text layer (pdfminer.six, pure Python). Characters are laid out
into lines by position; running headers, footers and page numbers are dropped; lines are
rejoined into paragraphs by layout (a line that reaches the right edge goes on in the
next one unless that one is indented, set apart or in another size); spaces that
extraction puts between Chinese characters and digits are removed."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from ..errors import InputError
from ..i18n import _
from .document import Block, Document, TextIssue, from_lines

# Page furniture: page numbers as Chinese documents print them, in the top/bottom band.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_BAND = 0.12  # share of the page height at the top and at the bottom where furniture sits
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’《》"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d))"
)
_TERMINAL = "。！？；：!?;:"
# The start of a line that line breaking keeps together: opening marks, then a run of Latin
# letters or digits or one character, then the closing marks that may not begin a line and
# an opening mark that may not end one (so a short line before it may still be a full one).
_LEAD = re.compile(
    r"^[(（《〈「『【〔“‘]*(?:[A-Za-z0-9.%—\-]+|.)[)）》〉」』】〕”’,，。、：:;；!！?？%]*(?:[(（《〈「『【〔“‘]+.)?"
)


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float  # distance from the top of the page
    size: float
    text: str
    look: tuple[str, str]  # the main font (subset prefix cut) and fill colour
    ends: tuple[tuple[str, str], tuple[str, str]] = (("", ""), ("", ""))  # first, last char's
    chars: list[Any] = field(default_factory=list, repr=False)
    lead: float = 0.0  # width of the line's first unbreakable chunk (see _LEAD)


def _chars(item: Any, out: list[Any]) -> None:
    from pdfminer.layout import LTChar, LTContainer

    for child in item:
        if isinstance(child, LTChar):
            out.append(child)
        elif isinstance(child, LTContainer):
            _chars(child, out)


_CID = re.compile(r"^\(cid:\d+\)$")


def _line_text(chars: list[Any]) -> str:
    parts: list[str] = []
    prev = None
    for c in chars:
        t = c.get_text()
        if _CID.match(t):
            t = "\ufffd"  # a glyph the font does not map to a character
        if prev is not None and t.strip() and prev.get_text().strip():
            gap = c.x0 - prev.x1
            if gap > 0.3 * max(c.size, 1.0):
                parts.append(" ")  # a word gap the PDF draws without a space glyph
        parts.append(t)
        prev = c
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    return _SPACE_NEAR_CJK.sub("", text)


def _look(c: Any) -> tuple[str, str]:
    state = getattr(c, "graphicstate", None)
    return c.fontname.split("+")[-1], repr(getattr(state, "ncolor", None))


def _page_lines(page: Any, page_no: int) -> list[_Line]:
    chars: list[Any] = []
    _chars(page, chars)
    chars = [c for c in chars if c.get_text() and c.upright]
    chars.sort(key=lambda c: (-(c.y0 + c.y1) / 2, c.x0))
    groups: list[list[Any]] = []
    centre = 0.0
    for c in chars:
        mid = (c.y0 + c.y1) / 2
        if groups and abs(mid - centre) <= 0.45 * max(c.size, 1.0):
            groups[-1].append(c)
        else:
            groups.append([c])
            centre = mid
    lines = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        text = _line_text(g)
        if not text:
            continue
        sizes = Counter(round(c.size) for c in g if c.get_text().strip())
        wide = [c for c in g if not c.get_text().isascii() and c.get_text().strip()]
        looks = Counter(_look(c) for c in wide)
        # The fonts a line begins and ends in are its Chinese characters' (punctuation such
        # as — is often drawn in a fallback font that says nothing about the paragraph).
        hanzi = [c for c in wide if "\u3400" <= c.get_text() <= "\u9fff"] or wide
        lines.append(
            _Line(
                page=page_no,
                x0=min(c.x0 for c in g if c.get_text().strip()),
                x1=max(c.x1 for c in g if c.get_text().strip()),
                top=page.height - max(c.y1 for c in g),
                size=float(sizes.most_common(1)[0][0]) if sizes else 12.0,
                text=text,
                look=looks.most_common(1)[0][0] if looks else ("", ""),
                ends=(_look(hanzi[0]), _look(hanzi[-1])) if hanzi else (("", ""), ("", "")),
                lead=_lead_width(text, g),
            )
        )
    return lines


def _lead_width(text: str, chars: list[Any]) -> float:
    """Width of the first chunk of a line that line breaking keeps together."""
    m = _LEAD.match(text)
    shown = [c for c in chars if c.get_text().strip()]
    if not m or not shown:
        return 0.0
    n = min(len(m.group(0).replace(" ", "")), len(shown))
    return shown[n - 1].x1 - shown[0].x0


def _drop_furniture(pages: list[tuple[float, list[_Line]]]) -> list[_Line]:
    """Body lines of all pages: page numbers and running headers/footers removed."""

    def in_band(line: _Line, height: float) -> bool:
        return line.top < _BAND * height or line.top > (1 - _BAND) * height

    repeated: Counter[str] = Counter()
    for height, lines in pages:
        keys = {re.sub(r"\d+", "#", ln.text) for ln in lines if in_band(ln, height)}
        repeated.update(keys)
    many = max(2, (len(pages) + 1) // 2)
    body = []
    for height, lines in pages:
        for ln in lines:
            if in_band(ln, height) and (
                _PAGE_NUMBER.match(ln.text)
                or (len(pages) > 1 and repeated[re.sub(r"\d+", "#", ln.text)] >= many)
            ):
                continue
            body.append(ln)
    return body


def _paragraphs(lines: list[_Line]) -> list[tuple[str, int]]:
    """Lines rejoined into paragraphs by layout: (text, page it starts on)."""
    if not lines:
        return []
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    ends = sorted(ln.x1 for ln in lines)
    right = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 20 else ends[-1]
    body_size = median(ln.size for ln in lines)
    pitches = [
        b.top - a.top
        for a, b in pairwise(lines)
        if a.page == b.page and 0 < b.top - a.top < 3 * a.size
    ]
    pitch = min((p for p in pitches if p > 0.9 * body_size), default=1.5 * body_size)
    pitch = median([p for p in pitches if p < 1.2 * pitch] or [pitch])  # within paragraphs
    out: list[list[Any]] = []
    prev: _Line | None = None
    for ln in lines:
        if prev is not None and (
            _continues(prev, ln, left, right, pitch)
            or _title_goes_on(prev, ln, left, right, body_size)
        ):
            joiner = " " if re.match(r"[A-Za-z0-9]", ln.text) and re.search(r"[A-Za-z0-9,.]$", out[-1][0]) else ""  # fmt: skip
            out[-1][0] += joiner + ln.text
        else:
            out.append([ln.text, ln.page])
        prev = ln
    return [(t, p) for t, p in out]


def _title_goes_on(prev: _Line, ln: _Line, left: float, right: float, body: float) -> bool:
    """Two centred lines in the same large type right under each other: one title."""
    middle = (left + right) / 2
    return (
        prev.page == ln.page
        and prev.look == ln.look
        and abs(prev.size - ln.size) < 0.5
        and ln.size > 1.15 * body
        and 0 < ln.top - prev.top < 2.2 * ln.size
        and all(abs((x.x0 + x.x1) / 2 - middle) < ln.size for x in (prev, ln))
        and prev.text[-1:] not in _TERMINAL
    )


def _continues(prev: _Line, ln: _Line, left: float, right: float, pitch: float) -> bool:
    size = max(ln.size, 1.0)
    if abs(prev.size - ln.size) > 0.15 * size:
        return False  # a title, a heading in another size, a footnote
    last, first = prev.ends[1], ln.ends[0]
    if last != first and all(last) and all(first):
        # A heading line in its own font or colour, then the body. (A run-in heading ends
        # its line in the body's font, so its paragraph goes on.)
        return False
    if prev.x1 < right - 1.5 * size and prev.x1 + ln.lead < right - 0.5 * size:
        # The line before stops short, and this line's first chunk would have fitted
        # there: its paragraph ends there.
        return False
    if ln.page == prev.page and ln.top - prev.top > pitch + 0.4 * size:
        return False  # set apart by space (more than the paragraph's own line pitch)
    if prev.text[-1:] in _TERMINAL and _HEADING_START.match(ln.text):
        return False
    if ln.x0 - left > 0.8 * size:
        # Indented: a new paragraph's first line, unless it is the centred rest of a
        # centred line (a title over two lines).
        centre, middle = (ln.x0 + ln.x1) / 2, (left + right) / 2
        return abs(centre - middle) < size and abs((prev.x0 + prev.x1) / 2 - middle) < 2 * size
    return True


def _locked(path: Path) -> str:
    return _("{path}: the PDF is password-protected (encrypted); save a copy without a "
             "password").format(path=path)  # fmt: skip


def _unreadable(path: Path, exc: Exception) -> str:
    return _("{path}: not a readable PDF ({kind})").format(path=path, kind=type(exc).__name__)


def read_pdf(path: Path) -> Document:
    """A PDF report with a text layer; `InputError` for a scan, a password, a broken file."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[tuple[float, list[_Line]]] = []
    try:
        with open(path, "rb") as fh:
            document = PDFDocument(PDFParser(fh), password="")
            manager = PDFResourceManager(caching=True)
            device = PDFPageAggregator(manager, laparams=None)
            interpreter = PDFPageInterpreter(manager, device)
            for no, page in enumerate(PDFPage.create_pages(document), start=1):
                interpreter.process_page(page)
                layout = device.get_result()
                pages.append((layout.height, _page_lines(layout, no)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(_locked(path)) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(_unreadable(path, exc)) from None
    except Exception as exc:  # pdfminer raises bare exceptions on some broken files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError(_locked(path)) from None
        raise InputError(_unreadable(path, exc)) from None
    if not any(lines for _, lines in pages):
        raise InputError(
            _("{path}: the PDF has no text layer (a scanned image?); OCR it first").format(path=path)
        )
    paragraphs = _paragraphs(_drop_furniture(pages))
    if not paragraphs:
        raise InputError(
            _("{path}: the PDF has no text besides page numbers and headers").format(path=path)
        )
    text = "".join(t for t, _ in paragraphs)
    if text.count("\ufffd") > 0.2 * len(text):
        raise InputError(
            _("{path}: the PDF's fonts do not say which characters they draw, so its text "
              "cannot be read; OCR it first").format(path=path)
        )  # fmt: skip
    issues = [
        TextIssue(i, f"PDF中有{t.count(chr(0xFFFD))}个字形无法识别为文字，已替换为“\ufffd”")
        for i, (t, _) in enumerate(paragraphs, start=1)
        if "\ufffd" in t
    ]
    lines = [(t, Block("line", page)) for t, page in paragraphs]
    return from_lines(path, "pdf", lines, issues=issues)
