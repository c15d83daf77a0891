"""Build and validate toolkit/data/registers/*.json, the registers of the official record.

Sources (facts only: titles, issuers, dates; no text of any law is kept):
- LawRefBook/Laws (its db.sqlite3 lists national laws, administrative regulations and a
  few departmental rules with their versions and an expired flag; the Markdown file of
  each version opens with the full title and the dates adopted, amended and in force).
  It has no licence file; the data are the state's laws as published by the national
  law database, which copyright law leaves free (Copyright Law of the PRC, art. 5).
- scripts/registers/*.yaml, assembled by hand from the issuers' public notices: central
  documents and party regulations, departmental rules, repealed laws and laws adopted
  after LawRefBook's last update.

Run: `python -m scripts.build_registers --lawrefbook PATH` (PATH: a checkout of
LawRefBook/Laws, or its db.sqlite3 with the Markdown folders beside it);
`--check` validates the files in place; `--sources` prints the sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.registers import FILES, KINDS, Entry, EntryError, Kind, Registers  # noqa: E402
from toolkit.registers.laws import REGISTER_DIR, read_kind  # noqa: E402

CURATED = Path(__file__).resolve().parent / "registers"
LICENCE = (
    "Titles, issuers and dates are facts. Laws and regulations: from LawRefBook/Laws "
    "(no licence file; the state's laws as the national law database publishes them, "
    "which Copyright Law of the PRC art. 5 leaves free). Central documents, rules and "
    "repealed laws: assembled by hand from the issuers' public notices (scripts/registers/)."
)
SOURCES = {
    "law": ["LawRefBook/Laws db.sqlite3 (level 法律, 宪法)", "scripts/registers/laws_extra.yaml"],
    "regulation": [
        "LawRefBook/Laws db.sqlite3 (level 行政法规)",
        "scripts/registers/laws_extra.yaml",
    ],
    "central": ["scripts/registers/central.yaml"],
    "rule": ["LawRefBook/Laws db.sqlite3 (level 部门规章)", "scripts/registers/rules.yaml"],
}
LEVELS: dict[str, Kind] = {
    "法律": "law",
    "宪法": "law",
    "行政法规": "regulation",
    "部门规章": "rule",
}
_HIST = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
_AMEND = ("修正", "修订", "修改")


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _header(path: Path) -> tuple[str | None, list[tuple[str, str]]]:
    """The full title and the dated history lines of a LawRefBook Markdown file."""
    text = path.read_text(encoding="utf-8").split("<!-- INFO END -->")[0]
    title = None
    events = []
    for line in text.splitlines():
        if line.startswith("# ") and title is None:
            title = line[2:].strip()
            continue
        m = _HIST.match(line)
        if m:
            events.append((_iso(*m.groups()[:3]), m.group(4)))
    return title, events


def _markdown(root: Path, folder: str, name: str, publish: str | None) -> Path | None:
    base = f"{name}({publish}).md" if publish else f"{name}.md"
    for cand in (root / folder / base, root / folder / f"{name}.md"):
        if cand.exists():
            return cand
    found = sorted(root.glob(f"**/{base}")) or sorted(root.glob(f"**/{name}.md"))
    return found[0] if found else None


def from_lawrefbook(path: Path) -> tuple[list[Entry], list[str]]:
    """Entries of laws, regulations and rules in force, from a LawRefBook checkout."""
    db_path = path / "db.sqlite3" if path.is_dir() else path
    root = db_path.parent
    if not db_path.exists():
        raise SystemExit(f"no LawRefBook database at {db_path}")
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = db.execute(
        "select l.level, l.name, l.publish, l.valid_from, l.expired, c.folder, c.name "
        "from law l join category c on c.id = l.category_id where l.level in (?, ?, ?, ?)",
        tuple(LEVELS),
    ).fetchall()
    versions: dict[tuple[str, str], list[tuple]] = {}
    for row in rows:
        versions.setdefault((row[0], row[1]), []).append(row)
    notes, out = [], []
    for (level, name), vs in sorted(versions.items()):
        if " " in name:  # a book of a code (民法典 合同编): the code is in laws_extra.yaml
            continue
        if all(v[4] for v in vs):
            notes.append(f"skipped {name}: expired in LawRefBook, no repeal date on record")
            continue
        live = [v for v in vs if not v[4]]
        latest = max(live, key=lambda v: v[2] or "")
        _, _, publish, valid_from, _, folder, category = latest
        md = _markdown(root, folder, name, publish)
        title, events = _header(md) if md else (None, [])
        kind = LEVELS[level]
        if not title:
            title = ("中华人民共和国" + name) if kind == "law" else name
            notes.append(f"{name}: no Markdown header, title by rule: {title}")
        issued = events[0][0] if events else publish
        if kind != "law":  # a regulation or rule is issued when published, not approved
            issued = next((d for d, what in events if "公布" in what or "发布" in what), issued)
        amended = [d for d, what in events[1:] if any(w in what for w in _AMEND)]
        in_force = next((d for d, what in events if "施行" in what), None) or valid_from
        first = events[0][1] if events else ""
        if kind == "law":
            issuer = "全国人民代表大会常务委员会" if "常务委员会" in first else "全国人民代表大会"
        elif kind == "regulation":
            issuer = "国务院"
        else:
            issuer = category.removesuffix("规章")
        data = {"title": title, "issuer": issuer, "issued": issued or None}
        data["in_force"] = in_force or None
        if amended:
            data["amended"] = amended[-1]
        if data["in_force"] and issued and data["in_force"] < issued:
            data.pop("in_force")  # an earlier version's date: not this title's
        try:
            out.append(Entry.from_dict(data, kind))
        except EntryError as exc:
            notes.append(f"skipped: {exc}")
    return out, notes


def curated(name: str) -> dict:
    return yaml.safe_load((CURATED / name).read_text(encoding="utf-8"))


def build(lawrefbook: Path) -> tuple[dict[Kind, list[Entry]], list[str]]:
    """Every register, curated entries taking precedence over LawRefBook's."""
    base, notes = from_lawrefbook(lawrefbook)
    extra = curated("laws_extra.yaml")
    short_forms: dict[str, list[str]] = extra.get("short_forms") or {}
    hand: list[Entry] = []
    for d in extra["entries"]:
        d = dict(d)
        hand.append(Entry.from_dict(d, d.pop("kind")))
    hand += [Entry.from_dict(d, "central") for d in curated("central.yaml")["entries"]]
    hand += [Entry.from_dict(d, "rule") for d in curated("rules.yaml")["entries"]]
    by_title = {e.title: e for e in hand}
    merged: dict[Kind, list[Entry]] = {k: [] for k in KINDS}
    for e in base:
        if e.title in by_title:
            notes.append(f"{e.title}: the hand-assembled entry replaces LawRefBook's ({e.kind})")
            continue
        merged[e.kind].append(e)
    for e in hand:
        merged[e.kind].append(e)
    for kind, entries in merged.items():
        fixed = []
        for e in entries:
            more = short_forms.get(e.title, [])
            if more:
                e = Entry.from_dict({**e.to_dict(), "short": [*e.short, *more]}, kind)
            fixed.append(e)
        merged[kind] = sorted(fixed, key=lambda e: e.title)
    validate(e for es in merged.values() for e in es)
    return merged, notes


