"""Batch drafting: many fact sheets, each drafted, exported and checked; one bureau's
failure does not stop the others. A rerun skips the drafts already written from unchanged
facts, never overwrites a file the analyst edited (the new draft goes beside it) and
resumes the others from saved sections and cached calls (see `manifest`)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..draft.pipeline import Drafter, safe_name
from ..errors import BackendError, FazhiError
from ..facts import FactSheet
from ..i18n import _
from .export import draft_files
from .manifest import Manifest, json_hash


@dataclass
class BatchItem:
    bureau: str
    year: int
    # "ok" (no error finding), "errors" (written with error findings), "failed",
    # "skipped" (written before from the same facts; the counts are those of that run)
    status: str
    files: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    calls: int = 0
    message: str = ""
    # (file kept because it was edited since the toolkit wrote it, where the new draft went)
    kept: list[tuple[str, str]] = field(default_factory=list)


def draft_one(
    drafter: Drafter,
    sheet: FactSheet,
    out_dir: Path,
    formats: list[str],
    review: bool = False,
    force: bool = False,
    manifest: Manifest | None = None,
) -> BatchItem:
    """Draft one bureau and write it; `review`: the .docx carries each sentence's sources
    and each 【待核实】 objection as comments. Skipped when written before from the same
    facts; an edited file is kept and the new draft goes beside it, unless `force`."""
    manifest = manifest or Manifest.load(out_dir)
    stem = f"{safe_name(sheet.bureau.name)}-{sheet.year}"
    names = [f"{stem}.{f}" for f in formats]
    facts = json_hash(sheet.model_dump(mode="json"))
    recipe = json_hash([drafter.recipe(sheet), sorted(formats), review])
    done = None if force else manifest.unchanged(stem, facts, recipe, names)
    if done is not None:
        return BatchItem(
            sheet.bureau.name, sheet.year, "skipped",
            files=[str((Path(out_dir) / done["outputs"][n]).resolve()) for n in names],
            errors=done.get("errors", 0), warnings=done.get("warnings", 0),
            message=_("skipped, unchanged"),
        )  # fmt: skip
    item = BatchItem(sheet.bureau.name, sheet.year, "failed")
    try:
        draft = drafter.draft(sheet)
    except BackendError as exc:
        item.message = str(exc)
        return item
    files = draft_files(draft, [f for f in formats if not (review and f == "docx")], stem)
    if review:
        from .draft_review import review_docx

        files[f"{stem}.docx"] = review_docx(draft)
    counts = draft.check.counts() if draft.check else {"error": 0, "warning": 0}
    item.status = "errors" if counts["error"] else "ok"
    item.errors, item.warnings = counts["error"], counts["warning"]
    placed = manifest.write(
        stem, {n: files[n] for n in names}, force, bureau=sheet.bureau.name, year=sheet.year,
        facts=facts, recipe=recipe, status=item.status, errors=item.errors, warnings=item.warnings,
    )  # fmt: skip
    item.files = [str(p.path.resolve()) for p in placed]
    item.kept = [(str(p.wanted.resolve()), str(p.path.resolve())) for p in placed if p.kept]
    if item.kept:
        item.message = _("{n} edited file(s) kept; the new draft is beside: {names}").format(
            n=len(item.kept), names=", ".join(Path(new).name for _, new in item.kept)
        )
    u = draft.usage
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
    force: bool = False,
) -> list[BatchItem]:
    """Draft every sheet; returns one item per sheet, in the sheets' order. `force`:
    redraft every sheet and overwrite even the files edited since they were written."""
    results: dict[int, BatchItem] = {}
    manifest = Manifest.load(out_dir)
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = {
            pool.submit(draft_one, drafter, s, out_dir, formats, False, force, manifest): i
            for i, s in enumerate(sheets)
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
