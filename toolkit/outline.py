"""The outline spec: canonical sections, heading variants, topics and year-bound phrases.

All of it is data (YAML shipped with the package); this module loads it into typed,
validated records. Another genre is another pair of YAML files.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .errors import ConfigError
from .i18n import _, validation_message
from .paths import PACKAGE_DATA

SectionId = Literal[
    "title", "measures", "shortcomings", "first_responsible", "plans", "other", "closing"
]
Severity = Literal["error", "warning", "info"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regexes(values: list[str]) -> list[str]:
    for v in values:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(
                _("invalid regular expression {value}: {why}").format(value=repr(v), why=exc)
            ) from None
    return values


class SectionSpec(_Strict):
    id: SectionId
    label: str
    required: bool
    required_since: int | None = None
    heading: bool = True
    canonical_heading: str | None = None
    patterns: list[str] = Field(default_factory=list)
    cause_markers: list[str] = Field(default_factory=list)
    embedded_markers: list[str] = Field(default_factory=list)

    _v = field_validator("patterns", "cause_markers", "embedded_markers")(_check_regexes)

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.patterns]

    def matches(self, heading: str) -> bool:
        return any(r.search(heading) for r in self.regexes)

    def required_for(self, year: int | None) -> bool:
        if not self.required:
            return False
        return self.required_since is None or year is None or year >= self.required_since


class TopicSpec(_Strict):
    id: str
    label: str
    keywords: list[str]


class PhraseSpec(_Strict):
    id: str
    hint: str = ""
    pattern: str
    what: str
    since: int | None = None
    until: int | None = None
    stale_severity: Severity = "error"
    retrospective_grace: int = 1
    retrospective_words: list[str] = Field(
        default_factory=lambda: ["总结", "收官", "验收", "圆满完成", "全面完成", "顺利完成"]
    )

    _v = field_validator("pattern")(lambda v: _check_regexes([v])[0])

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class DefunctBodySpec(_Strict):
    id: str
    hint: str = ""
    pattern: str
    what: str
    replaced_by: str
    until: int
    severity: Severity = "warning"
    # Places where the body still exists under that name (北京, 上海 keep 科学技术委员会):
    # reports whose issuer or title names one of them are not judged.
    still_in: list[str] = Field(default_factory=list)

    _v = field_validator("pattern")(lambda v: _check_regexes([v])[0])

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class LegalTermRule(_Strict):
    pattern: str
    since: int

    _v = field_validator("pattern")(lambda v: _check_regexes([v])[0])

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class Confusable(_Strict):
    wrong: str
    right: str
    note: str = ""


class OddCharacter(_Strict):
    char: str
    right: str
    note: str = ""


class TextRules(_Strict):
    placeholders: str
    legal_term: LegalTermRule
    confusables: list[Confusable] = Field(default_factory=list)
    odd_characters: list[OddCharacter] = Field(default_factory=list)

    _v = field_validator("placeholders")(lambda v: _check_regexes([v])[0])

    @cached_property
    def placeholder_regex(self) -> re.Pattern[str]:
        return re.compile(self.placeholders)


class PhraseTable(_Strict):
    phrases: list[PhraseSpec]
    defunct_bodies: list[DefunctBodySpec] = Field(default_factory=list)
    text_rules: TextRules | None = None


class OutlineSpec(_Strict):
    genre: str
    name: str
    publication_deadline: str = "04-01"
    outline_rule_since: int = 2019
    title_patterns: list[str]
    sections: list[SectionSpec]
    order: list[SectionId]
    topics: list[TopicSpec]
    body_markers: list[str] = Field(default_factory=list)
    # Words that make a title ours whatever else it names (…法治政府建设暨行政执法工作报告).
    title_markers: list[str] = Field(default_factory=list)
    english_title_patterns: list[str] = Field(default_factory=list)
    phrase_table: PhraseTable | None = None

    _v = field_validator("title_patterns", "english_title_patterns")(_check_regexes)

    @field_validator("publication_deadline")
    @classmethod
    def _deadline(cls, v: str) -> str:
        if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", v):
            raise ValueError(_("publication_deadline must be MM-DD, e.g. 04-01"))
        return v

    def section(self, sid: str) -> SectionSpec:
        for s in self.sections:
            if s.id == sid:
                return s
        raise KeyError(sid)

    @property
    def heading_sections(self) -> list[SectionSpec]:
        """Sections that appear as headings, most specific first for matching."""
        by_id = {s.id: s for s in self.sections if s.heading}
        first = ["first_responsible", "other", "shortcomings", "plans", "measures"]
        return [by_id[i] for i in first if i in by_id]

    @cached_property
    def title_regexes(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.title_patterns]

    @property
    def phrases(self) -> PhraseTable:
        return self.phrase_table or PhraseTable(phrases=[])

    def topic_ids(self) -> list[str]:
        return [t.id for t in self.topics]

    @cached_property
    def _topic_regexes(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(t.id, re.compile("|".join(map(re.escape, t.keywords)))) for t in self.topics]

    def tag_topics(self, text: str) -> list[str]:
        """Topic ids whose keywords occur in `text`, in outline order."""
        return [tid for tid, regex in self._topic_regexes if regex.search(text)]


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            _("{path}: cannot read outline data ({why})").format(path=path, why=exc)
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(_("{path}: expected a mapping at the top level").format(path=path))
    return data


def load_outline(path: str | Path | None = None, phrases: str | Path | None = None) -> OutlineSpec:
    """Load an outline spec (default: the bundled rule-of-law report outline)."""
    opath = Path(path) if path else PACKAGE_DATA / "outline_fazhi.yaml"
    ppath = (
        Path(phrases) if phrases else (PACKAGE_DATA / "phrases_fazhi.yaml" if not path else None)
    )
    data = _load_yaml(opath)
    if ppath is not None:
        data["phrase_table"] = _load_yaml(ppath)
    try:
        return OutlineSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{opath}: {loc}: {validation_message(first)}") from None


class TitleList(_Strict):
    """Known titles, the short names in wide use, and those that need no full name."""

    titles: list[str]
    short_forms: dict[str, str] = Field(default_factory=dict)  # short name -> exact title
    short_name_enough: list[str] = Field(default_factory=list)  # exact titles
    region_suffixes: list[str] = Field(default_factory=list)

    @field_validator("short_forms")
    @classmethod
    def _known_targets(cls, v: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        titles = set(info.data.get("titles", []))
        for short, full in v.items():
            if full not in titles:
                raise ValueError(
                    _("short form {short}: {full} is not in titles").format(
                        short=repr(short), full=repr(full)
                    )
                )
        return v


@cache
def title_list(path: str | None = None) -> TitleList:
    """The bundled (or given) list of titles of laws, regulations and documents."""
    p = Path(path) if path else PACKAGE_DATA / "titles_fazhi.yaml"
    try:
        return TitleList.model_validate(_load_yaml(p))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"{p}: {loc}: {validation_message(first)}") from None


def known_titles(path: str | None = None) -> tuple[str, ...]:
    """Exact titles of the laws, regulations and documents reports cite most."""
    return tuple(title_list(path).titles)


@cache
def default_outline() -> OutlineSpec:
    """The bundled outline, loaded once."""
    return load_outline()
