"""Load the registers of laws, administrative regulations, central documents and
departmental rules from `toolkit/data/registers/` (one JSON file a kind).

Each file is `{"kind": …, "sources": […], "licence": …, "entries": [{…}, …]}`, written by
`scripts/build_registers.py`. A missing or corrupt file is a `ConfigError` naming it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..paths import PACKAGE_DATA
from .records import KINDS, Entry, EntryError, Kind

REGISTER_DIR = PACKAGE_DATA / "registers"
FILES: dict[Kind, str] = {
    "law": "laws.json",
    "regulation": "regulations.json",
    "central": "central.json",
    "rule": "rules.json",
}
PREFIX = "中华人民共和国"
_REBUILD = "rebuild it with `python -m scripts.build_registers`"


def read_kind(kind: Kind, directory: Path | None = None) -> tuple[Entry, ...]:
    """The entries of one register file; `ConfigError` (one line, naming the file) when it
    is missing, not JSON, of another kind, or holds an entry that does not parse."""
    path = (directory or REGISTER_DIR) / FILES[kind]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"register file {path} is missing; {_REBUILD}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"register file {path} is unreadable ({exc}); {_REBUILD}") from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise ConfigError(f"register file {path} does not hold the {kind} register; {_REBUILD}")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ConfigError(f"register file {path} has no list of entries; {_REBUILD}")
    try:
        return tuple(Entry.from_dict(e, kind) for e in entries)
    except (EntryError, TypeError, AttributeError) as exc:
        raise ConfigError(f"register file {path}: {exc}") from None


@dataclass(frozen=True)
class Registers:
    """Every register entry, findable by its official title or an accepted short form."""

    entries: tuple[Entry, ...]
    by_title: dict[str, Entry] = field(default_factory=dict)
    by_short: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> Registers:
        items = tuple(entries)
        by_title: dict[str, Entry] = {}
        by_short: dict[str, Entry] = {}
        for e in items:
            if e.title in by_title:
                raise ConfigError(f"register: title {e.title} appears twice; {_REBUILD}")
            by_title[e.title] = e
        for e in items:
            for s in short_forms(e):
                if s not in by_title:
                    by_short.setdefault(s, e)
        return cls(items, by_title, by_short)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def counts(self) -> dict[Kind, int]:
        """Entries per kind, and how many of them are repealed or replaced."""
        return {k: sum(1 for e in self.entries if e.kind == k) for k in KINDS}

    def lookup(self, title: str) -> Entry | None:
        """The entry whose official title or accepted short form is `title`."""
        return self.by_title.get(title) or self.by_short.get(title)


def short_forms(entry: Entry) -> tuple[str, ...]:
    """The accepted short forms: those on record and the title without 中华人民共和国."""
    out = list(entry.short)
    if entry.title.startswith(PREFIX) and len(entry.title) > len(PREFIX) + 1:
        out.append(entry.title[len(PREFIX) :])
    return tuple(dict.fromkeys(out))


@cache
def registers(directory: Path | None = None) -> Registers:
    """All four registers (cached)."""
    return Registers.of(e for kind in KINDS for e in read_kind(kind, directory))
