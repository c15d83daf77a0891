"""The official record as data: laws, administrative regulations, central documents and
departmental rules (titles, short forms, issuers, dates), and the loaders behind the
checks that judge citations against it."""

from __future__ import annotations

from .laws import FILES, REGISTER_DIR, Registers, read_kind, registers, short_forms
from .records import KIND_NAMES, KINDS, Entry, EntryError, Kind

__all__ = [
    "FILES",
    "KINDS",
    "KIND_NAMES",
    "REGISTER_DIR",
    "Entry",
    "EntryError",
    "Kind",
    "Registers",
    "read_kind",
    "registers",
    "short_forms",
]
