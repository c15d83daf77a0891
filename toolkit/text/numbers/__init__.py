"""Read the numbers of a report in every written form: 18 / 十八 / 1.2万 / 百分之百 / 三成,
with their approximation (十余, 近百, 30左右), range (3至5次) and unit (次, 人次, 万元…).

Numerals that are not quantities — set phrases (一是, 三重一大, “八五”普法, 两个维护 …),
ordinals and heading marks, dates and years, document numbers, cited titles — are data
(`toolkit/data/numbers_fazhi.yaml`) and are skipped. Chinese numerals are converted by a
small converter of ours (`convert.py`, which says why not cn2an).

A Chinese numeral counts as a quantity only with a unit or as a percentage (三成,
百分之百): 一 and 十 are too common inside words to count on their own. Arabic numbers
count with or without a unit.

Modules: `convert` (one numeral → value), `rules` (the data), `reader` (the scanner).
The package imports only the standard library, yaml and `toolkit.paths`.
"""

from __future__ import annotations

from .convert import format_value, parse_number, unit_scale
from .reader import Quantity, find_dates, find_quantities
from .rules import set_phrase_entries

__all__ = [
    "Quantity",
    "find_dates",
    "find_quantities",
    "format_value",
    "parse_number",
    "set_phrase_entries",
    "unit_scale",
]
