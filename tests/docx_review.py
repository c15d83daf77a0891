"""Test helpers for reviewed Word documents: accept every tracked change, read comments."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn


def _mark_deleted(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
    return rpr is not None and rpr.find(qn("w:del")) is not None


def _drop_mark(p) -> None:
    rpr = p.find(qn("w:pPr")).find(qn("w:rPr"))
    rpr.remove(rpr.find(qn("w:del")))


def accept_all(data: bytes) -> bytes:
    """The document with every w:ins kept, every w:del gone, and each paragraph whose mark
    is deleted run on into the next one (what Word's Accept All does)."""
    doc = docx.Document(io.BytesIO(data))
    body = doc.element.body
    for d in body.xpath(".//w:del"):
        parent = d.getparent()
        if parent.tag == qn("w:rPr"):
            continue  # a paragraph mark, merged below
        parent.remove(d)
    for ins in body.xpath(".//w:ins"):
        parent = ins.getparent()
        if parent.tag == qn("w:rPr"):
            parent.remove(ins)
            continue
        for child in list(ins):
            ins.addprevious(child)
        parent.remove(ins)
    for p in list(body.iter(qn("w:p"))):
        if p.getparent() is None:
            continue
        while _mark_deleted(p):
            _drop_mark(p)
            nxt = p.getnext()
            if nxt is None or nxt.tag != qn("w:p"):
                break
            for child in list(nxt):
                if child.tag != qn("w:pPr"):
                    p.append(child)
            if _mark_deleted(nxt):
                rpr = p.find(qn("w:pPr")).find(qn("w:rPr"))
                rpr.insert(0, nxt.find(qn("w:pPr")).find(qn("w:rPr")).find(qn("w:del")))
            nxt.getparent().remove(nxt)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def tracked(data: bytes) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(inserted texts, deleted texts, attributes of each w:ins/w:del) of a document."""
    doc = docx.Document(io.BytesIO(data))
    body = doc.element.body
    ins = ["".join(t.text or "" for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    dels = ["".join(t.text or "" for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))]
    attrs = [
        {k.split("}")[1]: v for k, v in e.attrib.items()}
        for e in body.iter(qn("w:ins"), qn("w:del"))
    ]
    return ins, dels, attrs


def comments(path: Path | bytes) -> list[tuple[str, str, str]]:
    """(author, comment text, anchored text) of every comment, in document order."""
    doc = docx.Document(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    by_id = {c.comment_id: c for c in doc.comments}
    body = doc.element.body
    out = []
    for start in body.iter(qn("w:commentRangeStart")):
        cid = int(start.get(qn("w:id")))
        text, node = [], start
        while True:
            node = node.getnext()
            if node is None or (
                node.tag == qn("w:commentRangeEnd") and int(node.get(qn("w:id"))) == cid
            ):
                break
            text += [t.text or "" for t in node.iter(qn("w:t"))]
        c = by_id[cid]
        out.append((c.author, c.text, "".join(text)))
    return out
