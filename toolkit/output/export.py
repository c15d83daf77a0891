"""Export a draft: Markdown, JSON (draft, provenance, findings, usage) and .docx laid out
after GB/T 9704 (A4, official margins, 方正小标宋 title, 黑体/楷体 headings, 仿宋 body at
16 pt, fixed 28 pt lines, page numbers). Every file is written atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ..draft.records import Draft
from ..errors import InputError
from ..i18n import _
from ..text.normalize import MD_HEADING

_SUBHEAD = re.compile(r"^(（[一二三四五六七八九十]+）[^。]*。)")


_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once: new files get the usual permissions, not mkstemp's 0600


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write atomically (a temporary file in the same folder, then renamed), keeping an
    existing file's permissions and giving a new one the usual ones; a folder that cannot
    be written is an `InputError` and nothing is left behind."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InputError(_cannot_write(path, exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(_cannot_write(path, exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cannot_write(path: Path, exc: OSError) -> str:
    return _("{path}: cannot write there ({why})").format(path=path, why=exc.strerror or exc)


def to_markdown(draft: Draft) -> str:
    lines = [f"# {draft.title}", "", draft.addressee, "", draft.opening, ""]
    for s in draft.sections:
        lines += [f"## {s.heading}", ""]
        lines += [p for p in s.body.split("\n") if p.strip()]
        lines.append("")
    lines += [c for c in draft.closing if c]
    return "\n\n".join(x for x in lines if x != "") + "\n"


def to_json(draft: Draft) -> str:
    return json.dumps(draft.to_dict(), ensure_ascii=False, indent=2)


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _paragraph(doc, text: str, font: str = "仿宋_GB2312", size: float = 16, indent: bool = True,
               align: str | None = None, head: tuple[str, str] | None = None) -> None:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if head:  # a run-in heading in its own font, then the text
        _font(p.add_run(head[0]), head[1], size)
        text = text[len(head[0]) :]
    if text:
        _font(p.add_run(text), font, size)


def _page_number_footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), "宋体", 14)
    run = p.add_run()
    _font(run, "宋体", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = run._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            el = run._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = text
        run._element.append(el)
    _font(p.add_run(" —"), "宋体", 14)


def to_docx(draft: Draft) -> bytes:
    """The draft as a Word document (bytes)."""
    import io

    from docx import Document

    doc = Document()
    _page(doc)
    _paragraph(doc, draft.title, "方正小标宋简体", 22, indent=False, align="center")
    _paragraph(doc, "", indent=False)
    if draft.addressee:
        _paragraph(doc, draft.addressee, indent=False)
    _paragraph(doc, draft.opening)
    for s in draft.sections:
        _paragraph(doc, s.heading, "黑体", 16)
        for para in (p for p in s.body.split("\n") if p.strip()):
            m = _SUBHEAD.match(para)
            _paragraph(doc, para, head=(m.group(1), "楷体_GB2312") if m else None)
    closing = [c for c in draft.closing if c]
    if closing:
        _paragraph(doc, closing[0])
        _paragraph(doc, "", indent=False)
        for line in closing[1:]:
            _paragraph(doc, line, indent=False, align="right")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page(doc) -> None:
    from docx.shared import Mm

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    _page_number_footer(sec)


def text_to_docx(lines: list[str], title_line: int | None = None) -> bytes:
    """A text file as a Word document: line N is paragraph N (blank lines too), the title
    line centred in the title font, Markdown headings without their `#` marks in the heading
    font, the rest as body text."""
    import io

    from docx import Document

    doc = Document()
    _page(doc)
    for no, line in enumerate(lines, start=1):
        marked = MD_HEADING.match(line.lstrip())  # a Markdown heading: its text, set as one
        text = line.lstrip()[marked.end() :] if marked else line
        if no == title_line:
            _paragraph(doc, text, "方正小标宋简体", 22, indent=False, align="center")
        elif marked:
            _paragraph(doc, text, "黑体", 16, indent=False)
        else:
            _paragraph(doc, text, indent=bool(text) and not text[0].isspace())
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def draft_files(draft: Draft, formats: list[str], stem: str) -> dict[str, bytes]:
    """The draft in each of `formats` (md, docx, json): file name (stem.EXT) -> bytes."""
    bad = [f for f in formats if f not in ("md", "docx", "json")]
    if bad:
        raise InputError(
            _("unknown format {value}; choose from md, docx, json").format(value=repr(bad[0]))
        )
    if Path(stem).name != stem or stem in ("", ".", ".."):
        raise InputError(_("{name} would write outside the output folder").format(name=repr(stem)))
    make = {"md": lambda: to_markdown(draft).encode(), "json": lambda: to_json(draft).encode(),
            "docx": lambda: to_docx(draft)}  # fmt: skip
    return {f"{stem}.{fmt}": make[fmt]() for fmt in formats}


def write_draft(draft: Draft, out_dir: Path, formats: list[str], stem: str) -> list[Path]:
    """Write the draft in each of `formats` (md, docx, json) as out_dir/stem.EXT."""
    out_dir = Path(out_dir)
    written = []
    for name, data in draft_files(draft, formats, stem).items():
        path = (out_dir / name).resolve()
        atomic_write_bytes(path, data)
        written.append(path)
    return written
