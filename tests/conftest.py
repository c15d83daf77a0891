from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.corpus import CorpusStore, ingest

ROOT = Path(__file__).resolve().parent.parent
REFS = ROOT / "reference_reports"


def seed(prefix: str) -> Path:
    return next(REFS.glob(f"{prefix}_*.txt"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own FAZHI_HOME so nothing leaks between tests or into the repo."""
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "fazhi-home"))


@pytest.fixture(scope="session")
def reference_store(tmp_path_factory: pytest.TempPathFactory) -> CorpusStore:
    """The bundled reference reports ingested once for the whole run (read-only use)."""
    st = CorpusStore(tmp_path_factory.mktemp("reference-corpus") / "c.sqlite")
    ingest([REFS], st, workers=1)
    return st


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that match the toolkit's messages match the English ones (msgids); the Chinese
    default is tested on its own (test_i18n.py, test_cli_language.py set the language)."""
    monkeypatch.setenv("FAZHI_LANG", "en")
