"""Prompt files in `prompts/`: named, versioned, with declared inputs; rendered within a
token budget where the facts are always whole and the exemplars are cut to fit."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache

import yaml

from ..errors import ConfigError
from ..i18n import _
from ..llm.backend import Exemplar, Message, SectionContext
from ..llm.offline import fact_sentence, prompts_dir
from ..outline import default_outline
from ..text.tokens import count_tokens, truncate_to_tokens


@dataclass(frozen=True)
class PromptFile:
    name: str
    version: int
    inputs: tuple[str, ...]
    template: str

    def render(self, **values: object) -> str:
        missing = set(self.inputs) - set(values)
        extra = set(values) - set(self.inputs)
        if missing or extra:
            raise ConfigError(
                _("prompt {name}: inputs {missing} missing, {extra} not declared").format(
                    name=self.name, missing=sorted(missing), extra=sorted(extra)
                )
            )
        return self.template.format_map(values)


@cache
def load_prompt(name: str) -> PromptFile:
    path = prompts_dir() / f"{name}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            _("{path}: prompt file missing ({why})").format(path=path, why=exc.strerror)
        ) from None
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, re.S)
    if not m:
        raise ConfigError(
            _("{path}: a prompt file starts with front matter between --- lines").format(path=path)
        )
    meta = yaml.safe_load(m.group(1)) or {}
    template = m.group(2).strip() + "\n"
    used = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    inputs = tuple(meta.get("inputs", []))
    if used - set(inputs):
        raise ConfigError(
            _("{path}: placeholders {names} are not declared in inputs").format(
                path=path, names=sorted(used - set(inputs))
            )
        )
    return PromptFile(
        name=meta.get("name", name),
        version=int(meta.get("version", 1)),
        inputs=inputs,
        template=template,
    )


def facts_block(ctx: SectionContext) -> str:
    topics = {t.id: t.label for t in default_outline().topics}
    lines = []
    for topic, facts in ctx.groups:
        if topic:
            lines.append(f"【{topics.get(topic, topic)}】")
        lines.extend(f"- [{f.id}] {fact_sentence(f)}" for f in facts)
    return "\n".join(lines)


def _fence(i: int, ex: Exemplar, text: str | None = None) -> str:
    body = (text if text is not None else ex.masked).replace("```", "'''")
    return f"```参考段落{i}\n{body}\n```"


def build_messages(ctx: SectionContext, budget: int) -> tuple[list[Message], list[Exemplar]]:
    """System and user messages within `budget` tokens; returns the exemplars that fit."""
    sheet = ctx.sheet
    voice = sheet.voice()
    system = load_prompt("_system").render(
        bureau=sheet.bureau.name, year=sheet.year, department=voice.profile.label,
        self_ref=voice.self_ref, head=voice.head,
    )  # fmt: skip
    prompt = load_prompt(ctx.section.id)
    feedback = f"\n上一稿存在以下问题，请改正后重写：\n{ctx.feedback}" if ctx.feedback else ""
    base = dict(
        bureau=sheet.bureau.name, year=sheet.year, next_year=sheet.year + 1,
        section_label=ctx.section.label, facts=facts_block(ctx), feedback=feedback,
    )  # fmt: skip
    empty = prompt.render(**base, exemplars="（无）")
    room = budget - count_tokens(system) - count_tokens(empty)
    used: list[Exemplar] = []
    blocks: list[str] = []
    for ex in ctx.exemplars:
        block = _fence(len(blocks) + 1, ex)
        cost = count_tokens(block) + 1
        if cost > room:
            if room > 60:  # cut the last one to fit rather than drop it
                cut = truncate_to_tokens(ex.masked, room - 30)
                blocks.append(_fence(len(blocks) + 1, ex, cut))
                used.append(ex)
            break
        blocks.append(block)
        used.append(ex)
        room -= cost
    user = prompt.render(**base, exemplars="\n".join(blocks) if blocks else "（无）")
    return [Message("system", system), Message("user", user)], used
