"""Drafting: a fact sheet and exemplars from the corpus become a report, section by section,
guarded against invented numbers and other bodies' names (`Drafter`, `draft_batch`)."""

from .pipeline import Drafter
from .records import Draft, SectionDraft

__all__ = ["Draft", "Drafter", "SectionDraft"]
