"""Plain-text reports (.txt, .md): detect the encoding (UTF-8 with or without BOM, UTF-16,
GB18030/GBK); repair a few corrupt byte sequences instead of refusing the whole file."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..i18n import _
from .document import Block, Document, TextIssue

# A file with more undecodable stretches than this is in another encoding or not text.
MAX_REPAIRS = 3
MAX_REPAIRED_BYTES = 16
_BREAK = re.compile(r"\r\n|\r|\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(sample) // 50)


def _cut_note(text: str, cut: bytes) -> list[TextIssue]:
    """The note for a file that ends in the middle of a character (a copy cut short)."""
    return [
        TextIssue(
            line=text.count("\n") + 1,
            message=f"文件在最后一个字符中间截断（末尾的字节 {cut.hex(' ')} 不完整），已略去",
            kind="cut",
        )
    ]


def _decode_utf16(data: bytes) -> tuple[str, str, list[TextIssue]] | None:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            if len(data) % 2 == 0:
                return None
            try:  # an odd last byte: the file was cut in the middle of its last character
                text = data[:-1].decode("utf-16")
            except UnicodeDecodeError:
                return None
            return text, "utf-16", _cut_note(text, data[-1:])
    # UTF-16 without BOM: NUL bytes (from ASCII characters such as newlines) and text
    # that is almost all Han characters, ASCII and punctuation once decoded.
    if len(data) >= 4 and b"\x00" in data[:8192]:
        body, cut = (data, b"") if len(data) % 2 == 0 else (data[:-1], data[-1:])
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = body.decode(enc)
            except UnicodeDecodeError:
                continue
            if plausible_text(text):
                return text, enc, _cut_note(text, cut) if cut else []
    return None


def plausible_text(text: str) -> bool:
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


def _mostly_text(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch in "\r\n\t\f"))
    return bad <= len(sample) // 50


def _clean_run(data: bytes, start: int, encoding: str) -> int:
    """How many bytes from `start` decode before the next error."""
    try:
        data[start:].decode(encoding)
        return len(data) - start
    except UnicodeDecodeError as exc:
        return exc.start


def _resync(data: bytes, end: int, encoding: str) -> int:
    """Where to go on after a bad stretch ending at `end`. UTF-8 finds its feet by itself;
    in GBK a lost lead byte leaves its trail byte, which would pair with the next
    character's lead byte and garble the rest of the line: skip it when that decodes further."""
    if encoding == "utf-8" or end >= len(data):
        return end
    return max((end, end + 1), key=lambda k: (_clean_run(data, k, encoding) + (k - end), -k))


def _decode_repairing(data: bytes, encoding: str) -> tuple[str, list[tuple[int, bytes]]] | None:
    """Decode, replacing each undecodable stretch by U+FFFD: the text and, per stretch, its
    character offset and bytes. None if there are too many stretches to call it repair."""
    parts: list[str] = []
    repairs: list[tuple[int, bytes]] = []
    pos, length, bad_bytes = 0, 0, 0
    while True:
        try:
            parts.append(data[pos:].decode(encoding))
            return "".join(parts), repairs
        except UnicodeDecodeError as exc:
            good = data[pos : pos + exc.start].decode(encoding)
            end = _resync(data, pos + exc.end, encoding)
            bad = data[pos + exc.start : end]
            bad_bytes += len(bad)
            if repairs and not good and repairs[-1][0] == length - 1:
                repairs[-1] = (repairs[-1][0], repairs[-1][1] + bad)  # same stretch
            else:
                parts.append(good + "\ufffd")
                length += len(good) + 1
                repairs.append((length - 1, bad))
            pos = end
            if len(repairs) > MAX_REPAIRS or bad_bytes > MAX_REPAIRED_BYTES:
                return None


def _issues(text: str, repairs: list[tuple[int, bytes]], encoding: str) -> list[TextIssue]:
    label = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030"}.get(encoding, encoding)
    return [
        TextIssue(
            line=len(_BREAK.findall(text, 0, offset)) + 1,
            message=f"有无法按{label}解码的字节（{bad.hex(' ')}），已替换为“\ufffd”",
        )
        for offset, bad in repairs
    ]


def decode_report(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[TextIssue]]:
    """Decode report bytes: UTF-8 (BOM or not), UTF-16, then GB18030 (a superset of GBK).
    A few corrupt byte sequences in an otherwise well-encoded file are replaced and
    reported as issues (line numbers of the returned text)."""
    if not data.strip():
        raise InputError(_("{path}: the file is empty").format(path=name))
    utf16 = _decode_utf16(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(
            _("{path}: not a text file (binary content); give a .txt, .md or .docx").format(
                path=name
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        repaired = _decode_repairing(data[len(codecs.BOM_UTF8) :], "utf-8")
        if repaired is None:
            raise InputError(
                _("{path}: invalid UTF-8 after a UTF-8 BOM; save the file as UTF-8").format(
                    path=name
                )
            )
        return repaired[0], "utf-8-sig", _issues(repaired[0], repaired[1], "utf-8")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A file cut in the middle of its last character: keep everything before it.
            text = data[: exc.start].decode("utf-8", errors="replace")
            return text, "utf-8", _cut_note(text, data[exc.start :])
    repaired = _decode_repairing(data, "utf-8")
    if repaired is not None and sum(1 for ch in repaired[0][:20000] if ord(ch) > 127) >= 20:
        # Valid multi-byte UTF-8 all around the bad bytes: a UTF-8 file with a corrupt spot.
        return repaired[0], "utf-8", _issues(repaired[0], repaired[1], "utf-8")
    try:
        text, issues = data.decode("gb18030"), []
    except UnicodeDecodeError as exc:
        if exc.start == len(data) - 1 and data[-1] >= 0x81:
            body, cut = data[:-1], data[-1:]  # a lead byte cut from its trail byte
        else:
            body, cut = data, b""
        gbk = _decode_repairing(body, "gb18030")
        if gbk is None:
            raise InputError(
                _("{path}: cannot decode as UTF-8, UTF-16 or GBK/GB18030 (bad byte at {at}); "
                  "save the file as UTF-8").format(path=name, at=utf8_error.start)
            ) from None  # fmt: skip
        text, issues = gbk[0], _issues(gbk[0], gbk[1], "gb18030")
        if cut:
            issues += _cut_note(text, cut)
    if not _mostly_text(text):
        raise InputError(
            _("{path}: not a text file (decodes to mostly unprintable characters)").format(
                path=name
            )
        )
    return text, "gb18030", issues


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """The text and encoding of report bytes (repairs made silently); see `decode_report`."""
    text, encoding, _ = decode_report(data, name)
    return text, encoding


def read_plain(path: Path, data: bytes, fmt: str) -> Document:
    """A .txt/.md report: one line per line of the file (any line ending)."""
    text, encoding, issues = decode_report(data, str(path))
    text = _BREAK.sub("\n", text)
    blocks = [Block("line", i) for i in range(1, text.count("\n") + 2)]
    return Document(
        path=path, format=fmt, text=text, encoding=encoding, blocks=blocks, issues=issues
    )
