"""Tokenizers for the full-text index: character bigrams or jieba words (rjieba)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Literal

Tokenizer = Literal["bigram", "jieba"]
_RUNS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+")
_STOP = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "在",
        "是",
        "对",
        "为",
        "将",
        "把",
        "等",
        "并",
        "中",
        "上",
        "下",
        "年",
        "月",
        "日",
        "个",
        "之",
        "其",
        "或",
        "也",
        "又",
        "以",
        "于",
        "由",
    ]
)

STOP_WORDS = _STOP


def bigrams(text: str) -> list[str]:
    """Overlapping character bigrams of each Han run; Latin words and numbers whole."""
    out: list[str] = []
    for run in _RUNS.findall(text):
        if not ("\u4e00" <= run[0] <= "\u9fff"):
            out.append(run.lower())
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def jieba_words(text: str) -> list[str]:
    """Words from rjieba (jieba's dictionary, Rust), minus punctuation and stop words."""
    import rjieba

    return [
        w.lower() if w.isascii() else w for w in rjieba.cut(text) if w.isalnum() and w not in _STOP
    ]


@cache
def tokenizer(name: Tokenizer) -> Callable[[str], list[str]]:
    return {"bigram": bigrams, "jieba": jieba_words}[name]
