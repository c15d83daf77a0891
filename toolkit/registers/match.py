"""A cited title judged against the registers: exact, an accepted short form, a local or
own document, a misquote of a registered title (and what is wrong with it), or unknown.

A misquote is a near miss by edit distance (rapidfuzz) whose edits have one of the shapes
real reports show: a word inserted or dropped, a character substituted (督查 for 督察), a
year range written another way (（2021-2025）, (2021~2025), 2021年—2025年, no dash), or
中华人民共和国 put before a title that has none. A citation that is a registered title
with words added at its end (…规定实施细则, …职责2025年工作清单) names another document,
and so does a law's name with a longer word inside it (突发公共卫生事件应对法 is not
突发事件应对法 misquoted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..outline import title_list
from ..paths import PACKAGE_DATA
from .laws import PREFIX, registers, short_forms
from .records import Entry

VerdictKind = Literal["exact", "short", "local", "misquote", "unknown"]
_DASHES = re.compile(r"[—–－‐―\-]+")
_SPACE = re.compile(r"[\s\u3000]+")
_YEARS = re.compile(r"（((?:19|20)\d{2})年?([—~～至]?)((?:19|20)\d{2})(年?)）")
# What opens a bureau's or an area's own document: it is never a national title misquoted.
_OWN = re.compile(
    r"^(?:本|我|全)?(?:局|委|厅|办|市|县|区|镇|乡|街道|省)(?!场|域|级|情)"
    r"|^(?:中共(?!中央)|关于印发|印发|转发)"
)
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{3,})\1")
_ISSUER_END = ("局", "委", "厅", "部", "办", "政府", "党组", "党委", "委员会", "办公室")


@dataclass(frozen=True)
class Verdict:
    """How a cited title stands against the registers."""

    kind: VerdictKind
    entry: Entry | None = None
    right: str | None = None  # for a misquote: the title as it should be written
    shape: str = ""  # for a misquote: what is wrong, in words a reader sees


@lru_cache(maxsize=8192)
def canonical(title: str) -> str:
    """A title in comparable form: no spaces, full-width brackets, one kind of dash,
    〈〉 and <> as 《》. The 年 of a year range is kept (its absence is a misquote)."""
    t = _SPACE.sub("", title)
    t = t.replace("(", "（").replace(")", "）").replace("<", "《").replace(">", "》")
    t = t.replace("〈", "《").replace("〉", "》").replace("＜", "《").replace("＞", "》")
    return _DASHES.sub("—", t)


def year_key(title: str) -> str:
    """`canonical` with every year range written the official way (（2021—2025年）)."""
    return _YEARS.sub(lambda m: f"（{m.group(1)}—{m.group(3)}年）", canonical(title))


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[Entry, bool]]  # comparable form -> (entry, is a short form)
    by_years: dict[str, Entry]  # year_key of titles with a year range
    by_len: dict[
        int, list[tuple[str, Entry, str]]
    ]  # length -> (comparable form, entry, as written)


@cache
def _index() -> _Index:
    exact: dict[str, tuple[Entry, bool]] = {}
    by_years: dict[str, Entry] = {}
    owners: dict[str, tuple[Entry, str]] = {}
    for e in registers():
        exact[canonical(e.title)] = (e, False)
        owners[canonical(e.title)] = (e, e.title)
        if _YEARS.search(canonical(e.title)):
            by_years[year_key(e.title)] = e
    for e in registers():
        for s in short_forms(e):
            c = canonical(s)
            if c not in exact:
                exact[c] = (e, True)
                owners.setdefault(c, (e, s))
    by_len: dict[int, list[tuple[str, Entry, str]]] = {}
    for form, (entry, written) in owners.items():
        if len(form) >= 4:
            by_len.setdefault(len(form), []).append((form, entry, written))
    return _Index(exact, by_years, by_len)


@cache
def _places() -> tuple[frozenset[str], re.Pattern[str]]:
    lines = (PACKAGE_DATA / "gazetteer.txt").read_text(encoding="utf-8").splitlines()
    stems = frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    suffixes = sorted(title_list().region_suffixes, key=len, reverse=True)
    return stems, re.compile("|".join(map(re.escape, suffixes)))


def is_local(title: str) -> bool:
    """True for a local or own document: the title opens with a place (河南省…, 杭州市…)
    or with the bureau or area itself (局党组…, 市发展改革委…, 全县…)."""
    if _OWN.match(title):
        return True
    stems, suffix = _places()
    for k in range(2, min(8, len(title) - 2) + 1):
        if title[:k] in stems and suffix.match(title, k):
            return True
    return False


def _shape(form: str, cited: str, is_law: bool) -> str | None:
    """What the edits from `form` (registered) to `cited` are, if they are a misquote's."""
    ops = [op for op in Levenshtein.opcodes(form, cited) if op.tag != "equal"]
    if not ops or len(ops) > 2:
        return None
    inserted = sum(op.dest_end - op.dest_start for op in ops if op.tag == "insert")
    deleted = sum(op.src_end - op.src_start for op in ops if op.tag == "delete")
    replaced = sum(op.src_end - op.src_start for op in ops if op.tag == "replace")
    if any(op.tag == "replace" and op.src_end - op.src_start != op.dest_end - op.dest_start
           for op in ops):  # fmt: skip
        return None
    dropped_end = len(ops) == 1 and ops[0].tag == "delete" and ops[0].src_end == len(form)
    if form[-1] != cited[-1] and not dropped_end:
        return None  # another kind of document (…法 is not …条例)
    first, last = ops[0], ops[-1]
    if last.tag == "insert" and last.src_start == len(form):
        return None  # the registered title with words after it: another document
    if first.tag == "insert" and first.src_start == 0:
        head = cited[: first.dest_end]
        if is_local(cited) or head.endswith(_ISSUER_END) or head.endswith("关于"):
            return None
        if len(ops) == 1 and first.dest_end <= 3:
            return f"多了“{head}”"
    long = len(form) > 14
    if inserted > (4 if long else 2) or deleted > (4 if long else 2):
        return None
    if is_law and inserted > 2:
        return None  # a longer word inside a law's name: most likely another law
    if replaced and (len(form) < 10 or replaced > 1 or inserted or deleted):
        return None  # one character (督查 for 督察); two make another word, so another title
    words = []
    if inserted:
        words.append("多了“" + "".join(cited[o.dest_start : o.dest_end] for o in ops
                                      if o.tag == "insert") + "”")  # fmt: skip
    if deleted:
        words.append("漏了“" + "".join(form[o.src_start : o.src_end] for o in ops
                                      if o.tag == "delete") + "”")  # fmt: skip
    if replaced:
        pairs = [(form[o.src_start : o.src_end], cited[o.dest_start : o.dest_end])
                 for o in ops if o.tag == "replace"]  # fmt: skip
        words.append("、".join(f"“{a}”误作“{b}”" for a, b in pairs))
    return "，".join(words)


