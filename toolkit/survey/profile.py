"""Survey profiles: which indicators make the score, with their weights and thresholds.

A profile is YAML (`toolkit/data/survey/default.yaml` is the default, documented indicator
by indicator in README.md). Loading refuses an unknown key, an unknown indicator or a bad
weight with one line that names the key (`ProfileError`, exit code 2 in the CLI).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputError
from ..i18n import _
from ..paths import PACKAGE_DATA

DEFAULT_PROFILE = PACKAGE_DATA / "survey" / "default.yaml"
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


class ProfileError(InputError):
    """A survey profile cannot be used (unreadable, unknown key or indicator, bad value)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _weight(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(_("must be a number ≥ 0"))
    return float(value)


class _Indicator(_Strict):
    weight: float = 0.0
    _w = field_validator("weight", mode="before")(_weight)


class OnTime(_Indicator):
    zero_at_days: int = Field(90, gt=0)


class Title(_Indicator):
    pass


class Parts(_Indicator):
    paragraph_credit: float = Field(0.5, ge=0, le=1)


class Causes(_Indicator):
    pass


class PlansSpecific(_Indicator):
    min_kinds: int = Field(2, ge=1, le=3)


class DataDensity(_Indicator):
    target_per_1000: float = Field(4.0, gt=0)


class Length(_Indicator):
    min_chars: int = Field(3000, gt=0)


class Checker(_Indicator):
    zero_at_errors: int = Field(10, gt=0)


class Citations(_Indicator):
    zero_at_misquotes: int = Field(3, gt=0)


INDICATORS: dict[str, type[_Indicator]] = {
    "on_time": OnTime,
    "title": Title,
    "parts": Parts,
    "causes": Causes,
    "plans_specific": PlansSpecific,
    "data_density": DataDensity,
    "length": Length,
    "checker": Checker,
    "citations": Citations,
}


def _month_day(value: Any) -> str:
    m = _MONTH_DAY.match(str(value))
    if not m:
        raise ValueError(_("must be a month-day like 04-01"))
    dt.date(2024, int(m.group(1)), int(m.group(2)))  # raises on 02-30
    return str(value)


class Profile(_Strict):
    """A survey profile (see the module docstring)."""

    name: str = ""
    deadline: str = "04-01"
    province_deadlines: dict[str, str] = Field(default_factory=dict)
    department_deadlines: dict[str, str] = Field(default_factory=dict)
    indicators: dict[str, _Indicator] = Field(default_factory=dict)

    _d = field_validator("deadline", mode="before")(_month_day)

    @field_validator("province_deadlines", "department_deadlines", mode="before")
    @classmethod
    def _deadlines(cls, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise ValueError(_("must be a mapping of name to month-day"))
        return {str(k): _month_day(v) for k, v in value.items()}

    def spec(self, name: str) -> Any:
        """The settings of one indicator (its defaults, weight 0, when the profile omits it)."""
        return self.indicators.get(name) or INDICATORS[name]()

    def weight(self, name: str) -> float:
        return self.spec(name).weight

    def deadline_for(self, year: int, province: str | None, department: str | None) -> dt.date:
        """The publication deadline of a report on `year`: a department override first,
        then a province override, then the profile's deadline; all in year + 1."""
        chosen = (
            self.department_deadlines.get(department or "")
            or self.province_deadlines.get(province or "")
            or self.deadline
        )
        month, day = (int(x) for x in chosen.split("-"))
        return dt.date(year + 1, month, day)


def _indicators(raw: Any, source: str) -> dict[str, _Indicator]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ProfileError(_("{source}: indicators: must be a mapping").format(source=source))
    out: dict[str, _Indicator] = {}
    for name, body in raw.items():
        if name not in INDICATORS:
            raise ProfileError(
                _("{source}: indicators.{name}: unknown indicator (known: {known})").format(
                    source=source, name=name, known=", ".join(INDICATORS)
                )
            )
        try:
            out[name] = INDICATORS[name].model_validate(body or {})
        except ValidationError as exc:
            raise ProfileError(_one_line(exc, source, f"indicators.{name}")) from None
    return out


def _one_line(exc: ValidationError, source: str, prefix: str = "") -> str:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in (prefix, *err["loc"]) if p != "")
    what = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        what = _("unknown key")
    return _("{source}: {key}: {what}").format(source=source, key=key or "-", what=what)


def load_profile(path: str | Path | None = None) -> Profile:
    """Read a profile (the default when `path` is None); raises `ProfileError`."""
    file = Path(path) if path else DEFAULT_PROFILE
    source = str(path) if path else _("default profile")
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        why = exc.strerror
        raise ProfileError(
            _("{source}: cannot read: {why}").format(source=source, why=why)
        ) from None
    except yaml.YAMLError as exc:
        why = " ".join(str(exc).split())  # one line
        raise ProfileError(
            _("{source}: not valid YAML: {why}").format(source=source, why=why)
        ) from None
    if not isinstance(raw, dict):
        raise ProfileError(_("{source}: a profile is a YAML mapping").format(source=source))
    indicators = _indicators(raw.get("indicators"), source)
    try:
        return Profile.model_validate({**raw, "indicators": indicators})
    except ValidationError as exc:
        raise ProfileError(_one_line(exc, source)) from None
