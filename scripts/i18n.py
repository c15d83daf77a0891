"""Compile the Chinese catalogs (`toolkit/locale/zh/*.po`, one per area) into the single
`toolkit/locale/zh/LC_MESSAGES/fazhi.mo` the toolkit reads, and check them.

    python -m scripts.i18n           # compile
    python -m scripts.i18n --check   # every _("…") in toolkit/ translated; the .mo up to date

Needs Babel (a dev dependency); the toolkit itself reads the .mo with the standard library."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO_DIR = ROOT / "toolkit" / "locale" / "zh"
MO_FILE = PO_DIR / "LC_MESSAGES" / "fazhi.mo"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def merged() -> Catalog:
    """All area catalogs as one; a msgid translated two ways is an error naming both files."""
    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # a stable header: the .mo only changes with the text
    out = Catalog(locale="zh_Hans_CN", domain="fazhi", charset="utf-8",
                  creation_date=fixed, revision_date=fixed)  # fmt: skip
    seen: dict[object, tuple[object, Path]] = {}
    for po in sorted(PO_DIR.glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale="zh_Hans_CN")
        for msg in catalog:
            if not msg.id:
                continue
            if msg.id in seen and seen[msg.id][0] != msg.string:
                raise SystemExit(f"{po.name}: {msg.id!r} is translated otherwise in {seen[msg.id][1].name}")
            seen[msg.id] = (msg.string, po)
            out.add(msg.id, msg.string)
    return out


def compiled() -> bytes:
    buf = io.BytesIO()
    write_mo(buf, merged())
    return buf.getvalue()


def used_msgids() -> dict[str, str]:
    """msgid -> where it is used, for every `_("…")` / `ngettext` in toolkit/."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "toolkit"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        for msgid in message if isinstance(message, tuple) else (message,):
            if msgid:
                found.setdefault(msgid, f"toolkit/{filename}:{lineno}")
    return found


def problems() -> list[str]:
    """What is wrong with the catalogs, one line each (empty when all is well)."""
    catalog = merged()
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}
    out = [f"{where}: no Chinese for {msgid!r}" for msgid, where in used_msgids().items()
           if msgid not in translated]  # fmt: skip
    if not MO_FILE.exists():
        out.append(f"{MO_FILE.relative_to(ROOT)} is missing: run python -m scripts.i18n")
    else:
        with MO_FILE.open("rb") as f:
            current = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        fresh = gettext.GNUTranslations(io.BytesIO(compiled()))._catalog  # type: ignore[attr-defined]
        if current != fresh:
            out.append(f"{MO_FILE.relative_to(ROOT)} is stale: run python -m scripts.i18n")
    return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = problems()
        print("\n".join(found) or "catalogs complete and compiled")
        return 1 if found else 0
    MO_FILE.parent.mkdir(parents=True, exist_ok=True)
    MO_FILE.write_bytes(compiled())
    print(f"wrote {MO_FILE.relative_to(ROOT)} ({len(merged())} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
