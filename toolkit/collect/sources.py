"""Where the addresses come from: a list file (.txt/.csv/.xlsx), junk lines named and
skipped; or a folder of saved pages (with their _files folders) and downloaded files."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import InputError
from ..i18n import _
from ..readers import decode_bytes
from .links import ATTACHMENT_SUFFIXES, attachments, parse_tree, saved_from

_URL = re.compile(r"https?://[^\s\"'<>，。；]+", re.IGNORECASE)
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


@dataclass
class UrlList:
    urls: list[str] = field(default_factory=list)
    junk: list[tuple[str, str]] = field(default_factory=list)  # (what was there, why)


def _rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise InputError(f"{path}: not a readable .xlsx ({type(exc).__name__})") from None
        sheet = book.worksheets[0]
        return [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    text = decode_bytes(path.read_bytes(), str(path))[0]
    if suffix == ".csv":
        return list(csv.reader(io.StringIO(text)))
    return [[line] for line in text.splitlines()]


def read_url_list(path: str | Path) -> UrlList:
    """The web addresses of a list file, one per line or row (the first cell holding one)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    out = UrlList()
    for n, row in enumerate(_rows(p), start=1):
        cells = [c.strip() for c in row if c and c.strip()]
        if not cells or cells[0].startswith("#"):
            continue
        found = next((m.group(0) for c in cells if (m := _URL.search(c))), None)
        if found:
            if found not in out.urls:
                out.urls.append(found)
        elif n > 1 or p.suffix.lower() == ".txt":  # a header row of a table is no junk
            what = " ".join(cells)[:60]
            out.junk.append(
                (what, _("{file} line {n}: not a web address").format(file=p.name, n=n))
            )
    return out


@dataclass
class SavedItem:
    """A saved page with the files it links to, or a downloaded report file alone."""

    path: Path
    attachments: list[Path]
    origin: str | None  # the address the browser noted when saving


def _local_target(page: Path, href_url: str) -> Path | None:
    """The file a saved page's link points to: beside it, in its _files folder, or by name."""
    parts = urlsplit(href_url)
    name = unquote(parts.path.rsplit("/", 1)[-1])
    candidates = []
    if parts.scheme in ("", "file"):
        candidates.append(Path(unquote(parts.path)))
    folder = page.with_name(page.stem + "_files")
    candidates += [folder / name, page.parent / name]
    return next((c for c in candidates if name and c.is_file()), None)


def saved_items(folder: str | Path) -> list[SavedItem]:
    """Every saved page (with its attachments found locally) and every report file no page
    links to, in name order."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    files = sorted(f for f in root.rglob("*") if f.is_file())
    pages = [f for f in files if f.suffix.lower() in PAGE_SUFFIXES and not _in_files_folder(f)]
    used: set[Path] = set()
    items = []
    for page in pages:
        data = page.read_bytes()
        tree = parse_tree(data)
        found: list[Path] = []
        if tree is not None:
            for link in attachments(tree, page.resolve().as_uri()):
                target = _local_target(page, link.url)
                if target is not None and target.resolve() not in used:
                    used.add(target.resolve())
                    found.append(target)
        items.append(SavedItem(page, found, saved_from(data)))
    for f in files:
        if f.suffix.lower() in ATTACHMENT_SUFFIXES and f.resolve() not in used:
            items.append(SavedItem(f, [], None))
    return items


def _in_files_folder(path: Path) -> bool:
    return any(part.endswith("_files") for part in path.parent.parts)
