"""Last year's report → a fact sheet: bureau, year and date; facts per canonical section
and topic, split at 一是… items and sentences, every quantity as {text, value, unit};
opening and closing formulas left out; notes on whatever the extractor was unsure of."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..check.context import CheckContext
from ..check.genre import other_genre
from ..errors import InputError
from ..facts import Bureau, Fact, FactGroup, FactQuantity, FactSheet
from ..outline import OutlineSpec, default_outline
from ..parse.report import ParsedReport, SectionNode
from ..text.normalize import Line
from .bureau import bureau_of, report_date
from .rules import SECTIONS, YoyRules, yoy_rules
from .split import han_len, items
from .tidy import tidy

# In these parts a numbered sub-heading is itself an item (a plan, a problem), not a slogan.
_HEADINGS_ARE_FACTS = ("plans", "shortcomings")


@dataclass
class ExtractedFact:
    """A fact as found: where it came from and what the extractor was unsure of."""

    section: str
    topic: str | None
    text: str
    quantities: list[FactQuantity]
    line: int  # line of the source file
    notes: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """A fact sheet read from a report, with the notes that become YAML comments."""

    sheet: FactSheet
    facts: list[ExtractedFact]
    notes: dict[str, list[str]]  # fact id (measures.1.2) → notes
    header_notes: list[str]
    source: str

    def to_dataframe(self) -> object:
        """One row per fact with its source line and notes (see `extraction_frame`)."""
        return extraction_frame(self)

    def to_yaml(self) -> str:
        from .sheet_yaml import sheet_to_yaml

        head = [f"由 fazhi extract 从 {self.source} 提取；请逐条核对。", *self.header_notes]
        return sheet_to_yaml(self.sheet, self.notes, head)


# -- quantities --------------------------------------------------------------------------


def quantities_of(text: str) -> tuple[list[FactQuantity], list[str]]:
    """The quantities `text` states, with notes on any the sheet cannot hold exactly."""
    from ..text.numbers import find_quantities

    out: list[FactQuantity] = []
    notes: list[str] = []
    for q in find_quantities(text):
        unit = "%" if q.percent and not q.unit else q.unit
        out.append(FactQuantity(text=q.text, value=q.value, unit=unit))
        if q.high is not None and q.high != q.value:
            notes.append(f"“{q.text}”是一个范围，value 取下限")
        if not unit:
            notes.append(f"“{q.text}”没有单位")
    return out, notes


# -- header ------------------------------------------------------------------------------

@dataclass
class _Paragraph:
    section: str
    text: str
    line: Line
    context: list[str]  # topic ids of the heading(s) above
    moved: str | None = None  # why the paragraph left the section its heading puts it in


def _own_paragraphs(report: ParsedReport, node: SectionNode, section: str, ctx: list[str],
                    outline: OutlineSpec) -> list[_Paragraph]:  # fmt: skip
    stop = node.children[0].line_index if node.children else node.end_index
    here = outline.tag_topics(node.heading) or ctx
    out: list[_Paragraph] = []
    for idx in range(node.line_index, stop):
        line = report.lines[idx]
        text = line.text.strip()
        if idx == node.line_index and node.level > 1 and section in _HEADINGS_ARE_FACTS:
            text = text.removeprefix(node.mark).strip()  # the item itself: 进一步加强学法教育…
        elif idx == node.line_index:
            pos = text.find(node.heading)
            text = text[pos + len(node.heading) :] if pos != -1 else ""
            text = text.lstrip("。．.：:，, ")
        if text:
            out.append(_Paragraph(section, text, line, here))
    for child in node.children:
        out += _own_paragraphs(report, child, section, here, outline)
    return out


def _paragraphs(report: ParsedReport, outline: OutlineSpec) -> tuple[list[_Paragraph], list[str]]:
    notes: list[str] = []
    out: list[_Paragraph] = []
    tops = report.sections
    if not tops:  # no headings at all: every body paragraph, sorted out by markers below
        for line in report.lines[report.body_start : report.body_end]:
            if line.text.strip():
                out.append(_Paragraph("measures", line.text.strip(), line, []))
        notes.append("报告没有可识别的标题，事实按内容归入各部分，请核对")
        return out, notes
    for top in tops:
        sid = top.id if top.id in SECTIONS else "other"
        if top.id is None:
            notes.append(f"第{top.line}行“{top.heading}”不属于规定的几部分，放在 other")
        out += _own_paragraphs(report, top, sid, [], outline)
    return out, notes


def _relocate(paragraphs: list[_Paragraph], present: set[str], rules: YoyRules) -> None:
    """Measures paragraphs that hold a part the report has no heading for."""
    order = ("first_responsible", "shortcomings", "plans")
    for para in paragraphs:
        if para.section != "measures":
            continue
        first = para.text.split("。", 1)[0]
        for sid in order:
            if sid in present:
                continue
            if any(r.search(first) for r in rules.regexes(rules.embedded[sid].paragraph)):
                para.section = sid
                para.moved = f"报告没有“{sid}”部分的标题，这段从工作举措中移来"
                break


# -- facts -------------------------------------------------------------------------------


@cache
def _composer_phrases() -> re.Pattern[str]:
    """The sentences the offline composer writes on its own (closings, leads, in any
    department's voice): never facts."""
    from ..llm.offline import phrases
    from ..registers.departments import profiles

    table = phrases()
    out = {t["closing"] for t in table["topics"].values()}
    out |= {s.get("lead", "") for s in table["sections"].values()}
    for prof in profiles().values():
        out |= {t.closing for t in prof.topics}
        out |= {v for v in prof.phrases.model_dump().values() if v}
    slots = re.compile(r"\\\{(?:self|head|party|aim|staff|level)\\\}")
    years = re.compile(r"\\\{(?:next_year|year)\\\}|\d{4}")
    alts = [years.sub("", slots.sub(".{1,16}?", re.escape(p.rstrip("。")))) for p in out if p]
    return re.compile("|".join(sorted(alts, key=len, reverse=True)))


def _without_boilerplate(sentence: str, rules: YoyRules) -> str:
    """The sentence without its formulaic part: "" if nothing else is left, the rest if
    the formula only opens it (…取得了一定成绩，但…仍然存在差距，比如… → 比如…)."""
    if _composer_phrases().fullmatch(re.sub(r"\d{4}", "", sentence).rstrip("。")):
        return ""
    covered = bytearray(len(sentence))
    for r in rules.regexes(rules.boilerplate):
        for m in r.finditer(sentence):
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    if not any(covered):
        return sentence
    free = "".join(ch for ch, c in zip(sentence, covered, strict=True) if not c)
    if han_len(free) < rules.boilerplate_rest:
        return ""
    last = max(i for i, c in enumerate(covered) if c) + 1
    head = "".join(ch for ch, c in zip(sentence[:last], covered, strict=False) if not c)
    rest = sentence[last:].lstrip("，,、；：: ")
    if han_len(head) < rules.boilerplate_rest and han_len(rest) >= rules.fact_min:
        return re.sub(r"^(比如|例如|如|主要是)", "", rest)
    return sentence


def _topic(text: str, context: list[str], outline: OutlineSpec) -> tuple[str | None, str | None]:
    own = outline.tag_topics(text)
    agreed = [t for t in own if t in context]
    if agreed:
        return agreed[0], None
    if own:  # the sentence's own keywords beat its heading's (measured on the hand sheets)
        return own[0], None
    if context:
        return context[0], None
    return None, "看不出属于哪个主题（topic 留空）"


def _facts_of(para: _Paragraph, present: set[str], year: int | None, rules: YoyRules,
              outline: OutlineSpec) -> list[ExtractedFact]:  # fmt: skip
    out: list[ExtractedFact] = []
    sentence_moves = {
        sid: rules.regexes(rules.embedded[sid].sentence)
        for sid in ("first_responsible", "plans")
        if sid not in present and rules.embedded[sid].sentence
    }
    parts = items(para.text)
    for n, item in enumerate(parts):
        context = list(para.context)
        sents = list(item.sentences)
        lead = sents[0][1]
        followed = len(sents) > 1 or (not item.marker and n + 1 < len(parts))
        if followed and han_len(lead) <= rules.label_max and not re.search(r"\d", lead):
            context = outline.tag_topics(lead) + context  # a label: topic evidence only
            sents = sents[1:]
        for _, raw in sents:
            text, notes = tidy(raw, year, outline)
            quantities, qnotes = quantities_of(text)
            if not quantities:
                text = _without_boilerplate(text, rules)
                if han_len(text) < rules.fact_min:
                    continue
            section = para.section
            moved = para.moved
            for sid, regexes in sentence_moves.items():
                movable = section == "measures" or (para.moved and section != sid)
                if movable and any(r.search(text) for r in regexes):
                    section = sid
                    moved = f"报告没有“{sid}”部分的标题，这句从工作举措中移来"
                    break
            if moved:
                notes.append(moved)
            topic, tnote = _topic(text, context, outline)
            if tnote and section == "measures":
                notes.append(tnote)
            if han_len(text) > rules.long_fact:
                notes.append("这条较长，可拆分")
            out.append(
                ExtractedFact(section, topic, text, quantities, para.line.no, [*notes, *qnotes])
            )
    return out


# -- the sheet ---------------------------------------------------------------------------


def _is_our_genre(report: ParsedReport, outline: OutlineSpec) -> None:
    where = report.path or "text"
    if report.language != "zh":
        raise InputError(
            f"{where}: not a Chinese report (extract reads 法治政府建设年度报告 in Chinese)"
        )
    ctx = CheckContext(report=report, outline=outline, year=report.year)
    genre = other_genre(ctx)
    if genre is not None:
        raise InputError(
            f"{where}: this looks like a {genre.name}, not a {outline.name}; nothing extracted"
        )
    title_ok = bool(report.title) and any(r.search(report.title) for r in outline.title_regexes)
    markers = sum(report.body_text.count(m) for m in outline.body_markers)
    if not title_ok and markers < 2:
        raise InputError(f"{where}: this does not look like a {outline.name}; nothing extracted")


def _cut_off(report: ParsedReport, facts: list[ExtractedFact]) -> ExtractedFact | None:
    """The fact made of a sentence the page's end cuts off mid-word (a copy that stops
    before the report does), or None."""
    if not facts or report.body_end <= report.body_start:
        return None
    last = report.lines[report.body_end - 1]
    if re.search(r"[。！？；;!?…”’）)]\s*$", last.text):
        return None
    tail = max(facts, key=lambda f: f.line)
    return tail if tail.line == last.no else None


def extract_report(report: ParsedReport, year: int | None = None,
                   outline: OutlineSpec | None = None) -> Extraction:  # fmt: skip
    """A fact sheet from a parsed report; `InputError` if it is not this genre."""
    outline = outline or default_outline()
    rules = yoy_rules()
    _is_our_genre(report, outline)
    year = year or report.year
    where = report.path or "text"
    if year is None:
        raise InputError(f"{where}: cannot tell which year the report is about; give --year")
    bureau, header = bureau_of(report)
    date, date_note = report_date(report)
    if date_note:
        header.append(date_note)
    if date is not None and date.year not in (year, year + 1):
        header.append(f"成文日期 {date.isoformat()} 与报告年度 {year} 不符，未采用；date 请补填")
        date = None
    elif date is None:
        header.append("报告没有成文日期，date 请补填（否则草稿落款留“【待填：成文日期】”）")
    paragraphs, notes = _paragraphs(report, outline)
    header += notes
    present = {p.section for p in paragraphs} - {"measures"}
    _relocate(paragraphs, present, rules)
    facts: list[ExtractedFact] = []
    for para in paragraphs:
        facts += _facts_of(para, present, year, rules, outline)
    cut = _cut_off(report, facts)
    if cut is not None:
        whole = cut.text.rsplit("，", 1)[0] if "，" in cut.text else ""
        if han_len(whole) >= rules.fact_min:  # the clauses before the cut are whole
            i = facts.index(cut)
            qs, _ = quantities_of(whole)
            facts[i] = ExtractedFact(cut.section, cut.topic, whole, qs, cut.line,
                                     [*cut.notes, "原句在文末被截断，只保留了完整的分句"])  # fmt: skip
        else:
            facts.remove(cut)
        header.append(f"第{cut.line}行最后一句“{cut.text[-20:]}”在文末被截断，截断的部分未作为事实；请对照原文补全")
    if not any(f.section == "plans" for f in facts):
        header.append("报告中没有下一年度安排（plans）")
    sheet, by_id = _assemble(bureau, year, date, facts)
    return Extraction(sheet, facts, by_id, header, str(report.path or "text"))


def _assemble(bureau: Bureau, year: int, date: dt.date | None,
              facts: list[ExtractedFact]) -> tuple[FactSheet, dict[str, list[str]]]:  # fmt: skip
    sections: dict[str, list[tuple[str | None, list[ExtractedFact]]]] = {}
    seen: set[tuple[str, str]] = set()
    for fact in facts:
        if (fact.section, fact.text) in seen:
            continue  # the same sentence twice in one part: once is enough
        seen.add((fact.section, fact.text))
        groups = sections.setdefault(fact.section, [])
        topic = fact.topic if fact.section == "measures" else None
        for t, members in groups:
            if t == topic:
                members.append(fact)
                break
        else:
            groups.append((topic, [fact]))
    notes: dict[str, list[str]] = {}
    data: dict[str, list[FactGroup]] = {}
    for sid in SECTIONS:
        if sid not in sections:
            continue
        data[sid] = []
        for g, (topic, members) in enumerate(sections[sid], start=1):
            data[sid].append(
                FactGroup(
                    topic=topic,
                    facts=[Fact(text=f.text, quantities=f.quantities) for f in members],
                )
            )
            for i, f in enumerate(members, start=1):
                if f.notes:
                    notes[f"{sid}.{g}.{i}"] = f.notes
    sheet = FactSheet(bureau=bureau, year=year, date=date, sections=data)  # type: ignore[arg-type]
    return sheet, notes


def extract_file(path: str | Path, year: int | None = None) -> Extraction:
    """Read a report file (any format the readers accept) and extract its fact sheet."""
    from ..parse.parser import parse_file

    return extract_report(parse_file(path), year=year)


# -- next year ---------------------------------------------------------------------------


def extraction_frame(result: Extraction) -> object:
    """One row per fact of an extraction: section, topic, text, quantities, source line, notes
    (a DataFrame, for a notebook)."""
    import pandas as pd

    rows = []
    ids = {}
    for sid, groups in result.sheet.sections.items():
        for g, group in enumerate(groups, start=1):
            for i, fact in enumerate(group.facts, start=1):
                ids[(sid, fact.text)] = f"{sid}.{g}.{i}"
    for f in result.facts:
        fid = ids.get((f.section, f.text))
        if fid is None:
            continue  # a repeated sentence, kept once
        rows.append({
            "id": fid, "section": f.section, "topic": f.topic or "", "text": f.text,
            "quantities": "、".join(q.text for q in f.quantities), "line": f.line,
            "notes": "；".join(result.notes.get(fid, [])),
        })  # fmt: skip
        ids.pop((f.section, f.text))
    cols = ["id", "section", "topic", "text", "quantities", "line", "notes"]
    return pd.DataFrame(rows, columns=cols)
