"""Reading a report's structure: title, year, issuer, level, date and the heading tree mapped
to the outline's sections and topics (`ParsedReport`); the bodies and divisions it names."""

from .parser import parse_document, parse_file, parse_text
from .report import ParsedReport, SectionNode

__all__ = ["ParsedReport", "SectionNode", "parse_document", "parse_file", "parse_text"]
