"""A scripted backend for tests and notebooks: replies from a list or a function, and
records every call it receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import BackendError
from ..i18n import _
from .backend import Backend, Completion, Message, SectionContext, Usage


@dataclass
class ScriptedBackend(Backend):
    """`replies` are used in order (an exception instance is raised instead); or `reply`
    computes one from the messages and context."""

    replies: list[str | Exception] = field(default_factory=list)
    reply: Callable[[list[Message], SectionContext | None], str] | None = None
    calls: list[list[Message]] = field(default_factory=list)
    name: str = "scripted"
    model: str = "scripted"

    def complete(
        self, messages: list[Message], *, context: SectionContext | None = None
    ) -> Completion:
        self.calls.append(list(messages))
        if self.reply is not None:
            text = self.reply(messages, context)
        elif self.replies:
            item = self.replies.pop(0)
            if isinstance(item, Exception):
                raise item
            text = item
        else:
            raise BackendError(_("scripted backend has no reply left"))
        return Completion(text=text, usage=Usage(calls=1), model=self.model)

    @property
    def cacheable(self) -> bool:
        return False
