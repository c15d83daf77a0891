"""Batch drafting: many fact sheets, each drafted, exported and checked; one bureau's
failure does not stop the others; a rerun resumes from saved sections and cached calls."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..draft.pipeline import Drafter, safe_name
from ..errors import BackendError, FazhiError
from ..facts import FactSheet
from .export import atomic_write_bytes, write_draft


@dataclass
class BatchItem:
    bureau: str
    year: int
    status: str  # "ok" (no error finding), "errors" (written with error findings), "failed"
    files: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    calls: int = 0
    message: str = ""


def draft_one(
    drafter: Drafter, sheet: FactSheet, out_dir: Path, formats: list[str], review: bool = False
) -> BatchItem:
    """Draft one bureau and write it; `review`: the .docx carries each sentence's sources
    and each 【待核实】 objection as comments."""
    item = BatchItem(sheet.bureau.name, sheet.year, "failed")
    try:
        draft = drafter.draft(sheet)
    except BackendError as exc:
        item.message = str(exc)
        return item
    stem = f"{safe_name(sheet.bureau.name)}-{sheet.year}"
    plain = [f for f in formats if not (review and f == "docx")]
    files = write_draft(draft, out_dir, plain, stem)
    if review:
        from .draft_review import review_docx

        path = (Path(out_dir) / f"{stem}.docx").resolve()
        atomic_write_bytes(path, review_docx(draft))
        files.append(path)
    counts = draft.check.counts() if draft.check else {"error": 0, "warning": 0}
    u = draft.usage
    item.status = "errors" if counts["error"] else "ok"
    item.files = [str(f) for f in files]
    item.errors, item.warnings = counts["error"], counts["warning"]
    item.prompt_tokens, item.completion_tokens, item.cost, item.calls = (
        u.prompt_tokens, u.completion_tokens, u.cost, u.calls,
    )  # fmt: skip
    return item


def run_batch(
    sheets: list[FactSheet],
    drafter: Drafter,
    out_dir: Path,
    formats: list[str],
    concurrency: int = 2,
    progress: Callable[[BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Draft every sheet; returns one item per sheet, in the sheets' order."""
    results: dict[int, BatchItem] = {}
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = {
            pool.submit(draft_one, drafter, s, out_dir, formats): i for i, s in enumerate(sheets)
        }
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                item = fut.result()
            except FazhiError as exc:
                item = BatchItem(sheets[i].bureau.name, sheets[i].year, "failed", message=str(exc))
            results[i] = item
            if progress:
                progress(item)
    return [results[i] for i in range(len(sheets))]
