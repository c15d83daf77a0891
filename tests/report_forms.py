"""One correct report, built in every form an analyst has it: text, .docx with typed
numbers, .docx with Word's automatic numbering, PDF and .doc (made by LibreOffice), a
saved web page with its chrome, and the text a browser copies from that page.

The report is written for these tests (a fictional county); it checks with no error and
no warning. Used by the reader tests and by `python -m bench read`."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TITLE = "青溪县科学技术局2024年法治政府建设年度报告"
ISSUER = "青溪县科学技术局"
ADDRESSEE = "县委、县政府："
OPENING = (
    "2024年，青溪县科学技术局以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和"
    "二十届三中全会精神，深入学习贯彻习近平法治思想，把法治建设融入科技创新各项工作，依法履行"
    "科技管理职责。现将全年工作情况报告如下。"
)


@dataclass(frozen=True)
class Part:
    """A top-level section: its heading, its sub-sections (heading, body) or its body."""

    heading: str
    subsections: tuple[tuple[str, str], ...] = ()
    body: str = ""


PARTS = (
    Part(
        "2024年度推进法治政府建设的主要举措和成效",
        (
            (
                "健全工作机制，压紧压实责任",
                "局党组把法治建设列入年度重点工作，全年召开党组会议专题研究法治工作3次，"
                "制定年度法治建设工作要点，明确12项任务和责任股室，做到与科技业务同谋划、同落实。",
            ),
            (
                "深化学法用法，增强法治意识",
                "坚持领导干部会前学法制度，党组理论学习中心组集体学习法律法规5次，系统学习"
                "《中华人民共和国科学技术进步法》《中华人民共和国行政许可法》等法律。组织全体干部"
                "参加年度学法考试，参考率和合格率均达到100%。",
            ),
            (
                "严格依法决策，规范行政行为",
                "落实重大行政决策程序规定，修订科技项目管理办法前公开征求意见，开展合法性审查和"
                "公平竞争审查，全年审查规范性文件和合同4件，未发生违法决策情况。",
            ),
            (
                "创新普法宣传，服务科技企业",
                "落实“谁执法谁普法”普法责任制，结合科技活动周和国家宪法日走进园区和企业开展"
                "宣传8场次，为科技型中小企业解读知识产权和科技成果转化政策，受益企业60余家。",
            ),
        ),
    ),
    Part(
        "存在的不足和原因",
        body="一是法治宣传的针对性还不够强，面向企业的解读多，面向农村科技人员的少。主要原因是"
        "宣传力量有限，对基层需求调研不够深入。二是科技执法专业力量偏弱，熟悉法律的干部只有2名，"
        "原因在于近年人员调整较多，培训跟进不及时。",
    ),
    Part(
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        body="局主要负责人带头学习法律法规，年初专题部署法治建设工作，对重要事项亲自过问、"
        "亲自协调，在年终述职中报告履行推进法治建设第一责任人职责情况，推动各项任务落实。",
    ),
    Part(
        "2025年推进法治政府建设的主要安排",
        body="一是持续深入学习贯彻习近平法治思想，把法治建设要求落实到科技管理各环节。二是完善"
        "科技执法人员培训制度，提升执法能力。三是拓展普法阵地，面向乡镇和企业开展送法上门活动。",
    ),
)
CLOSING = "特此报告。"
DATE = "2025年1月15日"
CN = "一二三四五六七八九十"


def report_lines() -> list[str]:
    """The report as text lines (numbers typed), with empty lines between paragraphs."""
    out = [TITLE, "", ADDRESSEE, "", OPENING, ""]
    for i, part in enumerate(PARTS):
        out += [f"{CN[i]}、{part.heading}", ""]
        for j, (head, body) in enumerate(part.subsections):
            out += [f"（{CN[j]}）{head}", "", body, ""]
        if part.body:
            out += [part.body, ""]
    return [*out, CLOSING, "", ISSUER, DATE]


def report_text() -> str:
    return "\n".join(report_lines()) + "\n"


# --- Word -------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(tag: str, **attrs: str) -> Any:
    from lxml import etree

    return etree.Element(_w(tag), {_w(k): v for k, v in attrs.items()}, nsmap={"w": W_NS})


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


def add_list(doc: Any, levels: list[dict[str, str]], abstract_id: str, num_id: str) -> Any:
    """Add an abstractNum with `levels` (keys: fmt, text, start, suff, restart) and a num
    pointing at it to the document's numbering part; the new w:num element."""
    numbering = doc.part.part_related_by(RT_NUMBERING).element
    ab = _el("abstractNum", abstractNumId=abstract_id)
    _sub(ab, "multiLevelType", val="multilevel")
    for ilvl, spec in enumerate(levels):
        lvl = _sub(ab, "lvl", ilvl=str(ilvl))
        _sub(lvl, "start", val=spec.get("start", "1"))
        _sub(lvl, "numFmt", val=spec["fmt"])
        if "restart" in spec:
            _sub(lvl, "lvlRestart", val=spec["restart"])
        if "suff" in spec:
            _sub(lvl, "suff", val=spec["suff"])
        _sub(lvl, "lvlText", val=spec["text"])
        _sub(lvl, "lvlJc", val="left")
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(ab)
    else:
        numbering.append(ab)
    num = _sub(numbering, "num", numId=num_id)
    _sub(num, "abstractNumId", val=abstract_id)
    return num


