"""The official record as data: laws, administrative regulations, central documents and
departmental rules (titles, short forms, issuers, dates), the profiles of every kind of
department (its voice and business), the set formulations (提法) with the shapes of their
misquotes (`formulations`) and the look-alike genres (`genres`); the loaders behind the
checks and the drafting."""

from __future__ import annotations

from .departments import Profile, Voice, foreign_words, kind_of, profile_for, profiles, voice
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
    "Profile",
    "Registers",
    "Voice",
    "foreign_words",
    "kind_of",
    "profile_for",
    "profiles",
    "read_kind",
    "registers",
    "short_forms",
    "voice",
]
