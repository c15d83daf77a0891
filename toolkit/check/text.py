"""Text defects: placeholders, repeats, unpaired marks, 法制/法治, spaces, half-width marks,
confusables, residue."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..outline import TextRules
from ..registers.formulations import protected_spans, shape_spans
from ..text.headings import match_heading
from ..text.normalize import MD_HEADING, between, unify_width
from . import doubled
from .context import CheckContext, excerpt

_REPEAT = re.compile(r"([\u4e00-\u9fff]{2,12}?)\1")
_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff，。、；：“”《》（）])[ \t]+(?=[\u4e00-\u9fff，。、；：“”《》（）,.;:])"
    r"|(?<=\d)[ \t]+(?=[\u4e00-\u9fff”》）])"
    r"|(?<=[\u4e00-\u9fff“《（])[ \t]+(?=\d)"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FIELD = re.compile(r"[\u4e00-\u9fff]{2,6}\s?[：:]")
_LABEL = re.compile(r"^[•·\s]*[\u4e00-\u9fff]{2,6}[：:]")  # 来源： 市科技局
_PAIRS = {"《": "》", "“": "”", "（": "）", "‘": "’"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# Two-character repeats that are words in their own right.
_REDUPLICATED_OK = {"研究研究", "看看看看"}


def _check_placeholders(ctx: CheckContext, rules: TextRules) -> None:
    for i, line in ctx.lines(body_only=False):
        for m in rules.placeholder_regex.finditer(line.text):
            ctx.emit_match(i, m, "T501", f"残留占位符“{m.group(0)}”。", "填入实际内容或删去。")


def _check_repeats(ctx: CheckContext) -> None:
    for i, line in ctx.lines(body_only=False):
        for m in _REPEAT.finditer(line.text):
            unit = m.group(1)
            if m.group(0) in _REDUPLICATED_OK or len(set(unit)) == 1:
                continue
            if doubled.legitimate_repeat(line.text, m.start(), unit):
                continue
            ctx.emit_match(
                i,
                m,
                "T502",
                f"“{unit}”连续重复。",
                f"删去重复的“{unit}”。",
                severity="error" if len(unit) >= 3 else "warning",
            )


def _unpaired(text: str) -> tuple[int, str] | None:
    """Position and mark of the first unpaired bracket or quote on a line."""
    if all(
        text.count(o) == text.count(c) and (o not in text or text.index(o) < text.index(c))
        for o, c in _PAIRS.items()
    ):
        return None  # the common case, decided without walking the line
    stack: list[tuple[int, str]] = []
    for pos, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((pos, ch))
        elif ch in _CLOSERS:
            if stack and stack[-1][1] == _CLOSERS[ch]:
                stack.pop()
            elif any(op == _CLOSERS[ch] for _, op in stack):
                return stack[-1]  # an opener inside was never closed
            else:
                return pos, ch
    return stack[0] if stack else None


def _check_pairs(ctx: CheckContext) -> None:
    for i, line in ctx.lines(body_only=False):
        bad = _unpaired(line.text)
        if bad is None:
            continue
        pos, mark = bad
        partner = _PAIRS.get(mark) or _CLOSERS[mark]
        ctx.emit(
            "T503",
            f"符号「{mark}」没有与之成对的「{partner}」。",
            f"补上「{partner}」或删去多余的「{mark}」。",
            index=i,
            offset=pos,
            excerpt=excerpt(line.text, pos, pos + 1),
        )


def _check_legal_term(ctx: CheckContext, rules: TextRules) -> None:
    if ctx.year is not None and ctx.year < rules.legal_term.since:
        return
    for i, m in ctx.search_body(rules.legal_term.regex):
        text = ctx.report.lines[i].text
        if between(text, m.start(), "“", "”") or between(text, m.start(), "《", "》"):
            continue  # a proper name such as a column title
        if _overlaps((m.start(), m.end()), [*shape_spans(text), *protected_spans(text)]):
            continue  # a set formulation or a name: P404/P405 give the right wording
        right = "法治" + m.group(1)
        ctx.emit_match(
            i,
            m,
            "T505",
            f"“{m.group(0)}”应为“{right}”。",
            f"改为“{right}”（法制办、法制科等机构名称不改）。",
        )


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    a, b = span
    return any(a < d and c < b for c, d in spans)


def _space_is_layout(text: str, m: re.Match[str]) -> bool:
    """A space that separates on purpose: two parallel phrases of a slogan or of a joint
    document title (“学法用法 守法护法”, 《××厅 ××厅关于…》), between Chinese characters."""
    a, b = m.start(), m.end()
    if not (a > 0 and b < len(text) and _HAN.match(text[a - 1]) and _HAN.match(text[b])):
        return False
    return between(text, a, "“", "”") or between(text, a, "《", "》")


def _laid_out(ctx: CheckContext, i: int, text: str) -> bool:
    """A line whose spaces separate cells or fields: a table row, page chrome above the
    title, a row of labelled fields (来源：… 发布时间：…), a breadcrumb (首页 > …)."""
    if "|" in text or (ctx.section_of(i)[0] == "preamble" and i < ctx.report.body_start):
        return True
    if "。" in text or len(text) > 120:
        return False
    fields = _FIELD.findall(text)
    if len(fields) >= 2 or ">" in text or text.count("【") >= 2:
        return True
    return len(fields) == 1 and len(text) <= 60 and bool(_LABEL.match(text))


def _check_spaces(ctx: CheckContext) -> None:
    for i, line in ctx.lines(body_only=False):
        hits = list(_SPACE.finditer(line.text))
        if not hits or _laid_out(ctx, i, line.text):
            continue
        hits = [m for m in hits if not _space_is_layout(line.text, m)]
        if not hits:
            continue
        m = hits[0]
        more = f"（本段共{len(hits)}处）" if len(hits) > 1 else ""
        ctx.emit_match(
            i, m, "T506", f"中文文本中有多余空格{more}。", "删去汉字、数字和标点之间的空格。"
        )


_FULL_WIDTH = "，；：？！（）"


def _check_half_width(ctx: CheckContext) -> None:
    """Half-width , ; : ? ! ( ) in Chinese text, as written in the file (the checker reads
    them unified, so only the raw line shows them).

    A few among full-width marks are slips: a warning at each line. A text written in
    half-width marks throughout was converted somewhere on its way (a copy, NFKC): one note
    that names every line, which `fazhi fix` mends in one go."""
    slips: list[tuple[int, int, str, str, list[int]]] = []
    full = 0
    for i, line in ctx.lines(body_only=False):
        body = MD_HEADING.sub("", " ".join(line.raw.split()))
        full += sum(body.count(ch) for ch in _FULL_WIDTH)
        fixed = unify_width(body)
        if fixed == body:
            continue
        mark = match_heading(body)  # a heading's own mark is N206/N209's business
        skip = len(body) - len(mark.rest) if mark else 0
        diffs = [
            k for k, (a, b) in enumerate(zip(body, fixed, strict=True)) if a != b and k >= skip
        ]
        if diffs:
            slips.append((i, line.no, body, fixed, diffs))
    if not slips:
        return
    half = sum(len(diffs) for *_, diffs in slips)
    if half > full:
        i, no, body, fixed, diffs = slips[0]
        k = diffs[0]
        ctx.emit(
            "T514",
            f"全文多用半角标点（共{half}处，{len(slips)}行，如“{body[k]}”），多为复制或转换所致。",
            "统一改为全角标点（`fazhi fix` 可一并改正）。",
            index=i,
            line=no,
            excerpt=excerpt(body, k, k + 1),
            severity="info",
            also=tuple(s[1] for s in slips[1:]),
        )
        return
    for i, no, body, fixed, diffs in slips:
        k = diffs[0]
        more = f"（本行共{len(diffs)}处）" if len(diffs) > 1 else ""
        ctx.emit(
            "T514",
            f"中文文本中使用了半角标点“{body[k]}”{more}。",
            f"改为全角标点“{fixed[k]}”。",
            index=i,
            line=no,
            excerpt=excerpt(body, k, k + 1),
        )


def _check_confusables(ctx: CheckContext, rules: TextRules) -> None:
    for i, line in ctx.lines(body_only=False):
        for item in rules.confusables:
            pos = line.text.find(item.wrong)
            if pos == -1:
                continue
            ctx.emit(
                "T507",
                f"“{item.wrong}”应为“{item.right}”。{item.note}",
                f"改为“{item.right}”。",
                index=i,
                offset=pos,
                excerpt=excerpt(line.text, pos, pos + len(item.wrong)),
            )
        for odd in rules.odd_characters:
            pos = line.text.find(odd.char)
            if pos != -1:
                ctx.emit(
                    "T510",
                    f"不规范字符“{odd.char}”。{odd.note}",
                    f"改为“{odd.right}”。",
                    index=i,
                    offset=pos,
                    excerpt=excerpt(line.text, pos, pos + 1),
                )


def _check_extraction(ctx: CheckContext) -> None:
    r = ctx.report
    if r.residue:
        first = r.residue.strip().splitlines()[0][:40]
        # A whole page copied from a browser (its chrome above the title was cut too): the
        # page below the report is not the author's error, only noted.
        copied = bool(getattr(r, "chrome", None))
        ctx.emit(
            "T508",
            "报告结束后还有网页上的其他内容（其他文章标题、评论框等）"
            + ("，已略去，未作检查。" if copied else "。"),
            f"删去第{r.residue_line}行起的网页内容。",
            line=r.residue_line,
            section="closing",
            excerpt=first,
            severity="info" if copied else None,
        )
    for i, line in ctx.lines(body_only=False):
        for offset, no in line.joined:
            ctx.emit(
                "T509",
                f"第{no}行与上一行本是同一段落，被断行分开。",
                "合并为一段。",
                line=no,
                index=i,
                offset=offset,
                excerpt=excerpt(line.text, offset, offset, width=10),
            )


def _check_repaired_bytes(ctx: CheckContext) -> None:
    doc = ctx.report.document
    if doc is None:
        return
    starts = [ln.no for ln in ctx.report.lines]
    for issue in doc.issues:
        idx = bisect_right(starts, issue.line) - 1 if starts else -1
        idx = idx if idx >= 0 else None
        text = ctx.report.lines[idx].text if idx is not None else ""
        pos = text.find("\ufffd")
        ctx.emit(
            "T511",
            f"{issue.message}。",
            "对照原稿补全文末的文字。"
            if issue.kind == "cut"
            else "对照原稿核实此处文字并改正，再以UTF-8保存文件。",
            line=issue.line,
            index=idx,
            excerpt=excerpt(text, pos, pos + 1) if pos >= 0 else "",
        )


def check(ctx: CheckContext) -> None:
    rules = ctx.outline.phrases.text_rules
    if rules is not None:
        _check_placeholders(ctx, rules)
        _check_legal_term(ctx, rules)
        _check_confusables(ctx, rules)
    _check_repeats(ctx)
    doubled.check(ctx)
    _check_pairs(ctx)
    _check_spaces(ctx)
    _check_half_width(ctx)
    _check_extraction(ctx)
    _check_repaired_bytes(ctx)
