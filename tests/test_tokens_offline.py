"""Token counting needs no network: the encoding ships in a package."""

from __future__ import annotations

import socket

import pytest

from toolkit.text import tokens


def test_token_counts_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "/nonexistent-cache-dir")
    tokens.encoding.cache_clear()
    try:
        n = tokens.count_tokens("全年召开法治建设专题会议4次。")
    finally:
        tokens.encoding.cache_clear()
    assert 5 <= n <= 30
    cut = tokens.truncate_to_tokens("规范性文件合法性审查" * 50, 20)
    assert (tokens.count_tokens(cut) <= 20 and "规范性文件".startswith(cut[:5])) or cut.startswith(
        "规范"
    )
