"""Fact sheets (one bureau's facts for a year, from YAML or a table) and judging the numbers a
text writes against them."""

from .numbers import judge, presence, sheet_figures
from .sheet import Bureau, CarriedOver, Fact, FactGroup, FactQuantity, FactSheet, load_fact_sheet
from .table import load_fact_table, load_facts, sheet_to_frame, sheets_from_frame, sheets_from_rows

__all__ = [
    "Bureau",
    "CarriedOver",
    "Fact",
    "FactGroup",
    "FactQuantity",
    "FactSheet",
    "judge",
    "load_fact_sheet",
    "load_fact_table",
    "load_facts",
    "presence",
    "sheet_figures",
    "sheet_to_frame",
    "sheets_from_frame",
    "sheets_from_rows",
]
