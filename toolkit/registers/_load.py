"""Reading a register's YAML file into its typed record: one clear line when it is missing
or corrupt, naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ConfigError
from ..i18n import _

M = TypeVar("M", bound=BaseModel)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


def load_register(path: Path, model: type[M]) -> M:
    """The file at `path` validated as `model`; `ConfigError` naming the file otherwise."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        msg = _("register file {path} is missing; reinstall the toolkit")
        raise ConfigError(msg.format(path=path)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0]
        msg = _("register file {path} is unreadable ({reason})")
        raise ConfigError(msg.format(path=path, reason=reason)) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        msg = _("register file {path}: {where}: {problem}")
        raise ConfigError(msg.format(path=path, where=loc, problem=first["msg"])) from None
