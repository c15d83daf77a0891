"""Word .docx reports, read as Word shows them: body paragraphs and table rows in
document order, automatic list numbering rendered in front of the text, heading styles
and outline levels kept as evidence of heading level, text boxes read once, headers and
footers left out. python-docx opens the package; lxml reads what it does not expose."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import _
from .document import Block, Document, from_lines
from .numbering import Level, ListDefinitions, Numberer

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CJK_START = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“《]")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: Any, tag: str) -> str | None:
    """The w:val of child `tag` of `el`, or None."""
    if el is None:
        return None
    child = el.find(_w(tag))
    return None if child is None else child.get(_w("val"))


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE compound file holding an encrypted OOXML package (a password-protected
    .docx/.xlsx is saved this way)."""
    return data.startswith(OLE_MAGIC) and "EncryptionInfo".encode("utf-16-le") in data


def _list_definitions(numbering: Any) -> ListDefinitions:
    defs = ListDefinitions()
    if numbering is None:
        return defs

    def level(lvl: Any) -> Level:
        start = _val(lvl, "start")
        restart = _val(lvl, "lvlRestart")
        text = lvl.find(_w("lvlText"))
        return Level(
            start=int(start) if start and start.lstrip("-").isdigit() else 1,
            fmt=_val(lvl, "numFmt") or "decimal",
            text=None if text is None else (text.get(_w("val")) or ""),
            restart=int(restart) if restart and restart.isdigit() else None,
            suffix=_val(lvl, "suff") or "tab",
            legal=lvl.find(_w("isLgl")) is not None and _val(lvl, "isLgl") not in ("0", "false"),
        )

    for ab in numbering.iter(_w("abstractNum")):
        levels = {}
        for lvl in ab.findall(_w("lvl")):
            levels[int(lvl.get(_w("ilvl"), "0"))] = level(lvl)
        defs.abstract[ab.get(_w("abstractNumId"), "")] = levels
    for num in numbering.iter(_w("num")):
        num_id = num.get(_w("numId"), "")
        defs.nums[num_id] = _val(num, "abstractNumId") or ""
        for over in num.findall(_w("lvlOverride")):
            ilvl = int(over.get(_w("ilvl"), "0"))
            start = _val(over, "startOverride")
            if start and start.lstrip("-").isdigit():
                defs.start_overrides.setdefault(num_id, {})[ilvl] = int(start)
            lvl = over.find(_w("lvl"))
            if lvl is not None:
                defs.overrides.setdefault(num_id, {})[ilvl] = level(lvl)
    return defs


