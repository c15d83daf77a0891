"""The backend interface and the records that cross it."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..errors import BackendError

if TYPE_CHECKING:
    from ..facts import Fact, FactSheet
    from ..outline import SectionSpec


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    calls: int = 0
    cached_calls: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cost += other.cost
        self.calls += other.calls
        self.cached_calls += other.cached_calls


@dataclass
class Completion:
    text: str
    usage: Usage = field(default_factory=Usage)
    model: str = ""
    cached: bool = False


@dataclass
class Exemplar:
    """A retrieved passage, masked: phrasing to borrow, never facts."""

    chunk_id: int
    masked: str
    source: str
    topic: str | None = None  # the topic it was retrieved for


@dataclass
class SectionContext:
    """What a section is written from: the structured input behind the prompt."""

    sheet: FactSheet
    section: SectionSpec
    groups: list[tuple[str | None, list[Fact]]]  # (topic id, facts)
    exemplars: list[Exemplar]
    feedback: str = ""  # what the guards objected to last time
    # The bureau's previous report's chunks of this section (masked), all of them: the
    # offline composer takes its own sub-headings and general clauses from them.
    previous: list[Exemplar] = field(default_factory=list)


class ContextLengthError(BackendError):
    """The prompt was longer than the model accepts (HTTP 400); shrink it and retry."""


_THINK = re.compile(r"<think>.*?</think>", re.S)


def strip_reasoning(text: str) -> str:
    """Remove reasoning models' <think>…</think> blocks (and an unclosed leading one)."""
    text = _THINK.sub("", text)
    if "<think>" in text:
        text = text.split("<think>", 1)[0]
    if "</think>" in text:
        text = text.split("</think>", 1)[1]
    return text.strip()


class Backend(ABC):
    """Generates one section's text. Subclasses implement `complete` only."""

    name: str = "backend"
    model: str = ""

    @abstractmethod
    def complete(
        self, messages: list[Message], *, context: SectionContext | None = None
    ) -> Completion:
        """Text for the last user message (and usage); raise `BackendError` on failure."""

    @property
    def cache_key_params(self) -> dict[str, object]:
        """Parameters that change the output, for the call cache."""
        return {"backend": self.name, "model": self.model}

    @property
    def cacheable(self) -> bool:
        return True
