"""Exact and near duplicates: MinHash signatures of a report's text (read as simplified,
so a traditional-character mirror matches its original) in an LSH index (datasketch), and
which copy wins: the issuer's own government site, then simplified text, then the
original file over a page, then the copy collected first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
_NOT_TEXT = re.compile(r"[\s\W_]+")


@cache
def _permutations() -> object:
    return MinHash(num_perm=NUM_PERM).permutations


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of a text's character 5-grams (spaces and punctuation left out),
    computed on the code points with numpy: a polynomial hash of each window."""
    flat = _NOT_TEXT.sub("", text)
    points = np.frombuffer(flat.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(points) < SHINGLE:
        points = np.pad(points, (0, SHINGLE - len(points)))
    n = len(points) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):  # (((c0 * P + c1) * P + c2) ...) mod 2^32
        h = (h * np.uint64(1_000_003) + points[k : k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(h)


def _identity(value: int) -> int:
    return value


def signature(text: str) -> MinHash:
    """The MinHash of a text's character 5-grams (see `shingle_hashes`)."""
    m = MinHash(
        num_perm=NUM_PERM, hashfunc=_identity, permutations=_permutations(), scheme="affine32"
    )
    m.update_batch(shingle_hashes(text).tolist())
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype=np.uint32).copy()
    return MinHash(
        hashvalues=values, hashfunc=_identity, permutations=_permutations(), scheme="affine32"
    )


@dataclass(frozen=True)
class Copy:
    """A collected copy as the ranking sees it."""

    url: str
    official: bool
    traditional: bool
    original: bool  # a report file (the issuer's document), not a page
    order: int  # collected earlier: smaller

    def rank(self) -> tuple[bool, bool, bool, int]:
        return (self.official, not self.traditional, self.original, -self.order)


class NearIndex:
    """The collected copies' signatures; `similar` finds the ones above the threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[str, MinHash] = {}

    def add(self, key: str, sig: MinHash) -> None:
        if key in self.sigs:
            self.remove(key)
        self.lsh.insert(key, sig)
        self.sigs[key] = sig

    def remove(self, key: str) -> None:
        if key in self.sigs:
            self.lsh.remove(key)
            del self.sigs[key]

    def similar(self, sig: MinHash) -> list[tuple[str, float]]:
        """(key, estimated Jaccard) of copies at or above the threshold, most similar first."""
        found = [(k, sig.jaccard(self.sigs[k])) for k in self.lsh.query(sig)]
        return sorted((f for f in found if f[1] >= self.threshold), key=lambda f: -f[1])
