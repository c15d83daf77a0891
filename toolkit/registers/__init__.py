"""Registers: the official record as data and its loaders."""

from .departments import Profile, Voice, foreign_words, kind_of, profile_for, profiles, voice  # noqa: F401
