"""Word XML at the level of characters: a paragraph's visible text mapped to its runs, runs
split at a character without losing their formatting, tracked insertions and deletions
(`w:ins`/`w:del`), a deleted paragraph mark, and comments anchored on a span of text."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

AUTHOR = "fazhi"
INITIALS = "FZ"
_P = qn("w:p")
_R = qn("w:r")
# Containers whose text the reader does not see (deleted text, the duplicate of a text
# box for old readers) and text boxes (read as lines of their own).
_HIDDEN = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"),
           "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}  # fmt: skip
_CHAR = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:noBreakHyphen"): "-"}
_BREAK = {qn("w:br"), qn("w:cr")}
_T = qn("w:t")
_RPR = qn("w:rPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _child_text(child: Any) -> str:
    """What the reader (toolkit.readers.word) reads for one child of a run."""
    if child.tag == _T:
        return child.text or ""
    if child.tag in _BREAK:
        return "\n" if child.get(qn("w:type")) in (None, "textWrapping") else ""
    return _CHAR.get(child.tag, "")


def run_text(r: Any) -> str:
    """The visible text of one `w:r`."""
    return "".join(_child_text(c) for c in r if c.tag != _RPR)


def _visible(r: Any, p: Any) -> bool:
    for a in r.iterancestors():
        if a is p:
            return True
        if a.tag in _HIDDEN or a.tag == _P:
            return False
    return False


@dataclass
class Segment:
    """One run and where its text sits in the paragraph's visible text."""

    r: Any
    start: int
    end: int


def segments(p: Any) -> list[Segment]:
    """The runs of paragraph element `p` whose text the reader sees, with their spans."""
    out, pos = [], 0
    for r in p.iter(_R):
        if not _visible(r, p):
            continue
        n = len(run_text(r))
        out.append(Segment(r, pos, pos + n))
        pos += n
    return out


def visible_text(p: Any) -> str:
    return "".join(run_text(s.r) for s in segments(p))


_REVISED = {qn("w:ins"), qn("w:moveTo")}


def in_revision(p: Any, a: int, b: int) -> bool:
    """Whether characters a..b of paragraph `p` touch an earlier tracked insertion."""
    for seg in segments(p):
        if seg.start < max(b, a + 1) and seg.end > a:
            for anc in seg.r.iterancestors():
                if anc is p:
                    break
                if anc.tag in _REVISED:
                    return True
    return False


def split_run(r: Any, k: int) -> Any:
    """Split run `r` after its `k`-th character; both halves keep its formatting.
    Returns the new right-hand run (placed right after `r`)."""
    right = copy.deepcopy(r)
    _keep(r, 0, k)
    _keep(right, k, None)
    r.addnext(right)
    return right


def _keep(r: Any, a: int, b: int | None) -> None:
    """Keep only characters a..b of run `r` (zero-width children stay with the left side)."""
    pos = 0
    for child in list(r):
        if child.tag == _RPR:
            continue
        n = len(_child_text(child))
        lo, hi = pos, pos + n
        pos = hi
        if n == 0:  # a mark at the split point stays with the left half
            if (b is None and lo <= a) or (b is not None and lo > b):
                r.remove(child)
            continue
        end = hi if b is None else b
        if hi <= a or lo >= end:
            r.remove(child)
        elif child.tag == _T and (lo < a or hi > end):
            child.text = (child.text or "")[max(a - lo, 0) : min(end, hi) - lo]
            child.set(_XML_SPACE, "preserve")


def boundary(p: Any, offset: int) -> None:
    """Make `offset` of the paragraph's visible text fall between two runs."""
    for seg in segments(p):
        if seg.start < offset < seg.end:
            split_run(seg.r, offset - seg.start)
            return


def runs_between(p: Any, a: int, b: int) -> list[Any]:
    """The runs covering characters a..b, after making a and b run boundaries."""
    boundary(p, a)
    boundary(p, b)
    return [s.r for s in segments(p) if s.start >= a and s.end <= b and s.end > s.start]


