"""The review loop: findings as Word comments on a copy of the document, safe mechanical
fixes as tracked changes (Word) or a diff / rewritten file (text).

`annotate_file(path, out)` and `fix_file(path, write=..., out=...)` are what `fazhi check
--annotate` and `fazhi fix` call; `plan_fixes` gives the edits as data.
"""

from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.findings import CheckReport, Finding
from ..errors import InputError
from ..i18n import _
from .annotate import annotate
from .fixes import Edit, Fix, FixPlan, apply_edits, plan_fixes
from .source import TEXT_FORMATS, Source, check_output, load_source, write_bytes


@dataclass
class AnnotateOutcome:
    """The annotated copy written, and how the findings were placed."""

    out: Path
    result: CheckReport
    at_place: int
    at_title: int


def annotate_file(path: str | Path, out: str | Path, **check: Any) -> AnnotateOutcome:
    """Check `path` and write a .docx copy of it with every finding as a comment to `out`
    (.txt/.md/.pdf input: a new .docx of its text). The input is never written."""
    source = load_source(path)
    out = check_output(source.path, Path(out), ".docx")
    result = source.check(**check)
    made = annotate(source, result)
    write_bytes(out, made.data)
    return AnnotateOutcome(out, result, made.at_place, made.at_title)


@dataclass
class FixOutcome:
    """What `fix_file` did: the fixes made, the fixable findings left (with the reason),
    the diff of a text file and the file written, if any."""

    source: Source
    result: CheckReport
    applied: list[Fix]
    left: list[tuple[Finding, str]]
    diff: str = ""
    written: Path | None = None
    new_text: str | None = None
    edits: list[Edit] = field(default_factory=list)

    @property
    def fixed(self) -> list[Finding]:
        return [f for fix in self.applied for f in fix.findings]

    @property
    def remaining(self) -> list[Finding]:
        """The findings that are still there after the fixes (they need a person)."""
        done = {id(f) for f in self.fixed}
        return [f for f in self.result.findings if id(f) not in done]


def _encode(source: Source, text: str) -> bytes:
    """The text in the file's own encoding, byte order mark and line endings."""
    text = text.replace("\n", source.newline) if source.newline != "\n" else text
    try:
        if source.encoding.lower() in ("utf-16", "utf16"):
            if source.data.startswith(codecs.BOM_UTF16_BE):
                return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        return text.encode(source.encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        raise InputError(
            _("{path}: cannot write the fixed text as {encoding} ({why})").format(
                path=source.path, encoding=source.encoding, why=exc
            )
        ) from None


def fix_file(
    path: str | Path, *, write: bool = False, out: str | Path | None = None, **check: Any
) -> FixOutcome:
    """Check `path` and make its safe mechanical fixes.

    Text (.txt/.md): a unified diff; `write=True` rewrites the file (atomically, in its
    encoding and line endings), `out` writes the fixed text elsewhere. Word (.docx): the
    fixes as tracked changes by fazhi, written to `out` (or in place with `write=True`).
    """
    source = load_source(path)
    if write and out is not None:
        raise InputError(_("give either --write or -o OUT, not both"))
    target = source.path if write else (check_output(source.path, Path(out)) if out else None)
    result = source.check(**check)
    plan = plan_fixes(result, source.lines)
    if source.format == "docx":
        from .docx_fix import fix_docx

        done = fix_docx(source, plan)
        left = plan.left + [(f, why) for fix, why in done.left for f in fix.findings]
        outcome = FixOutcome(source, result, done.applied, left)
        outcome.edits = [e for f in done.applied for e in f.edits]
        if target is not None:
            if target.suffix.lower() != ".docx":
                raise InputError(
                    _("{path}: the fixed copy of a .docx must be a .docx").format(path=target)
                )
            write_bytes(target, done.data)
            outcome.written = target
        return outcome
    if source.format not in TEXT_FORMATS:
        raise InputError(
            _("{path}: fix works on .txt, .md and .docx; use `fazhi check --annotate OUT.docx` "
              "for a .{format}").format(path=source.path, format=source.format)
        )  # fmt: skip
    if target is not None and source.document.issues:
        raise InputError(
            _("{path}: has bytes that could not be decoded (T511); rewriting it would change "
              "them too. Fix them by hand first, or read the diff (no --write, no -o)").format(
                path=source.path)
        )  # fmt: skip
    new_text = apply_edits(source.lines, plan.edits)
    name = source.path.name
    diff = "".join(
        difflib.unified_diff(
            [ln + "\n" for ln in source.lines],
            [ln + "\n" for ln in new_text.split("\n")],
            f"a/{name}",
            f"b/{name}",
        )
    )
    outcome = FixOutcome(source, result, plan.fixes, plan.left, diff, None, new_text, plan.edits)
    if target is not None and plan.fixes:
        write_bytes(target, _encode(source, new_text))
        outcome.written = target
    elif target is not None and target != source.path:
        write_bytes(target, source.data)  # nothing to fix: the copy is the original
        outcome.written = target
    return outcome


__all__ = [
    "AnnotateOutcome",
    "Edit",
    "Fix",
    "FixOutcome",
    "FixPlan",
    "annotate_file",
    "apply_edits",
    "fix_file",
    "load_source",
    "plan_fixes",
]
