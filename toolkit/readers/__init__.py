"""Readers: every input format ends here as a `Document` (text, line map, metadata).

`read_document(path)` picks the reader by the file's suffix (and, for .docx, its content).
This package imports nothing of the toolkit but `toolkit.errors` and `toolkit.i18n`."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..i18n import _
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
        raise InputError(_("{path}: no such file").format(path=p))
    if p.is_dir():
        raise InputError(_("{path}: is a directory, expected a file").format(path=p))
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                _("{path}: file too large ({size} MiB; a report is at most {most} MiB)").format(
                    path=p, size=f"{size / 1_048_576:.0f}", most=MAX_BYTES // 1_048_576
                )
            )
        return p.read_bytes()
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read ({why})").format(path=p, why=exc.strerror or exc)
        ) from None


def _sniff(data: bytes) -> str:
    """What a Word-ish file really holds: "zip" (.docx), "ole" (.doc, .wps, encrypted
    .docx), "html" or "mhtml" (Word's web-page saves, often named .doc), "rtf", or ""."""
    head = data[:2048].lstrip().lower()
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"mime-version:") or b"multipart/related" in head:
        return "mhtml"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return ""


def _read_page(p: Path, data: bytes, mhtml: bool) -> Document:
    from .webpage import mhtml_to_html, read_html

    return read_html(p, mhtml_to_html(data) if mhtml else data)


def _read_word_like(p: Path, data: bytes, suffix: str) -> Document:
    """.docx, .doc, .wps, .rtf, .odt: by what the file holds, whatever its name says."""
    from .word import is_encrypted_ole, read_docx

    kind = _sniff(data)
    if kind == "ole" and is_encrypted_ole(data):
        raise InputError(
            _("{path}: the document is password-protected (encrypted); remove the password in "
              "Word/WPS and save it again").format(path=p)
        )  # fmt: skip
    if kind in ("html", "mhtml"):
        doc = _read_page(p, data, mhtml=kind == "mhtml")
        doc.format = suffix[1:]
        return doc
    if kind == "zip" and suffix in (".docx", ".doc", ".wps"):
        return read_docx(p, suffix[1:])  # a .docx (WPS saves them as .wps/.doc too)
    if suffix == ".docx" and kind not in ("ole", "rtf"):
        return read_docx(p)  # not a zip: read_docx says so in one line
    from .office import read_office

    return read_office(p, suffix[1:] if suffix != ".docx" else {"rtf": "rtf"}.get(kind, "doc"))


def read_document(path: str | Path) -> Document:
    """Read a report file of any supported format; `InputError` (one line naming the file
    and what to do) when it cannot be read."""
    p = Path(path)
    data = _read_bytes(p)
    suffix = p.suffix.lower()
    if suffix in (".docx", *OFFICE_SUFFIXES):
        return _read_word_like(p, data, suffix)
    if suffix == ".pdf":
        if not data.lstrip()[:1024].count(b"%PDF"):
            raise InputError(_("{path}: not a PDF file (no %PDF header)").format(path=p))
        from .pdf import read_pdf

        return read_pdf(p)
    if suffix in HTML_SUFFIXES:
        return _read_page(p, data, mhtml=suffix in (".mht", ".mhtml"))
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
