"""The same correct report as text, .docx (typed and automatic numbers), PDF, .doc, a saved
web page and a browser copy: each parses to the same title, year, issuer and level and
checks with no error and no warning. Bad inputs of each format: one line, exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import parse_file
from toolkit.check import check_file
from toolkit.errors import InputError
from toolkit.readers import read_document
from toolkit.readers.pdf import _Line, _paragraphs

from .report_forms import (
    FORMS,
    ISSUER,
    NEEDS_SOFFICE,
    TITLE,
    build,
    build_html,
    report_lines,
    soffice,
)

ROOT = Path(__file__).resolve().parent.parent
HAS_SOFFICE = soffice() is not None
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return bool(out.strip())


NO_FONT = "no CJK font for LibreOffice to draw the PDF with: apt-get install fonts-wqy-zenhei"


@pytest.fixture(scope="session")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every form of the report, built once (LibreOffice runs take seconds each)."""
    out = tmp_path_factory.mktemp("forms")
    built = {}
    for form in FORMS:
        if form in NEEDS_SOFFICE and not (HAS_SOFFICE and _has_cjk_font()):
            continue
        built[form] = build(form, out)
    return built


def _need(forms: dict[str, Path], form: str) -> Path:
    if form not in forms:
        pytest.skip(NO_SOFFICE if not HAS_SOFFICE else NO_FONT)
    return forms[form]


@pytest.mark.parametrize("form", FORMS)
def test_every_form_reads_parses_and_checks_clean(forms: dict[str, Path], form: str) -> None:
    path = _need(forms, form)
    doc = read_document(path)
    assert len(doc.blocks) == len(doc.text.split("\n"))
    report = parse_file(path)
    assert (report.title, report.year, report.issuer, report.level) == (
        TITLE,
        2024,
        ISSUER,
        "county",
    )
    result = check_file(path)
    # A browser copy keeps the page's residue after the text: cut, and noted (T508, info).
    noted = {"T508"} if form == "browser_copy" else set()
    assert [f.code for f in result.findings if f.code not in noted] == [], result.to_json()
    assert result.counts()["error"] == result.counts()["warning"] == 0


@pytest.mark.parametrize("form", ["pdf", "pdf_official", "doc", "html"])
def test_text_of_each_form_is_the_report_line_for_line(forms: dict[str, Path], form: str) -> None:
    doc = read_document(_need(forms, form))
    assert [ln for ln in doc.lines if ln] == [ln for ln in report_lines() if ln]


