"""Reading files: encodings are detected, unusable files give one clear error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import InputError, parse_file
from toolkit.readers import read_document

from .conftest import seed

SAMPLE = "2023年某县科技局法治政府建设工作情况报告\n一、主要举措和成效\n（一）加强组织领导。全年召开专题会议3次。\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
     ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le")],
)  # fmt: skip
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / f"r-{encoding}.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    decoded = read_document(path)
    assert decoded.text.lstrip("\ufeff") == SAMPLE
    assert decoded.encoding == expected
    report = parse_file(path)
    assert report.year == 2023
    assert report.sections[0].id == "measures"


def test_gbk_seed_parses_like_utf8(tmp_path: Path) -> None:
    original = seed("003")
    gbk = tmp_path / "003-gbk.txt"
    gbk.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    a, b = parse_file(original), parse_file(gbk)
    assert b.encoding == "gb18030"
    assert (a.title, a.year, a.issuer, a.section_ids()) == (
        b.title,
        b.year,
        b.issuer,
        b.section_ids(),
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\n \t", "empty"), (bytes(range(256)) * 20, "not a text file"),
     (b"\x89PNG\r\n\x1a\n" + bytes(500), "not a text file")],
)  # fmt: skip
def test_unusable_files_raise_input_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        parse_file(path)
    assert str(path) in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        parse_file(tmp_path)


def _fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("kind", ["missing", "empty", "binary"])
def test_cli_parse_bad_file_one_line_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 10)
    result = _fazhi("parse", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and "Traceback" not in result.stderr
    assert result.stdout == ""
