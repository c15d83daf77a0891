"""Former home of the text-file reader; kept so existing imports keep working.
The readers live in `toolkit.readers`."""

from __future__ import annotations

from .readers.plain import MAX_BYTES, DecodedText, decode_bytes, read_text

__all__ = ["MAX_BYTES", "DecodedText", "decode_bytes", "read_text"]
