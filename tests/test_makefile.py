"""The Makefile as a newcomer meets it: `make lab` starts JupyterLab as root and as a user,
with extra flags from LAB_FLAGS; installs run without setuptools' editable-install banner.

The virtual environment is a stand-in (python and jupyter that record how they were called),
so no package is installed and no server started."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDER = """#!/bin/sh
echo "$(basename "$0")|$PYTHONWARNINGS|$*" >> "$(dirname "$0")/../calls.log"
"""


@pytest.fixture
def project() -> Path:
    """A copy of the Makefile beside a stand-in .venv, readable by any user."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    folder = Path(tempfile.mkdtemp(prefix="fazhi-make-"))
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, folder / name)
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "jupyter"):
        (bin_dir / tool).write_text(RECORDER)
        (bin_dir / tool).chmod(0o755)
    stamp = folder / ".venv" / ".installed-stamp"
    stamp.touch()
    later = (folder / "pyproject.toml").stat().st_mtime + 10
    os.utime(stamp, (later, later))  # installed after pyproject.toml changed: no reinstall
    (folder / ".venv" / "calls.log").touch()
    for p in (folder, *folder.rglob("*")):
        p.chmod(0o777 if p.is_dir() or p.name == "calls.log" else p.stat().st_mode | 0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _lab(folder: Path, *prefix: str, flags: str = "") -> list[str]:
    cmd = [*prefix, "make", "-s", "-C", str(folder), "lab"]
    if flags:
        cmd.append(f"LAB_FLAGS={flags}")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return (folder / ".venv" / "calls.log").read_text().splitlines()


def _jupyter_args(calls: list[str]) -> list[str]:
    line = next(c for c in calls if c.startswith("jupyter|"))
    return line.split("|", 2)[2].split()


def test_make_lab_passes_lab_flags_and_allows_root_only_as_root(project: Path) -> None:
    args = _jupyter_args(_lab(project, flags="--no-browser --port 8899"))
    assert args[0] == "lab" and args[-1] == "notebooks/"
    assert "--no-browser" in args and "--port" in args and "8899" in args
    assert ("--allow-root" in args) == (os.geteuid() == 0)


def test_make_lab_as_a_user_does_not_allow_root(project: Path) -> None:
    if os.geteuid() != 0:
        args = _jupyter_args(_lab(project))
    elif shutil.which("runuser"):
        args = _jupyter_args(_lab(project, "runuser", "-u", "nobody", "--"))
    else:
        pytest.skip("running as root without runuser: cannot run make as a user")
    assert args == ["lab", "notebooks/"]


def test_installs_run_without_the_editable_install_banner(project: Path) -> None:
    calls = _lab(project)
    pip = [c.split("|") for c in calls if c.startswith("python|") and "-m pip install" in c]
    assert pip, calls
    # setuptools' build backend inherits the filter and drops its "Editable installation" banner
    assert all(warnings == "ignore:Editable installation" for _, warnings, _ in pip)
    dry = subprocess.run(
        ["make", "-n", "-B", "-C", str(project), ".venv/.installed-stamp"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    installs = [ln for ln in dry.stdout.splitlines() if "pip install" in ln]
    assert installs and all('PYTHONWARNINGS="ignore:Editable installation"' in ln for ln in installs)
