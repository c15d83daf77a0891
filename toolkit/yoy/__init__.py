"""Year over year: last year's report read into a fact sheet (`extract_file`), a sheet for
the following year (`next_year`), and two years compared (`compare_files`): facts only in
one year, quantities changed, last year's plans followed up."""

from .compare import Comparison, compare_files, compare_sheets
from .extract import Extraction, extract_file, extract_report
from .nextyear import next_year, next_year_yaml

__all__ = [
    "Comparison",
    "Extraction",
    "compare_files",
    "compare_sheets",
    "extract_file",
    "extract_report",
    "next_year",
    "next_year_yaml",
]
