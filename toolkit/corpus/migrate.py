"""Copy a corpus from one store to another (SQLite ⇄ Milvus), batch by batch: reports the
target has already (same SHA-256) are skipped, so a stopped migration resumes where it
stopped and running it twice copies nothing twice."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..i18n import _
from .records import Progress, Store


@dataclass
class MigrateResult:
    copied: int = 0
    skipped: int = 0  # already in the target
    chunks: int = 0


def migrate(
    source: Store, target: Store, *, batch: int = 64, progress: Progress | None = None
) -> MigrateResult:
    """Add every report of `source` to `target`; see the module docstring."""
    if source.uri == target.uri:
        raise InputError(
            _("the source and the target are the same store ({uri})").format(uri=source.uri)
        )
    total = source.counts()["reports"]
    result = MigrateResult()
    if progress:
        progress(0, total)
    for records in source.records(batch):
        have = target.known(r.sha256 for r in records)
        todo = [r for r in records if r.sha256 not in have]
        result.skipped += len(records) - len(todo)
        if todo:
            target.add(todo)
            result.copied += len(todo)
            result.chunks += sum(len(r.chunks) for r in todo)
        if progress:
            progress(result.copied + result.skipped, total)
    if result.copied:
        target.flush()
    return result
