"""One item from its bytes to its outcome: the document that stands for the report, the
genre check, exact and near duplicates (the better copy wins, the other is merged into
it), and ingest into the corpus store through the corpus's public functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..corpus.ingest import prepare_text
from ..corpus.records import Store
from ..i18n import _
from ..parse.metadata import level_of
from ..parse.parser import parse_document
from ..parse.report import ParsedReport
from .config import CollectConfig
from .content import Chosen, Piece, describe, page_meta, read_piece
from .dedupe import Copy, NearIndex, from_bytes, signature, to_bytes
from .genre import other_genre_name
from .links import attachment_name
from .state import CollectState


@dataclass
class Bundle:
    """What was fetched (or found on disk) for one item."""

    url: str
    main: Piece
    kind: str  # "page" or "file"
    attachments: list[Piece] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # attachments that could not be had
    origin: str = ""  # the address whose host says whether the copy is official


@dataclass
class Outcome:
    url: str
    status: str
    reason: str = ""
    report_id: int | None = None


@dataclass
class Merge:
    loser: str
    winner: str
    similarity: float


class Processor:
    """Turns bundles into outcomes against one store and the collection's state."""

    def __init__(self, store: Store, state: CollectState, config: CollectConfig) -> None:
        self.store, self.state, self.config = store, state, config
        self.near = NearIndex(config.near_threshold)
        self.merges: list[Merge] = []
        for item in state.items("collected"):
            if item["signature"]:
                self.near.add(item["url"], from_bytes(item["signature"]))

    # -- which document --------------------------------------------------------------
    def choose(self, bundle: Bundle) -> tuple[Chosen, ParsedReport | None]:
        """The page's document, or its attachment when that is the original (the same
        text, or the page has none); every attachment not used gets a note."""
        cap = self.config.max_unpacked
        doc, err = read_piece(bundle.main, cap)
        if bundle.kind == "file":
            chosen = Chosen(doc, bundle.main if doc else None, error=err)
            return chosen, parse_document(doc) if doc else None
        chosen = Chosen(doc, bundle.main if doc else None, page_meta(bundle.main, doc))
        chosen.notes = list(bundle.notes)
        page = parse_document(doc) if doc else None
        best: ParsedReport | None = None
        for piece in bundle.attachments:
            att, why = read_piece(piece, cap)
            if att is None:
                chosen.notes.append(describe(piece.url, why or ""))
                continue
            if best is not None:
                continue  # the original is found; the others are annexes
            report = parse_document(att)
            other = other_genre_name(report)
            if other:
                why = _("another genre ({name})").format(name=other)
            elif page is None or self._same(report, page):
                chosen.document, chosen.piece, chosen.from_attachment = att, piece, True
                best = report  # the attachment is the original
                continue
            else:
                why = _("not the same text as the page; the page is kept")
            chosen.notes.append(describe(piece.url, why))
        if best is None and page is None:
            chosen.error = err or _("no article on this page")
        return chosen, best or page

    def _same(self, a: ParsedReport, b: ParsedReport) -> bool:
        return signature(a.body_text).jaccard(signature(b.body_text)) >= self.config.near_threshold

    # -- the outcome -------------------------------------------------------------------
    def process(self, bundle: Bundle, order: int) -> Outcome:
        chosen, report = self.choose(bundle)
        notes = "; ".join(chosen.notes)
        if report is None or chosen.piece is None or chosen.document is None:
            reason = "; ".join(x for x in (chosen.error, notes) if x)
            self.state.save_item(
                bundle.url, ord=order, status="failed", reason=reason, metadata=chosen.metadata
            )
            return Outcome(bundle.url, "failed", reason)
        base = dict(
            ord=order,
            source_url=chosen.piece.url,
            sha256=chosen.piece.sha256,
            title=report.title,
            issuer=report.issuer or chosen.metadata.get("发布机构"),
            level=report.level,
            year=report.year,
            traditional=report.traditional,
            official=self.config.is_official(urlsplit(bundle.origin or bundle.url).netloc),
            original=chosen.from_attachment or bundle.kind == "file",
            metadata=chosen.metadata,
            attachments=[p.url for p in bundle.attachments],
        )
        other = other_genre_name(report)
        if other:
            reason = _("another genre: {name}").format(name=other)
            self.state.save_item(bundle.url, status="other_genre", reason=reason, **base)
            return Outcome(bundle.url, "other_genre", reason)
        sig = signature(report.body_text)
        base["signature"] = to_bytes(sig)
        twin = self.state.owner_of(chosen.piece.sha256)
        if twin is not None and twin["url"] != bundle.url:
            reason = _("an exact copy of {url}").format(url=twin["url"])
            self._merged(bundle.url, twin["url"], 1.0)
            self.state.save_item(
                bundle.url, status="duplicate", reason=reason, merged_into=twin["url"], **base
            )
            return Outcome(bundle.url, "duplicate", reason, twin["report_id"])
        new = Copy(bundle.url, base["official"], report.traditional, base["original"], order)
        rivals = [(self.state.item(k), j) for k, j in self.near.similar(sig) if k != bundle.url]
        rivals = [(r, j) for r, j in rivals if r is not None and r["status"] == "collected"]
        better = [(r, j) for r, j in rivals if _copy(r).rank() > new.rank()]
        if better:
            winner, sim = max(better, key=lambda rj: _copy(rj[0]).rank())
            reason = _("a copy (similarity {sim:.2f}) of {url}").format(sim=sim, url=winner["url"])
            self._merged(bundle.url, winner["url"], sim)
            self.state.save_item(
                bundle.url, status="duplicate", reason=reason, merged_into=winner["url"], **base
            )
            return Outcome(bundle.url, "duplicate", reason, winner["report_id"])
        report_id = self._ingest(chosen, report, bundle.url)
        reason = (
            _("from the attachment {name}").format(name=attachment_name(chosen.piece.url))
            if chosen.from_attachment
            else ""
        )
        reason = "; ".join(x for x in (reason, notes) if x)
        self.state.save_item(
            bundle.url,
            status="collected",
            reason=reason,
            report_id=report_id,
            merged_into=None,
            **base,
        )
        self.near.add(bundle.url, sig)
        for loser, sim in rivals:  # copies this one beats: merged into it
            self._demote(loser, bundle.url, sim)
        return Outcome(bundle.url, "collected", reason, report_id)

    def _merged(self, loser: str, winner: str, sim: float) -> None:
        self.merges.append(Merge(loser, winner, round(sim, 2)))

    def _demote(self, loser: dict[str, object], winner: str, sim: float) -> None:
        url = str(loser["url"])
        if loser["report_id"] is not None:
            self.store.remove(int(loser["report_id"]))  # type: ignore[call-overload]
        self.near.remove(url)
        reason = _("a copy (similarity {sim:.2f}) of {url}").format(sim=sim, url=winner)
        self.state.save_item(
            url, status="duplicate", reason=reason, merged_into=winner, report_id=None
        )
        self._merged(url, winner, sim)

    def _ingest(self, chosen: Chosen, report: ParsedReport, url: str) -> int | None:
        """Add the report to the store; its id. The old report of a recheck is replaced."""
        assert chosen.document is not None and chosen.piece is not None
        old = self.state.item(url)
        prepared = prepare_text(
            chosen.document.text,
            chosen.piece.url,
            chosen.piece.sha256,
            self.store.tokenizer,
            document=chosen.document,
            parsed=report,
        )
        r = prepared.report
        issuer = chosen.metadata.get("发布机构")
        if not r.issuer and issuer:
            r.issuer, r.level = issuer, r.level or level_of(issuer, text=r.title or "")
        self.store.add([prepared])
        ids = self.store.find(chosen.piece.sha256)
        if old and old.get("report_id") and old["report_id"] not in ids:
            self.store.remove(int(old["report_id"]))
        return ids[0] if ids else None

    def outcome_of(self, url: str) -> Outcome | None:
        item = self.state.item(url)
        if item is None:
            return None
        return Outcome(url, item["status"], item["reason"], item["report_id"])


def _copy(item: dict[str, object]) -> Copy:
    return Copy(
        str(item["url"]),
        bool(item["official"]),
        bool(item["traditional"]),
        bool(item["original"]),
        int(item["ord"] or 0),  # type: ignore[call-overload]
    )
