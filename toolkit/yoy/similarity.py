"""Measurable similarity of two short texts from two years of one bureau's reports.

Words come from jieba (rjieba, the corpus tokenizer) with numbers and one-character words
dropped; each word is weighted by its inverse document frequency over the facts being
compared (a BM25-style idf), so the words every fact shares (工作, 加强, 推进) count little
and the words that name a task (电商, 展会, 执法证) count much."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..corpus.segment import jieba_words

_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=8192)
def words(text: str) -> frozenset[str]:
    """Content words of `text`: jieba words of two or more characters, no numbers."""
    return frozenset(w for w in jieba_words(text) if len(w) >= 2 and not _DIGITS.search(w))


class Idf:
    """Inverse document frequencies over a set of texts (BM25's formula, floored at 0.1)."""

    def __init__(self, texts: Iterable[str]) -> None:
        docs = [words(t) for t in texts]
        self.n = len(docs)
        self.df = Counter(w for d in docs for w in d)

    def __call__(self, word: str) -> float:
        df = self.df.get(word, 0)
        return max(0.1, math.log(1 + (self.n - df + 0.5) / (df + 0.5)))

    def mass(self, ws: Iterable[str]) -> float:
        return sum(self(w) for w in ws)


def containment(a: str, b: str, idf: Idf) -> float:
    """Share of `a`'s word weight found in `b` (0–1): how much of a plan a measure covers."""
    wa, wb = words(a), words(b)
    total = idf.mass(wa)
    return idf.mass(wa & wb) / total if total else 0.0


def overlap(a: str, b: str, idf: Idf) -> float:
    """Weighted Dice of the two texts' words (0–1, symmetric): the same fact reworded."""
    wa, wb = words(a), words(b)
    total = idf.mass(wa) + idf.mass(wb)
    return 2 * idf.mass(wa & wb) / total if total else 0.0


def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two short labels (0–1)."""
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    if not ga or not gb:
        return 1.0 if a == b and a else 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))
