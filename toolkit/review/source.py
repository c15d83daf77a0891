"""The file under review: its text as the checker reads it, line by line, where each line
came from in a Word document, and the safety rules for writing a reviewed copy."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check import check_report
from ..check.findings import CheckReport
from ..errors import InputError
from ..parser import parse_text

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx or an old binary .doc
TEXT_FORMATS = ("txt", "md")
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once: new files get the usual permissions


@dataclass(frozen=True)
class Place:
    """Where line N of the text sits in a .docx (see toolkit.readers.Block)."""

    kind: str  # "paragraph" | "table_row" | "line"
    index: int
    row: int | None = None


@dataclass
class Source:
    """A document to annotate or fix: its lines (line N is `lines[N-1]`) and their places."""

    path: Path
    format: str
    text: str
    encoding: str
    places: list[Place] = field(default_factory=list)
    data: bytes = b""
    newline: str = "\n"  # the line ending of a text file, kept when it is rewritten

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def check(self, **kwargs: Any) -> CheckReport:
        """Check the text as read (the same text `fazhi check` reads)."""
        report = parse_text(self.text, path=self.path, encoding=self.encoding)
        return check_report(report, **kwargs)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def open_docx(path: Path, data: bytes) -> Any:
    """The python-docx Document of `data`; `InputError` naming what is wrong otherwise."""
    if data.startswith(_OLE):
        raise InputError(
            f"{path}: password-protected or an old binary Word file, not a .docx; "
            "remove the password (or save as .docx) in Word/WPS"
        )
    try:
        from docx import Document

        return Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(
            f"{path}: not a readable .docx (not a zip package); save it again"
        ) from None
    except Exception as exc:  # a damaged package or malformed XML inside it
        raise InputError(f"{path}: not a readable .docx ({type(exc).__name__})") from None


def load_source(path: str | Path) -> Source:
    """Read a file for review: .txt/.md as decoded text, .docx with each line's place,
    other formats the readers know as text."""
    p = Path(path)
    suffix = p.suffix.lower().lstrip(".")
    data = _read_bytes(p)
    if suffix == "docx":
        open_docx(p, data)  # a clear error before any reading
        return _docx_source(p, data)
    if suffix in TEXT_FORMATS:
        from ..textio import decode_bytes

        text, encoding = decode_bytes(data, str(p))
        newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        places = [Place("line", i) for i in range(text.count("\n") + 1)]
        return Source(p, suffix, text, encoding, places, data, newline)
    from .. import readers

    doc = readers.read_document(p)  # type: ignore[attr-defined]
    places = [Place("line", i) for i in range(len(doc.blocks))]
    return Source(p, doc.format, doc.text, doc.encoding, places, data)


def _docx_source(path: Path, data: bytes) -> Source:
    from .. import readers

    read = getattr(readers, "read_document", None)
    if read is not None:
        doc = read(path)
        places = [Place(b.kind, b.index, b.row) for b in doc.blocks]
        return Source(path, "docx", doc.text, "docx", places, data)
    word = open_docx(path, data)  # until the readers render numbering: paragraphs, then rows
    lines = [p.text for p in word.paragraphs]
    places = [Place("paragraph", i) for i in range(len(lines))]
    for t, table in enumerate(word.tables):
        for r, row in enumerate(table.rows):
            lines.append(" ".join(c.text for c in row.cells))
            places.append(Place("table_row", t, r))
    return Source(path, "docx", "\n".join(lines), "docx", places, data)


def check_output(source: Path, out: Path, suffix: str | None = None) -> Path:
    """The output path, refused when it is the input or has the wrong suffix."""
    out = Path(out)
    if suffix and out.suffix.lower() != suffix:
        raise InputError(f"{out}: the output must be a {suffix} file")
    if out.resolve() == source.resolve() or (out.exists() and os.path.samefile(out, source)):
        raise InputError(f"{out}: is the input file; write the reviewed copy to another path")
    if out.is_dir():
        raise InputError(f"{out}: is a directory; give a file name")
    return out


def write_bytes(out: Path, data: bytes) -> None:
    """Write atomically (a temporary file in the same folder, then renamed); a folder that
    cannot be written is an `InputError` and nothing is left behind."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    except OSError as exc:
        raise InputError(f"{out}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if out.exists():
            os.chmod(tmp, out.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{out}: cannot write there ({exc.strerror or exc})") from None
