"""The drafting pipeline: plan the sections, retrieve masked exemplars, prompt within a
token budget, generate, guard (regenerate or mark), assemble, and check the result.

Sections run concurrently. Each finished section is saved under the draft's work folder
and every model call is cached, so a rerun after a crash or Ctrl-C repeats no finished
call; a failing section does not stop the others."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..check import check_text
from ..check.numbering import to_cn
from ..corpus import Searcher, SearchFilters, ingest
from ..corpus.chunking import Chunk, chunk_report
from ..corpus.records import Store
from ..corpus.uri import open_store
from ..errors import BackendError
from ..facts import Fact, FactSheet
from ..i18n import _
from ..llm.backend import Backend, Completion, ContextLengthError, Exemplar, SectionContext, Usage
from ..llm.cache import CallCache, cache_key
from ..llm.config import LLMConfig
from ..llm.offline import PROVENANCE_MARK, OfflineComposer, phrases
from ..outline import OutlineSpec, SectionSpec, default_outline
from ..parse.report import ParsedReport
from ..paths import fazhi_home, reference_dir
from .guards import check_section, mark
from .prompts import build_messages, load_prompt
from .records import Draft, SectionDraft, Sentence
from .voice import regroup, same_kind

_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
_SECTION_IDS = ("measures", "shortcomings", "first_responsible", "plans", "other")


class DraftFailed(BackendError):
    """The backend failed for some sections after its retries; the others were kept."""

    def __init__(self, message: str, finished: list[str], failed: dict[str, str]) -> None:
        super().__init__(message)
        self.finished = finished
        self.failed = failed


def safe_name(text: str) -> str:
    """A file-name-safe form of a bureau name: no separators, no dots at the start."""
    cleaned = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", text).strip(" ._")
    cleaned = cleaned.replace("..", "_")
    return cleaned[:60] or "bureau"


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def opening_paragraph(sheet: FactSheet) -> str:
    y = sheet.year
    parts = [
        p["text"] for p in phrases()["opening"] if p.get("since", 0) <= y <= p.get("until", 9999)
    ]
    who = sheet.bureau.name
    voice = sheet.voice()
    superiors = superiors_of(sheet)
    lead = f"在{'、'.join(superiors)}的坚强领导下，" if superiors else ""
    body = "，".join(parts) if parts else "坚持依法行政"
    goal = voice.phrase("opening_goal", y)
    return (f"{y}年，{who}{lead}{body}，扎实推进法治政府建设各项工作，{goal}。"
            "现将有关情况报告如下。")  # fmt: skip


def superiors_of(sheet: FactSheet) -> list[str]:
    """The bodies the report goes to: the sheet's, else those of the bureau's level."""
    return list(sheet.bureau.superiors or sheet.voice().default_superiors)


def plan_sections(sheet: FactSheet, outline: OutlineSpec) -> list[SectionSpec]:
    """The sections to write: those the outline requires for the year, and any with facts."""
    out = []
    for sid in outline.order:
        spec = outline.section(sid)
        if sheet.sections.get(sid) or spec.required_for(sheet.year):  # type: ignore[call-overload]
            out.append(spec)
    return out


def _grams(text: str, n: int) -> set[str]:
    clean = re.sub(r"【[^】]*】|\s", "", text)
    return {clean[i : i + n] for i in range(len(clean) - n + 1)}


def infer_provenance(text: str, facts: list[Fact], exemplars: list[Exemplar]) -> list[Sentence]:
    """Which facts and exemplars each sentence of model-written text draws on."""
    fact_grams = [(f, _grams(f.text, 4)) for f in facts]
    ex_grams = [(e, _grams(e.masked, 8)) for e in exemplars]
    out = []
    for m in _SENT.finditer(text):
        s = m.group(0).strip()
        if not s:
            continue
        g4, g8 = _grams(s, 4), _grams(s, 8)
        ids = [
            f.id
            for f, g in fact_grams
            if (f.value_shown and (f.value_text in s or f.value_shown in s)) or len(g & g4) >= 2
        ]
        exs = [e.chunk_id for e, g in ex_grams if g & g8]
        out.append(Sentence(s, ids, exs))
    return out


@dataclass
class Drafter:
    """Drafts reports; reuse one for a batch (it keeps the store, cache and backend)."""

    backend: Backend = field(default_factory=OfflineComposer)
    config: LLMConfig = field(default_factory=LLMConfig)
    store: Store | None = None
    home: Path | None = None
    outline: OutlineSpec = field(default_factory=default_outline)
    exemplars_per_group: int = 2
    # The bureau's previous report (see `use_previous`): its chunks are the first exemplars.
    previous: list[Chunk] = field(default_factory=list)
    previous_source: str = ""

    def __post_init__(self) -> None:
        self.home = Path(self.home) if self.home else fazhi_home()
        self.cache = CallCache(self.home / "llm-cache.sqlite")
        if self.store is None:  # FAZHI_CORPUS names another store (Milvus…); else the home's file
            self.store = open_store(os.environ.get("FAZHI_CORPUS") or self.home / "corpus.sqlite")
            if self.store.counts()["reports"] == 0 and reference_dir().is_dir():
                ingest([reference_dir()], self.store, workers=1)  # the bundled references
        self.searcher = Searcher(self.store)

    @classmethod
    def from_config(cls, path: str | Path | None = None, **overrides: object) -> Drafter:
        """A drafter for the configured backend: `Drafter.from_config(backend="openai",
        model="deepseek-chat")` (key and endpoint from the environment or fazhi.toml)."""
        from ..llm.config import load_config
        from ..llm.openai_backend import OpenAIBackend

        cfg = load_config(path, **overrides)
        backend: Backend = OpenAIBackend(cfg) if cfg.backend == "openai" else OfflineComposer()
        return cls(backend=backend, config=cfg)

    def use_previous(self, path: str | Path) -> ParsedReport:
        """Take the bureau's previous report (any readable format) as the first exemplar
        source: its own phrasing, masked like every exemplar (numbers included), so the
        guards still reject any of its figures the fact sheet does not state."""
        from ..parse.parser import parse_file

        report = parse_file(path)
        self.previous = [c for c in chunk_report(report) if c.section in _SECTION_IDS]
        self.previous_source = Path(path).name
        return report

    # -- retrieval ----------------------------------------------------------------------
    def _previous_exemplars(
        self, spec: SectionSpec, topic: str | None, query: str
    ) -> list[Exemplar]:
        """The previous report's chunks of this section (and topic), closest to `query` first."""
        pool = [c for c in self.previous if c.section == spec.id]
        if topic is not None:
            pool = [c for c in pool if topic in c.topics] or pool
        wanted = _grams(query, 2)
        pool.sort(key=lambda c: (-len(_grams(c.masked, 2) & wanted), c.ord))
        return [
            Exemplar(-(c.ord + 1), c.masked, f"previous:{self.previous_source}", topic)
            for c in pool[:1]
        ]

    def _exemplars(
        self, sheet: FactSheet, spec: SectionSpec, topic: str | None, facts: list[Fact]
    ) -> list[Exemplar]:
        labels = {t.id: t.label for t in self.outline.topics}
        query = " ".join([labels.get(topic or "", spec.label), *[f.text[:30] for f in facts[:3]]])
        own = self._previous_exemplars(spec, topic, query) if self.previous else []
        if own:
            seen = {e.masked for e in own}
            more = [e for e in self._corpus_exemplars(sheet, spec, topic, query) if e.masked not in seen]
            return (own + more)[: max(self.exemplars_per_group, len(own))]
        return self._corpus_exemplars(sheet, spec, topic, query)

    def _corpus_exemplars(
        self, sheet: FactSheet, spec: SectionSpec, topic: str | None, query: str
    ) -> list[Exemplar]:
        if topic not in self.outline.topic_ids():
            topic = None  # a department's own topic: the corpus knows the common ones only
        tries = [
            SearchFilters(section=spec.id, topic=topic),
            SearchFilters(section=spec.id),
            SearchFilters(topic=topic),
        ]
        for filters in tries:
            hits = self.searcher.search(query, 4 * self.exemplars_per_group, filters).hits
            hits = same_kind([h for h in hits if h.language == "zh"], sheet)
            if hits:
                return [Exemplar(h.chunk_id, h.masked, h.source, topic)
                        for h in hits[: self.exemplars_per_group]]  # fmt: skip
        return []

    # -- one section --------------------------------------------------------------------
    def _call(self, ctx: SectionContext, budget: int) -> tuple[Completion, list[Exemplar]]:
        while True:
            messages, used = build_messages(ctx, budget)
            key = cache_key(messages, self.backend.cache_key_params)
            if self.backend.cacheable and (hit := self.cache.get(key)) is not None:
                return hit, used
            try:
                completion = self.backend.complete(messages, context=ctx)
            except ContextLengthError:
                if not used:
                    raise
                budget = max(500, budget // 2)  # shrink: fewer and shorter exemplars
                ctx = replace(ctx, exemplars=used[: max(0, len(used) - 1)])
                continue
            if self.backend.cacheable:
                self.cache.put(key, completion)
            return completion, used

    def context(self, sheet: FactSheet, spec: SectionSpec) -> SectionContext:
        """The section's facts and exemplars (retrieval runs in the calling thread)."""
        groups = [(g.topic, g.facts) for g in sheet.sections.get(spec.id, [])]  # type: ignore[call-overload]
        if spec.id == "measures":
            groups = regroup(groups, sheet.voice(), self.outline)
        exemplars: list[Exemplar] = []
        for topic, facts in groups:
            exemplars += self._exemplars(sheet, spec, topic, facts)
        previous = [
            Exemplar(-(c.ord + 1), c.masked, f"previous:{self.previous_source}")
            for c in self.previous
            if c.section == spec.id
        ]
        return SectionContext(sheet, spec, groups, exemplars, previous=previous)

    def write_section(self, ctx: SectionContext, number: int) -> SectionDraft:
        """Generate, guard and, if need be, regenerate one section."""
        sheet, spec, groups = ctx.sheet, ctx.section, ctx.groups
        label = (spec.canonical_heading or spec.label).format(Y=sheet.year, Y1=sheet.year + 1)
        heading = f"{to_cn(number)}、{label}"
        if not groups:
            body = f"【待补充：{spec.label}】"
            return SectionDraft(
                spec.id, heading, body, [Sentence(body)], [], ["事实清单中没有这一部分的事实"]
            )
        usage = Usage()
        facts_all = [f for _, fs in groups for f in fs]
        attempts = 0
        while True:
            attempts += 1
            completion, used = self._call(ctx, self.config.prompt_budget)
            usage.add(completion.usage)
            text, _, prov = completion.text.partition(PROVENANCE_MARK)
            text = text.strip()
            if text.startswith(heading) or text.startswith(heading[2:]):
                text = text.split("\n", 1)[1].strip() if "\n" in text else ""
            violations = check_section(text, sheet, spec.id)
            if not violations or attempts > self.config.regenerate:
                break
            ctx = replace(ctx, feedback="\n".join(v.describe() for v in violations))
        problems = [v.describe() for v in violations]
        if violations:
            text = mark(text, violations)
        if prov and not violations:
            sentences = [Sentence(**s) for s in json.loads(prov)]
        else:
            sentences = infer_provenance(text, facts_all, used)
        return SectionDraft(
            spec.id, heading, text, sentences, [e.chunk_id for e in used], problems, attempts, usage
        )

    # -- a whole report -----------------------------------------------------------------
    def work_dir(self, sheet: FactSheet) -> Path:
        assert self.home is not None
        name = f"{safe_name(sheet.bureau.name)}-{sheet.year}-{self.recipe(sheet)}"
        return self.home / "drafts" / name

    def recipe(self, sheet: FactSheet) -> str:
        """A short hash of what a draft of `sheet` depends on: the facts, the backend and
        its parameters, the prompts' versions and the previous report."""
        versions = {
            p: load_prompt(p).version
            for p in ("_system", "measures", "shortcomings", "first_responsible", "plans", "other")
        }
        parts: list[object] = [
            sheet.model_dump(mode="json"),
            self.backend.cache_key_params,
            versions,
        ]
        if self.previous:
            parts.append([c.masked for c in self.previous])
        payload = json.dumps(
            parts,
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def draft(self, sheet: FactSheet, progress: Callable[[str], None] | None = None) -> Draft:
        """Draft a report for `sheet`; raises `DraftFailed` if some sections could not be written."""
        specs = plan_sections(sheet, self.outline)
        folder = self.work_dir(sheet)
        folder.mkdir(parents=True, exist_ok=True)
        done: dict[str, SectionDraft] = {}
        for spec in specs:
            saved = folder / f"section-{spec.id}.json"
            if saved.exists():
                try:
                    done[spec.id] = SectionDraft.from_dict(
                        json.loads(saved.read_text(encoding="utf-8"))
                    )
                except (ValueError, KeyError, TypeError):
                    saved.unlink()  # a torn file from an interrupted run: write it again
        failed: dict[str, str] = {}
        todo = [(n, spec) for n, spec in enumerate(specs, start=1) if spec.id not in done]
        workers = max(1, min(self.config.concurrency, len(todo) or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(self.write_section, self.context(sheet, spec), n): spec
                for n, spec in todo
            }
            for fut in as_completed(futures):
                spec = futures[fut]
                try:
                    section = fut.result()
                except BackendError as exc:
                    failed[spec.id] = str(exc)
                    continue
                _atomic_write(
                    folder / f"section-{spec.id}.json",
                    json.dumps(section.to_dict(), ensure_ascii=False),
                )
                done[spec.id] = section
                if progress:
                    progress(spec.id)
        if failed:
            first = next(iter(failed.values()))
            raise DraftFailed(
                f"{sheet.bureau.name}: {len(failed)} section(s) failed ({', '.join(failed)}): {first}; "
                f"{len(done)} finished section(s) kept in {folder}",
                finished=list(done),
                failed=failed,
            )
        return self.assemble(sheet, [done[s.id] for s in specs])

    def assemble(self, sheet: FactSheet, sections: list[SectionDraft]) -> Draft:
        usage = Usage()
        for s in sections:
            usage.add(s.usage)
        date = cn_date(sheet.date) if sheet.date else "【待填：成文日期】"
        draft = Draft(
            sheet=sheet,
            title=f"{sheet.bureau.name}{sheet.year}年法治政府建设工作情况报告",
            addressee="、".join(superiors_of(sheet)) + "：",
            opening=opening_paragraph(sheet),
            sections=sections,
            closing=["特此报告。", "", sheet.bureau.name, date],
            backend=self.backend.name,
            model=self.backend.model,
            usage=usage,
        )
        draft.check = check_text(draft.text, facts=sheet, year=sheet.year)
        return draft


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def previous_report_warnings(sheet: FactSheet, previous: ParsedReport) -> list[str]:
    """Why a previous report may not be this bureau's last year (another issuer, another
    year): the draft still uses it, the analyst should know."""
    out = []
    if sheet.place and previous.issuer and sheet.place not in previous.issuer:
        out.append(
            _("it was issued by {issuer}, the sheet is for {bureau}").format(
                issuer=previous.issuer, bureau=sheet.bureau.name
            )
        )
    if previous.year is not None and previous.year != sheet.year - 1:
        out.append(
            _("it reports on {year}, the sheet on {sheet_year}").format(
                year=previous.year, sheet_year=sheet.year
            )
        )
    return out