class Revisions:
    """Makes tracked changes in one document with fresh ids, one author and one time."""

    def __init__(self, body: Any, when: dt.datetime | None = None) -> None:
        ids = [int(v) for v in body.xpath("//@w:id") if str(v).lstrip("-").isdigit()]
        self._next = max(ids, default=0) + 1000
        when = when or dt.datetime.now(dt.UTC)
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _mark(self, tag: str) -> Any:
        from docx.oxml import OxmlElement

        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self._next))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self._next += 1
        return el

    def delete(self, p: Any, a: int, b: int) -> Any | None:
        """Mark characters a..b of paragraph `p` deleted; returns the last `w:del` made."""
        runs = runs_between(p, a, b)
        if any(r.getparent().tag == qn("w:ins") for r in runs):
            raise ValueError("inside an earlier tracked insertion")
        last = None
        for group in _contiguous(runs):
            wrapper = self._mark("w:del")
            group[0].addprevious(wrapper)
            for r in group:
                wrapper.append(r)
                for t in r.iter(_T):
                    t.tag = qn("w:delText")
                    t.set(_XML_SPACE, "preserve")
                for t in r.iter(qn("w:instrText")):
                    t.tag = qn("w:delInstrText")
            last = wrapper
        return last

    def insert(self, p: Any, a: int, text: str, after: Any | None = None) -> None:
        """Insert `text` as a tracked insertion at character `a` (or right after `after`),
        in the formatting of the run it follows (or precedes)."""
        from docx.oxml import OxmlElement

        if after is not None:
            template, anchor, place = after.find(qn("w:r")), after, "next"
        else:
            boundary(p, a)
            segs = [s for s in segments(p) if s.end > s.start]
            before = [s for s in segs if s.end <= a]
            later = [s for s in segs if s.start >= a]
            if before:
                template, anchor, place = before[-1].r, before[-1].r, "next"
            elif later:
                template, anchor, place = later[0].r, later[0].r, "previous"
            else:
                template, anchor, place = None, None, "end"
        r = OxmlElement("w:r")
        rpr = template.find(_RPR) if template is not None else None
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = OxmlElement("w:t")
        t.text = text
        t.set(_XML_SPACE, "preserve")
        r.append(t)
        wrapper = self._mark("w:ins")
        wrapper.append(r)
        if place == "next":
            anchor.addnext(wrapper)
        elif place == "previous":
            anchor.addprevious(wrapper)
        else:
            p.append(wrapper)

    def delete_mark(self, p: Any) -> None:
        """Mark the paragraph mark of `p` deleted: accepted, `p` runs on into the next one."""
        from docx.oxml import OxmlElement

        ppr = p.get_or_add_pPr()
        rpr = ppr.find(_RPR)
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            later = [c for c in ppr if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))]
            if later:
                later[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        ins = rpr.find(qn("w:ins"))
        mark = self._mark("w:del")
        if ins is not None:
            ins.addnext(mark)
        else:
            rpr.insert(0, mark)


def _contiguous(runs: Iterable[Any]) -> list[list[Any]]:
    """Runs grouped into runs of adjacent siblings."""
    groups: list[list[Any]] = []
    for r in runs:
        if groups and groups[-1][-1].getnext() is r:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def comment_on(document: Any, paragraph: Any, a: int, b: int, text: str) -> None:
    """A comment by fazhi on characters a..b of `paragraph` (the whole paragraph if the
    span is empty; an empty paragraph gets an empty run to hold it)."""
    from docx.text.run import Run

    p = paragraph._p
    runs = runs_between(p, a, b) if b > a else []
    if not runs:
        runs = [s.r for s in segments(p)]
    if not runs:
        runs = [p.add_r()]
    document.add_comment(
        [Run(runs[0], paragraph), Run(runs[-1], paragraph)],
        text=text,
        author=AUTHOR,
        initials=INITIALS,
    )
