"""Typed configuration for model backends: environment, a git-ignored `fazhi.toml`, flags.

The API key is read from `OPENAI_API_KEY` (or `api_key` in the config file) and kept in a
`SecretStr`: it is never printed, logged or written anywhere by the toolkit.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from ..errors import ConfigError
from ..i18n import _, validation_message

CONFIG_NAMES = ("fazhi.toml", ".fazhi.toml")


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: float = Field(0.0, ge=0, description="currency units per million prompt tokens")
    output: float = Field(0.0, ge=0, description="currency units per million completion tokens")


class LLMConfig(BaseModel):
    """Settings of the model backend (unknown keys are rejected)."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["offline", "openai"] = "offline"
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    api_key: SecretStr | None = None
    timeout: float = Field(60.0, gt=0)
    max_retries: int = Field(4, ge=0, le=20)
    backoff: float = Field(1.0, ge=0, description="first retry delay in seconds, doubled each time")
    concurrency: int = Field(4, ge=1, le=64)
    temperature: float = Field(0.3, ge=0, le=2)
    max_tokens: int = Field(1500, ge=64)
    prompt_budget: int = Field(6000, ge=500, description="tokens per call, facts first")
    regenerate: int = Field(2, ge=0, le=10, description="regenerations when a guard objects")
    prices: dict[str, Price] = Field(default_factory=dict)

    def price(self) -> Price:
        return self.prices.get(self.model, Price())


def find_config(start: Path | None = None) -> Path | None:
    env = os.environ.get("FAZHI_CONFIG")
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def load_config(path: str | Path | None = None, **overrides: object) -> LLMConfig:
    """Config file (if any), then the environment, then explicit overrides (flags)."""
    data: dict[str, object] = {}
    cfg_path = Path(path) if path else find_config()
    if cfg_path is not None:
        try:
            raw = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(
                _("{path}: cannot read config ({why})").format(path=cfg_path, why=exc)
            ) from None
        data.update(raw.get("llm", {}))
        if "prices" in raw:
            data["prices"] = raw["prices"]
        unknown = set(raw) - {"llm", "prices"}
        if unknown:
            raise ConfigError(
                _("{path}: unknown section(s) {sections}; use [llm] and [prices]").format(
                    path=cfg_path, sections=", ".join(sorted(unknown))
                )
            )
    env = {
        "model": os.environ.get("FAZHI_MODEL"),
        "base_url": os.environ.get("OPENAI_BASE_URL"),
        "api_key": os.environ.get("OPENAI_API_KEY"),
    }
    data.update({k: v for k, v in env.items() if v})
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return LLMConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = f"{cfg_path}: " if cfg_path else ""
        loc = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{where}{loc}: {validation_message(err)}") from None
