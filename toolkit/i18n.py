"""The language the user reads: Chinese by default, English on request.

Write every user-visible string as `_("English text {x}").format(x=...)`; its Chinese is in
the gettext catalogs under `toolkit/locale/zh/*.po`, compiled into one
`toolkit/locale/zh/LC_MESSAGES/fazhi.mo` by `python -m scripts.i18n`. English is chosen by
`FAZHI_LANG=en`, or, when FAZHI_LANG is unset, by an English `LANGUAGE`, `LC_ALL` or
`LC_MESSAGES` (not `LANG`: servers set it to English by default, which is no request)."""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

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


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet: for text fixed at import
    time (option help), translated with `_` when it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the user's language."""
    return _catalog(language()).ngettext(singular, plural, n)


def pick(zh: str, en: str) -> str:
    """One of two ready strings by language: for data that carries both (outline labels…)."""
    return en if language() == "en" else zh


# pydantic's error types -> our words for them (pydantic's own English is kept for English).
_VALIDATION: dict[str, str] = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted (a misspelt key?)"),
    "int_parsing": N_("Input should be a whole number"),
    "int_type": N_("Input should be a whole number"),
    "int_from_float": N_("Input should be a whole number"),
    "float_parsing": N_("Input should be a number"),
    "float_type": N_("Input should be a number"),
    "string_type": N_("Input should be text"),
    "bool_parsing": N_("Input should be true or false"),
    "bool_type": N_("Input should be true or false"),
    "list_type": N_("Input should be a list"),
    "tuple_type": N_("Input should be a list"),
    "dict_type": N_("Input should be a mapping (key: value)"),
    "model_type": N_("Input should be a mapping (key: value)"),
    "model_attributes_type": N_("Input should be a mapping (key: value)"),
    "date_type": N_("Input should be a date such as 2025-03-31"),
    "date_parsing": N_("Input should be a date such as 2025-03-31"),
    "date_from_datetime_parsing": N_("Input should be a date such as 2025-03-31"),
    "date_from_datetime_inexact": N_("Input should be a date such as 2025-03-31"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be at least {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be at most {le}"),
    "string_too_short": N_("Input should have at least {min_length} character(s)"),
    "string_too_long": N_("Input should have at most {max_length} character(s)"),
    "too_short": N_("Input should have at least {min_length} item(s)"),
    "too_long": N_("Input should have at most {max_length} item(s)"),
}


def validation_message(err: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) in the user's language;
    a validator's own message (already written with `_`) is kept as it is."""
    msg = str(err.get("msg", ""))
    kind = str(err.get("type", ""))
    if kind in ("value_error", "assertion_error"):
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    template = _VALIDATION.get(kind)
    if template is None or language() == "en":
        return msg
    try:
        return _(template).format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):
        return msg
