"""Bad input to `fazhi collect` gives one line each and loses nothing; saved pages are
collected offline; an interrupted run resumes; stored bytes are read again without fetching."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from toolkit.collect import CollectConfig, Collector
from toolkit.corpus import CorpusStore

from .collect_fixtures import reference, scanned_pdf
from .collect_site import Route, Site, page
from .report_forms import TITLE, build_docx, build_html, convert, soffice


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _bomb(path: Path, mib: int) -> bytes:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            zeros = b"\0" * 1_048_576
            for _ in range(mib):
                f.write(zeros)
    return path.read_bytes()


@pytest.fixture
def site() -> Any:
    s = Site("127.0.0.1")
    yield s
    s.close()


def test_bad_input_is_one_line_each_and_nothing_else_is_lost(site: Site, tmp_path: Path) -> None:
    t1, p1 = reference("001")
    site.routes["/r/1.html"] = Route(page(t1, p1).encode())
    site.routes["/logo.png"] = Route(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    site.routes["/big.html"] = Route(b"<html>" + b"x" * (2 * 1_048_576) + b"</html>")
    notice = '<p>请见附件：<a href="/files/bomb.docx">报告.docx</a></p>'
    site.routes["/r/bomb.html"] = Route(page("报告", [], extra=notice).encode())
    site.routes["/files/bomb.docx"] = Route(_bomb(tmp_path / "bomb.docx", 210), content_type="application/octet-stream")  # fmt: skip
    unreachable = f"http://127.0.0.1:{_closed_port()}/r.html"
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "\n".join([site.url("/r/1.html"), "这一行不是网址", "", "# a comment", unreachable,
                   site.url("/logo.png"), "ftp//broken", site.url("/big.html"),
                   site.url("/r/bomb.html")]) + "\n", encoding="utf-8",
    )  # fmt: skip
    env = {**os.environ, "FAZHI_HOME": str(tmp_path / "home"), "FAZHI_LANG": "en"}
    run = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "collect", "--from", str(listing), "--delay", "0.05",
         "--retries", "1", "--timeout", "5", "--max-mb", "1", "--format", "json"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    data = json.loads(run.stdout)
    items = {i["url"]: i for i in data["items"]}
    assert items[site.url("/r/1.html")]["status"] == "collected"
    assert items[site.url("/r/1.html")]["report_id"] is not None
    assert data["counts"] == {"collected": 1, "failed": 6}
    assert "line 2" in items["这一行不是网址"]["reason"]
    assert "line 7" in items["ftp//broken"]["reason"]
    assert "cannot connect" in items[unreachable]["reason"]
    assert "image/png" in items[site.url("/logo.png")]["reason"]
    assert "size cap" in items[site.url("/big.html")]["reason"]
    assert "zip bomb" in items[site.url("/r/bomb.html")]["reason"]
    assert all("\n" not in i["reason"] for i in data["items"])


def test_the_summary_table_is_chinese_by_default(site: Site, tmp_path: Path) -> None:
    env = {**os.environ, "FAZHI_HOME": str(tmp_path / "home")}
    env.pop("FAZHI_LANG", None)
    run = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "collect", site.url("/nothing.html"), "--delay", "0"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert run.returncode == 1
    assert "失败" in run.stdout and "HTTP 404" in run.stdout


def _saved_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    (folder / "qingxi_files").mkdir(parents=True)
    html = build_html(tmp_path / "p.html").read_text(encoding="utf-8")
    html = html.replace("</div>\n</div>", '<p><a href="./qingxi_files/report.docx">附件</a></p></div>\n</div>', 1)  # fmt: skip
    origin = "http://kjj.qingxi.gov.cn/art/2025/1/20/1.html"
    (folder / "qingxi.html").write_text(f"<!-- saved from url=({len(origin):04d}){origin} -->\n{html}", encoding="utf-8")  # fmt: skip
    build_docx(folder / "qingxi_files" / "report.docx")
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    return folder


def test_saved_pages_are_collected_offline_and_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_LANG", "en")
    folder = _saved_folder(tmp_path)
    with CorpusStore(tmp_path / "home" / "corpus.sqlite") as store:
        collector = Collector(store, CollectConfig())
        result = collector.run_offline(folder)
        status = {Path(o.url).name: (o.status, o.reason) for o in result.items}
        assert status["qingxi.html"][0] == "collected"
        assert "report.docx" in status["qingxi.html"][1]  # the attachment is the original
        assert status["scan.pdf"][0] == "failed" and "scanned" in status["scan.pdf"][1]
        item = collector.state.item(str(folder / "qingxi.html"))
        assert item and item["official"] and item["metadata"]["发布机构"] == "青溪县科学技术局"
        again = collector.run_offline(folder)
        assert {o.status for o in again.items} == {"unchanged", "failed"}
        reread = collector.reread()
        assert [o.status for o in reread.items].count("collected") == 1
        assert collector._fetcher is None  # nothing was fetched
        assert store.counts()["reports"] == 1
        collector.close()


def test_an_interrupted_run_resumes_without_fetching_again(site: Site, tmp_path: Path) -> None:
    t1, p1 = reference("001")
    t2, p2 = reference("003")
    site.routes["/a.html"] = Route(page(t1, p1).encode())
    site.routes["/b.html"] = Route(page(t2, p2).encode())
    urls = [site.url("/a.html"), site.url("/b.html")]
    config = CollectConfig(delay=0.05, trust_env=False)

    def stop_after_first(done: int, total: int, url: str) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with CorpusStore(tmp_path / "home" / "corpus.sqlite") as store:
        first = Collector(store, config, progress=stop_after_first)
        with pytest.raises(KeyboardInterrupt):
            first.run(urls)
        first.close()
        second = Collector(store, config)
        result = second.run(urls)
        second.close()
    assert {o.status for o in result.items} == {"collected", "unchanged"}
    assert [len(site.hits(p)) for p in ("/a.html", "/b.html")] == [1, 1]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_doc_and_pdf_attachments_through_the_readers(site: Site, tmp_path: Path) -> None:
    docx = build_docx(tmp_path / "report.docx", auto_numbered=True)
    doc, pdf = convert(docx, "doc", tmp_path), convert(docx, "pdf", tmp_path)
    site.routes["/doc.html"] = Route(page(TITLE, [], extra='<a href="/f/r.doc">附件</a>').encode())
    site.routes["/pdf.html"] = Route(page(TITLE, [], extra='<a href="/f/r.pdf">附件</a>').encode())
    site.routes["/f/r.doc"] = Route(doc.read_bytes(), content_type="application/msword")
    site.routes["/f/r.pdf"] = Route(pdf.read_bytes(), content_type="application/pdf")
    with CorpusStore(tmp_path / "home" / "corpus.sqlite") as store:
        c = Collector(store, CollectConfig(delay=0.05, trust_env=False))
        result = c.run([site.url("/doc.html"), site.url("/pdf.html")])
        c.close()
    status = {o.url: o.status for o in result.items}
    assert status[site.url("/doc.html")] == "collected"
    assert status[site.url("/pdf.html")] == "duplicate"  # the same report as a PDF
