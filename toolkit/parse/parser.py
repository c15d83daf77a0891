"""Structure parser: normalized text → `ParsedReport` (metadata and heading tree)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..outline import OutlineSpec, default_outline
from ..readers import Document, read_document
from ..text.headings import HeadingMark, heading_text, match_heading
from ..text.normalize import MD_HEADING, Line, normalize
from ..text.unnumbered import Numbered, classify
from .metadata import detect_language, find_issuer, find_title, find_year, level_of, parse_date_line
from .report import ParsedReport, SectionNode

_DOC_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号")
_ADDRESSEE = re.compile(r"^[\u4e00-\u9fff、，]{2,30}[：:]$")
_SIGNATURE_END = re.compile(r"(局|厅|党组|党委|委员会|政府|办公室|Bureau)$")
_CLOSING_PHRASE = re.compile(r"^(特此报告|专此报告|特此报告如上)[。.]?$")
_DATE_PLACEHOLDER = re.compile(
    r"^(【[^】]{0,12}】|[\d×XＸ○〇]{2,4}年[\d×XＸ○〇]{1,2}月[\d×XＸ○〇]{1,2}日)$"
)
_ENCLOSED = re.compile(r"【[^】]*】|[（(][^）)]*[）)]")
_INLINE_ENUM = re.compile(r"^[一二三四五六七八九十]+是")


def _raw_body(line: Line) -> str:
    body = line.raw.strip().replace("\u3000", " ").strip()
    return MD_HEADING.sub("", body).strip()


def _header_end(lines: list[Line], start: int) -> tuple[int, int | None, str | None]:
    """Skip dates, document numbers, bare years and the addressee after the title."""
    idx, date_idx, addressee = start, None, None
    while idx < len(lines) and idx < start + 5:
        text = lines[idx].text
        if len(text) > 40 or "。" in text:
            break
        if parse_date_line(text):
            date_idx = idx
        elif _ADDRESSEE.match(text):
            addressee = text.rstrip("：:")
        elif not (_DOC_NUMBER.search(text) or re.fullmatch(r"\d{4}(年度?)?", text)):
            break
        idx += 1
    return idx, date_idx, addressee


def _closing_start(lines: list[Line], start: int) -> tuple[int, dict[str, int]]:
    """Index where the closing (特此报告, signature, date) begins, and where each part is."""
    found: dict[str, int] = {}
    idx = len(lines)
    while idx - 1 >= start and len(found) < 3:
        text = lines[idx - 1].text
        if "date" not in found and (parse_date_line(text) or _DATE_PLACEHOLDER.match(text)):
            found["date"] = idx - 1
        elif "closing" not in found and _CLOSING_PHRASE.match(text):
            found["closing"] = idx - 1
        elif (
            "signature" not in found
            and len(text) <= 40
            and not re.search(r"[。，；：]", text)
            and _SIGNATURE_END.search(text)
        ):
            found["signature"] = idx - 1
        else:
            break
        idx -= 1
    return idx, found


def _is_unnumbered_heading(lines: list[Line], idx: int, language: str) -> bool:
    line = lines[idx]
    text = line.text
    if language != "zh" or not (4 <= len(text) <= 40):
        return False
    if re.search(r"[。；：:！？]$", text) or "。" in text or _INLINE_ENUM.match(text):
        return False
    if not re.search(r"[\u4e00-\u9fff]", text) or parse_date_line(text):
        return False
    if _ENCLOSED.fullmatch(text):  # a placeholder or an aside, e.g. 【待补充：…】, （略）
        return False
    # A heading stands alone between paragraphs, or leads a numbered heading.
    if not 0 < idx < len(lines) - 1:
        return False
    after = lines[idx + 1].text
    return len(after) > len(text) or match_heading(after, language) is not None


_SENTENCE_END = "。！？；：…”’」』》）)!?;:."


def _cut_off(
    lines: list[Line], body_end: int, closing: dict[str, int], nodes: list[SectionNode]
) -> bool:
    """Whether a report stops mid-sentence with no closing: a copy cut off (a page excerpt,
    a truncated download), whose later sections cannot be judged. A text with no heading at
    all is not taken for a report cut short."""
    if closing or not lines or body_end < len(lines) or not nodes:
        return False
    last = lines[-1].text
    return last[-1] not in _SENTENCE_END and not last.startswith("附件")


def _first_paragraph(lines: list[Line], start: int, end: int, language: str) -> str:
    """The opening paragraph of the body (before its first heading), or ""."""
    for line in lines[start : min(end, start + 2)]:
        if match_heading(line.text, language):
            return ""
        if "。" in line.text or len(line.text) > 40:
            return line.text
    return ""


def _topics(text: str, outline: OutlineSpec) -> list[str]:
    return outline.tag_topics(text)


def _node_from_mark(mark: HeadingMark, line: Line, idx: int, language: str) -> SectionNode:
    norm = match_heading(line.text, language)
    rest = norm.rest if norm else mark.rest
    head = heading_text(rest)
    return SectionNode(
        heading=head,
        level=mark.level,
        number=mark.number,
        line=line.no,
        mark=mark.mark,
        style=mark.style,
        line_index=idx,
        run_in=len(rest.rstrip("。")) > len(head),
    )


def _styled_heading(line: Line, idx: int, level: int) -> SectionNode:
    """A line the document styles as a heading but that carries no number."""
    return SectionNode(
        heading=heading_text(line.text),
        level=min(max(level, 1), 4),
        number=None,
        line=line.no,
        line_index=idx,
        unnumbered=True,
        style="unnumbered",
    )


def _build_tree(nodes: list[SectionNode], body_end: int) -> list[SectionNode]:
    roots: list[SectionNode] = []
    stack: list[SectionNode] = []
    for i, node in enumerate(nodes):
        node.end_index = body_end
        for later in nodes[i + 1 :]:
            if later.level <= node.level:
                node.end_index = later.line_index
                break
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _assign_ids(roots: list[SectionNode], outline: OutlineSpec) -> None:
    seen_later_part = False
    for node in roots:
        for spec in outline.heading_sections:
            if spec.matches(node.heading):
                node.id = spec.id
                break
        if node.id is None and not seen_later_part:
            node.id = "measures"  # a topical heading with no umbrella "measures" heading
        if node.id in ("shortcomings", "plans", "first_responsible", "other"):
            seen_later_part = True


def _own_text(report_lines: list[Line], node: SectionNode) -> str:
    stop = node.children[0].line_index if node.children else node.end_index
    return "\n".join(ln.text for ln in report_lines[node.line_index : stop])


def parse_text(
    raw_text: str,
    path: str | Path | None = None,
    encoding: str = "utf-8",
    outline: OutlineSpec | None = None,
    heading_levels: Mapping[int, int] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> ParsedReport:
    """Parse the text of a report (already decoded). `heading_levels` (line → level, from
    a Word document's heading styles) makes a line with no number a heading of that level;
    `metadata` is publication metadata a reader found (发布机构, 标题 …), joined with what
    the page chrome above the text gives."""
    outline = outline or default_outline()
    norm = normalize(raw_text)
    page_meta = {**norm.metadata, **(metadata or {})}
    lines = norm.lines
    language = detect_language(norm.text)

    title_idx = None
    if norm.chrome or norm.metadata:  # a web copy (or a title set over two lines)
        title_idx = next((i for i, ln in enumerate(lines[:4]) if ln.no == norm.title_line), None)
    if title_idx is None:
        title_idx = find_title(lines, outline.title_regexes, language)
    start = title_idx + 1 if title_idx is not None else 0
    body_start, header_date_idx, addressee = _header_end(lines, start)
    body_end, closing = _closing_start(lines, body_start)

    nodes: list[SectionNode] = []
    has_numbered_l1 = False
    for idx in range(body_start, body_end):
        mark = match_heading(_raw_body(lines[idx]), language) or match_heading(
            lines[idx].text, language
        )
        if mark:
            nodes.append(_node_from_mark(mark, lines[idx], idx, language))
            has_numbered_l1 |= mark.level == 1
        elif (
            heading_levels
            and lines[idx].no in heading_levels
            and len(lines[idx].text) <= 50
            and not lines[idx].text.endswith(("。", "；", ";"))
        ):  # a short line styled as a heading (a whole paragraph in a heading style is not)
            nodes.append(_styled_heading(lines[idx], idx, heading_levels[lines[idx].no]))
    if has_numbered_l1 or not nodes:
        numbered_idx = {n.line_index for n in nodes}
        candidates = [
            (idx, lines[idx].text)
            for idx in range(body_start, body_end)
            if idx not in numbered_idx and _is_unnumbered_heading(lines, idx, language)
        ]
        if nodes:  # the numbered level-1 headings judge which candidates are headings
            level1 = [
                Numbered(n.line_index, n.number)
                for n in nodes
                if n.level == 1 and n.number is not None
            ]
            styles = classify(candidates, level1, outline)
        else:
            styles = {idx: "unnumbered" for idx, _ in candidates}
        for idx, style in styles.items():
            nodes.append(
                SectionNode(
                    heading=lines[idx].text,
                    level=0 if style == "umbrella" else 1,  # a part above its run of 一、二、
                    number=None,
                    line=lines[idx].no,
                    line_index=idx,
                    unnumbered=True,
                    style=style,
                )
            )
        nodes.sort(key=lambda n: n.line_index)

    roots = _build_tree(nodes, body_end)
    _assign_ids(roots, outline)
    for root in roots:
        for node in root.walk():
            node.topics = _topics(_own_text(lines, node), outline)
            last = lines[max(node.line_index, node.end_index - 1)]
            node.end_line = last.joined[-1][1] if last.joined else last.no

    date_idx = closing.get("date", header_date_idx)
    date = parse_date_line(lines[date_idx].text) if date_idx is not None else None
    title = lines[title_idx].text if title_idx is not None else None
    title_line = lines[title_idx].no if title_idx is not None else None
    if title is None and page_meta.get("标题"):
        # The title stands only in the page's metadata (标 题：… / 名称：…).
        title, title_line = page_meta["标题"], norm.metadata_lines.get("标题")
    signature = lines[closing["signature"]].text if "signature" in closing else None
    publisher = [c.text for c in norm.chrome if c.kind == "publisher"]
    page_bodies = [t for t in (page_meta.get("发布机构"), *publisher) if t]
    context = "\n".join([*(c.text for c in norm.chrome), *(ln.text for ln in lines)])
    issuer = find_issuer(
        page_bodies,
        context,
        language,
        title=title,
        signature=signature,
        first_paragraph=_first_paragraph(lines, body_start, body_end, language),
    )
    body_lines = lines[body_start:body_end]
    year = find_year(title, lines[start:body_end] if title is None else body_lines, language, date)

    return ParsedReport(
        title=title,
        year=year,
        issuer=issuer,
        level=level_of(issuer, language, context),  # type: ignore[arg-type]
        date=date,
        language=language,  # type: ignore[arg-type]
        sections=roots,
        lines=lines,
        path=Path(path) if path else None,
        encoding=encoding,
        title_line=title_line,
        date_line=lines[date_idx].no if date_idx is not None else None,
        date_text=lines[date_idx].text if date_idx is not None else None,
        addressee=addressee,
        signature=signature,
        signature_line=lines[closing["signature"]].no if "signature" in closing else None,
        closing_phrase_line=lines[closing["closing"]].no if "closing" in closing else None,
        body_start=body_start,
        body_end=body_end,
        residue=norm.residue,
        residue_line=norm.residue_line,
        rejoined=norm.rejoined,
        truncated=_cut_off(lines, body_end, closing, nodes),
        traditional=norm.traditional,
        chrome=norm.chrome,
        metadata=page_meta,
    )


def parse_document(doc: Document, outline: OutlineSpec | None = None) -> ParsedReport:
    """Parse a document a reader gave; the report keeps it as `document`."""
    report = parse_text(
        doc.text, path=doc.path, encoding=doc.encoding, outline=outline,
        heading_levels=doc.heading_levels, metadata=doc.metadata,
    )  # fmt: skip
    report.document = doc
    return report


def parse_file(path: str | Path, outline: OutlineSpec | None = None) -> ParsedReport:
    """Read (any format `read_document` reads) and parse a report file; raises
    `InputError` if it is unusable."""
    return parse_document(read_document(path), outline)