def validate(entries: Iterable[Entry]) -> Registers:
    """Titles unique, short forms not another entry's title, successors on record."""
    reg = Registers.of(entries)
    for e in reg:
        e.validate()
        if e.successor and reg.lookup(e.successor) is None:
            raise SystemExit(f"{e.title}: successor {e.successor} is not on record")
    return reg


def write(merged: dict[Kind, list[Entry]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    built = dt.date.today().isoformat()
    for kind, entries in merged.items():
        doc = {
            "kind": kind,
            "built": built,
            "sources": SOURCES[kind],
            "licence": LICENCE,
            "entries": [e.to_dict() for e in entries],
        }
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        (out / FILES[kind]).write_text(text.replace('},{"title"', '},\n{"title"') + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lawrefbook", type=Path, help="LawRefBook checkout or its db.sqlite3")
    ap.add_argument("--out", type=Path, default=REGISTER_DIR)
    ap.add_argument("--check", action="store_true", help="validate the files in --out only")
    ap.add_argument("--sources", action="store_true", help="print the sources and stop")
    args = ap.parse_args(argv)
    if args.sources:
        for kind in KINDS:
            print(f"{kind}: " + "; ".join(SOURCES[kind]))
        print(LICENCE)
        return 0
    if args.check:
        reg = validate(e for kind in KINDS for e in read_kind(kind, args.out))
    else:
        if args.lawrefbook is None:
            ap.error("--lawrefbook is required to build (or give --check)")
        merged, notes = build(args.lawrefbook)
        for n in notes:
            print("note:", n, file=sys.stderr)
        write(merged, args.out)
        reg = validate(e for es in merged.values() for e in es)
    counts = reg.counts()
    repealed = {k: sum(1 for e in reg if e.kind == k and e.repealed) for k in KINDS}
    for kind in KINDS:
        print(f"{kind:<11}{counts[kind]:>5} entries ({repealed[kind]} repealed or replaced)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
