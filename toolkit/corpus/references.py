"""The bundled reference reports and their metadata sidecars (`NAME.meta.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import InputError
from ..i18n import _
from ..parse.parser import parse_file
from ..parse.report import ParsedReport
from ..paths import reference_dir
from ..readers import SUFFIXES

REPORT_SUFFIXES = SUFFIXES  # every format the readers read


class ReferenceMeta(BaseModel):
    """What we know of a reference report beyond its text."""

    model_config = ConfigDict(extra="forbid")

    source_file: str
    language: Literal["zh", "en"]
    translation: bool = False
    original_language: Literal["zh", "en"] | None = None
    issuer: str | None = None
    level: Literal["province", "city", "county", "district"] | None = None
    year: int | None = None
    genre: str = "fazhi_annual_report"
    note: str = ""
    mask_terms: list[str] = []  # names the masker's rules miss, masked as places


@dataclass
class Reference:
    path: Path
    meta: ReferenceMeta | None
    report: ParsedReport


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.yaml")


def load_meta(path: Path) -> ReferenceMeta | None:
    side = sidecar_of(path)
    if not side.exists():
        return None
    try:
        return ReferenceMeta.model_validate(yaml.safe_load(side.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(
            _("{path}: invalid metadata sidecar ({why})").format(
                path=side, why=str(exc).splitlines()[0]
            )
        ) from None


def report_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
    )


def load_references(folder: str | Path | None = None) -> list[Reference]:
    """Parse every report in `folder` (default: the bundled `reference_reports/`)."""
    root = Path(folder) if folder else reference_dir()
    if not root.is_dir():
        raise InputError(
            _("{path}: reference folder not found (set FAZHI_REFERENCE_DIR)").format(path=root)
        )
    refs = []
    for path in report_files(root):
        meta = load_meta(path)
        report = parse_file(path)
        if meta:
            # The sidecar is the source of truth where the text is silent or wrong.
            report.year = meta.year or report.year
            report.issuer = meta.issuer or report.issuer
            report.level = meta.level or report.level
        refs.append(Reference(path=path, meta=meta, report=report))
    return refs
