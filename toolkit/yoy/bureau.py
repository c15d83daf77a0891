"""Who wrote a report, for its fact sheet: the bureau, its level and short name, and the
superiors it names (在…领导下, the addressee)."""

from __future__ import annotations

import re

from ..facts import Bureau
from ..parse.report import ParsedReport

_LEAD = re.compile(r"在([\u4e00-\u9fff、]{2,16}?)的?(?:坚强|正确|大力|有力|亲切)?领导下")
_SUPERIOR = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:委|政府|人大|政协|党组|党委)")
_PLACE = re.compile(r"^(.+?(?:自治县|自治州|县|市|区|旗|州|盟|省))")


def _superiors(report: ParsedReport) -> tuple[list[str], str | None]:
    if report.addressee:
        return [s for s in re.split(r"[、，,]", report.addressee) if s], None
    m = _LEAD.search(report.body_text[:600])
    if not m:
        return [], "没有找到主送机关，superiors 请补填"
    parts = re.split(r"[、，]", m.group(1))
    found = [s for p in parts for s in _SUPERIOR.findall(p)] or parts
    return found, f"superiors 取自开头的“{m.group(0)}”（报告没有主送机关行）"


def bureau_of(report: ParsedReport) -> tuple[Bureau, list[str]]:
    """The issuing bureau: name, short name, level and superiors, with notes."""
    notes: list[str] = []
    name = (report.issuer or "").strip()
    name = re.sub(r"^中共", "", name)
    name = re.sub(r"(党组|党委|党总支|党支部)$", "", name)
    if not re.search(r"[\u4e00-\u9fff]{2}", name):
        name = "【待填单位名称】"
        notes.append("没有找到发文单位，bureau.name 请补填")
    level = report.level
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
    superiors, note = _superiors(report)
    if note:
        notes.append(note)
    return Bureau(name=name, short_name=short, level=level, superiors=superiors), notes


# -- paragraphs --------------------------------------------------------------------------


