"""The kind of department that issued a report (司法局 → justice), from its name, by the
table in data/corpus_kinds.yaml: a filter of the corpus and the Milvus partition key."""

from __future__ import annotations

from functools import cache

import yaml

from ..paths import PACKAGE_DATA


@cache
def kind_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = yaml.safe_load((PACKAGE_DATA / "corpus_kinds.yaml").read_text(encoding="utf-8"))
    return tuple((k, tuple(v)) for k, v in data["kinds"].items())


def kind_ids() -> list[str]:
    return [k for k, _ in kind_table()] + ["other", "unknown"]


def department_kind(issuer: str | None) -> str:
    """`justice`, `science`, … `government`; `other` for an issuer no entry names."""
    if not issuer:
        return "unknown"
    for kind, parts in kind_table():
        if any(p in issuer for p in parts):
            return kind
    return "other"
