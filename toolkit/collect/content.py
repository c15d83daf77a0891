"""From the bytes of an item (a page and its attachments, or a report file) to the one
document that stands for the report: the attachment when it is the original, else the
page; scans, zip bombs and unreadable files are noted, never guessed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FazhiError
from ..i18n import _
from ..readers import Document, read_document
from ..readers.webpage import page_metadata, read_html
from .links import attachment_name, parse_tree, with_charset

HTML_TYPES = ("text/html", "application/xhtml+xml")
FILE_TYPES = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/kswps": ".wps",
    "application/vnd.ms-works": ".wps",
    "application/wps-office.wps": ".wps",
    "application/ofd": ".ofd",
}
_NO_TEXT_LAYER = re.compile(r"no text layer")


@dataclass
class Piece:
    """The bytes of one address: a page or a report file, stored under `path`."""

    url: str
    data: bytes
    path: Path
    suffix: str
    sha256: str
    charset: str | None = None


@dataclass
class Chosen:
    """What stands for the report, and what was noticed on the way."""

    document: Document | None
    piece: Piece | None
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    from_attachment: bool = False


def kind_of(content_type: str, suffix: str, data: bytes) -> str:
    """ "page", "file" (a report file) or "" (neither) by type, suffix and the bytes."""
    head = data[:512].lstrip().lower()
    if data.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "file"
    if content_type in HTML_TYPES or head.startswith((b"<!doctype html", b"<html", b"<meta")):
        return "page"
    if content_type in FILE_TYPES or (suffix and content_type in ("", "application/octet-stream")):
        return "file"
    return ""


def file_suffix(content_type: str, url_suffix: str, data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return ".pdf"
    if url_suffix:
        return url_suffix
    return FILE_TYPES.get(content_type, ".doc" if data.startswith(b"\xd0\xcf") else ".docx")


def zip_bomb(data: bytes, cap: int) -> str | None:
    """Why a zip-based file (.docx/.wps/.ofd) must not be opened, or None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        return None  # the reader says what is wrong with it
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > 10_000 or unpacked > cap:
        return _("unpacks to {mb} MiB (a zip bomb?); not opened").format(mb=unpacked // 1_048_576)
    return None


def read_piece(piece: Piece, unpacked_cap: int) -> tuple[Document | None, str | None]:
    """A report file or page as a Document, or why not (one line)."""
    bomb = zip_bomb(piece.data, unpacked_cap)
    if bomb:
        return None, bomb
    try:
        if piece.suffix in (".html", ".htm"):
            return read_html(piece.path, with_charset(piece.data, piece.charset)), None
        if piece.suffix == ".ofd":
            return None, _("an .ofd file: no maintained reader is installed; not read")
        return read_document(piece.path), None
    except FazhiError as exc:
        message = str(exc).removeprefix(f"{piece.path}: ")
        if _NO_TEXT_LAYER.search(message):
            return None, _("a scanned PDF without a text layer; OCR it to collect it")
        return None, message


def page_meta(piece: Piece, document: Document | None) -> dict[str, str]:
    """The publication metadata printed on a page."""
    if document is not None and document.metadata:
        return dict(document.metadata)
    tree = parse_tree(with_charset(piece.data, piece.charset))
    return page_metadata(tree) if tree is not None else {}


def describe(url: str, why: str) -> str:
    return _("attachment {name}: {why}").format(name=attachment_name(url), why=why)
