"""The reader's data: units, words of approximation, and the set phrases whose numerals
are not quantities (`toolkit/data/numbers_fazhi.yaml`), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from ...paths import PACKAGE_DATA

DATA = PACKAGE_DATA / "numbers_fazhi.yaml"


@dataclass(frozen=True)
class Rules:
    units: dict[str, list[tuple[str, tuple[str, ...]]]]  # first char → [(unit, not_before)]
    before: list[tuple[str, str]]  # (word, characters that make it part of another word)
    after: str
    trailing: tuple[str, ...]
    ranges: tuple[str, ...]
    glue_one: str
    cheng_not_before: str
    set_phrases: re.Pattern[str]


def load_data() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 7× faster
    return yaml.load(DATA.read_text(encoding="utf-8"), Loader=loader)


@cache
def rules() -> Rules:
    data = load_data()
    units: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for unit, not_before in data["units"].items():
        units.setdefault(unit[0], []).append((unit, tuple(not_before or ())))
    for entries in units.values():
        entries.sort(key=lambda u: -len(u[0]))
    approx = data["approx"]
    before = sorted(
        ((w, "".join(v or ())) for w, v in approx["before"].items()), key=lambda x: -len(x[0])
    )
    parts = [e["match"] if e.get("regex") else re.escape(e["match"]) for e in data["set_phrases"]]
    parts.sort(key=len, reverse=True)
    body = "|".join(f"(?:{p})" for p in parts)
    first = _first_chars(body)
    if first is not None:  # one class test per position instead of every phrase's
        body = f"(?=[{''.join(sorted(first))}])(?:{body})"
    return Rules(
        units=units,
        before=before,
        after="".join(approx["after"]),
        trailing=tuple(sorted(approx["trailing"], key=len, reverse=True)),
        ranges=tuple(data["range_words"]),
        glue_one=data["glue_before_one"],
        cheng_not_before=data["cheng_not_before"],
        set_phrases=re.compile(body),
    )


def _first_chars(pattern: str) -> set[str] | None:
    """Class items (for a [...] set) that every match of `pattern` starts with, or None
    when that cannot be told (then no prefilter is used: slower, never wrong)."""
    from re import _constants as c
    from re import _parser

    def item(op: object, av: object) -> str | None:
        if op is c.LITERAL:
            return re.escape(chr(av))  # type: ignore[arg-type]
        if op is c.RANGE:
            return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"  # type: ignore[index]
        if op is c.CATEGORY:
            return {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}.get(
                av  # type: ignore[call-overload]
            )
        return None

    def seq(nodes: list) -> tuple[set[str], bool] | None:  # (first items, can be empty)
        out: set[str] = set()
        for op, av in nodes:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                return out | {item(op, av)}, False  # type: ignore[arg-type]
            if op is c.IN:
                got = [item(o, a) for o, a in av]
                if None in got:
                    return None
                return out | set(got), False  # type: ignore[arg-type]
            if op is c.SUBPATTERN:
                inner = seq(av[3])
            elif op is c.BRANCH:
                res = [seq(alt) for alt in av[1]]
                if any(r is None for r in res):
                    return None
                inner = (set().union(*(r[0] for r in res)), any(r[1] for r in res))  # type: ignore[index]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                sub = seq(av[2])
                inner = None if sub is None else (sub[0], sub[1] or av[0] == 0)
            else:
                return None
            if inner is None:
                return None
            out |= inner[0]
            if not inner[1]:
                return out, False
        return out, True

    found = seq(list(_parser.parse(pattern)))
    return None if found is None or found[1] else found[0]


def set_phrase_entries() -> list[dict[str, object]]:
    """The set-phrase table as loaded (for tests and documentation)."""
    return list(load_data()["set_phrases"])
