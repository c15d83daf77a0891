"""Former home of the text-file reader; kept so existing imports keep working.
Every format is read by `toolkit.readers.read_document`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .readers import MAX_BYTES, decode_bytes, read_document


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it was read with."""

    path: Path
    text: str
    encoding: str


def read_text(path: str | Path) -> DecodedText:
    """The text of a report file (any format `read_document` reads)."""
    doc = read_document(path)
    return DecodedText(path=doc.path, text=doc.text, encoding=doc.encoding)


__all__ = ["MAX_BYTES", "DecodedText", "decode_bytes", "read_text"]
