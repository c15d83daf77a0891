"""Who wrote a report, for its fact sheet: the bureau, its level and short name, and the
superiors it names (在…领导下, the addressee)."""

from __future__ import annotations

import datetime as dt
import re

from ..facts import Bureau
from ..parse.metadata import parse_date_line
from ..parse.report import ParsedReport

# 在县委、县政府的坚强领导下 / 在市委、市政府和镇党委的正确领导下 / 在县委、县政府的坚强领导和
# 市司法局的具体指导下 / 在省委、省政府坚强领导(下)我厅…: the bodies that lead the issuer.
_LEAD = re.compile(
    r"在([\u4e00-\u9fff、，,]{2,30}?)的?(?:坚强|正确|大力|有力|亲切|统一|精心)?(?:领导|指导)"
    r"(?:(?:和|与|及)[^，。；]{0,24}?(?:指导|支持|关心))?(?:下|(?=[我本]))"
)
_SUPERIOR = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff]{0,12}?(?:委员会|工委|党委|党组|委|人民政府|政府|管委会|人大常委会)$"
)
_PART = re.compile(r"[、，,]|(?<=[委府会])(?:和|及|与)|(?<=委)(?=[省市县区]?(?:人民)?政府)")
# An addressee line standing near the top (a cover letter above the report, a comma
# between the bodies): 中共将乐县委员会,将乐县人民政府：
_ADDRESSEE = re.compile(r"^\s*((?:中共)?[\u4e00-\u9fff、，,]{2,40}?(?:委|委员会|政府|工委|管委会))\s*[：:]\s*$")
_LEVEL_OF_SUPERIOR = {"省": "province", "市": "city", "县": "county", "区": "district"}
_PLACE = re.compile(r"^(.+?(?:自治县|自治州|县|市|区|旗|州|盟|省))")


def _bodies(text: str) -> list[str]:
    """The bodies a list names (县委、县政府和上级主管部门 → 县委, 县政府)."""
    return [p for p in (x.strip() for x in _PART.split(text)) if p and _SUPERIOR.match(p)]


def _superiors(report: ParsedReport) -> tuple[list[str], str | None]:
    """From the addressee line, else the opening's 在…领导下 only: never from page chrome."""
    if report.addressee:
        return _bodies(report.addressee) or [report.addressee], None
    for line in report.lines[: max(report.body_start, 12)]:
        m = _ADDRESSEE.match(line.text)
        if m and _bodies(m.group(1)):
            return _bodies(m.group(1)), None
    m = _LEAD.search(report.body_text[:600])
    found = _bodies(m.group(1)) if m else []
    if not found:
        return [], "没有找到主送机关，superiors 请补填"
    return found, f"superiors 取自开头的“{m.group(0)}”（报告没有主送机关行）"  # type: ignore[union-attr]


def _page_date(report: ParsedReport) -> tuple[dt.date | None, str | None]:
    """A date line above the report (a cover letter's), else the page's 成文日期, else its
    发布日期, with a note saying which."""
    for line in report.lines[: max(report.body_start + 1, 12)]:
        d = parse_date_line(line.text)
        if d is not None:
            return d, None
    top = [c.text for c in report.chrome] + [ln.text for ln in report.lines[:6]]
    for key in ("成文日期", "发布日期"):
        values = [report.metadata.get(key, "")]
        values += [m.group(1) for t in top for m in _DATE_LABEL[key].finditer(t)]
        for value in values:
            m = _DATE_VALUE.match(value)
            d = parse_date_line(m.group(1)) if m else None
            if d is not None:
                return d, f"date 取自网页的{key}（正文没有落款日期）"
    return None, None


_DATE_LABEL = {
    "成文日期": re.compile(r"(?:成文|生成|发文)(?:日期|时间)\s*[:：]\s*(\S+)"),
    "发布日期": re.compile(r"发布(?:日期|时间)\s*[:：]\s*(\S+)"),
}
_DATE_VALUE = re.compile(r"^\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)")


def report_date(report: ParsedReport) -> tuple[dt.date | None, str | None]:
    """The report's date: its own (signature) date, else what the page gives."""
    if report.date is not None:
        return report.date, None
    return _page_date(report)


def bureau_of(report: ParsedReport) -> tuple[Bureau, list[str]]:
    """The issuing bureau: name, short name, level and superiors, with notes."""
    notes: list[str] = []
    name = (report.issuer or "").strip()
    name = re.sub(r"^中共", "", name)
    name = re.sub(r"(党组|党委|党总支|党支部)$", "", name)
    if not re.search(r"[\u4e00-\u9fff]{2}", name):
        name = "【待填单位名称】"
        notes.append("没有找到发文单位，bureau.name 请补填")
    superiors, note = _superiors(report)
    level = report.level
    if level is None and superiors:  # 市委、市政府 → a city body
        first = superiors[0].removeprefix("中共")
        level = next((v for k, v in _LEVEL_OF_SUPERIOR.items() if first.startswith(k)), None)
        if level:
            notes.append(f"level 按主送机关“{'、'.join(superiors)}”定为 {level}，请核对")
    if level is None:
        level = "county"
        notes.append("看不出行政级别，level 暂填 county，请核对")
    place = _PLACE.match(name)
    short = None
    if place:
        rest = name[len(place.group(1)) :]
        short = place.group(1)[-1] + rest
        common = place.group(1)[-1] + "科技局"
        if rest.endswith("科学技术局") and common in report.body_text:
            short = common
    if note:
        notes.append(note)
    return Bureau(name=name, short_name=short, level=level, superiors=superiors), notes


# -- paragraphs --------------------------------------------------------------------------


