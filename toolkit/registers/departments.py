"""Department profiles: each kind of body writes its report in its own voice.

A profile (`toolkit/data/departments/<id>.yaml`) says which body names make a body of its
kind (司法局, 卫生健康委员会…), the business only that kind reports on (its words, so
another department's can be caught in a draft), its own topics with keywords, headings and
closing clauses, and the phrases that lead its sections. How a body refers to itself (我局 /
我委 / 我街道, 局党组, 委主要负责人) follows the ending of its name (`_self.yaml`).

A user adds or replaces a profile by dropping a YAML file of the same shape into
`$FAZHI_HOME/departments/` or a folder named in `FAZHI_DEPARTMENTS` (several joined by the
path separator); unknown keys are refused with the file named.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError
from ..i18n import _, validation_message
from ..paths import PACKAGE_DATA, fazhi_home

DATA = PACKAGE_DATA / "departments"
LEVEL_WORD = {"county": "县", "district": "区", "city": "市", "province": "省", "national": "国"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Topic(_Strict):
    """A topic only this kind of body reports on."""

    id: str
    heading: str
    keywords: list[str]
    closing: str


class Phrases(_Strict):
    """Section phrasing; {self} {head} {party} {aim} {level} {year} {next_year} are filled in.
    A profile may leave any out: the `general` profile's are used."""

    aim: str | None = None
    opening_goal: str | None = None
    plans_lead: str | None = None
    shortcomings_lead: str | None = None
    first_responsible_lead: str | None = None
    general_heading: str | None = None
    general_closing: str | None = None


class Profile(_Strict):
    """One kind of body."""

    id: str
    label: str
    names: list[str]
    exclusive: bool = True  # its business words are foreign in another department's report
    business: list[str] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    phrases: Phrases = Field(default_factory=Phrases)

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def topic_of(self, text: str) -> str | None:
        """The profile's topic whose keywords `text` names most (first on a tie)."""
        scores = [(sum(text.count(k) for k in t.keywords), -i, t.id)
                  for i, t in enumerate(self.topics)]  # fmt: skip
        best = max(scores, default=(0, 0, None))
        return best[2] if best[0] > 0 else None


class SelfForm(_Strict):
    ending: str
    self_: str = Field(alias="self")
    party: str
    head: str
    staff: str


class SelfTable(_Strict):
    version: int
    forms: list[SelfForm]
    superiors: dict[str, list[str]]


@dataclass(frozen=True)
class Voice:
    """How one body writes: its profile and its self-references, filled for its level."""

    profile: Profile
    self_ref: str
    party: str
    head: str
    staff: str
    level: str
    default_superiors: tuple[str, ...]

    def phrase(self, key: str, year: int | None = None) -> str:
        """A section phrase of the profile (or the general one), filled in."""
        text = getattr(self.profile.phrases, key) or getattr(_general().phrases, key) or ""
        return self.fill(text, year)

    def fill(self, text: str, year: int | None = None) -> str:
        aim = self.profile.phrases.aim or _general().phrases.aim or ""
        y = year or 0
        return text.format(self=self.self_ref, head=self.head, party=self.party, aim=aim,
                           staff=self.staff, level=LEVEL_WORD.get(self.level, "县"),
                           year=y, next_year=y + 1)  # fmt: skip


def _read(path: Path, model: type[BaseModel]) -> BaseModel:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            _("{path}: cannot read the department profile ({reason})").format(path=path, reason=exc)
        ) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise ConfigError(
            _("{path}: {where}: {problem} (see toolkit/data/departments/ for the keys)").format(
                path=path, where=where, problem=validation_message(err)
            )
        ) from None


