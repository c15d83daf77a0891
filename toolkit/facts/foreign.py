"""What a text says that belongs to another body: names of bodies of another kind (县科技局
in a justice bureau's report), and business words of another department (科研诚信 in a
health commission's report). The sheet's own facts may name anything: what they state is
never foreign."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..parse import bodies
from ..parse.metadata import find_bodies
from ..registers.departments import foreign_words, kind_of
from .sheet import FactSheet

_GENERIC = re.compile(r"^(?:中共)?([省市县区]?)(.+)$")


@dataclass(frozen=True)
class Foreign:
    """A span of text that names another body (`body`) or another department's business
    (`word`); `owner` is the label of the department it belongs to."""

    kind: str  # "body" | "word"
    text: str
    owner: str
    start: int
    end: int


def _place_prefix_ok(name: str, suffix_start: int) -> bool:
    """Whether the part of `name` before its department ending is a real place (or none):
    联合县司法局 is 联合 + 县司法局, not a body of a place called 联合县."""
    prefix = name[:suffix_start].removeprefix("中共")
    return not prefix or bodies.valid_place(prefix)


def _department_start(name: str) -> int:
    core = name.removesuffix("党组").removesuffix("党委")
    prof = kind_of(core)
    if prof is None:
        return 0
    ending = max((e for e in prof.names if core.endswith(e)), key=len)
    return len(core) - len(ending)


@cache
def _word_regex(profile_id: str) -> re.Pattern[str] | None:
    from ..registers.departments import profiles

    words = foreign_words(profiles()[profile_id])
    if not words:
        return None
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def foreign_in(text: str, sheet: FactSheet) -> list[Foreign]:
    """Every name of a body of another kind and every business word of another department
    in `text` that the sheet does not itself state, in order."""
    voice = sheet.voice()
    own = voice.profile
    stated = "\n".join([f.text for f in sheet.all_facts()] + sheet.bureau.superiors)
    out: list[Foreign] = []
    for m in find_bodies(text):
        name = m.group(1)
        prof = kind_of(name)
        if prof is None or prof.id == own.id or name in stated:
            continue
        start = m.start(1)
        cut = _department_start(name)
        if cut and not _place_prefix_ok(name, cut):
            keep = cut - 1 if name[cut - 1] in "省市县区" else cut  # 联合县司法局 → 县司法局
            start, name = start + keep, name[keep:]
            if name in stated:
                continue
        out.append(Foreign("body", name, prof.label, start, start + len(name)))
    regex = _word_regex(own.id)
    if regex is not None:
        words = foreign_words(own)
        for m in regex.finditer(text):
            if m.group(0) in stated:
                continue
            out.append(Foreign("word", m.group(0), words[m.group(0)], m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)
