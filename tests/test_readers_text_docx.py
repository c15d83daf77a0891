"""Readers for text files and Word .docx: the contract (one line per paragraph or table
row, the line map), repaired bytes, and Word's automatic numbering as Word shows it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx

from toolkit import parse_file
from toolkit.check import check_file
from toolkit.errors import InputError
from toolkit.readers import Block, read_document
from toolkit.readers.numbering import chinese_counting, format_number

from .report_forms import ISSUER, TITLE, add_list, build, report_lines, set_numbering

ROOT = Path(__file__).resolve().parent.parent


def _fazhi(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )  # fmt: skip


def _contract(doc) -> None:  # type: ignore[no-untyped-def]
    assert len(doc.blocks) == len(doc.text.split("\n"))
    assert all(1 <= line <= len(doc.blocks) for line in doc.heading_levels)


# --- text files ----------------------------------------------------------------------------


def test_text_file_lines_map_to_themselves(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("标题\r\n\r\n正文一。\r第三行\n".encode())
    doc = read_document(path)
    _contract(doc)
    assert doc.lines == ["标题", "", "正文一。", "第三行", ""]
    assert doc.blocks[3] == Block("line", 4) and doc.format == "txt" and doc.encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_one_corrupt_byte_sequence_is_repaired_and_reported_at_its_line(
    tmp_path: Path, encoding: str
) -> None:
    lines = report_lines()
    target = next(i for i, ln in enumerate(lines) if ln.startswith("一是法治宣传"))
    data = "\n".join(lines).encode(encoding)
    at = data.index("宣传".encode(encoding), len("\n".join(lines[:target]).encode(encoding)))
    # UTF-8: a character cut to its first two bytes; GBK: a lead byte overwritten.
    bad = data[:at] + b"\xe5\xae" + data[at + 3 :] if encoding == "utf-8" else data[:at] + b"\xff" + data[at + 1 :]  # fmt: skip
    path = tmp_path / f"corrupt-{encoding}.txt"
    path.write_bytes(bad)

    doc = read_document(path)
    assert [i.line for i in doc.issues] == [target + 1]
    assert "\ufffd" in doc.lines[target] and doc.lines[target].endswith(lines[target][-20:])
    assert doc.lines[target + 2] == lines[target + 2]  # the text after it is intact

    result = check_file(path)
    assert [(f.code, f.line, f.severity) for f in result.findings] == [
        ("T511", target + 1, "warning")
    ]
    assert _fazhi("check", str(path)).returncode == 0


def test_a_file_in_no_encoding_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 50)
    with pytest.raises(InputError, match=r"cannot decode|not a text file"):
        read_document(path)


# --- Word: the bundled report in two forms -------------------------------------------------


@pytest.mark.parametrize("form", ["docx", "docx_auto"])
def test_docx_forms_read_like_the_text(tmp_path: Path, form: str) -> None:
    path = build(form, tmp_path)
    doc = read_document(path)
    _contract(doc)
    want = [ln for ln in report_lines() if ln]
    assert [ln for ln in doc.lines if ln] == want  # numbers rendered, footer/header left out
    assert (
        doc.heading_levels[doc.lines.index("一、2024年度推进法治政府建设的主要举措和成效") + 1] == 1
    )
    assert doc.heading_levels[doc.lines.index("（二）深化学法用法，增强法治意识") + 1] == 2
    report = parse_file(path)
    assert (report.title, report.year, report.issuer, report.level) == (
        TITLE,
        2024,
        ISSUER,
        "county",
    )
    assert report.document is doc or report.document.text == doc.text
    assert check_file(path).counts() == {"error": 0, "warning": 0, "info": 0}


def test_line_n_maps_back_to_its_paragraph(tmp_path: Path) -> None:
    path = build("docx_auto", tmp_path)
    doc = read_document(path)
    paragraphs = new_docx(str(path)).paragraphs
    for line, block in zip(doc.lines, doc.blocks, strict=True):
        assert block.kind == "paragraph"
        assert line.endswith(paragraphs[block.index].text)  # the text after the number


# --- Word: numbering details ---------------------------------------------------------------


def test_number_formats() -> None:
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"
    ]  # fmt: skip
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(12, "decimalFullWidth") == "１２"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(1024, "chineseCountingThousand") == "一千零二十四"


def _numbered_doc(tmp_path: Path, name: str, build_body) -> list[str]:  # type: ignore[no-untyped-def]
    doc = new_docx()
    build_body(doc)
    path = tmp_path / name
    doc.save(str(path))
    read = read_document(path)
    _contract(read)
    return [ln for ln in read.lines if ln]


def test_levels_restart_under_a_new_parent_and_lvl_restart_zero_never_does(tmp_path: Path) -> None:
    def body(doc) -> None:  # type: ignore[no-untyped-def]
        add_list(doc, [{"fmt": "chineseCounting", "text": "%1、", "suff": "nothing"},
                       {"fmt": "chineseCounting", "text": "（%2）", "suff": "nothing"},
                       {"fmt": "decimal", "text": "%3.", "restart": "0"}], "70", "70")  # fmt: skip
        for text, ilvl in [("甲", 0), ("乙", 1), ("丙", 2), ("丁", 1), ("戊", 2), ("己", 0), ("庚", 1), ("辛", 2)]:  # fmt: skip
            set_numbering(doc.add_paragraph(text), "70", ilvl)

    assert _numbered_doc(tmp_path, "restart.docx", body) == [
        "一、甲", "（一）乙", "1. 丙", "（二）丁", "2. 戊", "二、己", "（一）庚", "3. 辛"
    ]  # fmt: skip


def test_start_values_overrides_and_num_id_zero(tmp_path: Path) -> None:
    def body(doc) -> None:  # type: ignore[no-untyped-def]
        add_list(
            doc, [{"fmt": "decimal", "text": "%1.", "start": "3", "suff": "space"}], "71", "71"
        )
        num = add_list(doc, [{"fmt": "decimal", "text": "（%1）", "suff": "tab"}], "72", "72")
        over = num.makeelement(num.tag.replace("num", "lvlOverride"), {})
        over.set(num.tag.replace("num", "ilvl"), "0")
        start = over.makeelement(num.tag.replace("num", "startOverride"), {})
        start.set(num.tag.replace("num", "val"), "5")
        over.append(start)
        num.append(over)
        set_numbering(doc.add_paragraph("第一项"), "71")
        set_numbering(doc.add_paragraph("第二项"), "71")
        set_numbering(doc.add_paragraph("不编号"), "0")
        set_numbering(doc.add_paragraph("从五开始"), "72")
        set_numbering(doc.add_paragraph("接着"), "72")

    assert _numbered_doc(tmp_path, "start.docx", body) == [
        "3. 第一项", "4. 第二项", "不编号", "（5）从五开始", "（6）接着"
    ]  # fmt: skip


def test_numbering_and_outline_level_through_a_based_on_chain(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    def body(doc) -> None:  # type: ignore[no-untyped-def]
        add_list(doc, [{"fmt": "ideographTraditional", "text": "%1、", "suff": "nothing"}], "73", "73")  # fmt: skip
        base = doc.styles.add_style("报告一级", WD_STYLE_TYPE.PARAGRAPH)
        set_numbering(base, "73", 0)
        outline = base.element.get_or_add_pPr().makeelement(base.element.tag.replace("style", "outlineLvl"), {})  # fmt: skip
        outline.set(base.element.tag.replace("style", "val"), "0")
        base.element.get_or_add_pPr().append(outline)
        child = doc.styles.add_style("报告一级（加粗）", WD_STYLE_TYPE.PARAGRAPH)
        child.base_style = base
        doc.add_paragraph("总体情况", style=child)
        doc.add_paragraph("正文。")
        doc.add_paragraph("存在问题", style=child)

    doc_lines = _numbered_doc(tmp_path, "based.docx", body)
    assert doc_lines == ["甲、总体情况", "正文。", "乙、存在问题"]
    read = read_document(tmp_path / "based.docx")
    assert read.heading_levels == {1: 1, 3: 1}


def test_tables_text_boxes_headers_and_breaks(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("前文。")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "2023年", "2024年"], ["审查文件", "3件", "4件"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    p = doc.add_paragraph("后文。")
    # A text box as Word writes it: the box in mc:Choice, a VML copy in mc:Fallback.
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    from lxml import etree

    p._p.append(etree.fromstring(box))
    run = doc.add_paragraph("第一行").add_run()
    run.add_break()
    run.add_text("第二行")
    doc.sections[0].header.paragraphs[0].text = "页眉文字"
    doc.sections[0].footer.paragraphs[0].text = "— 2 —"
    path = tmp_path / "mixed.docx"
    doc.save(str(path))

    read = read_document(path)
    _contract(read)
    assert read.lines == ["前文。", "指标｜2023年｜2024年", "审查文件｜3件｜4件", "后文。",
                          "框中文字", "第一行", "第二行"]  # fmt: skip
    assert read.blocks[1:3] == [Block("table_row", 0, 0), Block("table_row", 0, 1)]
    assert read.blocks[4] == Block("paragraph", 1) and read.blocks[6] == Block("paragraph", 2)


def _minimal_docx(path: Path, body: str) -> Path:
    """A .docx with only a document part: no styles, no numbering part."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')  # fmt: skip
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')  # fmt: skip
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')  # fmt: skip
    return path


