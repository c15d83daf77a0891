"""Every command answers `--help` with its own description, and the app lists them all."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from toolkit.cli import COMMANDS
from toolkit.cli.app import build_app, command_help

runner = CliRunner()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_answers_help(name: str) -> None:
    result = runner.invoke(build_app(), [name, "--help"])  # English: conftest sets FAZHI_LANG
    assert result.exit_code == 0, result.output
    first_line = command_help()[name].strip().splitlines()[0]
    # Without whitespace: the terminal wraps a Chinese line anywhere, adding a space.
    assert "".join(first_line.split())[:24] in "".join(result.output.split())


def test_the_app_lists_every_command() -> None:
    result = runner.invoke(build_app(), ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in result.output