class _Styles:
    """Paragraph styles: their numbering and heading level, through basedOn chains."""

    def __init__(self, styles: Any) -> None:
        self.by_id: dict[str, Any] = {}
        if styles is not None:
            for st in styles.iter(_w("style")):
                self.by_id[st.get(_w("styleId"), "")] = st
        self.default = next(
            (
                sid
                for sid, st in self.by_id.items()
                if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true")
            ),
            None,
        )

    def chain(self, style_id: str | None) -> list[Any]:
        out, seen = [], set()
        sid = style_id or self.default
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            out.append(self.by_id[sid])
            sid = _val(self.by_id[sid], "basedOn")
        return out

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) the style gives, the nearest in the chain for each."""
        num_id = ilvl = None
        for st in self.chain(style_id):
            num_pr = st.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                num_id = num_id if num_id is not None else _val(num_pr, "numId")
                ilvl = ilvl if ilvl is not None else _val(num_pr, "ilvl")
        return num_id, ilvl

    def heading_level(self, style_id: str | None) -> int | None:
        for st in self.chain(style_id):
            outline = _val(st.find(_w("pPr")), "outlineLvl")
            if outline is not None and outline.isdigit():
                return int(outline) + 1 if int(outline) < 9 else None
            m = _HEADING_NAME.match((_val(st, "name") or "").strip())
            if m:
                return int(m.group(1))
        return None


class _Reader:
    def __init__(self, doc: Any) -> None:
        part = doc.part
        try:
            numbering = part.part_related_by(_RT_NUMBERING).element
        except KeyError:
            numbering = None
        self.numberer = Numberer(_list_definitions(numbering))
        try:
            styles = part.styles.element
        except (KeyError, AttributeError):
            styles = None
        self.styles = _Styles(styles)
        # numStyleLink: an abstractNum that takes its levels from another list via a style.
        if numbering is not None:
            for ab in numbering.iter(_w("abstractNum")):
                link = _val(ab, "numStyleLink")
                target, _ = self.styles.numbering(link) if link else (None, None)
                defs = self.numberer.defs
                if target and defs.nums.get(target) in defs.abstract:
                    defs.abstract[ab.get(_w("abstractNumId"), "")] = defs.abstract[
                        defs.nums[target]
                    ]

    def number(self, p: Any) -> str:
        ppr = p.find(_w("pPr"))
        style = _val(ppr, "pStyle")
        num_id, ilvl = self.styles.numbering(style)
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            ilvl = _val(num_pr, "ilvl") or ilvl
        if not num_id or num_id == "0":
            return ""
        return self.numberer.next(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)

    def heading_level(self, p: Any) -> int | None:
        ppr = p.find(_w("pPr"))
        outline = _val(ppr, "outlineLvl")
        if outline is not None and outline.isdigit():
            return int(outline) + 1 if int(outline) < 9 else None
        return self.styles.heading_level(_val(ppr, "pStyle"))

    def paragraph(self, p: Any) -> tuple[list[str], list[Any]]:
        """The paragraph's text split at hard line breaks (number in front), and the
        paragraphs of the text boxes anchored in it."""
        number = self.number(p)
        parts: list[str] = []
        boxes: list[Any] = []
        _walk(p, parts, boxes)
        text = "".join(parts)
        if number.endswith(" ") and _CJK_START.match(text):
            number = number[:-1]  # "1." then a tab before Chinese text reads "1.加强…"
        return (number + text).split("\n"), boxes

    def cell_text(self, tc: Any) -> str:
        texts = []
        for p in tc.iter(_w("p")):
            lines, _ = self.paragraph(p)
            texts.append(" ".join(t.strip() for t in lines if t.strip()))
        return " ".join(t for t in texts if t)


def _walk(el: Any, parts: list[str], boxes: list[Any]) -> None:
    """Collect the visible text under `el` in order; text boxes go to `boxes`."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag in (_w("tab"), _w("ptab")):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            if child.get(_w("type")) in (None, "textWrapping"):
                parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("txbxContent"):
            boxes.extend(child.iter(_w("p")))  # nested boxes come with their host box
        elif tag in (_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), f"{{{MC}}}Fallback"):
            continue  # deleted text, properties, the duplicate of a text box for old readers
        else:
            _walk(child, parts, boxes)


def _open(path: Path) -> Any:
    try:
        from docx import Document as open_docx
        from docx.opc.exceptions import PackageNotFoundError

        return open_docx(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, OSError) as exc:
        raise InputError(
            _("{path}: not a readable .docx ({kind}); save it again from Word/WPS").format(
                path=path, kind=type(exc).__name__
            )
        ) from None
    except Exception as exc:  # malformed XML inside a zip
        raise InputError(
            _("{path}: not a readable .docx ({kind})").format(path=path, kind=type(exc).__name__)
        ) from None


def read_docx(path: Path, fmt: str = "docx") -> Document:
    """A .docx report; `fmt` names the original format when it was converted to .docx."""
    doc = _open(path)
    reader = _Reader(doc)
    lines: list[tuple[str, Block]] = []
    levels: dict[int, int] = {}
    n_par = n_tbl = 0
    body = doc.element.body

    def add_paragraph(p: Any, block: Block) -> None:
        texts, boxes = reader.paragraph(p)
        level = reader.heading_level(p)
        if level is not None and "".join(texts).strip():
            levels[len(lines) + 1] = level
        lines.extend((t, block) for t in texts)
        for bp in boxes:
            box_lines, _ = reader.paragraph(bp)
            lines.extend((t, block) for t in box_lines)

    for child in body.iterchildren():
        if child.tag == _w("p"):
            add_paragraph(child, Block("paragraph", n_par))
            n_par += 1
        elif child.tag == _w("tbl"):
            for r, tr in enumerate(child.iterchildren(_w("tr"))):
                cells = [reader.cell_text(tc) for tc in tr.findall(_w("tc"))]
                lines.append(("｜".join(cells).replace("\n", " "), Block("table_row", n_tbl, r)))
            n_tbl += 1
        elif child.tag == _w("sdt"):  # a content control around paragraphs (cover pages)
            for p in child.iter(_w("p")):
                add_paragraph(p, Block("line", len(lines) + 1))
    if not any(t.strip() for t, _ in lines):
        raise InputError(_("{path}: the document has no text").format(path=path))
    return from_lines(path, fmt, lines, encoding="docx", heading_levels=levels)


def read_docx_text(path: Path) -> str:
    """The text of a .docx as `read_docx` gives it."""
    return read_docx(Path(path)).text