def test_docx_without_numbering_part_reads(tmp_path: Path) -> None:
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in report_lines() if t)
    # A numbered paragraph that points at a numbering part the file does not have.
    paras += '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>附</w:t></w:r></w:p>'  # fmt: skip
    path = _minimal_docx(tmp_path / "bare.docx", paras)
    doc = read_document(path)
    assert doc.lines[0] == TITLE and doc.lines[-1] == "附"
    result = _fazhi("parse", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == TITLE


@pytest.mark.parametrize("kind", ["encrypted", "corrupt", "empty_body"])
def test_bad_docx_gives_one_line_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.docx"
    if kind == "encrypted":
        # The container Word writes for a password-protected .docx: an OLE compound file
        # whose directory names the EncryptionInfo and EncryptedPackage streams.
        header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        names = b"".join(n.encode("utf-16-le").ljust(128, b"\0") for n in ("EncryptionInfo", "EncryptedPackage"))  # fmt: skip
        path.write_bytes(header + names + bytes(4096))
    elif kind == "corrupt":
        good = build("docx", tmp_path / "src").read_bytes()
        path.write_bytes(good[: len(good) // 2])
    else:
        _minimal_docx(path, "<w:p/><w:p/>")
    result = _fazhi("check", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.stderr
    assert {"encrypted": "password", "corrupt": "not a readable", "empty_body": "no text"}[
        kind
    ] in lines[0]