def user_dirs() -> list[Path]:
    """Folders whose *.yaml profiles are read after the built-in ones."""
    dirs = [fazhi_home() / "departments"]
    env = os.environ.get("FAZHI_DEPARTMENTS")
    if env:
        dirs += [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    return dirs


def load_profiles(extra: list[Path] | None = None) -> dict[str, Profile]:
    """Every profile by id: the built-in ones, then the user's (same id replaces)."""
    out: dict[str, Profile] = {}
    for folder in [DATA, *(extra if extra is not None else user_dirs())]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            if path.name.startswith("_"):
                continue
            prof = _read(path, Profile)
            assert isinstance(prof, Profile)
            out[prof.id] = prof
    if "general" not in out:
        raise ConfigError(
            _("{folder}: the general profile (general.yaml) is missing").format(folder=DATA)
        )
    return out


@cache
def profiles() -> dict[str, Profile]:
    """`load_profiles()`, read once per process (call `profiles.cache_clear()` after
    adding a file)."""
    return load_profiles()


def _general() -> Profile:
    return profiles()["general"]


@cache
def self_table() -> SelfTable:
    table = _read(DATA / "_self.yaml", SelfTable)
    assert isinstance(table, SelfTable)
    return table


def _core(name: str) -> str:
    """A body's name without its Party wrapper (中共…党组)."""
    name = name.strip().removeprefix("中共")
    for suffix in ("党组", "党委", "党工委"):
        name = name.removesuffix(suffix)
    return name


def profile_for(name: str, department: str | None = None) -> Profile:
    """The profile named `department`, else the one whose name ending `name` has (the
    longest ending wins), else the general profile."""
    table = profiles()
    if department:
        if department not in table:
            known = ", ".join(sorted(table))
            raise ConfigError(
                _("unknown department profile {name!r}; known: {known}").format(
                    name=department, known=known
                )
            )
        return table[department]
    found = kind_of(name)
    return found or table["general"]


def kind_of(name: str) -> Profile | None:
    """The profile of a body by its name's ending, or None when no profile names it."""
    core = _core(name)
    best: tuple[int, Profile] | None = None
    for prof in profiles().values():
        for ending in prof.names:
            if core.endswith(ending) and (best is None or len(ending) > best[0]):
                best = (len(ending), prof)
    return best[1] if best else None


def voice(name: str, level: str = "county", department: str | None = None) -> Voice:
    """How the body called `name` at `level` writes (see `Voice`)."""
    prof = profile_for(name, department)
    core = _core(name)
    table = self_table()
    form = max((f for f in table.forms if core.endswith(f.ending)),
               key=lambda f: len(f.ending), default=None)  # fmt: skip
    if form is None:
        form = next(f for f in table.forms if f.ending == "局")
    word = _place_word(core) or LEVEL_WORD.get(level, "县")
    filled = {k: getattr(form, k).format(level=word) for k in ("self_", "party", "head", "staff")}
    superiors = table.superiors.get(level, [])
    if word != LEVEL_WORD.get(level) and level in ("county", "district", "city"):
        superiors = [f"{word}委", f"{word}政府"]  # a county-level 市 reports to 市委、市政府
    return Voice(prof, filled["self_"], filled["party"], filled["head"], filled["staff"], level,
                 tuple(superiors))  # fmt: skip


_PLACE_END = re.compile(r"^(?:.*?)(县|市|区|旗)[^县市区旗]{1,10}$")


def _place_word(name: str) -> str | None:
    """The one-character kind of the place a body's name starts with: 大冶市教育局 → 市,
    宁波市海曙区市场监督管理局 → 区 (the department's own ending is cut off first)."""
    prof = kind_of(name)
    endings = [e for e in (prof.names if prof else []) if name.endswith(e)]
    if endings:
        prefix = name[: len(name) - max(map(len, endings))]
        return prefix[-1] if prefix and prefix[-1] in "县市区旗" else None
    m = _PLACE_END.match(name)
    return m.group(1) if m else None


def foreign_words(prof: Profile) -> dict[str, str]:
    """Business words of other departments that `prof`'s body has no call to use: word →
    the label of the department it belongs to. A non-exclusive body (a government, a
    street or a town reports on every field) has none."""
    if not prof.exclusive:
        return {}
    own = set(prof.business) | {k for t in prof.topics for k in t.keywords}
    out: dict[str, str] = {}
    for other in profiles().values():
        if other.id == prof.id or not other.exclusive:
            continue
        for word in other.business:
            if not any(word in o or o in word for o in own):
                out.setdefault(word, other.label)
    return out
