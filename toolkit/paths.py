"""Where the toolkit keeps its data: one directory, `.fazhi/` or `$FAZHI_HOME`."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def fazhi_home() -> Path:
    """The data directory (corpus store, caches, drafts in progress); not created here."""
    env = os.environ.get("FAZHI_HOME")
    return Path(env).expanduser() if env else Path.cwd() / ".fazhi"


def reference_dir() -> Path:
    """The bundled reference reports: `reference_reports/` beside the package."""
    env = os.environ.get("FAZHI_REFERENCE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent / "reference_reports"
