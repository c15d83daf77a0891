"""The interface speaks Chinese unless English is asked for, and the catalogs are complete."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scripts.i18n import problems
from toolkit.i18n import _, language


def test_every_message_in_the_code_has_chinese_and_the_catalog_is_compiled() -> None:
    assert problems() == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "zh"),  # a server's default locale is no request
        ({"FAZHI_LANG": "en"}, "en"),
        ({"FAZHI_LANG": "zh"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "en:zh"}, "en"),
        ({"FAZHI_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
    ],
)
def test_language_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in ("FAZHI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language() == expected


def test_a_message_is_chinese_by_default_and_english_on_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FAZHI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    assert _("fazhi: interrupted") == "fazhi: 已中断"
    monkeypatch.setenv("FAZHI_LANG", "en")
    assert _("fazhi: interrupted") == "fazhi: interrupted"


def test_a_user_error_is_one_chinese_line(tmp_path) -> None:
    missing = tmp_path / "无此文件.txt"
    res = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(missing)],
                         capture_output=True, text=True, env={"PATH": "", "FAZHI_LANG": "zh"})  # fmt: skip
    assert res.returncode == 2
    assert res.stderr.startswith("fazhi: 错误：") and len(res.stderr.strip().splitlines()) == 1
