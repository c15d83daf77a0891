"""The file under review: its text as the checker reads it, line by line, where each line
came from in a Word document, and the safety rules for writing a reviewed copy."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check import check_report
from ..check.findings import CheckReport
from ..errors import InputError
from ..i18n import _
from ..output.export import atomic_write_bytes
from ..parse.parser import parse_document
from ..readers import MAX_BYTES, Block, Document, read_document

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx or an old binary .doc
TEXT_FORMATS = ("txt", "md")


@dataclass
class Source:
    """A document to annotate or fix: the reader's `Document` (line N is `lines[N-1]`,
    from `places[N-1]`), the file's bytes, and a text file's line ending."""

    document: Document
    data: bytes
    newline: str = "\n"  # kept when a text file is rewritten

    @property
    def path(self) -> Path:
        return self.document.path

    @property
    def format(self) -> str:
        return self.document.format

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def encoding(self) -> str:
        return self.document.encoding

    @property
    def places(self) -> list[Block]:
        return self.document.blocks

    @property
    def lines(self) -> list[str]:
        return self.document.lines

    def check(self, **kwargs: Any) -> CheckReport:
        """Check the document as read (what `fazhi check` reads for this file)."""
        return check_report(parse_document(self.document), **kwargs)


def open_docx(path: Path, data: bytes) -> Any:
    """The python-docx Document of `data`; `InputError` naming what is wrong otherwise."""
    if data.startswith(_OLE):
        raise InputError(
            _("{path}: password-protected or an old binary Word file, not a .docx; remove the "
              "password (or save as .docx) in Word/WPS").format(path=path)
        )  # fmt: skip
    try:
        from docx import Document as WordDocument

        return WordDocument(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(
            _("{path}: not a readable .docx (not a zip package); save it again").format(path=path)
        ) from None
    except Exception as exc:  # a damaged package or malformed XML inside it
        raise InputError(
            _("{path}: not a readable .docx ({kind})").format(path=path, kind=type(exc).__name__)
        ) from None


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        return b""  # read_document names what is wrong
    try:
        return path.read_bytes() if path.stat().st_size <= MAX_BYTES else b""
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read ({why})").format(path=path, why=exc.strerror or exc)
        ) from None


def load_source(path: str | Path) -> Source:
    """Read a file for review with the readers (any format they read); a .docx must also
    open for writing."""
    p = Path(path)
    data = _read_bytes(p)
    if p.suffix.lower() == ".docx" and data:
        open_docx(p, data)  # one clear line before any reading
    document = read_document(p)
    newline = "\n"
    if document.format in TEXT_FORMATS:
        raw = data.decode(document.encoding.replace("-sig", ""), errors="replace")
        newline = "\r\n" if "\r\n" in raw else "\r" if "\r" in raw else "\n"
    return Source(document, data, newline)


def text_document(path: Path, lines: list[str]) -> Document:
    """A `Document` of a .docx made from text: line N is paragraph N-1."""
    blocks = [Block("paragraph", i) for i in range(len(lines))]
    return Document(path=path, format="docx", text="\n".join(lines), encoding="docx", blocks=blocks)


def check_output(source: Path, out: Path, suffix: str | None = None) -> Path:
    """The output path, refused when it is the input or has the wrong suffix."""
    out = Path(out)
    if suffix and out.suffix.lower() != suffix:
        raise InputError(
            _("{path}: the output must be a {suffix} file").format(path=out, suffix=suffix)
        )
    if out.resolve() == source.resolve() or (out.exists() and os.path.samefile(out, source)):
        raise InputError(
            _("{path}: is the input file; write the reviewed copy to another path").format(path=out)
        )
    if out.is_dir():
        raise InputError(_("{path}: is a directory; give a file name").format(path=out))
    return out


def write_bytes(out: Path, data: bytes) -> None:
    """Write atomically; a folder that cannot be written is an `InputError` (see
    `atomic_write_bytes`)."""
    atomic_write_bytes(out, data)
