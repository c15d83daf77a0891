"""Reading a register's YAML file into its typed record: one clear line when it is missing
or corrupt, naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ConfigError

M = TypeVar("M", bound=BaseModel)


def load_register(path: Path, model: type[M]) -> M:
    """The file at `path` validated as `model`; `ConfigError` naming the file otherwise."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"register file {path} is missing; reinstall the toolkit") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0]
        raise ConfigError(f"register file {path} is unreadable ({reason})") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"register file {path}: {loc}: {first['msg']}") from None
