"""The offline composer: writes a section from the facts with no model and no network.

It is deterministic. Each fact becomes a sentence (numbers exactly as the sheet gives
them); facts of a topic are enumerated 一是…二是…; a topic's paragraph ends with a
closing clause borrowed from a retrieved masked exemplar when one fits (no slot, no
number), else from `prompts/offline_phrases.yaml`. Given the bureau's previous report
(`--previous`), its own sub-headings, closing clauses and leads come first (`voice`).
Provenance is exact: the composer emits a JSON line per sentence after the text, which
the pipeline strips and keeps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from functools import cache
from pathlib import Path

import yaml

from ..check.numbering import to_cn
from ..errors import ConfigError
from ..facts import Fact
from ..i18n import _
from ..registers.departments import Voice
from .backend import Backend, Completion, Exemplar, Message, SectionContext, Usage
from .voice import INSTRUCTION as _INSTRUCTION
from .voice import own_voice

PROVENANCE_MARK = "\n<<provenance>>\n"
_RESULT = re.compile(r"(提供了|营造了|提升|提高|保障|增强|推动|确保|形成了)")
_CAUSE = re.compile(r"^(主要|究其|分析)?原因")


def prompts_dir() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "prompts"


@cache
def phrases() -> dict:
    path = prompts_dir() / "offline_phrases.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            _("{path}: cannot read the offline phrases ({why})").format(path=path, why=exc)
        ) from None


def fact_sentence(fact: Fact) -> str:
    """One fact as a clause: 召开专题会议 + 4 + 次 → 召开专题会议4次 (三十 stays 三十 when
    the sheet wrote it so)."""
    text = fact.text.strip().rstrip("。；;，,")
    if fact.value_with_unit is not None:
        text = f"{text}{fact.value_with_unit}"
    return text


def _enumerate(clauses: list[str]) -> list[str]:
    if len(clauses) == 1:
        return [clauses[0] + "。"]
    out = []
    for i, c in enumerate(clauses):
        prefix = to_cn(i + 1) + "是"  # 十一是 after 十是, as a writer would
        out.append(f"{prefix}{c}。")
    return out


# A sentence that states a specific practice is never borrowed: a quoted slogan or a named
# campaign (“三个到位”), a cited title, a number word (三重一大, 两个维护).
_SPECIFIC = re.compile(r"[“”\"《》「」]|[一二两三四五六七八九十百千万]")


def borrowed_closing(
    exemplars: list[Exemplar], used: Collection[str] = ()
) -> tuple[str, int] | None:
    """A sentence from an exemplar that states a result in general words (not one in
    `used`: no sentence twice in a draft)."""
    for ex in exemplars:
        for sent in re.split(r"(?<=[。！？])", ex.masked):
            s = sent.strip()
            if not (12 <= len(s) <= 40) or "【" in s or re.search(r"\d", s) or not s.endswith("。"):
                continue
            if _INSTRUCTION.search(s) or re.search(r"[A-Za-z]", s) or _SPECIFIC.search(s):
                continue  # text that talks to a model, or a practice of one body, is never borrowed
            if re.match(r"^[（(]", s) or s.startswith("我") or s in used:
                continue  # a heading, a body's self-reference, or a sentence already written
            if _RESULT.search(s):
                return s, ex.chunk_id
    return None


def _topic_entry(topic: str | None, voice: Voice) -> tuple[str, str]:
    """The heading and closing of a topic: the department's own topics from its profile,
    the common ones from the phrase table, anything else the profile's general ones."""
    own = voice.profile.topic(topic)
    if own is not None:
        return own.heading, own.closing
    table = phrases()["topics"]
    if topic in table and topic != "general":
        return table[topic]["heading"], table[topic]["closing"]
    return voice.phrase("general_heading"), voice.phrase("general_closing")


def section_lead(section_id: str, voice: Voice, year: int) -> str:
    """The sentence that leads a section (shortcomings, first_responsible, plans), in the
    bureau's voice: the profile's own phrase, else the phrase table's, filled in."""
    own = getattr(voice.profile.phrases, f"{section_id}_lead", None)
    template = own or phrases()["sections"].get(section_id, {}).get("lead", "")
    return voice.fill(template, year) if template else ""


class OfflineComposer(Backend):
    """The default backend: no model, deterministic, writes from the structured context."""

    name = "offline"
    model = "offline-composer-2"  # a new version: drafts saved by the old one are redone

    @property
    def cacheable(self) -> bool:
        return False

    def complete(
        self, messages: list[Message], *, context: SectionContext | None = None
    ) -> Completion:
        if context is None:
            raise ConfigError(
                _("the offline composer needs the section context (facts and exemplars)")
            )
        sid = context.section.id
        sentences: list[tuple[str, list[str], list[int]]] = []  # (text, fact ids, exemplar ids)
        paragraphs: list[str] = []
        voice = context.sheet.voice()
        # With the previous report: the bureau's own sub-headings, clauses and leads first.
        last = (
            own_voice(context.previous, sid, context.sheet.year, self_ref=voice.self_ref)
            if context.previous
            else None
        )
        if sid == "measures":
            used: set[str] = set()
            for n, (topic, facts) in enumerate(context.groups, start=1):
                head, fallback = _topic_entry(topic, voice)
                own = last.for_topic(topic) if last else None
                heading = f"（{to_cn(n)}）{own.heading if own else head}。"
                para: list[tuple[str, list[str], list[int]]] = [
                    (heading, [], [own.chunk_id] if own else [])
                ]
                for sent, fact in zip(
                    _enumerate([fact_sentence(f) for f in facts]), facts, strict=True
                ):
                    para.append((sent, [fact.id], []))
                exemplars = [
                    e for e in context.exemplars if getattr(e, "topic", None) in (topic, None)
                ]
                borrowed = (
                    (own.closing, own.chunk_id)
                    if own and own.closing and own.closing not in used
                    else borrowed_closing(exemplars or context.exemplars, used)
                )
                if borrowed:
                    para.append((borrowed[0], [], [borrowed[1]]))
                    used.add(borrowed[0])
                elif fallback not in used:
                    para.append((fallback, [], []))
                    used.add(fallback)
                sentences.extend(para)
                paragraphs.append("".join(s for s, _, _ in para))
        else:
            lead = section_lead(sid, voice, context.sheet.year)
            lead_from: list[int] = []
            if last and last.lead:
                lead, lead_from = last.lead[0], [last.lead[1]]
            facts = [f for _, group in context.groups for f in group]
            # Causes are stated after the enumerated problems, not as one more item.
            causes = [f for f in facts if _CAUSE.match(f.text)]
            items = [f for f in facts if f not in causes]
            if sid == "first_responsible" and any("第一责任人" in f.text for f in items):
                lead = ""  # the facts say it already
            para: list[tuple[str, list[str], list[int]]] = [(lead, [], lead_from)] if lead else []
            for sent, fact in zip(
                _enumerate([fact_sentence(f) for f in items]), items, strict=True
            ):
                para.append((sent, [fact.id], []))
            para.extend((fact_sentence(f) + "。", [f.id], []) for f in causes)
            sentences.extend(para)
            paragraphs.append("".join(s for s, _, _ in para))
        text = "\n".join(paragraphs)
        prov = json.dumps(
            [{"text": s, "facts": f, "exemplars": e} for s, f, e in sentences], ensure_ascii=False
        )
        return Completion(
            text=text + PROVENANCE_MARK + prov, usage=Usage(calls=0), model=self.model
        )