def set_numbering(target: Any, num_id: str | None, ilvl: int | None = 0) -> None:
    """Give a paragraph or a style (python-docx objects) a numPr."""
    ppr = target.element.get_or_add_pPr() if hasattr(target, "element") and hasattr(target.element, "get_or_add_pPr") else target._p.get_or_add_pPr()  # fmt: skip
    num_pr = _el("numPr")
    if ilvl is not None:
        _sub(num_pr, "ilvl", val=str(ilvl))
    if num_id is not None:
        _sub(num_pr, "numId", val=num_id)
    ppr.insert(0, num_pr)


def _set_font(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        style.font.name = "Noto Serif CJK SC"
        style.font.size = Pt(16 if name != "Title" else 22)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), "Noto Serif CJK SC")
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)


def _page_field(paragraph: Any) -> None:
    """「— N —」 with N a PAGE field, as official documents number their pages."""
    from docx.oxml.ns import qn

    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):  # fmt: skip
        if kind:
            el = run._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == "1":
            el = run._element.makeelement(qn("w:t"), {})
            el.text = text
        else:
            el = run._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = text
        run._element.append(el)
    paragraph.add_run(" —")


def build_docx(path: Path, auto_numbered: bool = False, official: bool = False) -> Path:
    """The report as .docx: headings in Heading 1/2 styles; numbers typed in the text, or
    (`auto_numbered`) Word's automatic numbering from the heading styles (一、 and （一）).
    `official`: laid out like a printed government document (GB/T 9704 margins, fixed 28 pt
    lines, first-line indents, so the report runs over three pages with paragraphs split
    across page breaks, and page numbers 「— N —」 in the footer)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    _set_font(doc)
    if official:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Mm

        sec = doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
        sec.left_margin, sec.right_margin = Mm(28), Mm(26)
        for name in ("Normal", "Heading 1", "Heading 2"):
            fmt = doc.styles[name].paragraph_format
            fmt.first_line_indent = Pt(32)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(28)
            fmt.space_before = fmt.space_after = Pt(0)
    if auto_numbered:
        add_list(
            doc,
            [
                {"fmt": "chineseCounting", "text": "%1、", "suff": "nothing"},
                {"fmt": "chineseCounting", "text": "（%2）", "suff": "nothing"},
            ],
            abstract_id="90",
            num_id="90",
        )
        set_numbering(doc.styles["Heading 1"], "90", 0)
        set_numbering(doc.styles["Heading 2"], "90", 1)
    title = doc.add_paragraph(TITLE, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    doc.add_paragraph(ADDRESSEE).paragraph_format.first_line_indent = Pt(0)
    doc.add_paragraph(OPENING)
    for i, part in enumerate(PARTS):
        doc.add_paragraph(
            part.heading if auto_numbered else f"{CN[i]}、{part.heading}", style="Heading 1"
        )
        for j, (head, body) in enumerate(part.subsections):
            doc.add_paragraph(head if auto_numbered else f"（{CN[j]}）{head}", style="Heading 2")
            doc.add_paragraph(body)
        if part.body:
            doc.add_paragraph(part.body)
    doc.add_paragraph(CLOSING)
    doc.add_paragraph("")
    doc.add_paragraph(ISSUER).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(DATE).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if official:
        _page_field(doc.sections[0].footer.paragraphs[0])
    else:
        doc.sections[0].footer.paragraphs[0].text = "— 1 —"
    doc.sections[0].header.paragraphs[0].text = "青溪县科学技术局文件"
    doc.save(str(path))
    return path


# --- LibreOffice ------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, out_dir: Path) -> Path:
    """`src` converted by LibreOffice to `fmt` (pdf, doc, odt, rtf) in `out_dir`."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
             "--outdir", str(out_dir), str(src)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    out = out_dir / f"{src.stem}.{fmt}"
    if not out.exists():
        raise RuntimeError(f"LibreOffice did not write {out}")
    return out


