"""The language the user reads: Chinese by default, English on request.

Write every user-visible string as `_("English text {x}").format(x=...)`; its Chinese is in
the gettext catalogs under `toolkit/locale/zh/*.po`, compiled into one
`toolkit/locale/zh/LC_MESSAGES/fazhi.mo` by `python -m scripts.i18n`. English is chosen by
`FAZHI_LANG=en`, or, when FAZHI_LANG is unset, by an English `LANGUAGE`, `LC_ALL` or
`LC_MESSAGES` (not `LANG`: servers set it to English by default, which is no request)."""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path
from typing import Literal

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "fazhi"
Language = Literal["zh", "en"]


def language() -> Language:
    """The language of the interface now (read from the environment at each call)."""
    chosen = os.environ.get("FAZHI_LANG", "").strip().lower()
    if chosen:
        return "en" if chosen.startswith("en") else "zh"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        value = os.environ.get(var, "").strip().lower()
        if value:
            return "en" if value.split(":")[0].startswith("en") else "zh"
    return "zh"


@cache
def _catalog(lang: Language) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` (English) in the user's language."""
    return _catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the user's language."""
    return _catalog(language()).ngettext(singular, plural, n)


def pick(zh: str, en: str) -> str:
    """One of two ready strings by language: for data that carries both (outline labels…)."""
    return en if language() == "en" else zh
