from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFS = ROOT / "reference_reports"


def seed(prefix: str) -> Path:
    return next(REFS.glob(f"{prefix}_*.txt"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own FAZHI_HOME so nothing leaks between tests or into the repo."""
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "fazhi-home"))
