"""Collecting from web servers on loopback that the tests start (never the internet): every
kind of page ends with the right status, duplicates merge into the issuer's own copy, a
rerun downloads nothing again, and the servers' logs show the politeness held."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from toolkit.collect import CollectConfig, Collector, CollectResult, CollectState
from toolkit.corpus import CorpusStore

from .collect_fixtures import mirror_site, official_site
from .collect_site import Route, Site

DELAY = 0.2


def _config(**kw: Any) -> CollectConfig:
    base = dict(delay=DELAY, timeout=0.5, retries=1, backoff=0.1, trust_env=False,
                official_hosts=("127.0.0.1",))  # fmt: skip
    return CollectConfig(**(base | kw))


def _run(home: Path, urls: list[str], **kw: Any) -> CollectResult:
    with CorpusStore(home / "corpus.sqlite") as store:
        collector = Collector(store, _config(**kw))
        try:
            return collector.run(urls)
        finally:
            collector.close()


def _status(result: CollectResult) -> dict[str, str]:
    return {o.url: o.status for o in result.items}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("collect")
    official, mirror, slow = Site("127.0.0.1"), Site("127.0.0.2"), Site("127.0.0.1")
    official_site(official, tmp)
    mirror_site(mirror)
    slow.routes["/slow.html"] = Route(b"<html>late</html>", delay=1.5)
    home = tmp / "home"
    # The mirrors and the odd pages first, then the column page of the issuer's own site.
    direct = [mirror.url("/m/1.html"), mirror.url("/m/tw.html"), official.url("/r/busy.html"),
              official.url("/r/info.html"), official.url("/missing.html"), slow.url("/slow.html"),
              official.url("/private/p.html"), official.url("/data.json")]  # fmt: skip
    first_direct = _run(home, direct)
    first_list = _run(home, [official.url("/list.html")], follow_list=True)
    mark = len(official.log), len(mirror.log)
    again_direct = _run(home, direct)
    again_list = _run(home, [official.url("/list.html")], follow_list=True)
    yield {
        "official": official, "mirror": mirror, "slow": slow, "home": home, "mark": mark,
        "first": _status(first_direct) | _status(first_list),
        "first_results": (first_direct, first_list),
        "again": _status(again_direct) | _status(again_list),
    }  # fmt: skip
    for site in (official, mirror, slow):
        site.close()


def test_each_page_ends_with_the_right_status(world: Any) -> None:
    o, m, s = world["official"], world["mirror"], world["slow"]
    first = world["first"]
    assert first[o.url("/r/1.html")] == "collected"  # UTF-8
    assert first[o.url("/r/gbk.html")] == "collected"  # GBK, charset only in the header
    assert first[o.url("/r/att.html")] == "collected"
    assert first[o.url("/old.html")] == "collected"  # a redirect
    assert first[o.url("/r/busy.html")] == "collected"  # after a 429
    assert first[o.url("/r/info.html")] == "other_genre"
    assert first[o.url("/missing.html")] == "failed"
    assert first[s.url("/slow.html")] == "failed"
    assert first[o.url("/private/p.html")] == "disallowed"
    assert first[o.url("/data.json")] == "failed"
    # The column page's link to the openness report and to 关于我们 were not followed.
    assert not o.hits("/about.html")
    assert len(o.hits("/r/info.html")) == 1
    assert first[m.url("/m/1.html")] == "collected"  # collected first, merged later
    assert not o.hits("/private/p.html")


def test_reasons_say_what_happened(world: Any) -> None:
    direct, listed = world["first_results"]
    reasons = {x.url: x.reason for x in [*direct.items, *listed.items]}
    o, s = world["official"], world["slow"]
    assert "HTTP 404" in reasons[o.url("/missing.html")]
    assert "timeout" in reasons[s.url("/slow.html")] or "超时" in reasons[s.url("/slow.html")]
    assert "robots.txt" in reasons[o.url("/private/p.html")]
    assert "application/json" in reasons[o.url("/data.json")]
    assert "政府信息公开" in reasons[o.url("/r/info.html")]
    att = reasons[o.url("/r/att.html")]
    assert "qingxi.docx" in att or "附件" in att  # the original file was preferred
    assert "scan.pdf" in att  # the scan is reported


def test_mirrors_merge_into_the_issuers_own_copy(world: Any) -> None:
    o, m, home = world["official"], world["mirror"], world["home"]
    state = CollectState(home)
    try:
        copy, tw = state.item(m.url("/m/1.html")), state.item(m.url("/m/tw.html"))
        own = state.item(o.url("/r/1.html"))
        assert copy and tw and own
        assert copy["status"] == "duplicate" and copy["merged_into"] == o.url("/r/1.html")
        assert tw["status"] == "duplicate" and tw["merged_into"] == o.url("/r/gbk.html")
        with CorpusStore(home / "corpus.sqlite") as store:
            sources = set(store.frame("reports")["source"])
        assert m.url("/m/1.html") not in sources and m.url("/m/tw.html") not in sources
        assert o.url("/r/1.html") in sources
        assert o.url("/files/qingxi.docx") in sources  # the attachment stands for the page
        assert len(sources) == 5
        _, listed = world["first_results"]
        assert {(x.loser, x.winner) for x in listed.merges} >= {
            (m.url("/m/1.html"), o.url("/r/1.html")),
            (m.url("/m/tw.html"), o.url("/r/gbk.html")),
        }
    finally:
        state.close()


def test_provenance_and_publication_metadata_are_kept(world: Any) -> None:
    o, home = world["official"], world["home"]
    state = CollectState(home)
    try:
        moved = state.item(o.url("/old.html"))
        assert moved is not None and moved["report_id"] is not None
        prov = state.provenance(moved["report_id"])
        assert prov is not None
        assert prov["final_url"] == o.url("/r/moved.html") and prov["http_status"] == 200
        assert prov["metadata"]["成文日期"] == "2025-01-15"
        assert prov["metadata"]["索引号"].startswith("11330000X")
        assert len(prov["sha256"]) == 64 and prov["fetched_at"].startswith("20")
        raw = state.body(o.url("/old.html"))
        assert raw is not None and raw[1].exists()  # the raw bytes are kept
    finally:
        state.close()


def test_a_rerun_downloads_no_body_again(world: Any) -> None:
    o, m, again = world["official"], world["mirror"], world["again"]
    n_official, n_mirror = world["mark"]
    later = o.log[n_official:] + m.log[n_mirror:]
    collected = {"/r/1.html", "/r/gbk.html", "/r/att.html", "/old.html", "/r/moved.html",
                 "/r/busy.html", "/r/info.html", "/files/qingxi.docx", "/m/1.html", "/m/tw.html"}  # fmt: skip
    assert not [h.path for h in later if h.path in collected]
    assert again[o.url("/r/1.html")] == "unchanged"
    assert again[m.url("/m/1.html")] == "duplicate"
    assert again[o.url("/missing.html")] == "failed"  # asked again
    assert [h.status for h in o.hits("/missing.html")] == [404, 404]
    listing = [h for h in later if h.path == "/list.html"]
    assert listing and all(h.conditional and not h.body_sent for h in listing)  # 304


def test_politeness_on_the_servers_logs(world: Any) -> None:
    for site in (world["official"], world["mirror"]):
        assert site.max_in_flight == 1
        hits = sorted(site.log, key=lambda h: h.start)
        gaps = [b.start - a.end for a, b in pairwise(hits)]
        # The delay held between the end of one request and the start of the next (a
        # little slack for the server's own thread being scheduled late on a busy machine).
        assert min(gaps) >= DELAY * 0.75, gaps
        assert sorted(gaps)[len(gaps) // 2] >= DELAY, gaps
        assert all("fazhi-toolkit" in h.user_agent for h in hits)
    busy = world["official"].hits("/r/busy.html")
    assert busy[0].status == 429 and busy[1].status == 200
    assert busy[1].start - busy[0].end >= 0.95  # Retry-After: 1
