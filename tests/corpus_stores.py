"""Both corpus stores for parametrized tests: SQLite always, Milvus Lite when the milvus
extra is installed (`make test` installs it; without it those cases skip)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from toolkit.corpus.records import Store
from toolkit.corpus.uri import open_store

HAVE_MILVUS = all(importlib.util.find_spec(m) for m in ("pymilvus", "milvus_lite", "jieba"))
needs_milvus = pytest.mark.skipif(not HAVE_MILVUS, reason="the milvus extra is not installed")
STORE_KINDS = ["sqlite", pytest.param("milvus-lite", marks=needs_milvus)]


def store_uri(kind: str, folder: Path) -> str:
    return f"sqlite:{folder / 'c.sqlite'}" if kind == "sqlite" else f"milvus-lite:{folder / 'c.db'}"


def make_store(kind: str, folder: Path) -> Store:
    return open_store(store_uri(kind, folder))
