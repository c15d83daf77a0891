"""Government bodies in report text: which body issued a report and at what level it sits.

Department and government name endings are data (`data/bodies.yaml`); places and their
levels come from the division list (`divisions`). A body is a place chain (or a generic
市/县/区/省 standing for the report's own place) followed by a department name, possibly
inside a party group (中共…党组). A short name is completed from the place the text names
most: 市科技局 in a text about 昆明 → 昆明市科技局.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import yaml
from pydantic import BaseModel, ConfigDict

from ..paths import PACKAGE_DATA
from ..registers.departments import profiles
from . import divisions
from .divisions import Division

_GENERIC = "省市县区州旗"
_GENERIC_LONG = {"自治区": "省", "自治州": "州", "自治县": "县"}  # 自治区人民政府 → its place
_LEVEL_OF_GENERIC = {"省": "province", "市": "city", "县": "county", "区": "district",
                     "州": "city", "旗": "county"}  # fmt: skip
_LEVEL_OF_ENDING = (("自治区", "province"), ("省", "province"), ("自治州", "city"), ("地区", "city"),
                    ("自治县", "county"), ("县", "county"), ("旗", "county"), ("区", "district"),
                    ("市", "city"), ("州", "city"), ("盟", "city"))  # fmt: skip


class BodyRules(BaseModel):
    """`data/bodies.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    departments: list[str]
    national: list[str]
    zone_pattern: str
    bare_zones: list[str]
    party_prefix: str
    party_suffixes: list[str]
    government_suffix: str
    zone_government_suffix: str
    national_references: list[str]
    not_subject_patterns: list[str]
    unknown_place_pattern: str
    township_pattern: str
    township_full: dict[str, str]
    township_parents: dict[str, str]


@dataclass(frozen=True)
class _Compiled:
    rules: BodyRules
    dept: re.Pattern[str]
    national: re.Pattern[str]
    zone: re.Pattern[str]
    party_suffix: re.Pattern[str]
    unknown_place: re.Pattern[str]
    not_subject: re.Pattern[str]
    township: re.Pattern[str]


@cache
def _compiled() -> _Compiled:
    raw = yaml.safe_load((PACKAGE_DATA / "bodies.yaml").read_text(encoding="utf-8"))
    # Every kind of department with a profile (toolkit/data/departments/) is a body too.
    own = {n for p in profiles().values() if p.exclusive for n in p.names}
    raw["departments"] = sorted(set(raw["departments"]) | own)
    rules = BodyRules.model_validate(raw)

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return _Compiled(
        rules=rules,
        dept=re.compile(f"(?:{alt(rules.departments)})"),
        national=re.compile(f"(?:{alt(rules.national)})"),
        zone=re.compile(rules.zone_pattern),
        party_suffix=re.compile(f"(?:{alt(rules.party_suffixes)})"),
        unknown_place=re.compile(rules.unknown_place_pattern),
        not_subject=re.compile("|".join(f"(?:{p})" for p in rules.not_subject_patterns)),
        township=re.compile(rules.township_pattern),
    )


def _valid_place(prefix: str) -> bool:
    """Whether `prefix` is a place part of a body's name: division names, a zone, a generic
    市/县/区, or 中共 in front of those (中共鹤壁市, 重庆市沙坪坝区, 珠海高新区, 市)."""
    c = _compiled()
    s = prefix
    if s.startswith(c.rules.party_prefix):
        s = s[len(c.rules.party_prefix) :]
    if not s:
        return True
    names, rest = divisions.split_places(s)
    if rest in c.rules.bare_zones or (rest and c.zone.fullmatch(rest)):
        return True
    if not rest:
        return bool(names)
    return not names and (rest in _GENERIC or rest in _GENERIC_LONG)


def valid_place(prefix: str) -> bool:
    """Whether `prefix` can stand before a department's name as its place (see
    `_valid_place`): 平遥县, 中共鹤壁市, 县; not 联合县."""
    return _valid_place(prefix)


def _body_at(text: str, start: int, end: int, loose: bool = False) -> str:
    """The longest valid body name ending with the department at text[start:end]; `loose`
    also takes a place the division list does not know (in titles and signatures)."""
    lo = max(0, start - 20)
    window = text[lo:start]
    cut = max((window.rfind(ch) for ch in "，。；：、,;:（）()“”《》 \n\t"), default=-1)
    window = window[cut + 1 :]
    chosen = next((window[i:] for i in range(len(window)) if _valid_place(window[i:])), "")
    bare = len(chosen.removeprefix(_compiled().rules.party_prefix)) <= 1
    if loose and bare and _compiled().unknown_place.match(window):
        chosen = window
    elif loose and chosen != window and _compiled().unknown_place.match(window):
        chosen = window  # 青岚县科学技术局: a place the list lacks, not the 岚县 inside it
    body = chosen + text[start:end]
    m = _compiled().party_suffix.match(text, end)
    return body + m.group(0) if m else body


def bodies_in(text: str, loose: bool = False) -> list[str]:
    """Names of government bodies in `text`, in order (national bodies included)."""
    return [name for _, name in _bodies_at(text, loose)]


def _bodies_at(text: str, loose: bool = False) -> list[tuple[int, str]]:
    c = _compiled()
    hits: list[tuple[int, str]] = []
    for m in c.national.finditer(text):
        hits.append((m.start(), m.group(0)))
    taken = {i for s, name in hits for i in range(s, s + len(name))}
    for m in c.dept.finditer(text):
        if m.start() in taken:
            continue
        body = _body_at(text, m.start(), m.end(), loose)
        hits.append((m.end() - len(body), body))
    return sorted(hits)


_SELF_DEPARTMENT = re.compile(r"我(?:局|委|厅|分局)(?![\u4e00-\u9fff]?(?:县|市|区))")
_OTHER_BODY_AFTER = re.compile(r"^(?:委|政府|人大|党委|党组|人民|纪委|法院|检察院)")


def _places_at(text: str) -> list[tuple[int, str]]:
    """(start, name) of places that stand for themselves in `text`: division names and
    zones, not those that begin another body's name (重庆市委, 北京市政府)."""
    c = _compiled()
    out = [
        (s, name)
        for s, e, name in divisions.find(text)
        if not _OTHER_BODY_AFTER.match(text[e : e + 3])
    ]
    out += [(m.start(), m.group(0)) for m in c.zone.finditer(text)]
    for zone in c.rules.bare_zones:
        for m in re.finditer(rf"(?:^|(?<=[，。；、\s]))({zone})(?=[一-鿿])", text):
            if not any(s <= m.start() < s + len(n) for s, n in out):
                out.append((m.start(), zone))
    return sorted(out)


def places_in(text: str) -> list[str]:
    """Division names and zones in `text`, in order (see `_places_at`)."""
    return [name for _, name in _places_at(text)]


def _place_of_kind(kind: str, text: str) -> str | None:
    """The place of kind `kind` (省, 市, 县, 区, 州, or a bare zone → its city) the text
    names most (full names count twice, short ones once)."""
    counts: Counter[str] = Counter()
    for _s, _e, name in divisions.find(text):
        for div in divisions.lookup(name):
            full = div.name
            if kind == "省":
                ok = div.level == "province" and full.endswith(("省", "自治区"))
            elif kind in ("市", "zone"):
                ok = (div.level == "city" and full.endswith("市")) or (
                    div.level == "province" and full.endswith("市")
                )
            elif kind == "州":
                ok = div.level == "city" and full.endswith("州")
            else:
                ok = full.endswith(kind) and div.level in ("county", "district")
            if ok:
                counts[full] += 2 if name == full else 1
                break
    if not counts:
        return None
    best = max(counts.values())
    return next(name for name, n in counts.items() if n == best)


def complete(body: str, context: str) -> str:
    """市科技局 → 昆明市科技局 when `context` is about 昆明; 高新区综治局 → 珠海高新区综治局."""
    c = _compiled()
    prefix = c.rules.party_prefix if body.startswith(c.rules.party_prefix) else ""
    name = body[len(prefix) :]
    bare = next((z for z in c.rules.bare_zones if name.startswith(z)), None)
    if bare is not None and not divisions.split_places(name)[0]:
        place = _place_of_kind("zone", context)
        if place:
            return prefix + place.removesuffix("市") + name
        return body
    long = next((g for g in _GENERIC_LONG if name.startswith(g)), None)
    if long and not divisions.split_places(name)[0]:
        place = _place_of_kind(_GENERIC_LONG[long], context)
        if place and place.endswith(long):
            return prefix + place + name[len(long) :]
        return body
    if name[:1] in _GENERIC and len(name) > 1 and not divisions.split_places(name)[0]:
        place = _place_of_kind(name[0], context)
        if place and place.endswith(name[0]):
            return prefix + place + name[1:]
        if place and name[0] == "市":  # 上海 named, 市科委 → 上海市科委
            return prefix + place + name[1:]
    return body


def government_of(place: str) -> str:
    """The government that issues a place's own report: 北京市 → 北京市人民政府."""
    c = _compiled()
    if c.zone.fullmatch(place) or place in c.rules.bare_zones:
        return place + c.rules.zone_government_suffix
    divs = divisions.lookup(place)
    full = divs[0].name if divs and len({d.name for d in divs}) == 1 else place
    return full + c.rules.government_suffix


def _townships_at(text: str) -> list[tuple[int, str]]:
    """(start, full name) of streets and towns named at the start of `text` or of a clause."""
    c = _compiled()
    full = c.rules.township_full
    return [
        (m.start(), m.group(1) + full.get(m.group(2), m.group(2)))
        for m in c.township.finditer(text)
    ]


def is_township(issuer: str) -> bool:
    """Whether `issuer` is a street office or a town/township government."""
    return any(issuer.endswith(v) for v in _compiled().rules.township_full.values()) and bool(
        _compiled().township.match(issuer)
    )


def township_level(text: str) -> str | None:
    """The level of the county or district a street or town belongs to: the county- or
    district-level place the text names most, else how it calls its leadership (区委)."""
    counts: Counter[str] = Counter()
    for _s, _e, name in divisions.find(text):
        divs = divisions.lookup(name)
        if len(divs) == 1 and divs[0].level in ("county", "district"):
            counts[divs[0].level] += 1
    if not counts:
        for word, level in _compiled().rules.township_parents.items():
            counts[level] += text.count(word)
    if not counts or max(counts.values()) == 0:
        return None
    return counts.most_common(1)[0][0]


def find_issuer(
    title: str | None,
    signature: str | None,
    metadata_bodies: list[str],
    first_paragraph: str,
    text: str,
) -> str | None:
    """The issuing body: from the signature, the title, the page's metadata, the first
    paragraph, else the text; a place named alone stands for its government."""
    for cand in (signature, title, *metadata_bodies):
        towns = _townships_at(cand) if cand else []
        if towns:
            return towns[0][1]
        if cand:
            found = bodies_in(cand, loose=True)
            if found:
                return complete(found[0], text)
    if title:
        places = places_in(title)
        if places:
            return government_of(places[0])
    # The opening sentence names its subject first: a department or a place (not one in a
    # cited title or a "在…领导下" clause).
    refs = set(_compiled().rules.national_references)
    opening = _compiled().not_subject.sub(lambda m: " " * len(m.group(0)), first_paragraph)
    depts = set(_compiled().rules.departments)
    subjects = [(s, b, True) for s, b in _bodies_at(opening) if b not in refs and b not in depts]
    subjects += [(s, p, False) for s, p in _places_at(opening)]
    subjects += [(s, t, True) for s, t in _townships_at(opening)]
    # A place right before a body is that body's place (元谋县县卫生健康局: a doubled 县).
    places = [(s, n) for s, n, is_body in subjects if not is_body]
    subjects = [x for x in subjects if x[2] or not any(
        b and x[0] < s <= x[0] + len(x[1]) + 1 for s, _n, b in subjects)]  # fmt: skip
    # A department that calls itself 我局/我委 is not its place's government: a body named
    # further on (even inside a cited title) is the issuer.
    department_voice = _SELF_DEPARTMENT.search(text[:3000])
    if department_voice and subjects and not min(subjects, key=lambda x: (x[0], not x[2]))[2]:
        head = text[:3000]
        named = [b for _s, b in _bodies_at(head) if b not in refs and b not in depts]
        if named:
            return complete(named[0], text)
    if subjects:
        _s, name, is_body = min(subjects, key=lambda x: (x[0], not x[2]))
        if is_body:
            before = [p for s, p in places if s < _s and _s - (s + len(p)) <= 1]
            if before and name[:1] in _GENERIC and not divisions.split_places(name)[0]:
                return before[-1] + name[1:] if before[-1].endswith(name[0]) else complete(name, text)
            return complete(name, text)
        place = name
        if place in _compiled().rules.bare_zones:
            city = _place_of_kind("zone", text)
            place = (city.removesuffix("市") + place) if city else place
        return government_of(place)
    head = text[:3000]
    hits = sorted(_bodies_at(head) + _townships_at(head))
    found = [b for _s, b in hits if b not in refs and b not in depts]
    return complete(found[0], text) if found else None


def level_of_text(text: str) -> str | None:
    """The level of the place a text names most (the most specific one on a tie): what a
    report that calls itself only 我局 is about."""
    counts: Counter[Division] = Counter()
    for _s, _e, name in divisions.find(text):
        divs = divisions.lookup(name)
        if len(divs) == 1:
            counts[divs[0]] += 2 if name == divs[0].name else 1
    if not counts:
        return None
    rank = {"province": 0, "city": 1, "county": 2, "district": 2}
    best = max(counts.values())
    return max((d for d, n in counts.items() if n == best), key=lambda d: rank[d.level]).level


def level_of(issuer: str) -> str | None:
    """national / province / city / county / district of a body, from its place."""
    c = _compiled()
    if c.national.fullmatch(issuer):
        return "national"
    name = issuer.removeprefix(c.rules.party_prefix)
    for suffix in c.rules.party_suffixes:
        name = name.removesuffix(suffix)
    chain, rest = divisions.split_places(name)
    zone = c.zone.match(rest) or next((z for z in c.rules.bare_zones if rest.startswith(z)), None)
    if zone:
        return "district"
    if chain:
        div = divisions.resolve_chain(chain)
        if div is not None:
            return div.level
    if c.zone.match(name):
        return "district"
    place = c.dept.split(name)[0] if c.dept.search(name) else name
    if len(place) >= 2:  # a place the division list does not know: its ending tells
        for ending, level in _LEVEL_OF_ENDING:
            if place.endswith(ending):
                return level
    if name[:1] in _LEVEL_OF_GENERIC:
        return _LEVEL_OF_GENERIC[name[0]]
    if name.endswith("厅"):
        return "province"
    return None