# --- Web page ---------------------------------------------------------------------------

CHROME_BEFORE = [
    "当前位置：首页 > 政务公开 > 法治政府建设",
    "索引号：11330000X00000000A/2025-00012",
    "发布机构：青溪县科学技术局",
    "成文日期：2025-01-15",
    "发布日期：2025-01-20",
    "字体：【大 中 小】 打印 分享",
]
CHROME_AFTER = [
    "相关链接：",
    "青溪县人民政府",
    "青溪县司法局",
    "主办单位：青溪县人民政府办公室",
    "网站标识码：3300000000 浙ICP备00000000号",
]


def build_html(path: Path, encoding: str = "utf-8") -> Path:
    """A government page as a browser saves it: navigation, breadcrumbs, a metadata
    table, tool rows, the article, related links and the footer."""
    from html import escape

    paras = []
    for line in report_lines()[2:]:
        if not line:
            continue
        align = ' style="text-align:right"' if line in (ISSUER, DATE) else ""
        paras.append(f"<p{align}>{escape(line)}</p>")
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{escape(TITLE)}_青溪县人民政府</title>
<meta name="ArticleTitle" content="{escape(TITLE)}">
<meta name="PubDate" content="2025-01-20 09:30">
<meta name="ContentSource" content="{ISSUER}">
</head><body>
<div class="header"><a href="/">青溪县人民政府</a> <a href="/zwgk/">政务公开</a>
<a href="/hdjl/">互动交流</a> <a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>
<table class="meta">
<tr><td>索引号：</td><td>11330000X00000000A/2025-00012</td><td>发布机构：</td><td>{ISSUER}</td></tr>
<tr><td>成文日期：</td><td>2025-01-15</td><td>发布日期：</td><td>2025-01-20</td></tr>
<tr><td>标题：</td><td colspan="3">{escape(TITLE)}</td></tr>
</table>
<div class="article">
<h1 class="title">{escape(TITLE)}</h1>
<div class="tools">字体：【<a>大</a> <a>中</a> <a>小</a>】 <a>打印</a> <a>分享</a></div>
<div class="content" id="zoom">
{chr(10).join(paras)}
</div>
</div>
<div class="related"><h3>相关链接：</h3><ul><li><a href="#">青溪县人民政府</a></li>
<li><a href="#">青溪县司法局</a></li></ul></div>
<div class="footer">主办单位：青溪县人民政府办公室 网站标识码：3300000000 浙ICP备00000000号</div>
</body></html>
"""
    path.write_bytes(page.encode(encoding))
    return path


def build_browser_copy(path: Path) -> Path:
    """What Ctrl+A, Ctrl+C in a browser gives on that page, saved as text."""
    lines = [*CHROME_BEFORE, TITLE, *report_lines()[1:], *CHROME_AFTER]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


FORMS = ("txt", "docx", "docx_auto", "pdf", "pdf_official", "doc", "html", "browser_copy")
NEEDS_SOFFICE = ("pdf", "pdf_official", "doc")


def build(form: str, out_dir: Path) -> Path:
    """The report in `form` (one of `FORMS`) under `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if form == "txt":
        path = out_dir / "report.txt"
        path.write_text(report_text(), encoding="utf-8")
        return path
    if form == "docx":
        return build_docx(out_dir / "report_plain.docx")
    if form == "docx_auto":
        return build_docx(out_dir / "report_auto.docx", auto_numbered=True)
    if form in ("pdf", "doc"):
        src = out_dir / "report_auto.docx"
        if not src.exists():
            build_docx(src, auto_numbered=True)
        return convert(src, form, out_dir)
    if form == "pdf_official":
        return convert(build_docx(out_dir / "report_official.docx", official=True), "pdf", out_dir)
    if form == "html":
        return build_html(out_dir / "report.html")
    if form == "browser_copy":
        return build_browser_copy(out_dir / "report_copied.txt")
    raise ValueError(f"unknown form {form!r}")
