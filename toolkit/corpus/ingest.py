"""Ingest report files into a corpus store (SQLite or Milvus): parse, chunk, mask and
tokenize in worker processes, then add each batch (one transaction in SQLite; pending/done
steps in Milvus). Files already stored are skipped, so an interrupted ingest resumes where
it stopped; a bad file is reported and skipped."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FazhiError
from ..parse.parser import parse_document, parse_text
from ..parse.report import ParsedReport
from ..readers import MAX_BYTES, Document, read_document
from .chunking import DEFAULT_MAX_TOKENS, chunk_report
from .masking import Masker
from .records import Progress, Store
from .references import REPORT_SUFFIXES, load_meta
from .segment import Tokenizer, tokenizer
from .store import PreparedReport


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, why)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and report files found under folders (sorted, recursive)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES
                )
            )
        else:
            out.append(p)
    return out


def prepare_text(
    text: str,
    source: str,
    sha256: str,
    tokenizer_name: Tokenizer,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    meta_path: Path | None = None,
    document: Document | None = None,
    parsed: ParsedReport | None = None,
) -> PreparedReport:
    """Chunk, mask and tokenize one report; `parsed` when the caller has parsed it already."""
    report = parsed or (parse_document(document) if document else parse_text(text, path=source))
    meta = load_meta(meta_path) if meta_path else None
    if meta:
        report.year = meta.year or report.year
        report.issuer = meta.issuer or report.issuer
        report.level = meta.level or report.level
    masker = Masker(issuer=report.issuer, extra=meta.mask_terms if meta else ())
    chunks = chunk_report(report, masker, max_tokens)
    tok = tokenizer(tokenizer_name)
    return PreparedReport(
        sha256=sha256,
        source=source,
        report=report,
        chunks=chunks,
        terms=[tok(c.text) for c in chunks],
        translation=bool(meta and meta.translation),
        genre=meta.genre if meta else None,
    )


def prepare_file(
    path: Path,
    tokenizer_name: Tokenizer,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    sha256: str | None = None,
) -> PreparedReport:
    """Read and prepare one file; raises `InputError` with the file name if unusable.

    `sha256` is the content hash when the caller has it already."""
    doc = read_document(path)
    digest = sha256 or _sha(path) or ""
    return prepare_text(doc.text, str(path), digest, tokenizer_name, max_tokens, path, doc)


def _work(args: tuple[str, Tokenizer, int, str | None]) -> PreparedReport | tuple[str, str]:
    path, tok, max_tokens, sha = args
    try:
        return prepare_file(Path(path), tok, max_tokens, sha)
    except FazhiError as exc:
        return (path, str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        return (path, f"{path}: could not be processed ({type(exc).__name__}: {exc})")


def _sha(path: Path) -> str | None:
    """The content hash, or None for what `prepare_file` will refuse anyway."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int | None = None,
    batch: int = 32,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    progress: Progress | None = None,
) -> IngestResult:
    """Add every report file under `paths` to `store`; see the module docstring."""
    files = expand_paths(paths)
    result = IngestResult()
    todo: list[tuple[Path, str | None]] = []
    hashes = [(f, _sha(f)) for f in files]
    stored = store.known(sha for _, sha in hashes if sha is not None)
    for f, sha in hashes:
        if sha is not None and sha in stored:
            result.skipped.append(str(f))
        else:
            todo.append((f, sha))
    total, done = len(files), len(result.skipped)
    if progress:
        progress(done, total)
    workers = workers or min(2, os.cpu_count() or 1)
    jobs = [(str(f), store.tokenizer, max_tokens, sha) for f, sha in todo]
    pending: list[PreparedReport] = []

    def flush() -> None:
        if pending:
            store.add(pending)
            result.added.extend(p.source for p in pending)
            pending.clear()

    def handle(item: PreparedReport | tuple[str, str]) -> None:
        nonlocal done
        if isinstance(item, tuple):
            result.failed.append(item)
        else:
            pending.append(item)
            if len(pending) >= batch:
                flush()
        done += 1
        if progress:
            progress(done, total)

    if workers > 1 and len(jobs) > 4:
        # A Milvus client's gRPC threads do not survive fork(): spawn workers for it.
        context = None if store.fork_safe else multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for item in pool.map(_work, jobs, chunksize=4):
                handle(item)
    else:
        for job in jobs:
            handle(_work(job))
    flush()
    if result.added:
        store.flush()
    return result
