"""Two years of one bureau side by side: facts only in the old or the new year, quantities
that changed (学法 12 → 24 次, +100%), and whether last year's plans were followed up."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..facts import Fact, FactSheet, load_fact_sheet
from ..i18n import _
from ..outline import default_outline
from .extract import extract_file, yoy_rules
from .similarity import Idf, bigram_dice, containment, overlap
from .split import han_len

if TYPE_CHECKING:
    import pandas as pd

FactStatus = Literal["only_old", "only_new", "same", "reworded"]
_CLAUSE = re.compile(r"[，,；;、。：:（）()]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class FactRow:
    section: str
    topic: str | None
    status: FactStatus
    old: str | None
    new: str | None
    score: float | None = None


@dataclass
class QuantityRow:
    section: str
    topic: str | None
    label: str  # the words that say what is counted, from the old year's fact
    unit: str | None
    old: float
    new: float
    old_text: str
    new_text: str
    score: float

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @property
    def change(self) -> float | None:
        """Relative change in percent (None when the old value is 0)."""
        return (self.new - self.old) / self.old * 100 if self.old else None

    def describe(self) -> str:
        def n(v: float) -> str:
            return str(int(v)) if float(v).is_integer() else f"{v:g}"

        pct = f", {self.change:+.0f}%" if self.change is not None else ""
        return f"{self.label} {n(self.old)} → {n(self.new)} {self.unit or ''}{pct}".strip()


@dataclass
class PlanRow:
    plan: str
    topic: str | None
    answered: bool
    measure: str | None  # the new year's closest fact
    score: float


@dataclass
class Comparison:
    """The result of comparing an old and a new fact sheet of (normally) one bureau."""

    old: FactSheet
    new: FactSheet
    facts: list[FactRow]
    quantities: list[QuantityRow]
    plans: list[PlanRow]
    plans_judged: bool
    warnings: list[str] = field(default_factory=list)
    old_source: str = ""
    new_source: str = ""

    @property
    def changed(self) -> list[QuantityRow]:
        return [q for q in self.quantities if q.changed]

    @property
    def unanswered(self) -> list[PlanRow]:
        return [p for p in self.plans if not p.answered]

    def summary(self) -> dict[str, Any]:
        count = {s: sum(1 for f in self.facts if f.status == s) for s in FactStatus.__args__}  # type: ignore[attr-defined]
        return {
            "old": {"file": self.old_source, "bureau": self.old.bureau.name, "year": self.old.year},
            "new": {"file": self.new_source, "bureau": self.new.bureau.name, "year": self.new.year},
            "facts": count,
            "quantities_changed": len(self.changed),
            "quantities_same": len(self.quantities) - len(self.changed),
            "plans": len(self.plans),
            "plans_answered": sum(p.answered for p in self.plans),
            "plans_judged": self.plans_judged,
            "warnings": self.warnings,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "facts": [asdict(f) for f in self.facts],
            "quantities": [
                {**asdict(q), "changed": q.changed, "change_pct": q.change, "text": q.describe()}
                for q in self.quantities
            ],
            "plans": [asdict(p) for p in self.plans],
        }

    def to_dataframe(self, kind: Literal["facts", "quantities", "plans"] = "facts") -> pd.DataFrame:
        """One row per fact, matched quantity or old plan item."""
        import pandas as pd

        if kind == "quantities":
            cols = ["section", "topic", "label", "old", "new", "unit", "change_pct", "changed",
                    "old_text", "new_text", "score"]  # fmt: skip
            rows = [
                {**asdict(q), "change_pct": q.change, "changed": q.changed} for q in self.quantities
            ]
            return pd.DataFrame(rows, columns=cols)
        if kind == "plans":
            cols = ["plan", "topic", "answered", "measure", "score"]
            return pd.DataFrame([asdict(p) for p in self.plans], columns=cols)
        cols = ["section", "topic", "status", "old", "new", "score"]
        return pd.DataFrame([asdict(f) for f in self.facts], columns=cols)


# -- matching ----------------------------------------------------------------------------


def _masked(text: str) -> str:
    return _NUMBER.sub("#", text)


def _topic(fact: Fact, group_topic: str | None) -> str | None:
    return group_topic or (default_outline().tag_topics(fact.text) or [None])[0]


def _facts(sheet: FactSheet, section: str) -> list[tuple[Fact, str | None]]:
    return [(f, _topic(f, g.topic)) for g in sheet.sections.get(section, []) for f in g.facts]  # type: ignore[call-overload]


def _pairs(scored: list[tuple[float, int, int]], threshold: float) -> dict[int, tuple[int, float]]:
    """Greedy one-to-one matching, best score first: old index → (new index, score)."""
    out: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if score < threshold or i in out or j in taken:
            continue
        out[i] = (j, score)
        taken.add(j)
    return out


@dataclass
class _Q:
    fact: int  # index of the fact in its section
    label: str
    value: float
    unit: str | None
    text: str
    topic: str | None


def _label(text: str, start: int, end: int) -> str:
    before = _CLAUSE.split(text[:start])[-1]
    if han_len(before) >= 2:
        return before.strip()
    after = _CLAUSE.split(text[end:])[0]
    return (before + after).strip()


def quantities_of_fact(fact: Fact, index: int, topic: str | None) -> list[_Q]:
    """Every stated quantity of a fact with the words that say what it counts."""
    out: list[_Q] = []
    if fact.value is not None:  # a hand-made sheet: the text names what the value counts
        out.append(_Q(index, fact.text, fact.value, fact.unit, fact.value_text or "", topic))
    pos = 0
    for q in fact.quantities:
        if q.value is None:
            continue
        start = fact.text.find(q.text, pos)
        if start == -1:
            start = pos
        end = start + len(q.text)
        pos = end
        out.append(_Q(index, _label(fact.text, start, end), q.value, q.unit, q.text, topic))
    return out


def _compare_section(section: str, old: FactSheet, new: FactSheet, idf: Idf):
    th = yoy_rules().thresholds
    a, b = _facts(old, section), _facts(new, section)
    scored = [
        (overlap(_masked(fa.text), _masked(fb.text), idf), i, j)
        for i, (fa, _) in enumerate(a)
        for j, (fb, _) in enumerate(b)
    ]
    pairs = _pairs(scored, th.same_fact)
    rows: list[FactRow] = []
    matched_new = {j for j, _ in pairs.values()}
    for i, (fa, topic) in enumerate(a):
        if i in pairs:
            j, score = pairs[i]
            fb = b[j][0]
            same = _masked(fa.text) == _masked(fb.text)
            rows.append(FactRow(section, topic, "same" if same else "reworded", fa.text, fb.text,
                                round(score, 3)))  # fmt: skip
        else:
            rows.append(FactRow(section, topic, "only_old", fa.text, None))
    for j, (fb, topic) in enumerate(b):
        if j not in matched_new:
            rows.append(FactRow(section, topic, "only_new", None, fb.text))
    qa = [q for i, (f, t) in enumerate(a) for q in quantities_of_fact(f, i, t)]
    qb = [q for j, (f, t) in enumerate(b) for q in quantities_of_fact(f, j, t)]
    scored_q = []
    for i, x in enumerate(qa):
        for j, y in enumerate(qb):
            if x.unit != y.unit:
                continue
            sim = bigram_dice(x.label, y.label)
            paired = pairs.get(x.fact, (None, 0))[0] == y.fact
            scored_q.append((sim + (0.2 if paired else 0.0), i, j))
    qpairs = _pairs(scored_q, th.same_quantity)
    quantities = [
        QuantityRow(
            section,
            qa[i].topic,
            qa[i].label,
            qa[i].unit,
            qa[i].value,
            qb[j].value,
            qa[i].text,
            qb[j].text,
            round(score, 3),
        )
        for i, (j, score) in sorted(qpairs.items())
    ]
    return rows, quantities


def follow_up(old: FactSheet, new: FactSheet, idf: Idf) -> list[PlanRow]:
    """Each plan of the old year matched to the new year's measures (answered or not)."""
    th = yoy_rules().thresholds
    done = [f for sid in ("measures", "first_responsible") for f, _ in _facts(new, sid)]
    rows = []
    for plan, topic in _facts(old, "plans"):
        best, score = None, 0.0
        for fact in done:
            s = containment(_masked(plan.text), _masked(fact.text), idf)
            if s > score:
                best, score = fact.text, s
        rows.append(PlanRow(plan.text, topic, score >= th.plan_answered, best, round(score, 3)))
    return rows


