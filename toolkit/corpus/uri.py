"""Which corpus store to open: `FAZHI_CORPUS` (or `--store`) is `sqlite:PATH` (the default,
`$FAZHI_HOME/corpus.sqlite`), `milvus-lite:PATH` (Milvus Lite in this process) or
`milvus://HOST:PORT` (a Milvus 2.5+ server; `milvus+https://` over TLS), with the token in
`FAZHI_MILVUS_TOKEN`. A plain path is an SQLite file. `?collection=NAME` picks the Milvus
collections' prefix (default `fazhi`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import ConfigError
from ..i18n import _
from .records import Store
from .segment import Tokenizer
from .store import CorpusStore, default_store_path

TOKEN_ENV = "FAZHI_MILVUS_TOKEN"
DEFAULT_COLLECTION = "fazhi"


@dataclass(frozen=True)
class StoreTarget:
    """A parsed store URI: kind `sqlite`, `milvus-lite` or `milvus`."""

    kind: str
    location: str  # a path, or the server's http(s)://host:port
    collection: str = DEFAULT_COLLECTION

    @property
    def uri(self) -> str:
        """The URI as the user may see it (never a token)."""
        if self.kind == "milvus":
            base = self.location.replace("http://", "milvus://").replace(
                "https://", "milvus+https://"
            )
        else:
            base = f"{self.kind}:{self.location}"
        return (
            base
            if self.collection == DEFAULT_COLLECTION
            else f"{base}?collection={self.collection}"
        )


def parse_store_uri(uri: str | Path | None) -> StoreTarget:
    """The target named by `uri`, else by `FAZHI_CORPUS`, else the default SQLite file."""
    if uri is None or str(uri) == "":
        uri = os.environ.get("FAZHI_CORPUS") or ""
    if isinstance(uri, Path) or not uri:
        return StoreTarget("sqlite", str(uri or default_store_path()))
    text, _sep, query = str(uri).partition("?")
    collection = parse_qs(query).get("collection", [DEFAULT_COLLECTION])[0]
    if not collection.replace("_", "").isalnum() or not collection[0].isalpha():
        raise ConfigError(
            _("collection {name}: use letters, digits and _ (a letter first)").format(
                name=collection
            )
        )
    if text.startswith(("milvus://", "milvus+https://")):
        parts = urlsplit(text)
        if not parts.hostname or not parts.port:
            raise ConfigError(
                _("{uri}: give the Milvus server as milvus://HOST:PORT").format(uri=text)
            )
        scheme = "https" if parts.scheme == "milvus+https" else "http"
        return StoreTarget("milvus", f"{scheme}://{parts.hostname}:{parts.port}", collection)
    for kind in ("sqlite", "milvus-lite"):
        if text.startswith(kind + ":"):
            path = text[len(kind) + 1 :]
            if not path:
                raise ConfigError(_("{uri}: give a path after {kind}:").format(uri=text, kind=kind))
            if kind == "milvus-lite" and not path.endswith(".db"):
                raise ConfigError(
                    _("{uri}: a Milvus Lite store's path ends in .db").format(uri=text)
                )
            return StoreTarget(kind, str(Path(path).expanduser()), collection)
    if "://" in text:
        raise ConfigError(
            _(
                "{uri}: unknown corpus store; use sqlite:PATH, milvus-lite:PATH or "
                "milvus://HOST:PORT"
            ).format(uri=text)
        )
    return StoreTarget("sqlite", text)


def open_store(uri: str | Path | None = None, tokenizer: Tokenizer | None = None) -> Store:
    """Open (creating if needed) the store `uri` names; see the module docstring."""
    target = parse_store_uri(uri)
    if target.kind == "sqlite":
        return CorpusStore(target.location, tokenizer)
    from .milvus import MilvusStore

    token = os.environ.get(TOKEN_ENV) if target.kind == "milvus" else None
    return MilvusStore(target, token=token, tokenizer=tokenizer)
