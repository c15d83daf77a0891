"""The reports and pages the collection tests serve: four bundled reference reports and
the test report of report_forms, as government pages, mirrors and attachments."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .collect_site import Route, Site, page
from .conftest import seed
from .report_forms import ISSUER, TITLE, build_docx, report_lines


def reference(prefix: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of a bundled reference report; the first line is the title when
    the text has one, else a title is made from the issuer and year (as a page's <h1>)."""
    lines = [ln.strip() for ln in seed(prefix).read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    titles = {
        "002": "高台县科技局2024年度法治政府建设工作报告",
        "004": "高青县科学技术局2021年度法治政府建设情况报告",
    }
    if prefix in titles:
        return titles[prefix], lines
    return lines[0], lines[1:]


def traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


INFO_TITLE = "青溪县科学技术局2024年政府信息公开工作年度报告"
INFO_PARAS = [
    "本报告根据《中华人民共和国政府信息公开条例》编制，内容包括总体情况、主动公开政府信息情况、"
    "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、政府信息公开工作存在的主要问题及改进情况。",
    "一、总体情况。2024年，本局认真贯彻落实政府信息公开条例，依申请公开工作规范有序，主动公开政府信息情况良好，"
    "全年主动公开政府信息一百余条，本年新收政府信息公开申请三件，均按期答复。",
    "二、主动公开政府信息情况。本年新制发件数五件，本年废止件数一件，现行有效件数二十件。",
    "三、政府信息公开工作存在的主要问题及改进情况。公开内容还不够全面，下一步将加强培训，提高公开质量。",
]


def scanned_pdf() -> bytes:
    """A PDF page with no text layer (what a scanner gives)."""
    import pypdf

    out = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(out)
    return out.getvalue()


def zip_bomb(unpacked_mb: int = 64) -> bytes:
    """A .docx-named zip whose one entry unpacks to `unpacked_mb` MiB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (unpacked_mb * 1_048_576))
    return out.getvalue()


def report_docx(tmp: Path) -> bytes:
    return build_docx(tmp / "qingxi.docx").read_bytes()


ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def official_site(site: Site, tmp: Path) -> None:
    """The issuers' own site: a column page and the report pages it lists."""
    t1, p1 = reference("001")
    t2, p2 = reference("003")
    t4, p4 = reference("004")
    t5, p5 = reference("002")
    site.routes["/robots.txt"] = Route(ROBOTS, content_type="text/plain")
    links = "".join(
        f'<li><a href="{href}">{title}</a></li>'
        for href, title in (
            ("/r/1.html", t1), ("/r/gbk.html", t2), ("/r/att.html", TITLE), ("/old.html", t4),
            ("/r/info.html", INFO_TITLE), ("/about.html", "关于我们"),
        )
    )  # fmt: skip
    site.routes["/list.html"] = Route(
        f"<html><head><meta charset='utf-8'><title>法治政府建设</title></head><body><ul>{links}</ul></body></html>".encode(),
        etag='"list-1"',
    )
    site.routes["/r/1.html"] = Route(page(t1, p1, issuer="孝感市科学技术局").encode(), etag='"r1"')
    site.routes["/r/gbk.html"] = Route(
        page(t2, p2, charset="gbk", meta_charset=False).encode("gb18030"),
        content_type="text/html; charset=GBK",
    )
    att = (
        '<p>附件：<a href="/files/qingxi.docx">青溪县科学技术局2024年法治政府建设年度报告.docx</a></p>'
        '<p>附件：<a href="/files/scan.pdf">扫描件.pdf</a></p>'
    )
    site.routes["/r/att.html"] = Route(page(TITLE, report_lines()[2:], issuer=ISSUER, extra=att).encode())  # fmt: skip
    site.routes["/files/qingxi.docx"] = Route(report_docx(tmp), content_type="application/octet-stream")  # fmt: skip
    site.routes["/files/scan.pdf"] = Route(scanned_pdf(), content_type="application/pdf")
    site.routes["/old.html"] = Route(status=301, headers={"Location": "/r/moved.html"})
    site.routes["/r/moved.html"] = Route(page(t4, p4).encode())
    site.routes["/r/busy.html"] = [
        Route(b"busy", status=429, headers={"Retry-After": "1"}),
        Route(page(t5, p5).encode()),
    ]
    site.routes["/r/info.html"] = Route(page(INFO_TITLE, INFO_PARAS).encode())
    site.routes["/private/p.html"] = Route(page(t1, p1).encode())
    site.routes["/data.json"] = Route(b'{"a": 1}', content_type="application/json")


def mirror_site(site: Site) -> None:
    """Another host: a copy of report 001 in other chrome, report 003 in traditional characters."""
    t1, p1 = reference("001")
    t2, p2 = reference("003")
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    site.routes["/m/1.html"] = Route(
        page(t1, p1, extra="<p>转载自：孝感市人民政府网站</p>")
        .replace("主办单位", "转载网站")
        .encode()
    )
    site.routes["/m/tw.html"] = Route(page(traditional(t2), [traditional(p) for p in p2]).encode())
