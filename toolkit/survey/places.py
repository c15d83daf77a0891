"""Where a report comes from: its province (from the division codes) and the kind of
department that issued it (from `data/survey/departments.yaml`)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from ..parse import divisions
from ..paths import PACKAGE_DATA


@cache
def _kinds() -> list[tuple[str, re.Pattern[str]]]:
    rows = yaml.safe_load((PACKAGE_DATA / "survey" / "departments.yaml").read_text("utf-8"))
    return [(str(r["kind"]), re.compile("|".join(r["patterns"]))) for r in rows]


def department_kind(issuer: str | None) -> str | None:
    """The kind of department an issuing body is (科技, 司法, 政府 …); None if unknown."""
    if not issuer:
        return None
    for kind, pattern in _kinds():
        if pattern.search(issuer):
            return kind
    return None


def _division_in(text: str) -> divisions.Division | None:
    names, _rest = divisions.split_places(text)
    if names:
        return divisions.resolve_chain(names)
    hits = [name for _s, _e, name in divisions.find(text)]
    return divisions.resolve_chain(hits[:3]) if hits else None


def province_of(*texts: str | None) -> tuple[str | None, dict[str, Any]]:
    """The province of the first text that names a division (the issuer, then the title,
    then the page's chrome), with the name and code it was read from."""
    for text in texts:
        if not text:
            continue
        div = _division_in(text)
        if div is None:
            continue
        province = divisions.by_code(div.province_code + "0000")
        if province is not None:
            return province.name, {"from": text[:60], "division": div.name, "code": div.code}
    return None, {}
