"""Readers: every input format ends here as a `Document` (text, line map, metadata).

`read_document(path)` picks the reader by the file's suffix (and, for .docx, its content).
This package imports nothing of the toolkit but `toolkit.errors`."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .document import Block, Document, TextIssue
from .plain import decode_bytes, decode_report

# Reports are tens or hundreds of kilobytes (a PDF or a page with images a few MB).
MAX_BYTES = 16 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml")
OFFICE_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")  # through LibreOffice
SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf", *HTML_SUFFIXES, *OFFICE_SUFFIXES)


def _read_bytes(p: Path) -> bytes:
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{p}: file too large ({size / 1_048_576:.0f} MiB; "
                f"a report is at most {MAX_BYTES // 1_048_576} MiB)"
            )
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None


def read_document(path: str | Path) -> Document:
    """Read a report file of any supported format; `InputError` (one line naming the file
    and what to do) when it cannot be read."""
    p = Path(path)
    data = _read_bytes(p)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from .word import OLE_MAGIC, is_encrypted_ole, read_docx

        if is_encrypted_ole(data):
            raise InputError(
                f"{p}: the document is password-protected (encrypted); "
                "remove the password in Word/WPS and save it again"
            )
        if data.startswith(OLE_MAGIC):  # an old Word file named .docx
            from .office import read_office

            return read_office(p, "doc")
        return read_docx(p)
    if suffix == ".pdf":
        if not data.lstrip()[:1024].count(b"%PDF"):
            raise InputError(f"{p}: not a PDF file (no %PDF header)")
        from .pdf import read_pdf

        return read_pdf(p)
    if suffix in HTML_SUFFIXES:
        from .webpage import mhtml_to_html, read_html

        if suffix in (".mht", ".mhtml"):
            data = mhtml_to_html(data)
        return read_html(p, data)
    if suffix in OFFICE_SUFFIXES:
        from .office import read_office

        return read_office(p, suffix[1:])
    from .plain import read_plain

    return read_plain(p, data, "md" if suffix == ".md" else "txt")


__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Block",
    "Document",
    "TextIssue",
    "decode_bytes",
    "decode_report",
    "read_document",
]
