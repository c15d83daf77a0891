"""What the command groups share: output formats, JSON, the findings printer, drafting options."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from ..draft.pipeline import Drafter
from ..errors import InputError
from ..i18n import N_, _
from ..output.render import (
    check_table,
)

Format = Literal["table", "json"]
CheckFormat = Literal["table", "concise", "json"]
FormatsOpt = Annotated[str, typer.Option("--format", help=N_("Comma-separated: md, docx, json."))]


def wide_terminal() -> bool:
    """A terminal wide enough for the findings table (otherwise one line per finding)."""
    import shutil

    return sys.stdout.isatty() and shutil.get_terminal_size().columns >= 140


def print_findings(result: object, format: str | None) -> None:
    from ..output.render import concise_lines

    chosen = format or ("table" if wide_terminal() else "concise")
    if chosen == "json":
        emit_json(result.to_dict())  # type: ignore[attr-defined]
    elif chosen == "concise":
        sys.stdout.write("".join(line + "\n" for line in concise_lines(result)))  # type: ignore[arg-type]
    else:
        Console().print(check_table(result))  # type: ignore[arg-type]


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def drafter_from(
    backend: str | None, model: str | None, config: Path | None, concurrency: int | None
) -> Drafter:
    return Drafter.from_config(config, backend=backend, model=model, concurrency=concurrency)


def parse_formats(text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("md", "docx", "json")]
    if bad or not formats:
        raise InputError(
            _("--format {value}: choose from md, docx, json (comma-separated)").format(
                value=repr(text)
            )
        )
    return formats
