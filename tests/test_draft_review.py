"""Drafts for review: each sentence's sources and each 【待核实】 objection as a Word
comment; the notebook view keeps each subsection in its own paragraph."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from toolkit.corpus import CorpusStore, ingest
from toolkit.draft.pipeline import Drafter
from toolkit.facts import load_fact_sheet
from toolkit.llm import ScriptedBackend
from toolkit.output.draft_review import review_docx
from toolkit.output.html import draft_html

from .conftest import REFS, ROOT
from .docx_review import comments

SHEET = ROOT / "examples/facts/004_gaoqing_2021.yaml"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CorpusStore:
    st = CorpusStore(tmp_path_factory.mktemp("corpus") / "c.sqlite")
    ingest([REFS], st, workers=1)
    return st


def test_each_sentence_carries_its_sources(store: CorpusStore, tmp_path: Path) -> None:
    draft = Drafter(store=store, home=tmp_path).draft(load_fact_sheet(SHEET))
    data = review_docx(draft)
    notes = comments(data)
    facts = {f.id: f.text for f in draft.sheet.all_facts()}
    cited = [s for sec in draft.sections for s in sec.sentences if s.facts or s.exemplars]
    assert len(notes) == len(cited) > 5
    for sent in cited:
        note = next(n for n in notes if n[2] == sent.text.strip())
        assert note[0] == "fazhi"
        for fid in sent.facts:
            assert f"事实 {fid}：{facts[fid]}" in note[1]
        for ex in sent.exemplars:
            assert f"#{ex}" in note[1]
    assert any("范文片段" in n[1] for n in notes)
    # The same document as the plain export, only with comments.
    from toolkit.output.export import to_docx

    plain = docx.Document(io.BytesIO(to_docx(draft)))
    reviewed = docx.Document(io.BytesIO(data))
    assert [p.text for p in reviewed.paragraphs] == [p.text for p in plain.paragraphs]


def test_unverified_spots_say_what_the_guard_objected_to(tmp_path: Path) -> None:
    stubborn = ScriptedBackend(reply=lambda m, ctx: "一是召开会议99次。")
    draft = Drafter(backend=stubborn, home=tmp_path).draft(load_fact_sheet(SHEET))
    assert "99【待核实】" in draft.text
    notes = [n for n in comments(review_docx(draft)) if n[2] == "【待核实】"]
    assert len(notes) == draft.text.count("【待核实】")
    assert all("待核实：数字“99”不在事实清单中" in n[1] for n in notes)


def test_cli_draft_review_writes_the_commented_docx(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from toolkit.cli import app

    res = CliRunner().invoke(
        app, ["draft", str(SHEET), "-o", str(tmp_path), "--format", "md", "--review"]
    )
    assert res.exit_code in (0, 1), res.output
    (path,) = tmp_path.glob("*.docx")
    assert comments(path)


def test_draft_view_gives_each_subsection_its_own_paragraph(tmp_path: Path) -> None:
    draft = Drafter(home=tmp_path).draft(load_fact_sheet(SHEET))
    html = draft_html(draft)
    first = draft.sections[0]
    subsections = [
        p for p in first.body.split("\n") if re.match(r"^（[一二三四五六七八九十]+）", p)
    ]
    assert len(subsections) >= 2
    for para in subsections:
        mark = para[: para.index("）") + 1]
        assert re.search(rf"<p><span[^>]*>{re.escape(mark)}", html), mark