@lru_cache(maxsize=256)
def _near(length: int) -> tuple[list[str], list[tuple[str, Entry, str]]]:
    """Registered forms a citation of `length` characters may misquote: a misquote is at
    most 4 characters longer or shorter than its title (3 more at its start)."""
    near = [t for n in range(length - 4, length + 5) for t in _index().by_len.get(n, ())]
    return [t[0] for t in near], near


def on_record(title: str) -> Entry | None:
    """The entry whose official title or accepted short form `title` is (no near misses)."""
    hit = _index().exact.get(canonical(title))
    return hit[0] if hit else None


@lru_cache(maxsize=8192)
def judge(cited: str) -> Verdict:
    """The verdict on a title cited in 《》 (without the marks)."""
    idx = _index()
    c = canonical(cited)
    if len(c) < 2:
        return Verdict("unknown")
    hit = idx.exact.get(c)
    if hit is not None:
        return Verdict("short" if hit[1] else "exact", hit[0])
    if _DOUBLED.search(c):
        return Verdict("unknown")  # a doubled word: the text check (T502) reports it
    if "《" in c or "》" in c:
        return Verdict("unknown")  # a notice issuing a document: its inner title is judged
    entry = idx.by_years.get(year_key(c))
    if entry is not None:
        return Verdict("misquote", entry, entry.title, "年份区间的写法与原文不符")
    if is_local(c):
        return Verdict("local")
    if c.startswith(PREFIX):
        hit = idx.exact.get(c[len(PREFIX) :])
        if hit is not None and not hit[1]:
            return Verdict("misquote", hit[0], hit[0].title, "多了“中华人民共和国”")
    if len(c) < 4:
        return Verdict("unknown")
    forms, near = _near(len(c))
    best: tuple[float, Verdict] | None = None
    for _, score, k in process.extract(c, forms, scorer=fuzz.ratio, score_cutoff=75, limit=6):
        form, entry, written = near[k]
        shape = _shape(form, c, is_law=entry.title.endswith("法"))
        if shape and (best is None or score > best[0]):
            best = (score, Verdict("misquote", entry, written, shape))
    return best[1] if best else Verdict("unknown")
