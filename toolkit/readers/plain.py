"""Read a report file into text, detecting its encoding; refuse files that are not text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

# Reports are tens or hundreds of kilobytes; a larger file is not a report.
MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it was read with."""

    path: Path
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(sample) // 50)


def _decode_utf16(data: bytes) -> tuple[str, str] | None:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    # UTF-16 without BOM: NUL bytes (from ASCII characters such as newlines) and text
    # that is almost all Han characters, ASCII and punctuation once decoded.
    if len(data) >= 4 and len(data) % 2 == 0 and b"\x00" in data[:8192]:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible_text(text):
                return text, enc
    return None


def _plausible_text(text: str) -> bool:
    sample = text[:4000]
    good = sum(
        1
        for ch in sample
        if ("\u4e00" <= ch <= "\u9fff")
        or (" " <= ch <= "~")
        or ch in "\r\n\t"
        or ("\u3000" <= ch <= "\u303f")
        or ("\uff00" <= ch <= "\uffef")
        or ch in "“”‘’《》·—…"
    )
    return good >= 0.9 * len(sample)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes: UTF-8 (BOM or not), UTF-16, then GB18030 (a superset of GBK)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    utf16 = _decode_utf16(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(f"{name}: not a text file (binary content); give a .txt, .md or .docx")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: invalid UTF-8 after a UTF-8 BOM at byte {exc.start}"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A file cut in the middle of its last character: keep everything before it.
            return data[: exc.start].decode("utf-8"), "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: cannot decode as UTF-8, UTF-16 or GBK/GB18030 "
            f"(bad byte at {utf8_error.start}); save the file as UTF-8"
        ) from None
    if not _mostly_text(text):
        raise InputError(f"{name}: not a text file (decodes to mostly unprintable characters)")
    return text, "gb18030"


def _mostly_text(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch in "\r\n\t\f"))
    return bad <= len(sample) // 50


def read_text(path: str | Path) -> DecodedText:
    """Read a .txt/.md report; raise `InputError` with the file name and the reason."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{p}: file too large ({size / 1_048_576:.0f} MiB; a report is at most {MAX_BYTES // 1_048_576} MiB)"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if p.suffix.lower() == ".docx":
        from .word import read_docx_text

        return DecodedText(path=p, text=read_docx_text(p), encoding="docx")
    text, encoding = decode_bytes(data, str(p))
    return DecodedText(path=p, text=text, encoding=encoding)
