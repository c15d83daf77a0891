"""The review loop: findings as Word comments, safe fixes as tracked changes (Word) or a
diff / rewritten file (text); seeds 003 and 004 built as .docx files."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.check import check_text
from toolkit.review import annotate_file, apply_edits, fix_file, load_source, plan_fixes
from toolkit.review.annotate import GENERAL

from .conftest import seed
from .docx_review import accept_all, comments, tracked

FIXABLE = {"N201", "N206", "N209", "D304", "P404", "P405", "T504", "T505", "T506", "T509", "T510",
           "T514"}  # fmt: skip


def build_docx(txt: Path, out: Path, table_row: list[str] | None = None) -> Path:
    """A Word version of a text report: Markdown headings as heading styles, the title
    centred, each body line in several runs of different formatting (so that fixes and
    comments must split runs), blank lines kept as empty paragraphs."""
    doc = docx.Document()
    for k, line in enumerate(txt.read_text(encoding="utf-8").split("\n")):
        m = re.match(r"^(#{1,6})\s*", line)
        text = line[m.end() :] if m else line
        p = doc.add_paragraph(style=f"Heading {min(len(m.group(1)), 3)}" if m else None)
        if k == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i in range(0, len(text), 7):
            run = p.add_run(text[i : i + 7])
            run.bold = (i // 7) % 3 == 1
            run.italic = (i // 7) % 3 == 2
            run.font.size = Pt(16 if (i // 7) % 2 else 15)
            run.font.name = "仿宋" if (i // 7) % 2 else "宋体"
    if table_row:
        table = doc.add_table(rows=1, cols=len(table_row))
        for cell, text in zip(table.rows[0].cells, table_row, strict=True):
            cell.text = text
    doc.save(out)
    return out


def char_formats(data: bytes) -> list[list[tuple[str, str]]]:
    """Each body paragraph as (character, formatting of its run) pairs."""
    doc = docx.Document(io.BytesIO(data))
    out = []
    for p in doc.paragraphs:
        chars = []
        for r in p._p.xpath("./w:r"):
            rpr = r.find(qn("w:rPr"))
            fmt = "" if rpr is None else rpr.xml
            chars += [(ch, fmt) for ch in "".join(t.text or "" for t in r.iter(qn("w:t")))]
        out.append(chars)
    return out


def skeleton(data: bytes) -> list[tuple[str, str, str]]:
    """Per paragraph: style, alignment, numbering — what must not change."""
    doc = docx.Document(io.BytesIO(data))
    out = []
    for p in doc.paragraphs:
        num = p._p.pPr.numPr.xml if p._p.pPr is not None and p._p.pPr.numPr is not None else ""
        out.append((p.style.name, str(p.alignment), num))
    return out


def comment_places(data: bytes) -> list[tuple[int, str]]:
    """(paragraph index, comment text) of every comment."""
    doc = docx.Document(io.BytesIO(data))
    index = {p._p: i for i, p in enumerate(doc.paragraphs)}
    texts = {c.comment_id: c.text for c in doc.comments}
    out = []
    for start in doc.element.body.iter(qn("w:commentRangeStart")):
        p = next(a for a in start.iterancestors(qn("w:p")))
        out.append((index.get(p, -1), texts[int(start.get(qn("w:id")))]))
    return out


def reject_all(data: bytes) -> bytes:
    doc = docx.Document(io.BytesIO(data))
    body = doc.element.body
    for ins in body.xpath(".//w:ins"):
        ins.getparent().remove(ins)
    for d in body.xpath(".//w:del"):
        parent = d.getparent()
        if parent.tag == qn("w:rPr"):
            parent.remove(d)
            continue
        for t in d.iter(qn("w:delText")):
            t.tag = qn("w:t")
        for child in list(d):
            d.addprevious(child)
        parent.remove(d)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.fixture(params=["003", "004"])
def seed_docx(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return build_docx(seed(request.param), tmp_path / f"seed{request.param}.docx")


# -- text ----------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_text_fixes_settle_their_findings_and_keep_every_number(prefix: str) -> None:
    text = seed(prefix).read_text(encoding="utf-8")
    lines = text.split("\n")
    before = check_text(text)
    plan = plan_fixes(before, lines)
    fixed_text = apply_edits(lines, plan.edits)
    after = check_text(fixed_text)
    fixed_codes = {f.code for f in plan.fixed_findings}
    assert plan.fixes and fixed_codes <= FIXABLE
    # Every fixable finding is fixed or named with the reason it is not.
    named = {id(f) for f, _ in plan.left} | {id(f) for f in plan.fixed_findings}
    assert all(id(f) in named for f in before.findings if f.fixable)
    assert not fixed_codes & after.codes_found(), after.codes_found()
    # What needed a person is still there, untouched.
    person = Counter(f.code for f in before.findings if not f.fixable and f.code != "S103")
    assert person <= Counter(f.code for f in after.findings) | Counter({"S106": 99})
    numbers = [int(x) for x in re.findall(r"\d+", text)]
    assert [int(x) for x in re.findall(r"\d+", fixed_text)] == numbers


def test_each_fixer_on_small_cases() -> None:
    text = (
        "临川县科学技术局2024年法治政府建设工作情况报告\n\n县委、县政府：\n\n"
        "2024年,我局坚持依法行政，推进法制宣传教育和法制政府建设。\n\n"
        "一.加强组织领导\n\n（一）、健全工作机制。全年召开会议4 次，于2024.03.05印发方案，"
        "2024年03月15日完成《中华人民共和国成果转化法》学习。\n\n"
        "1、落实学法制度。《法制日报》与“法制宣传”保持原样，县法制办更名为司法局。\n\n"
        "二、存在的不足和原因\n\n一是学法不够深入。\n\n三、2025年工作安排\n\n一是继续推进。\n\n"
        "特此报告。\n\n临川县科学技术局\n2025年1月20日\n"
    )
    lines = text.split("\n")
    result = check_text(text)
    plan = plan_fixes(result, lines)
    out = apply_edits(lines, plan.edits)
    for old, new in [
        ("2024年,我局", "2024年，我局"),
        ("法治宣传教育和法治政府建设", None),
        ("一、加强组织领导", None),
        ("（一）健全工作机制", None),
        ("会议4次", None),
        ("2024年3月5日印发", None),
        ("2024年3月15日完成", None),
        ("《中华人民共和国促进科技成果转化法》", None),
        ("1.落实学法制度", None),
    ]:
        assert old in out or (new and new in out), old
    # Titles, quotations and bodies (P403) are left alone.
    assert "《法制日报》与“法制宣传”" in out and "县法制办" in out
    assert "P403" in check_text(out).codes_found()


def test_text_fix_cli_diff_write_and_out(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from toolkit.cli import app

    src = seed("003").read_text(encoding="utf-8")
    gbk = tmp_path / "draft.txt"
    gbk.write_bytes(src.replace("\n", "\r\n").encode("gb18030"))
    original = gbk.read_bytes()
    runner = CliRunner()
    res = runner.invoke(app, ["fix", str(gbk)])
    assert res.exit_code in (0, 1) and res.stdout.startswith("--- a/draft.txt")
    assert any(
        ln.startswith("+") and "七、加大法治宣传力度，增强全民法治意识" in ln
        for ln in res.stdout.splitlines()
    )
    assert gbk.read_bytes() == original  # a diff only
    other = tmp_path / "fixed.txt"
    res = runner.invoke(app, ["fix", str(gbk), "-o", str(other)])
    assert gbk.read_bytes() == original and other.exists()
    res = runner.invoke(app, ["fix", str(gbk), "--write"])
    data = gbk.read_bytes()
    assert data == other.read_bytes() and data != original
    decoded = data.decode("gb18030")
    assert "\r\n" in decoded and "\n" not in decoded.replace("\r\n", "")
    assert "法治宣传" in decoded and "法制宣传" not in decoded
    assert not fix_file(gbk).applied  # nothing left to fix


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-be", "utf-16-le"])
def test_write_keeps_the_encoding_and_byte_order(tmp_path: Path, encoding: str) -> None:
    import codecs

    bom = {"utf-8-sig": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-16-le": codecs.BOM_UTF16_LE}
    path = tmp_path / "d.txt"
    path.write_bytes(bom[encoding] + seed("004").read_text(encoding="utf-8").encode(encoding))
    fix_file(path, write=True)
    data = path.read_bytes()
    assert data.startswith(bom[encoding] or codecs.BOM_UTF8)
    text = data[len(bom[encoding]) :].decode(encoding)
    assert "机关干部法治教育" in text and "法制教育" not in text


# -- Word ----------------------------------------------------------------------------------
def test_annotate_puts_one_comment_per_finding_at_its_paragraph(
    seed_docx: Path, tmp_path: Path
) -> None:
    out = tmp_path / "annotated.docx"
    original = seed_docx.read_bytes()
    done = annotate_file(seed_docx, out)
    assert seed_docx.read_bytes() == original
    source = load_source(seed_docx)
    data = out.read_bytes()
    placed = comment_places(data)
    findings = done.result.findings
    assert done.at_place + done.at_title == len(findings) > 5
    assert len(placed) == done.at_place + (1 if done.at_title else 0)
    expected = Counter(
        (source.places[f.line - 1].index, f.code) for f in findings if f.line is not None
    )
    got = Counter((i, text.split()[0]) for i, text in placed if not text.startswith(GENERAL))
    assert got == expected
    for f in findings:  # every finding readable in a comment: code, message, suggestion
        assert any(f.code in t and f.message in t and (f.suggestion or "") in t for _, t in placed)
    assert all(author == "fazhi" for author, _, _ in comments(data))
    doc = docx.Document(io.BytesIO(data))
    assert {c.initials for c in doc.comments} == {"FZ"}
    # The copy reads the same and looks the same: text, runs' formatting, styles.
    assert texts(data) == texts(original)
    assert char_formats(data) == char_formats(original)
    assert skeleton(data) == skeleton(original)


def test_annotation_anchors_on_the_excerpt(tmp_path: Path) -> None:
    src = build_docx(seed("003"), tmp_path / "s.docx")
    out = tmp_path / "a.docx"
    annotate_file(src, out)
    anchored = {c[1].split()[0]: c[2] for c in comments(out) if not c[1].startswith(GENERAL)}
    assert "《中华人民共和国成果转化法》" in anchored["T504"]
    assert anchored["T506"].replace("…", "") in "".join(texts(src.read_bytes()))


def test_fix_docx_tracked_changes_accept_and_reject(seed_docx: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.docx"
    original = seed_docx.read_bytes()
    done = fix_file(seed_docx, out=out)
    assert seed_docx.read_bytes() == original
    data = out.read_bytes()
    ins, dels, attrs = tracked(data)
    assert done.applied and (ins or dels)
    assert {a["author"] for a in attrs} == {"fazhi"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", a["date"]) for a in attrs)
    assert len({a["id"] for a in attrs}) == len(attrs)
    # A tracked change in the paragraph of every fixed finding (or the paragraph before,
    # for a paragraph joined to it), and nowhere else.
    doc = docx.Document(io.BytesIO(data))
    source = load_source(seed_docx)
    changed = {i for i, p in enumerate(doc.paragraphs) if p._p.xpath(".//w:ins | .//w:del")}
    want = set()
    for e in done.edits:  # a joined paragraph: the marks deleted, and the head of the last
        parts = e.old.split("\n")
        span = [k for k, part in enumerate(parts) if k < len(parts) - 1 or part or k == 0]
        want |= {source.places[e.line + k - 1].index for k in span}
    assert changed == want
    # Nothing else changed: structure, and rejecting every change gives the original back.
    assert skeleton(data) == skeleton(original)
    assert texts(reject_all(data)) == texts(original)
    assert char_formats(reject_all(data)) == char_formats(original)
    # Accepting every change gives the text the text writer gives, and fixes the findings.
    accepted = accept_all(data)
    expected = apply_edits(source.lines, done.edits)
    assert "\n".join(texts(accepted)) == expected
    path = tmp_path / "accepted.docx"
    path.write_bytes(accepted)
    after = load_source(path).check()
    assert not {f.code for f in done.fixed} & after.codes_found()
    # What is left needs a person: no fixable finding remains unexplained.
    remaining = {f.code for f in after.findings}
    assert not (remaining & FIXABLE) - {f.code for f, _ in done.left}
    if "004" in seed_docx.name:
        assert remaining == {"D303", "P403", "S101", "S103", "S105", "T507"}
        assert "P403" not in {f.code for f in done.fixed}


def test_fix_in_a_table_is_left_for_a_person(tmp_path: Path) -> None:
    src = build_docx(seed("004"), tmp_path / "t.docx", ["培训共4 次", "备注"])
    done = fix_file(src, out=tmp_path / "o.docx")
    left = {(f.code, why) for f, why in done.left}
    assert ("T506", "in a table; fix by hand") in left
    annotated = tmp_path / "a.docx"
    annotate_file(src, annotated)
    doc = docx.Document(str(annotated))
    cell = doc.tables[0].rows[0].cells[0].paragraphs[0]._p
    assert cell.xpath(".//w:commentRangeStart")


def test_text_input_annotated_as_a_new_docx(tmp_path: Path) -> None:
    src = seed("004")
    out = tmp_path / "a.docx"
    done = annotate_file(src, out)
    lines = src.read_text(encoding="utf-8").split("\n")
    # line N is paragraph N; a Markdown heading keeps its text, not its `#` marks
    assert texts(out.read_bytes()) == [re.sub(r"^\s*#{1,6}\s*", "", ln) for ln in lines]
    assert any(ln.startswith("#") for ln in lines)
    assert done.at_place == len([f for f in done.result.findings if f.line])
    placed = comment_places(out.read_bytes())
    assert any(i == 12 and t.startswith("T509") for i, t in placed)  # line 13


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_annotated_and_fixed_documents_render_in_libreoffice(tmp_path: Path) -> None:
    office = _soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot render the documents")
    names = []
    for prefix in ("003", "004"):  # 004: paragraphs joined (deleted paragraph marks)
        src = build_docx(seed(prefix), tmp_path / f"s{prefix}.docx")
        annotate_file(src, tmp_path / f"annotated{prefix}.docx")
        fix_file(src, out=tmp_path / f"fixed{prefix}.docx")
        names += [f"annotated{prefix}", f"fixed{prefix}"]
    profile = (tmp_path / "lo-profile").as_uri()
    for fmt, sub in (("pdf", "pdf"), ("docx:MS Word 2007 XML", "rt")):
        subprocess.run(
            [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
             "--outdir", str(tmp_path / sub), *(str(tmp_path / f"{n}.docx") for n in names)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
    for name in names:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
        ours, theirs = tmp_path / f"{name}.docx", tmp_path / "rt" / f"{name}.docx"
        # LibreOffice understood the comments and the tracked changes (it writes them back).
        assert len(comments(theirs)) == len(comments(ours))
        ins_lo, del_lo, attrs_lo = tracked(theirs.read_bytes())
        ins, dels, attrs = tracked(ours.read_bytes())
        assert sorted(ins_lo) == sorted(ins)
        assert "".join(sorted("".join(del_lo))) == "".join(sorted("".join(dels)))
        assert {a["author"] for a in attrs_lo} == {a["author"] for a in attrs}


# -- bad input -----------------------------------------------------------------------------
def _run(*args: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_bad_input_one_line_exit_2_original_untouched(tmp_path: Path) -> None:
    ole = tmp_path / "locked.docx"
    ole.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 2000)
    broken = tmp_path / "broken.docx"
    good = build_docx(seed("004"), tmp_path / "good.docx")
    broken.write_bytes(good.read_bytes()[:3000])
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cases = [
        (["check", str(ole), "--annotate", str(tmp_path / "o1.docx")], ole, "password"),
        (["fix", str(ole), "-o", str(tmp_path / "o2.docx")], ole, "password"),
        (["check", str(broken), "--annotate", str(tmp_path / "o3.docx")], broken, "not a readable"),
        (["fix", str(broken), "-o", str(tmp_path / "o4.docx")], broken, "not a readable"),
        (["check", str(good), "--annotate", str(good)], good, "is the input"),
        (["fix", str(good), "-o", str(good)], good, "is the input"),
        (["check", str(good), "--annotate", str(blocker / "x.docx")], good, "cannot write"),
        (["fix", str(good), "-o", str(blocker / "x.docx")], good, "cannot write"),
        (["check", str(good), "--annotate", str(tmp_path / "x.txt")], good, ".docx"),
    ]
    for args, path, needle in cases:
        before = path.read_bytes()
        res = _run(*args)
        err = res.stderr.strip()
        assert res.returncode == 2, (args, res.stderr)
        assert len(err.splitlines()) == 1 and needle in err and "Traceback" not in err, err
        assert path.read_bytes() == before
    assert not list(tmp_path.glob("o*.docx")) and not list(tmp_path.glob(".*.docx.*"))


def test_a_folder_without_write_permission(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("running as root: a folder's permissions do not stop root from writing")
    good = build_docx(seed("004"), tmp_path / "good.docx")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        res = _run("fix", str(good), "-o", str(locked / "x.docx"))
        assert res.returncode == 2 and "cannot write" in res.stderr
        assert not list(locked.iterdir())
    finally:
        locked.chmod(0o700)


def test_select_and_ignore_choose_the_fixes(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(seed("003").read_text(encoding="utf-8"), encoding="utf-8")
    only = fix_file(path, select="T505")
    assert {f.code for f in only.fixed} == {"T505"} and all(e.old == "法制" for e in only.edits)
    rest = fix_file(path, ignore="T514,T506")
    assert {f.code for f in rest.fixed} == {"T504", "T505"}


# -- terminal ------------------------------------------------------------------------------
def test_concise_is_the_default_off_a_terminal_and_formats_are_chosen() -> None:
    path = str(seed("004"))
    res = _run("check", path)
    lines = res.stdout.strip().splitlines()
    assert res.returncode == 1
    assert all(re.match(rf"^{re.escape(path)}(:\d+)?: [A-Z]\d{{3}} (error|warning|info) \S", ln)
               for ln in lines[:-1])  # fmt: skip
    assert f"{path}:19: T507 error “权利运行”应为“权力运行”。" in lines
    assert re.match(r"\d+ finding\(s\): \d+ error\(s\).*fixable with `fazhi fix`", lines[-1])
    table = _run("check", path, "--format", "table").stdout
    assert "section" in table and "┃" in table
    assert _run("check", path, "--format", "json").stdout.lstrip().startswith("{")
    codes = _run("check", "--list-codes").stdout
    assert "T505 warning fixable" in codes and "P403 warning -" in codes


def test_word_numbering_is_left_and_the_text_after_it_fixed(tmp_path: Path) -> None:
    from . import report_forms as forms

    path = forms.build_docx(tmp_path / "auto.docx", auto_numbered=True)
    doc = docx.Document(str(path))
    numbering = doc.part.numbering_part.element
    for lvl_text in numbering.iter(qn("w:lvlText")):
        if lvl_text.get(qn("w:val")) == "（%2）":
            lvl_text.set(qn("w:val"), "（%2）、")  # the list draws （一）、
    body = next(p for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 60)
    body.add_run("同时加强法制宣传 教育。")
    doc.save(str(path))
    numbering_before = doc.part.numbering_part.blob
    source = load_source(path)
    assert any(line.startswith("（一）、") for line in source.lines)  # as Word shows it
    done = fix_file(path, out=tmp_path / "fixed.docx")
    left = {(f.code, why.split(";")[0]) for f, why in done.left}
    assert ("N201", "in Word's automatic numbering") in left
    assert {f.code for f in done.fixed} >= {"T505", "T506"}
    data = (tmp_path / "fixed.docx").read_bytes()
    ins, dels, _ = tracked(data)
    assert "法治" in ins and "法制" in dels and " " in dels
    assert docx.Document(io.BytesIO(data)).part.numbering_part.blob == numbering_before
    assert skeleton(data) == skeleton(path.read_bytes())
    accepted = tmp_path / "accepted.docx"
    accepted.write_bytes(accept_all(data))
    after = load_source(accepted).check().codes_found()
    assert "N201" in after and not {"T505", "T506"} & after
    # The comments on the numbered headings sit on those paragraphs.
    annotate_file(path, tmp_path / "annotated.docx")
    heads = {i for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 2"}
    n201 = [
        i
        for i, t in comment_places((tmp_path / "annotated.docx").read_bytes())
        if t.startswith("N201")
    ]
    assert n201 and set(n201) <= heads


def test_pdf_input_is_annotated_as_a_new_docx_and_not_fixed(tmp_path: Path) -> None:
    from . import report_forms as forms

    if forms.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make the PDF")
    pdf = forms.build("pdf", tmp_path)
    # A finding to show: the report checks clean, so judge it against another year.
    done = annotate_file(pdf, tmp_path / "pdf-annotated.docx", year=2022)
    assert done.result.findings
    data = (tmp_path / "pdf-annotated.docx").read_bytes()
    assert texts(data) == load_source(pdf).lines
    assert len(comment_places(data)) == done.at_place + (1 if done.at_title else 0)
    res = _run("fix", str(pdf))
    assert res.returncode == 2 and "--annotate" in res.stderr


def test_runs_in_hyperlinks_and_earlier_revisions_are_handled(tmp_path: Path) -> None:
    """A hyperlink, an earlier reviewer's insertion and comment, a page break: the fixes
    land in the right runs and the earlier work is kept."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement

    base = build_docx(seed("004"), tmp_path / "base.docx")
    doc = docx.Document(str(base))
    para = next(p for p in doc.paragraphs if "法制教育" in p.text)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), doc.part.relate_to("https://example.org/", RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "学习法制宣传 资料"
    run.append(t)
    link.append(run)
    para._p.append(link)
    ins = OxmlElement("w:ins")
    for k, v in (("w:id", "7"), ("w:author", "colleague"), ("w:date", "2025-01-02T03:04:05Z")):
        ins.set(qn(k), v)
    r2 = OxmlElement("w:r")
    t2 = OxmlElement("w:t")
    t2.text = "（同事补充）"
    r2.append(t2)
    ins.append(r2)
    para._p.append(ins)
    page = OxmlElement("w:br")
    page.set(qn("w:type"), "page")
    para.runs[0]._r.append(page)
    doc.add_comment(para.runs[0], "earlier note", author="colleague")
    other = para.insert_paragraph_before("一是深入开展普法。")._p
    ins2 = copy.deepcopy(ins)
    ins2.set(qn("w:id"), "8")
    ins2[0][0].text = "加强法制宣传工作。"
    other.append(ins2)
    doc.save(str(base))
    done = fix_file(base, out=tmp_path / "fixed.docx")
    data = (tmp_path / "fixed.docx").read_bytes()
    accepted = "\n".join(texts(accept_all(data)))
    # python-docx's Paragraph.text skips w:ins, so read the accepted text through the reader
    path = tmp_path / "accepted.docx"
    path.write_bytes(accept_all(data))
    line = next(ln for ln in load_source(path).lines if "同事补充" in ln)
    assert "学习法治宣传资料" in line and "法治教育" in line and line.endswith("（同事补充）")
    after = load_source(path)
    left_t505 = {after.lines[f.line - 1] for f in after.check().by_code("T505")}
    assert left_t505 == {"一是深入开展普法。加强法制宣传工作。"}  # in the colleague's insertion
    fixed_doc = docx.Document(io.BytesIO(data))
    assert [c.author for c in fixed_doc.comments] == ["colleague"]
    authors = {e.get(qn("w:author")) for e in fixed_doc.element.body.iter(qn("w:ins"))}
    assert authors == {"colleague", "fazhi"}
    assert fixed_doc.element.body.xpath(".//w:hyperlink//w:del")  # fixed inside the link
    assert done.fixed and accepted
    left = [(f.code, why) for f, why in done.left]
    assert ("T505", "inside an earlier tracked change; accept or reject it first") in left


_PIECES = [
    "法制宣传", "法制", "《法制日报》", " ", "\u3000", ",", "(", ")", ":", "2024.3.5", "2024年03月05日",
    "1、", "一.", "（一）、", "(二)", "\n", "\n\n", "，", "。", "4 次", "县法制办", "《中华人民共和国成果转化法》",
    "加强组织领导", "12·4", "﹒", "・", "依法行政", "二是",
]  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=50))
def test_fixes_never_raise_and_never_change_a_number(pieces: list[str]) -> None:
    text = "某县科学技术局2024年法治政府建设工作情况报告\n\n" + "".join(pieces)
    lines = text.split("\n")
    plan = plan_fixes(check_text(text), lines)
    out = apply_edits(lines, plan.edits)
    assert [int(x) for x in re.findall(r"\d+", out)] == [int(x) for x in re.findall(r"\d+", text)]
    assert out.count("法制办") == text.count("法制办") and out.count("《法制日报》") == text.count(
        "《法制日报》"
    )