def compare_sheets(old: FactSheet, new: FactSheet, old_source: str = "",
                   new_source: str = "") -> Comparison:  # fmt: skip
    """Compare two fact sheets; warnings for different bureaus or years out of order."""
    warnings: list[str] = []
    if old.bureau.name != new.bureau.name:
        warnings.append(
            _("the two are of different bureaus ({old} / {new}); the comparison is only a "
              "guide").format(old=old.bureau.name, new=new.bureau.name)
        )  # fmt: skip
    if new.year != old.year + 1:
        warnings.append(
            _("the years are not consecutive: {old} → {new}").format(old=old.year, new=new.year)
        )
    texts = [f.text for s in (old, new) for f in s.all_facts()]
    idf = Idf(_masked(t) for t in texts)
    facts: list[FactRow] = []
    quantities: list[QuantityRow] = []
    # Plans are compared by their follow-up below, not as facts (each year's differ).
    for section in ("measures", "first_responsible", "shortcomings", "other"):
        rows, qs = _compare_section(section, old, new, idf)
        facts += rows
        quantities += qs
    judged = bool(old.sections.get("plans"))
    if not judged:
        warnings.append(
            _("the {old} sheet has no plans for the next year (plans), so whether {new} carried "
              "them out cannot be judged").format(old=old.year, new=new.year)
        )  # fmt: skip
    plans = follow_up(old, new, idf) if judged else []
    return Comparison(old, new, facts, quantities, plans, judged, warnings, old_source, new_source)


def load_side(path: str | Path) -> FactSheet:
    """A fact sheet (.yaml) as it is, or a report in any readable format, extracted."""
    if Path(path).suffix.lower() in (".yaml", ".yml"):
        return load_fact_sheet(path)
    return extract_file(path).sheet


def compare_files(old: str | Path, new: str | Path) -> Comparison:
    """Compare two reports or fact sheets, any mix."""
    return compare_sheets(load_side(old), load_side(new), str(old), str(new))
