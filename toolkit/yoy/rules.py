"""The extractor's data (`toolkit/data/yoy_fazhi.yaml`): boilerplate, embedded rules and
thresholds, validated and loaded once."""

from __future__ import annotations

import re
from functools import cache

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError
from ..paths import PACKAGE_DATA

SECTIONS = ("measures", "shortcomings", "first_responsible", "plans", "other")
BLANK = "【待填】"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmbeddedRule(_Strict):
    paragraph: list[str]
    sentence: list[str]


class Thresholds(_Strict):
    plan_answered: float
    same_fact: float
    same_quantity: float


class YoyRules(_Strict):
    """toolkit/data/yoy_fazhi.yaml, typed."""

    boilerplate: list[str]
    boilerplate_rest: int
    label_max: int
    fact_min: int
    long_fact: int
    embedded: dict[str, EmbeddedRule]
    thresholds: Thresholds

    def regexes(self, patterns: list[str]) -> list[re.Pattern[str]]:
        return [_compiled(p) for p in patterns]


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@cache
def yoy_rules() -> YoyRules:
    path = PACKAGE_DATA / "yoy_fazhi.yaml"
    try:
        return YoyRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError, re.error) as exc:
        raise ConfigError(f"{path}: {exc}") from None


