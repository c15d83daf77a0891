"""Any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama) through the
`openai` client, with timeouts, retries that honour Retry-After, and a concurrency limit."""

from __future__ import annotations

import threading
import time

from ..errors import BackendError, ConfigError
from ..i18n import _
from .backend import (
    Backend,
    Completion,
    ContextLengthError,
    Message,
    SectionContext,
    Usage,
    strip_reasoning,
)
from .config import LLMConfig

_MAX_WAIT = 60.0


def _retry_after(exc: Exception) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = headers.get("retry-after") if hasattr(headers, "get") else None
    try:
        return min(float(value), _MAX_WAIT) if value is not None else None
    except ValueError:
        return None


def _summary(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


class OpenAIBackend(Backend):
    """Chat completions from an OpenAI-compatible endpoint; pass `client` to reuse one."""

    name = "openai"

    def __init__(self, config: LLMConfig, client: object | None = None, sleep=time.sleep) -> None:
        self.config = config
        self.model = config.model
        self._sleep = sleep
        self._slots = threading.BoundedSemaphore(config.concurrency)
        self.retries = 0  # how many retries were made, for reports and benchmarks
        if client is None:
            import openai

            key = config.api_key.get_secret_value() if config.api_key else None
            if not key:
                if not config.base_url:
                    raise ConfigError(
                        _("the openai backend needs OPENAI_API_KEY (or a base_url for a local "
                          "server such as vLLM or Ollama, which accept any key)")
                    )  # fmt: skip
                key = "not-needed"
            client = openai.OpenAI(
                base_url=config.base_url, api_key=key, timeout=config.timeout, max_retries=0
            )
        self.client = client

    @property
    def cache_key_params(self) -> dict[str, object]:
        c = self.config
        return {"backend": self.name, "model": c.model, "temperature": c.temperature, "max_tokens": c.max_tokens,
                "base_url": c.base_url or "default"}  # fmt: skip

    def complete(
        self, messages: list[Message], *, context: SectionContext | None = None
    ) -> Completion:
        import openai

        payload = [{"role": m.role, "content": m.content} for m in messages]
        delay = self.config.backoff
        last: str = ""
        for attempt in range(self.config.max_retries + 1):
            wait: float | None = None
            try:
                with self._slots:
                    resp = self.client.chat.completions.create(  # type: ignore[attr-defined]
                        model=self.config.model,
                        messages=payload,
                        temperature=self.config.temperature,
                        max_tokens=self.config.max_tokens,
                    )
                return self._completion(resp)
            except openai.AuthenticationError:
                raise BackendError(
                    _("the endpoint refused the API key (401): check OPENAI_API_KEY or api_key in "
                      "fazhi.toml")
                ) from None  # fmt: skip
            except openai.PermissionDeniedError as exc:
                raise BackendError(
                    _("the endpoint denied access (403): {why}").format(why=_summary(exc))
                ) from None
            except openai.NotFoundError as exc:
                raise BackendError(
                    _("model or endpoint not found (404): check FAZHI_MODEL and OPENAI_BASE_URL "
                      "({why})").format(why=_summary(exc))
                ) from None  # fmt: skip
            except openai.BadRequestError as exc:
                text = str(exc).lower()
                if "context" in text and (
                    "length" in text or "window" in text or "too long" in text
                ):
                    raise ContextLengthError(
                        _("prompt too long for {model}: {why}").format(
                            model=self.config.model, why=_summary(exc)
                        )
                    ) from None
                if "content" in text and ("filter" in text or "policy" in text):
                    raise BackendError(
                        _("the endpoint refused the content (content filter): {why}").format(
                            why=_summary(exc)
                        )
                    ) from None
                raise BackendError(
                    _("the endpoint rejected the request (400): {why}").format(why=_summary(exc))
                ) from None
            except openai.RateLimitError as exc:
                last = _("rate limited (429): {why}").format(why=_summary(exc))
                wait = _retry_after(exc)
            except openai.APIStatusError as exc:
                last = _("server error ({status}): {why}").format(
                    status=exc.status_code, why=_summary(exc)
                )
                if exc.status_code < 500:
                    raise BackendError(last) from None
                wait = _retry_after(exc)
            except openai.APITimeoutError:
                last = _("no answer within {seconds} s").format(seconds=f"{self.config.timeout:g}")
            except openai.APIConnectionError as exc:
                last = _("cannot connect to {url}: {why}").format(
                    url=self.config.base_url or _("the endpoint"), why=_summary(exc)
                )
            except _JunkReply as exc:
                last = str(exc)
            except openai.APIError as exc:  # malformed bodies and other protocol trouble
                last = _("unusable reply: {why}").format(why=_summary(exc))
            if attempt < self.config.max_retries:
                self.retries += 1
                self._sleep(wait if wait is not None else min(delay, _MAX_WAIT))
                delay *= 2
        raise BackendError(
            _("{model}: {why} (after {n} attempts)").format(
                model=self.config.model, why=last, n=self.config.max_retries + 1
            )
        )

    def _completion(self, resp: object) -> Completion:
        choices = getattr(resp, "choices", None) or []
        if not choices:
            raise _JunkReply(_("the reply had no choices"))
        choice = choices[0]
        if getattr(choice, "finish_reason", None) == "content_filter":
            raise BackendError(_("the endpoint withheld the reply (content filter)"))
        content = getattr(getattr(choice, "message", None), "content", None)
        if not isinstance(content, str):
            raise _JunkReply(_("the reply had no text"))
        text = strip_reasoning(content)
        if not text:
            raise _JunkReply(_("the reply was empty"))
        u = getattr(resp, "usage", None)
        prompt = int(getattr(u, "prompt_tokens", 0) or 0)
        completion = int(getattr(u, "completion_tokens", 0) or 0)
        price = self.config.price()
        cost = (prompt * price.input + completion * price.output) / 1_000_000
        return Completion(
            text=text, usage=Usage(prompt, completion, cost, calls=1), model=self.config.model
        )


class _JunkReply(Exception):
    pass
