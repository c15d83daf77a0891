"""Findings as Word comments: a copy of the document with each finding anchored on the
words it flags (author fazhi; the excerpt when it flags no words in particular), the
findings without a place in one comment at the title. The runs are split at the anchor's
edges; their formatting and everything else stay."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..check.findings import CheckReport, Finding
from ..output.docx_xml import comment_on, visible_text
from ..text.normalize import unify_width
from .docx_fix import DocxPlacer
from .source import Source, open_docx, text_document

GENERAL = "fazhi：涉及全文、没有具体位置的问题"


def comment_text(f: Finding) -> str:
    """What a reviewer reads in the comment: code, severity, message, suggestion."""
    parts = [f"{f.code} {f.severity} · {f.title}", f.message]
    if f.suggestion:
        parts.append(f"建议：{f.suggestion}")
    if f.fixable:
        parts.append("可自动修正：fazhi fix")
    return "\n".join(parts)


def _span(text: str, excerpt: str, prefix: str) -> tuple[int, int]:
    """Where the excerpt (from the checked text) lies in a paragraph's run text; (0, 0)
    when it cannot be found (the comment then covers the paragraph)."""
    core = excerpt.strip("…").strip()
    candidates = [core]
    if prefix and core.startswith(prefix.strip()):
        candidates.append(core[len(prefix.strip()) :].strip())
    if len(core) >= 8:  # an excerpt across a line break (T509): the half on this line
        half = len(core) // 2
        candidates += [core[half:], core[:half]]
    for c in candidates:
        if not c:
            continue
        for hay in (text, unify_width(text)):
            pos = hay.find(c)
            if pos != -1:
                return pos, pos + len(c)
    return 0, 0


def _flagged(text: str, a: int, b: int, f: Finding) -> tuple[int, int]:
    """Narrow the excerpt's place (a, b) in a paragraph to the words the finding flags, so
    comments on one line do not overlap; (a, b) when the words cannot be found there."""
    if not f.span or b <= a:
        return a, b
    words = f.flagged
    lead = len(f.excerpt) - len(f.excerpt.lstrip("…"))
    expected = a + f.span[0] - lead  # where the words are if the whole excerpt was found
    for hay in (text, unify_width(text)):
        found = [m for m in _occurrences(hay, words) if a <= m and m + len(words) <= b]
        if found:
            best = min(found, key=lambda m: abs(m - expected))
            return best, best + len(words)
    return a, b


def _occurrences(text: str, words: str) -> list[int]:
    out, pos = [], text.find(words)
    while words and pos != -1:
        out.append(pos)
        pos = text.find(words, pos + 1)
    return out


@dataclass
class Annotated:
    """The annotated copy and where the comments went."""

    data: bytes
    at_place: int  # findings anchored at their line
    at_title: int  # findings gathered in the comment at the title


def _title_paragraph(document: Any, placer: DocxPlacer, result: CheckReport) -> Any:
    line = result.report.title_line
    hit = placer.paragraph(line) if line else None
    if hit is not None:
        return hit[0]
    for p in document.paragraphs:
        if p.text.strip():
            return p
    return document.paragraphs[0] if document.paragraphs else document.add_paragraph()


def _row_paragraph(document: Any, table: int, row: int, core: str) -> Any | None:
    try:
        cells = document.tables[table].rows[row].cells
    except IndexError:
        return None
    paras = [p for c in cells for p in c.paragraphs]
    return next((p for p in paras if core and core in p.text), None) or next(
        (p for p in paras if p.text.strip()), paras[0] if paras else None
    )


def annotate_document(
    document: Any, source: Source, result: CheckReport, findings: Sequence[Finding] | None = None
) -> tuple[int, int]:
    """Add the comments to an open python-docx document; (at their place, at the title)."""
    placer = DocxPlacer(document, source)
    general: list[Finding] = []
    placed = 0
    todo = list(result.findings if findings is None else findings)
    # In document order (splitting runs moves no character, so spans found stay valid).
    for f in sorted(todo, key=lambda f: f.line or 0):
        target = _target(document, placer, source, f)
        if target is None:
            general.append(f)
            continue
        para, a, b = target
        comment_on(document, para, a, b, comment_text(f))
        placed += 1
    if general:
        general.sort(key=lambda f: f.line or 0)
        text = f"{GENERAL}（{len(general)}条）\n\n" + "\n\n".join(
            (f"第{f.line}行 " if f.line else "") + comment_text(f) for f in general
        )
        comment_on(document, _title_paragraph(document, placer, result), 0, 0, text)
    return placed, len(general)


def _target(
    document: Any, placer: DocxPlacer, source: Source, f: Finding
) -> tuple[Any, int, int] | None:
    if f.line is None or not (1 <= f.line <= len(source.places)):
        return None
    place = source.places[f.line - 1]
    core = f.excerpt.strip("…").strip()
    if place.kind == "table_row" and place.row is not None:
        para = _row_paragraph(document, place.index, place.row, core)
        if para is None:
            return None
        text = visible_text(para._p)
        return para, *_flagged(text, *_span(text, f.excerpt, ""), f)
    hit = placer.paragraph(f.line)
    if hit is not None:
        para, prefix = hit
        line = source.lines[f.line - 1]
        text = visible_text(para._p)
        return para, *_flagged(text, *_span(text, f.excerpt, line[:prefix]), f)
    if place.kind == "paragraph" and place.index < len(document.paragraphs):
        return document.paragraphs[place.index], 0, 0
    return None


def annotate(source: Source, result: CheckReport) -> Annotated:
    """The annotated .docx (bytes): a copy of a .docx, or a new .docx of a text file."""
    if source.format == "docx":
        document = open_docx(source.path, source.data)
        doc_source = source
    else:
        from ..output.export import text_to_docx

        data = text_to_docx(source.lines, result.report.title_line)
        document = open_docx(source.path, data)
        doc_source = Source(text_document(source.path, source.lines), data)
    at_place, at_title = annotate_document(document, doc_source, result)
    buf = io.BytesIO()
    document.save(buf)
    return Annotated(buf.getvalue(), at_place, at_title)
