"""What a collection remembers between runs (SQLite beside the corpus store): each
address fetched (validators, status, content hash), each item's outcome, and the raw bytes
of every page and attachment, so a rerun asks only for what is missing or failed and a
reader fix re-reads without fetching again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from .fetch import Fetched

SCHEMA = """
CREATE TABLE IF NOT EXISTS fetches (
    url TEXT PRIMARY KEY, final_url TEXT, http_status INTEGER, fetched_at REAL,
    etag TEXT, last_modified TEXT, content_type TEXT, charset TEXT,
    sha256 TEXT, suffix TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS items (
    url TEXT PRIMARY KEY, ord INTEGER, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    report_id INTEGER, source_url TEXT, sha256 TEXT, title TEXT, issuer TEXT, level TEXT,
    year INTEGER, official INTEGER NOT NULL DEFAULT 0, traditional INTEGER NOT NULL DEFAULT 0,
    original INTEGER NOT NULL DEFAULT 0,
    metadata TEXT NOT NULL DEFAULT '{}', attachments TEXT NOT NULL DEFAULT '[]',
    signature BLOB, merged_into TEXT, updated_at REAL
);
"""
ITEM_FIELDS = (
    "ord",
    "status",
    "reason",
    "report_id",
    "source_url",
    "sha256",
    "title",
    "issuer",
    "level",
    "year",
    "official",
    "traditional",
    "original",
    "metadata",
    "attachments",
    "signature",
    "merged_into",
)
FINAL = ("collected", "duplicate", "other_genre")  # a rerun does not fetch these again


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class CollectState:
    """The collection's memory: `collect.sqlite` and `collect/raw/` under `home`."""

    def __init__(self, home: str | Path) -> None:
        self.home = Path(home)
        self.raw = self.home / "collect" / "raw"
        self.raw.mkdir(parents=True, exist_ok=True)
        path = self.home / "collect.sqlite"
        try:
            self.con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA synchronous=NORMAL")
            self.con.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: not a usable collection state ({exc})") from None
        self.con.row_factory = sqlite3.Row

    def close(self) -> None:
        self.con.close()

    # -- raw bytes ------------------------------------------------------------------------
    def blob_path(self, digest: str, suffix: str) -> Path:
        return self.raw / digest[:2] / f"{digest}{suffix}"

    def put_blob(self, data: bytes, suffix: str) -> tuple[str, Path]:
        digest = sha256(data)
        path = self.blob_path(digest, suffix)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)  # never a half-written file under the final name
        return digest, path

    # -- fetches ------------------------------------------------------------------------
    def record_fetch(self, got: Fetched, digest: str | None, suffix: str) -> None:
        """Remember a response; a 304 or a failure keeps the stored body and validators."""
        old = self.fetch(got.url) or {}
        keep = got.not_modified or (got.error is not None and old.get("sha256"))
        self.con.execute(
            "INSERT OR REPLACE INTO fetches VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                got.url,
                got.final_url,
                got.status,
                got.fetched_at,
                old.get("etag") if keep else got.headers.get("etag"),
                old.get("last_modified") if keep else got.headers.get("last-modified"),
                old.get("content_type") if keep else got.content_type,
                old.get("charset") if keep else got.charset,
                old.get("sha256") if keep else digest,
                old.get("suffix") if keep else suffix,
                got.error,
            ),
        )

    def record_file(self, url: str, path: Path, digest: str, suffix: str) -> None:
        """A saved file read offline: provenance is its path and time."""
        self.con.execute(
            "INSERT OR REPLACE INTO fetches VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (url, url, None, path.stat().st_mtime, None, None, None, None, digest, suffix, None),
        )

    def fetch(self, url: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT * FROM fetches WHERE url=?", (url,)).fetchone()
        return dict(row) if row else None

    def body(self, url: str) -> tuple[bytes, Path] | None:
        """The stored bytes of an address and their file, when we have them."""
        row = self.fetch(url)
        if not row or not row.get("sha256"):
            return None
        path = self.blob_path(row["sha256"], row["suffix"] or "")
        return (path.read_bytes(), path) if path.exists() else None

    # -- items --------------------------------------------------------------------------
    def item(self, url: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT * FROM items WHERE url=?", (url,)).fetchone()
        return _decoded(dict(row)) if row else None

    def save_item(self, url: str, **fields: Any) -> None:
        unknown = set(fields) - set(ITEM_FIELDS)
        if unknown:
            raise ValueError(f"unknown item fields {sorted(unknown)}")
        old = self.item(url) or {}
        row = {k: old.get(k) for k in ITEM_FIELDS} | fields
        row["metadata"] = json.dumps(row.get("metadata") or {}, ensure_ascii=False)
        row["attachments"] = json.dumps(row.get("attachments") or [], ensure_ascii=False)
        row["official"] = int(bool(row.get("official")))
        row["traditional"] = int(bool(row.get("traditional")))
        row["original"] = int(bool(row.get("original")))
        row["reason"] = row.get("reason") or ""
        cols = ("url", *ITEM_FIELDS, "updated_at")
        self.con.execute(
            f"INSERT OR REPLACE INTO items({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
            (url, *(row[k] for k in ITEM_FIELDS), time.time()),
        )

    def next_ord(self) -> int:
        return int(self.con.execute("SELECT COALESCE(MAX(ord), -1) + 1 FROM items").fetchone()[0])

    def owner_of(self, digest: str) -> dict[str, Any] | None:
        """The collected item whose stored content has this hash."""
        row = self.con.execute(
            "SELECT * FROM items WHERE sha256=? AND status='collected'", (digest,)
        ).fetchone()
        return _decoded(dict(row)) if row else None

    def items(self, status: str | None = None) -> list[dict[str, Any]]:
        q = "SELECT * FROM items" + (" WHERE status=?" if status else "") + " ORDER BY ord, url"
        return [_decoded(dict(r)) for r in self.con.execute(q, (status,) if status else ())]

    def provenance(self, report_id: int) -> dict[str, Any] | None:
        """Where a stored report came from: address, final address, time, status, hash,
        and the publication metadata of its page."""
        row = self.con.execute(
            "SELECT * FROM items WHERE report_id=? AND status='collected'", (report_id,)
        ).fetchone()
        if row is None:
            return None
        item = _decoded(dict(row))
        fetch = self.fetch(item["source_url"] or item["url"]) or {}
        return {
            "url": item["url"],
            "source_url": item["source_url"],
            "final_url": fetch.get("final_url"),
            "fetched_at": _iso(fetch.get("fetched_at")),
            "http_status": fetch.get("http_status"),
            "sha256": item["sha256"],
            "metadata": item["metadata"],
            "attachments": item["attachments"],
        }

    def frame(self) -> pd.DataFrame:
        """Every item with its outcome and publication metadata, as a DataFrame."""
        import pandas as pd

        rows = []
        for item in self.items():
            meta = item.pop("metadata")
            item.pop("signature", None)
            item.pop("attachments", None)
            rows.append({**item, **{k: meta.get(k) for k in PUBLICATION_KEYS}})
        return pd.DataFrame(rows)


PUBLICATION_KEYS = ("索引号", "发布机构", "发文字号", "成文日期", "发布日期", "来源")


def _iso(epoch: float | None) -> str | None:
    """A time as ISO 8601 in UTC."""
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).isoformat(timespec="seconds")


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row["metadata"] = json.loads(row.get("metadata") or "{}")
    row["attachments"] = json.loads(row.get("attachments") or "[]")
    return row
