"""Drafting in the bureau's own voice: facts without a topic placed under the department's
own topics, exemplars only from reports of the same kind of body (same level first)."""

from __future__ import annotations

from ..corpus.search import SearchHit
from ..facts import Fact, FactSheet
from ..outline import OutlineSpec
from ..registers.departments import Voice, kind_of, profiles


def regroup(groups: list[tuple[str | None, list[Fact]]], voice: Voice,
            outline: OutlineSpec) -> list[tuple[str | None, list[Fact]]]:  # fmt: skip
    """Measures groups with every topic-less fact under the department's topic its words
    name (法律援助 → legal_aid), else the common topic its words name, else a general group;
    groups of one topic merged, in the order their topics first appear."""
    out: dict[str | None, list[Fact]] = {}
    for topic, facts in groups:
        for fact in facts:
            t = topic
            if t is None:
                t = voice.profile.topic_of(fact.text)
            if t is None:
                tagged = outline.tag_topics(fact.text)
                t = tagged[0] if tagged else None
            out.setdefault(t, []).append(fact)
    general = out.pop(None, None)
    merged = list(out.items())
    if general:
        merged.append((None, general))
    return merged


def same_kind(hits: list[SearchHit], sheet: FactSheet) -> list[SearchHit]:
    """The hits from reports of the sheet's kind of body, those of its level first: another
    department's sentences are never offered as phrasing."""
    own = sheet.voice().profile.id
    general = profiles()["general"]
    kept = [h for h in hits if (kind_of(h.issuer or "") or general).id == own and h.issuer]
    return sorted(kept, key=lambda h: h.level != sheet.bureau.level)
