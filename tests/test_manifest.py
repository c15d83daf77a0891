"""Rerunning `fazhi draft` / `fazhi batch` keeps work: unchanged bureaus are skipped, a file
the analyst edited is never overwritten (the new draft goes beside it) unless --force, and a
batch killed with SIGKILL leaves every file whole; the rerun finishes the rest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from toolkit.llm.fakeserver import FakeOpenAIServer, echo_facts_reply
from toolkit.output.manifest import MANIFEST_NAME, sha256

from .conftest import ROOT

FACTS = ROOT / "examples" / "facts" / "002_gaotai_2024.yaml"
STEM = "高台县科学技术局-2024"
ADDED = "分析员补写的一段：全局干部参加线上学法。"


def _fazhi(*args: str, home: Path, env: dict[str, str] | None = None, cwd: Path | None = None):
    full = {**os.environ, "FAZHI_HOME": str(home), "FAZHI_LANG": "en", "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True,
                          text=True, timeout=300, env=full, cwd=cwd)  # fmt: skip


def test_rerun_of_draft_skips_unchanged_keeps_edits_and_force_overwrites(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    first = _fazhi("draft", str(FACTS), "-o", str(out), home=home)
    assert first.returncode == 0, first.stderr
    md = out / f"{STEM}.md"
    with md.open("a", encoding="utf-8") as fh:
        fh.write("\n" + ADDED + "\n")  # the analyst adds a paragraph
    again = _fazhi("draft", str(FACTS), "-o", str(out), home=home)
    assert again.returncode == 0 and "skipped, unchanged" in again.stdout
    assert ADDED in md.read_text(encoding="utf-8")
    # A fact changes: the bureau is redrafted, the edited .md kept, the new one beside it.
    changed = tmp_path / "facts.yaml"
    changed.write_text(
        FACTS.read_text(encoding="utf-8").replace("value: 4,", "value: 7,", 1), encoding="utf-8"
    )
    redo = _fazhi("draft", str(changed), "-o", str(out), home=home)
    assert redo.returncode == 0, redo.stderr
    beside = out / f"{STEM}.new.md"
    assert ADDED in md.read_text(encoding="utf-8")
    assert beside.is_file() and ADDED not in beside.read_text(encoding="utf-8")
    assert "7次" in beside.read_text(encoding="utf-8") and "7次" not in md.read_text(encoding="utf-8")
    said = " ".join(redo.stdout.split())
    assert f"kept {md}" in said.replace("\n", "") and f"{STEM}.new.md" in said
    # The .docx and .json were not edited: replaced in place, nothing beside them.
    assert not (out / f"{STEM}.new.docx").exists() and not (out / f"{STEM}.new.json").exists()
    assert "7次" in json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))["text"]
    forced = _fazhi("draft", str(changed), "-o", str(out), "--force", home=home)
    assert forced.returncode == 0, forced.stderr
    assert ADDED not in md.read_text(encoding="utf-8") and "7次" in md.read_text(encoding="utf-8")


def test_batch_rerun_redrafts_only_what_changed(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    table = tmp_path / "bureaus.csv"
    head = "bureau,level,year,section,topic,text,value,unit,superiors\n"
    rows = [
        "临川县科学技术局,county,2024,measures,pufa,开展普法宣传,12,场,市委;市政府",
        "东山县科学技术局,county,2024,measures,pufa,开展普法宣传,9,场,县委 县政府",
    ]
    table.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    first = _fazhi("batch", str(table), "-o", str(out), "--format", "md,json", home=home)
    assert first.returncode in (0, 1), first.stderr
    a, b = out / "临川县科学技术局-2024.md", out / "东山县科学技术局-2024.md"
    assert "在市委、市政府的坚强领导下" in a.read_text(encoding="utf-8")  # 市委;市政府 split
    assert "在县委、县政府的坚强领导下" in b.read_text(encoding="utf-8")
    a.write_text(a.read_text(encoding="utf-8") + ADDED + "\n", encoding="utf-8")
    table.write_text(head + rows[0] + "\n" + rows[1].replace(",9,", ",11,") + "\n", encoding="utf-8")
    again = _fazhi("batch", str(table), "-o", str(out), "--format", "md,json", home=home)
    assert again.returncode in (0, 1), again.stderr
    line_a = next(ln for ln in again.stdout.splitlines() if "临川县" in ln)
    line_b = next(ln for ln in again.stdout.splitlines() if "东山县" in ln)
    assert "skipped" in line_a and "unchanged" in line_a and "skipped" not in line_b
    assert ADDED in a.read_text(encoding="utf-8") and "11场" in b.read_text(encoding="utf-8")
    assert not list(out.glob("*.new.*"))


def test_killed_batch_leaves_whole_files_and_the_rerun_finishes(tmp_path: Path) -> None:
    table = tmp_path / "facts.csv"
    rows = ["bureau,level,year,section,topic,text,value,unit,date"]
    places = ["临川县", "东山县", "北塘县", "安远县"]
    for i, place in enumerate(places):
        for section, text in [("measures", f"召开专题会议{i + 2}次"), ("shortcomings", "普法形式单一，原因是人手不足"),
                              ("first_responsible", "主要负责人履行第一责任人职责"), ("plans", "加强执法队伍建设")]:  # fmt: skip
            rows.append(f"{place}科学技术局,county,2024,{section},,{text},,,2025-01-20")
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    answered: list[int] = []
    proc: list[subprocess.Popen] = []
    lock = threading.Lock()

    def chat(body: dict) -> object:
        with lock:
            answered.append(1)
            # Bureau 1 is written after its 4 sections; kill while bureau 2 or 3 is drafted.
            if len(answered) == 10 and proc and proc[0].poll() is None:
                os.kill(proc[0].pid, signal.SIGKILL)
        return echo_facts_reply(body)

    env = {"OPENAI_API_KEY": "sk-test", "FAZHI_MODEL": "fake"}
    config = tmp_path / "fazhi.toml"
    config.write_text("[llm]\nconcurrency = 1\nbackoff = 0.01\n", encoding="utf-8")
    args = ["batch", str(table), "-o", str(out), "--backend", "openai", "--concurrency", "1",
            "--format", "md,docx,json", "--config", str(config)]  # fmt: skip
    full = {**os.environ, "FAZHI_HOME": str(tmp_path / "home"), "FAZHI_LANG": "en", **env}
    with FakeOpenAIServer(chat=chat) as srv:
        env["OPENAI_BASE_URL"] = full["OPENAI_BASE_URL"] = srv.base_url
        proc.append(subprocess.Popen([sys.executable, "-m", "toolkit.cli", *args], env=full,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE))  # fmt: skip
        proc[0].wait(timeout=180)
        assert proc[0].returncode == -signal.SIGKILL
        # Whatever is in the folder is whole: each output is the file the manifest recorded.
        manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
        recorded = {n: h for d in manifest["drafts"].values() for n, h in d["files"].items()}
        written = [p for p in out.iterdir() if not p.name.startswith(".")]
        assert 3 <= len(written) < 12 and {p.name for p in written} == set(recorded)
        assert all(sha256(p.read_bytes()) == recorded[p.name] for p in written)
        done_before = {d["bureau"] for d in manifest["drafts"].values()}
        assert "临川县科学技术局" in done_before and len(done_before) < 4
        rerun = _fazhi(*args, home=tmp_path / "home", env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(out.glob("*.md"))) == 4 and len(list(out.glob("*.docx"))) == 4
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != MANIFEST_NAME]
    for name in done_before:
        line = next(ln for ln in rerun.stdout.splitlines() if name[:3] in ln)
        assert "skipped" in line
    final = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert len(final["drafts"]) == 4
    for d in final["drafts"].values():
        for name, digest in d["files"].items():
            assert sha256((out / name).read_bytes()) == digest