def test_pdf_pages_give_the_blocks(forms: dict[str, Path]) -> None:
    doc = read_document(_need(forms, "pdf_official"))
    pages = [b.index for b in doc.blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 3  # three printed pages
    assert not any("—" in ln or ln[-2:] == "文件" for ln in doc.lines)  # page numbers, header


def test_pdf_lines_are_rejoined_by_layout_across_a_page_break() -> None:
    def line(page: int, top: float, x0: float, x1: float, text: str) -> _Line:
        return _Line(page, x0, x1, top, 16.0, text, ("FangSong", "black"))

    lines = [
        line(1, 100, 79, 500, "一、主要举措"),  # a heading, short
        line(
            1, 128, 111, 516, "全年召开专题会议3次，研究部署法治建设重点任务，逐项明确"
        ),  # indented
        line(1, 156, 79, 516, "责任股室和完成时限，并在年中和年底两次督促检查落实"),
        line(
            2, 100, 79, 516, "情况，形成问题清单，整改到位后逐项销号，做到件件有着落"
        ),  # next page
        line(2, 128, 79, 300, "和回音。"),
        line(2, 156, 111, 516, "二是开展集中学法，组织干部职工参加法治培训两次，覆盖全体"),
        line(2, 184, 79, 220, "人员。"),
    ]
    assert [t for t, _ in _paragraphs(lines)] == [
        "一、主要举措",
        "全年召开专题会议3次，研究部署法治建设重点任务，逐项明确责任股室和完成时限，并在年中和年底"
        "两次督促检查落实情况，形成问题清单，整改到位后逐项销号，做到件件有着落和回音。",
        "二是开展集中学法，组织干部职工参加法治培训两次，覆盖全体人员。",
    ]


def test_pdf_with_only_an_owner_password_is_read(forms: dict[str, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(_need(forms, "pdf")))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert parse_file(path).title == TITLE


def test_gbk_page_with_metadata_kept_out_of_the_text(tmp_path: Path) -> None:
    path = build_html(tmp_path / "gbk.htm", encoding="gbk")
    doc = read_document(path)
    assert doc.encoding == "html" and doc.lines[0] == TITLE
    assert doc.metadata["发布机构"] == ISSUER and doc.metadata["成文日期"] == "2025-01-15"
    assert doc.metadata["索引号"].startswith("11330000") and doc.metadata["标题"] == TITLE
    for chrome in ("索引号", "发布机构", "当前位置", "打印", "相关链接", "网站标识码"):
        assert chrome not in doc.text


def test_ingest_reads_every_format(forms: dict[str, Path], tmp_path: Path) -> None:
    from toolkit.corpus import CorpusStore, ingest

    folder = tmp_path / "in"
    folder.mkdir()
    for form in ("docx_auto", "html", "pdf"):
        if form in forms:
            shutil.copy(forms[form], folder / forms[form].name)
    store = CorpusStore(tmp_path / "store.db")
    result = ingest([folder], store, workers=1)
    assert not result.failed and len(result.added) == len(list(folder.iterdir()))


# --- bad inputs: one line, exit 2 -------------------------------------------------------------


def _fazhi(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        capture_output=True, text=True, timeout=180, cwd=ROOT, env=env,
    )  # fmt: skip


def _one_line(result: subprocess.CompletedProcess[str], path: Path) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(path) in lines[0] and result.stdout == ""
    return lines[0]


def _blank_pdf(path: Path, password: str | None = None) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_pdf_without_text_says_ocr_it(tmp_path: Path) -> None:
    line = _one_line(_fazhi("check", str(path := _blank_pdf(tmp_path / "scan.pdf"))), path)
    assert "no text layer" in line and "OCR it first" in line


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _blank_pdf(tmp_path / "locked.pdf", password="secret")
    assert "password-protected" in _one_line(_fazhi("parse", str(path)), path)


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    assert "PDF" in _one_line(_fazhi("check", str(path)), path)


def test_page_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    links = "".join(f'<li><a href="/n/{i}.html">通知公告{i}</a></li>' for i in range(40))
    path.write_text(
        f"<html><head><meta charset='utf-8'><title>首页</title></head><body><div class='nav'>"
        f"首页 政务公开 互动交流</div><ul>{links}</ul><div class='footer'>版权所有</div></body></html>",
        encoding="utf-8",
    )
    assert "no article" in _one_line(_fazhi("check", str(path)), path)


def test_doc_without_libreoffice_names_it_and_the_install_command(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    line = _one_line(_fazhi("check", str(path), env=env), path)
    assert "LibreOffice" in line and "apt-get install libreoffice-writer-nogui" in line


@pytest.mark.skipif(not HAS_SOFFICE, reason=NO_SOFFICE)
def test_damaged_doc_with_libreoffice(tmp_path: Path) -> None:
    path = tmp_path / "damaged.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000))
    _one_line(_fazhi("check", str(path)), path)


def test_unknown_pdf_header_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("这不是PDF文件", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        read_document(path)


def test_a_centred_title_over_two_lines_is_one_line() -> None:
    def line(top: float, x0: float, x1: float, text: str, size: float) -> _Line:
        return _Line(1, x0, x1, top, size, text, ("XiaoBiaoSong", "black"))

    lines = [
        line(80, 130, 465, "青溪县科学技术局2024年法治", 22),
        line(112, 210, 385, "政府建设年度报告", 22),
        line(160, 79, 200, "县委、县政府：", 16),
        line(188, 111, 516, "2024年，本局坚持依法行政，全年审查文件4件，全面推进法治建设各项", 16),
        line(216, 79, 300, "任务落实。", 16),
    ]
    assert [t for t, _ in _paragraphs(lines)][:2] == [
        "青溪县科学技术局2024年法治政府建设年度报告",
        "县委、县政府：",
    ]


def test_unmapped_glyphs_become_replacement_characters() -> None:
    from types import SimpleNamespace

    from toolkit.readers.pdf import _line_text

    chars = [SimpleNamespace(get_text=lambda t=t: t, x0=i * 16.0, x1=i * 16.0 + 16, size=16.0)
             for i, t in enumerate(["法", "(cid:1234)", "建", " ", "2", "0", "2", "4", "年"])]  # fmt: skip
    assert _line_text(chars) == "法\ufffd建2024年"  # and no space between 建 and 2024


def test_spaced_labels_mhtml_and_attachment_pages(tmp_path: Path) -> None:
    page = build_html(tmp_path / "p.html").read_text(encoding="utf-8")
    page = page.replace("<td>索引号：</td>", "<td>索 引 号：</td>").replace("<td>发布机构：</td>", "<td>发布 机构：</td>")  # fmt: skip
    mht = tmp_path / "saved.mhtml"
    mht.write_text(
        'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="B"\n\n--B\n'
        'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
        f"{page}\n--B--\n",
        encoding="utf-8",
    )
    doc = read_document(mht)
    assert doc.lines[0] == TITLE and doc.metadata["索引号"].startswith("11330000")
    assert doc.metadata["发布机构"] == ISSUER and "索" not in doc.lines[1]

    notice = tmp_path / "notice.html"
    notice.write_text(
        "<html><body><h1>青溪县科学技术局2024年法治政府建设年度报告</h1>"
        '<p>附件：<a href="/files/2024fzbg.pdf">2024年度报告.pdf</a></p></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"attachment \(2024fzbg\.pdf\)"):
        read_document(notice)


def test_metadata_table_inside_the_article_stays_out_of_the_text(tmp_path: Path) -> None:
    page = build_html(tmp_path / "p.html").read_text(encoding="utf-8")
    start, end = page.index('<table class="meta">'), page.index("</table>") + len("</table>")
    table, page = page[start:end], page[:start] + page[end:]
    page = page.replace(
        '<div class="content" id="zoom">', '<div class="content" id="zoom">' + table
    )
    (path := tmp_path / "inside.html").write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.lines[:2] == [TITLE, "县委、县政府："] and doc.metadata["成文日期"] == "2025-01-15"


def test_pdf_heading_font_ends_a_paragraph_but_a_run_in_heading_does_not() -> None:
    kai, song, hei = ("KaiTi", "black"), ("FangSong", "black"), ("SimHei", "black")

    def line(top: float, x0: float, text: str, first: tuple, last: tuple) -> _Line:  # type: ignore[type-arg]
        return _Line(1, x0, 516, top, 16.0, text, last, (first, last))

    lines = [
        line(100, 111, "（一）加强组织领导，压实工作责任。调整法治政府建设领导小组，", kai, song),
        line(128, 79, "由局长任组长，各股室负责人为成员，全年专题研究法治工作四次。", song, song),
        line(156, 111, "二、党政主要负责人履行推进法治建设第一责任人职责情况的报告内", hei, hei),
        line(184, 79, "局主要负责人带头学法，年初专题部署法治建设，年终述职中述法。", song, song),
    ]
    lines[-1].x1 = 400  # the paragraph's last line stops short
    paragraphs = [t for t, _ in _paragraphs(lines)]
    assert [t[:6] for t in paragraphs] == ["（一）加强组", "二、党政主要", "局主要负责人"]
    assert paragraphs[0].endswith("全年专题研究法治工作四次。")


def test_word_files_are_read_by_what_they_hold(tmp_path: Path) -> None:
    """Sites serve Word "web page" saves as .doc and WPS saves .docx as .wps: no
    LibreOffice is needed for either."""
    page = build_html(tmp_path / "p.html")
    as_doc = tmp_path / "web-page-save.doc"
    shutil.copy(page, as_doc)
    docx = build("docx_auto", tmp_path)
    as_wps = tmp_path / "wps-save.wps"
    shutil.copy(docx, as_wps)
    env = {**os.environ, "PATH": str(tmp_path / "nothing")}
    for path in (as_doc, as_wps):
        result = _fazhi("parse", str(path), "-f", "json", env=env)
        assert result.returncode == 0, result.stderr
        assert TITLE in result.stdout


def test_a_whole_paragraph_in_a_heading_style_is_not_a_heading(tmp_path: Path) -> None:
    from docx import Document as new_docx

    doc = new_docx()
    for line in report_lines():
        if line:
            style = "Heading 3" if line.startswith("一是法治宣传") else None
            doc.add_paragraph(line, style=style)
    doc.save(str(path := tmp_path / "styled.docx"))
    assert check_file(path).counts()["error"] == 0
    assert not any("一是法治宣传" in n.heading for n in parse_file(path).all_nodes())


def test_pdf_flush_left_paragraphs_set_apart_by_space_stay_apart() -> None:
    """Paragraphs with no first-line indent, only a little space between them (Word's
    default spacing after): a full last line does not glue the next paragraph to it."""

    def line(top: float, x1: float, text: str) -> _Line:
        return _Line(1, 90, x1, top, 16.0, text, ("Song", "black"))

    lines = [
        line(100, 506, "信息来源：青溪县科学技术局办公室 发布时间：2025-01-20 09:30"),
        line(131, 512, "2024年，我局围绕科技创新中心工作，把依法行政要求落实到项目"),
        line(152, 511, "管理、资金监管和执法检查各环节，全年未发生行政复议纠错案件。"),
        line(173, 300, "现将有关情况报告如下。"),
        line(204, 250, "一、主要举措"),
    ]
    assert [t for t, _ in _paragraphs(lines)] == [
        "信息来源：青溪县科学技术局办公室 发布时间：2025-01-20 09:30",
        "2024年，我局围绕科技创新中心工作，把依法行政要求落实到项目管理、资金监管和执法检查各环节，"
        "全年未发生行政复议纠错案件。现将有关情况报告如下。",
        "一、主要举措",
    ]


def test_pdf_line_cut_short_before_an_unbreakable_chunk_goes_on() -> None:
    """A line ends early because what follows (a character with closing marks after it)
    may not be split: it is still a full line, and the paragraph goes on."""

    def line(top: float, x1: float, text: str, lead: float) -> _Line:
        return _Line(1, 90, x1, top, 16.0, text, ("Song", "black"), lead=lead)

    lines = [
        line(100, 512, "依据《青溪县科技项目资金管理办法》，全年清理项目合同二十", 16),
        line(121, 482, "余份，按照《科技项目验收规范（2023—2025", 16),
        line(142, 514, "年）》组织验收，对逾期未结题的项目发出督办通知，督促按期", 38),
        line(163, 300, "完成整改。", 16),
        line(184, 250, "一、主要举措", 32),
    ]
    assert [t for t, _ in _paragraphs(lines)] == [
        "依据《青溪县科技项目资金管理办法》，全年清理项目合同二十余份，按照《科技项目验收规范（2023—2025"
        "年）》组织验收，对逾期未结题的项目发出督办通知，督促按期完成整改。",
        "一、主要举措",
    ]
    # Without the wide chunk the short line ends its paragraph as before.
    lines[2] = line(142, 514, "另行组织验收，对逾期未结题的项目发出督办通知，督促按期", 16)
    assert [t[-4:] for t, _ in _paragraphs(lines)] == ["2025", "成整改。", "主要举措"]


def test_pdf_lead_width_covers_closing_marks() -> None:
    from types import SimpleNamespace

    from toolkit.readers.pdf import _lead_width

    def chars(text: str, widths: list[float]) -> list[SimpleNamespace]:
        out, x = [], 90.0
        for t, w in zip(text, widths, strict=True):
            out.append(SimpleNamespace(get_text=lambda t=t: t, x0=x, x1=x + w))
            x += w
        return out

    assert _lead_width("年）》组织", chars("年）》组织", [16, 16, 16, 16, 16])) == 48
    assert _lead_width("2025年", chars("2025年", [8, 8, 8, 8, 16])) == 32
    assert _lead_width("组织验收", chars("组织验收", [16] * 4)) == 16
    assert _lead_width("（2023年）", chars("（2023年）", [16, 8, 8, 8, 8, 16, 16])) == 48


def test_old_word_file_named_docx_is_read_as_doc(forms: dict[str, Path], tmp_path: Path) -> None:
    """A .doc someone renamed to .docx: read through LibreOffice like the .doc it is."""
    renamed = tmp_path / "报告 副本.docx"
    shutil.copyfile(_need(forms, "doc"), renamed)
    doc = read_document(renamed)
    assert doc.format == "doc"
    assert doc.text.split("\n")[0] == TITLE
    assert doc.text == read_document(forms["doc"]).text
