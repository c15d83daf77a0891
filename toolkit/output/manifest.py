"""What the toolkit wrote into an output folder, so a rerun neither redoes nor destroys work.

`.fazhi-manifest` (JSON) in the folder records, per draft (its file stem), the hash of the
facts it was drafted from, the hash of how it was drafted (backend, prompts, previous
report, formats) and the hash of every file written. A rerun then

- skips a draft whose facts and recipe are unchanged and whose files are all there;
- never overwrites a file that changed since the toolkit wrote it (an analyst's edits):
  the new draft goes beside it, `name.new.md` (`name.new-2.md`… if that one was edited too),
  unless `force`;
- writes every file atomically (a temporary file renamed into place) and rewrites the
  manifest atomically after each draft, so a kill -9 leaves each file whole or absent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .export import atomic_write_bytes

# No .json ending: a script (or a test) globbing the folder for *.json finds only drafts.
MANIFEST_NAME = ".fazhi-manifest"
VERSION = 1
# atomic_write_bytes's temporary files (".<name>.<random>"), left behind by a killed run.
_TEMP = re.compile(r"^\..+\.(md|docx|json)\.[A-Za-z0-9_]{8}$|^\.fazhi-manifest\.[A-Za-z0-9_]{8}$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def json_hash(value: object) -> str:
    """A stable hash of JSON-able data (keys sorted)."""
    return sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode())


@dataclass
class Placed:
    """Where one output went."""

    wanted: Path  # the name the draft is written under
    path: Path  # where it was written: `wanted`, or beside it when `wanted` was edited
    kept: bool = False  # `wanted` changed since the toolkit wrote it and was left alone


@dataclass
class Manifest:
    """The manifest of one output folder; safe to share between threads."""

    folder: Path
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST_NAME

    @classmethod
    def load(cls, folder: str | Path) -> Manifest:
        """The folder's manifest (empty when there is none or it cannot be read: every
        existing file then counts as the analyst's and is never overwritten); temporary
        files a killed run left behind are removed."""
        folder = Path(folder)
        drafts: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == VERSION:
                drafts = {k: v for k, v in data.get("drafts", {}).items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass
        if folder.is_dir():
            for p in folder.iterdir():
                if _TEMP.match(p.name) and p.is_file():
                    p.unlink(missing_ok=True)
        return cls(folder, drafts)

    # -- reading ------------------------------------------------------------------------
    def unchanged(self, stem: str, facts: str, recipe: str, names: list[str]) -> dict | None:
        """The record of `stem` when it was drafted from the same facts the same way and
        every one of `names` is in the folder (edited or not); else None."""
        entry = self.drafts.get(stem)
        if not entry or entry.get("facts") != facts or entry.get("recipe") != recipe:
            return None
        outputs = entry.get("outputs", {})
        if any(n not in outputs or not (self.folder / outputs[n]).is_file() for n in names):
            return None
        return entry

    def edited(self, name: str) -> bool:
        """Whether the file `name` exists and is not what the toolkit last wrote there."""
        path = self.folder / name
        if not path.is_file():
            return False
        with self._lock:
            recorded = {n: h for e in self.drafts.values() for n, h in e.get("files", {}).items()}
        return recorded.get(name) != sha256(path.read_bytes())

    # -- writing ------------------------------------------------------------------------
    def write(
        self, stem: str, files: dict[str, bytes], force: bool = False, **record: Any
    ) -> list[Placed]:
        """Write `files` (name -> bytes) for the draft `stem`, each atomically; a file the
        analyst changed is kept and the new one goes beside it (unless `force`). Then the
        manifest records them, with `record` (facts, recipe, status, counts…)."""
        placed = []
        hashes: dict[str, str] = {}
        outputs: dict[str, str] = {}
        for name, data in files.items():
            target = name
            kept = not force and self.edited(name)
            if kept:
                target = self._beside(name, data)
            atomic_write_bytes(self.folder / target, data)
            hashes[target] = sha256(data)
            outputs[name] = target
            placed.append(Placed(self.folder / name, self.folder / target, kept))
        with self._lock:
            previous = self.drafts.get(stem, {})
            # Hashes of files kept as the analyst's stay as they were: still "edited".
            kept_hashes = {n: h for n, h in previous.get("files", {}).items() if n not in hashes}
            self.drafts[stem] = {
                **record,
                "files": {**kept_hashes, **hashes},
                "outputs": outputs,
                "written": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            self._save()
        return placed

    def _beside(self, name: str, data: bytes) -> str:
        """`x.md` → `x.new.md`, or `x.new-2.md`… when that one was edited too."""
        base, dot, ext = name.rpartition(".")
        n = 1
        while True:
            candidate = f"{base}.new{'' if n == 1 else f'-{n}'}{dot}{ext}"
            if not self.edited(candidate):
                return candidate
            n += 1

    def _save(self) -> None:
        data = {"version": VERSION, "drafts": self.drafts}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, text.encode())
