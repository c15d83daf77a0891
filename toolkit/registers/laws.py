"""Load the registers of laws, administrative regulations, central documents and
departmental rules from `toolkit/data/registers/` (one JSON file a kind).

Each file is `{"kind": …, "sources": […], "licence": …, "entries": [{…}, …]}`, written by
`scripts/build_registers.py`. A missing or corrupt file is a `ConfigError` naming it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..i18n import _
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
_FIX = (
    "reinstall fazhi-toolkit, or set FAZHI_REGISTERS to a folder holding laws.json, "
    "regulations.json, central.json and rules.json"
)


def register_dir() -> Path:
    """Where the register files are: `$FAZHI_REGISTERS` if set, else the bundled data."""
    env = os.environ.get("FAZHI_REGISTERS")
    return Path(env).expanduser() if env else REGISTER_DIR


def read_kind(kind: Kind, directory: Path | None = None) -> tuple[Entry, ...]:
    """The entries of one register file; `ConfigError` (one line, naming the file) when it
    is missing, not JSON, of another kind, or holds an entry that does not parse."""
    path = (directory or register_dir()) / FILES[kind]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            _("register file {path} is missing: {fix}").format(path=path, fix=_(_FIX))
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            _("register file {path} cannot be read ({error}): {fix}").format(
                path=path, error=str(exc).splitlines()[0], fix=_(_FIX)
            )
        ) from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("kind") != kind or not isinstance(entries, list):
        raise ConfigError(
            _("register file {path} does not hold the {kind} register: {fix}").format(
                path=path, kind=kind, fix=_(_FIX)
            )
        )
    try:
        return tuple(Entry.from_dict(e, kind) for e in entries)
    except (EntryError, TypeError, AttributeError) as exc:
        raise ConfigError(
            _("register file {path}: {error}").format(path=path, error=str(exc).splitlines()[0])
        ) from None


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
                raise ConfigError(
                    _("the registers hold the title {title} twice: {fix}").format(
                        title=e.title, fix=_(_FIX)
                    )
                )
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
