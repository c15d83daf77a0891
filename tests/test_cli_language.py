"""Every command's help and every error the bad-input suite provokes: Chinese by default, no
untranslated English left; English with FAZHI_LANG=en, no Chinese but the data it quotes."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli.app import COMMANDS, build_app, main

from .conftest import ROOT, seed

# Chinese the English interface may show: the genre's name and examples of data.
CHINESE_DATA = ("法治政府建设年度报告", "规范性文件备案审查", "【待核实】", "高台县科学技术局", "三十")
# Quoted values, commands and a library's own exception text (`ValueError: …`) are data.
_SPANS = re.compile(r"`[^`]*`|'[^']*'|“[^”]*”|\"[^\"]*\"|\[[^\]]*\]|\b\w+(?:Error|Exception): [^）)]*")
_TOKENS = re.compile(r"(?:\S*[/\\.]\S*|--?[\w-]+|\$?[A-Z][A-Z0-9_]+\b|\w*\d\w*)")
_ENGLISH_RUN = re.compile(r"\b[A-Za-z]+(?: [A-Za-z]+){2,}\b")
_CJK = re.compile(r"[\u3400-\u9fff]")


def english_left(text: str) -> list[str]:
    """Runs of three or more English words, once codes, paths, option names, quoted values
    and environment variables are set aside."""
    text = _TOKENS.sub(" ", _SPANS.sub(" ", text))
    return _ENGLISH_RUN.findall(" ".join(text.split()))


def chinese_left(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """Chinese characters outside quoted values, paths and the data allowed."""
    for word in (*CHINESE_DATA, *data):
        text = text.replace(word, " ")
    text = _SPANS.sub(" ", text)
    text = " ".join(t for t in text.split() if not ("/" in t or "." in t[1:]))
    return _CJK.findall(text)


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    if request.param == "en":
        monkeypatch.setenv("FAZHI_LANG", "en")
    else:
        monkeypatch.delenv("FAZHI_LANG", raising=False)  # Chinese is the default
    return request.param


def assert_in_language(text: str, lang: str, data: tuple[str, ...] = ()) -> None:
    if lang == "zh":
        assert _CJK.search(text), text
        assert english_left(text) == [], text
    else:
        assert chinese_left(text, data) == [], text


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_every_help_is_in_the_language_asked_for(name: str | None, lang: str) -> None:
    args = ["--help"] if name is None else [name, "--help"]
    result = CliRunner().invoke(build_app(), args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert_in_language(result.output, lang)
    heading = {"zh": "用法：", "en": "Usage:"}[lang]
    assert heading in result.output


def test_the_help_of_options_follows_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAZHI_LANG", "en")
    english = CliRunner().invoke(build_app(), ["check", "--help"], env={"COLUMNS": "200"}).output
    monkeypatch.setenv("FAZHI_LANG", "zh")
    chinese = CliRunner().invoke(build_app(), ["check", "--help"], env={"COLUMNS": "200"}).output
    assert "Print every rule code and exit." in english and "Show this message and exit." in english
    assert "列出全部规则代码后退出。" in chinese and "显示本帮助后退出。" in chinese
    assert "选项" in chinese and "Options" not in chinese


def _run(args: list[str], capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:  # fmt: skip
    """`fazhi ARGS` in this process, through the same entry point as the installed command."""
    monkeypatch.setattr(sys, "argv", ["fazhi", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    return int(stop.value.code or 0), capsys.readouterr().err


SHEET_HEAD = "bureau: {name: 临川县科学技术局, level: county}\nyear: 2024\n"
BAD_SHEETS = {
    "repeated": SHEET_HEAD + "sections:\n  measures:\n    - facts: [召开会议, 召开会议]\n",
    "approximate": SHEET_HEAD + "sections:\n  measures:\n    - facts: [{text: a, value: 约三十}]\n",
    "year": "bureau: {name: 临川县科学技术局, level: county}\nyear: 1800\nsections: {}\n",
    "unknown_key": SHEET_HEAD + "section: {}\n",
    "list": "- just\n- a list\n",
    "bad_yaml": "bureau: [unclosed\n",
    "missing": "year: 2024\nsections: {}\n",
    "level": "bureau: {name: 临川县科学技术局, level: village}\nyear: 2024\nsections: {}\n",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "junk.docx": b"PK\x03\x04" + os.urandom(2000),
        "junk.pdf": b"%PDF-1.4\n" + os.urandom(500),
        "notes.txt": "今天天气很好。我们去公园散步。\n".encode(),
        "gbk.txt": seed("004").read_text(encoding="utf-8").encode("gbk"),
        "junk.xlsx": os.urandom(500),
        "broken.sqlite": b"this is not a database" * 100,
        **{f"{k}.yaml": v.encode() for k, v in BAD_SHEETS.items()},
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    (d / "table.csv").write_text("bureau,year,text\n临川县科学技术局,2024,召开会议\n", encoding="utf-8")
    return {name: d / name for name in [*files, "table.csv"]}


def _cases() -> dict[str, list[str]]:
    sheet = str(ROOT / "examples/facts/002_gaotai_2024.yaml")
    cases = {
        "no such file": ["check", "{d}/无此文件.txt"],
        "empty": ["check", "{empty.txt}"],
        "binary": ["parse", "{binary.txt}"],
        "junk docx": ["check", "{junk.docx}"],
        "junk pdf": ["parse", "{junk.pdf}"],
        "a directory": ["check", "{d}"],
        "no file": ["check"],
        "deadline": ["check", "{gbk.txt}", "--deadline", "13-45"],
        "select": ["check", "{gbk.txt}", "--select", "ZZ9"],
        "extract not a report": ["extract", "{notes.txt}"],
        "extract out": ["extract", str(seed("004")), "-o", "{d}/sheet.txt"],
        "fix both": ["fix", "{gbk.txt}", "--write", "-o", "{d}/x.txt"],
        "draft bad format": ["draft", sheet, "--format", "pdf", "-o", "{d}/out"],
        "draft not a sheet": ["draft", "{notes.txt}", "-o", "{d}/out"],
        "batch junk": ["batch", "{junk.xlsx}", "-o", "{d}/out"],
        "batch columns": ["batch", "{table.csv}", "-o", "{d}/out"],
        "search k": ["search", "x", "-k", "0", "--store", "{broken.sqlite}"],
        "corpus store": ["corpus", "--store", "{broken.sqlite}"],
        "tokenizer": ["ingest", "{notes.txt}", "--tokenizer", "x", "--store", "{d}/c.sqlite"],
        "years": ["search", "x", "--year-from", "2025", "--year-to", "2020", "--store",
                  "{d}/c.sqlite"],
        "level": ["search", "x", "--level", "town", "--store", "{d}/c.sqlite"],
        # usage errors, worded by typer
        "no such option": ["check", "--formt", "json"],
        "bad choice": ["check", "-f", "xml", "{gbk.txt}"],
        "not a number": ["check", "--year", "abc", "{gbk.txt}"],
        "missing argument": ["parse"],
        "no such command": ["chek"],
        "extra argument": ["parse", "a", "b"],
        "option needs a value": ["check", "{gbk.txt}", "--year"],
    }  # fmt: skip
    cases.update({f"sheet {k}": ["draft", "{" + k + ".yaml}", "-o", "{d}/out"] for k in BAD_SHEETS})
    return cases


@pytest.mark.parametrize("case", sorted(_cases()))
def test_every_error_is_one_line_in_the_language_asked_for(
    case: str, inputs: dict[str, Path], lang: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    values = {"d": str(next(iter(inputs.values())).parent), **{k: str(v) for k, v in inputs.items()}}
    args = [re.sub(r"\{([^{}]+)\}", lambda m: values[m[1]], a) for a in _cases()[case]]
    code, err = _run(args, capsys, monkeypatch)
    assert code == 2, (code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    prefix = {"zh": "fazhi: 错误：", "en": "fazhi: error: "}[lang]
    assert lines[0].startswith(prefix), lines[0]
    message = lines[0].removeprefix(prefix)
    for path in sorted(values.values(), key=len, reverse=True):
        message = message.replace(path, " ")
    assert_in_language(message, lang, data=("临川县科学技术局", "约三十", "召开会议"))


def test_a_summary_is_in_the_language_asked_for(
    inputs: dict[str, Path], lang: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A GBK report is read and checked; the summary line after the (Chinese) findings is ours."""
    monkeypatch.setattr(sys, "argv", ["fazhi", "check", str(inputs["gbk.txt"]), "-f", "concise"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 1
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert_in_language(summary, lang)
    assert ("个问题" in summary) == (lang == "zh")
