"""Masking: replace the issuer, places, people, organisations, years and numbers with
typed slots, so that drafting can reuse phrasing without carrying another bureau's facts.

Places and people are found on jieba's part-of-speech tags (rjieba) checked against a
gazetteer of place-name stems (derived from jieba's dictionary, `data/gazetteer.txt`);
the regexes here handle what tags do not: document numbers, law firms, dates, numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import rjieba

from ..parse.metadata import PLACE_CHAR, sub_bodies
from ..paths import PACKAGE_DATA
from ..registers.departments import kind_of

SLOT_BUREAU = "【本单位】"
SLOT_ORG = "【机构】"
SLOT_PLACE = "【地名】"
SLOT_PERSON = "【人名】"
SLOT_YEAR = "【年份】"
SLOT_DATE = "【日期】"
SLOT_NUMBER = "【数字】"
SLOT_DOCNO = "【文号】"
SLOTS = (
    SLOT_BUREAU,
    SLOT_ORG,
    SLOT_PLACE,
    SLOT_PERSON,
    SLOT_YEAR,
    SLOT_DATE,
    SLOT_NUMBER,
    SLOT_DOCNO,
)

_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日")
_YEAR = re.compile(
    r"(?<!\d)(?:19|20)\d{2}(?=\s*(?:年|[-－—–~至]\s*(?:19|20)\d{2}))"
    r"|(?<=[-－—–~至])\s*(?:19|20)\d{2}(?!\d)"
)
# How a body calls itself (我局, 局党组, 委主要负责人): its kind shows, so it is masked too.
_SELF = re.compile(r"我(?:分局|局|委|厅|办|中心)|(?:局|(?<![省市县区州旗党])委|厅)(?=党组|主要负责人)")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_ORG = re.compile(
    rf"((?:{PLACE_CHAR}|[A-Za-z]){{2,10}}?"
    r"(?:律师事务所|会计师事务所|有限责任公司|股份有限公司|有限公司|集团|研究院|研究所|大学|学院|医院))"
)
_ORG_HINTS = ("事务所", "公司", "集团", "研究院", "研究所", "大学", "学院", "医院")
_SQUARE_HINTS = ("广场", "公园", "会展中心", "体育馆")
_SQUARE = re.compile(rf"{PLACE_CHAR}{{2,4}}(?:广场|公园|会展中心|体育馆)")
_ADMIN = re.compile(r"^(.{2,6}?)(自治县|自治州|自治区|省|市|县|区|镇|乡|村|旗|州|街道)$")
_TITLES = frozenset(
    [
        "局长",
        "副局长",
        "书记",
        "副书记",
        "主任",
        "副主任",
        "科长",
        "副科长",
        "股长",
        "所长",
        "律师",
        "处长",
        "县长",
        "市长",
        "区长",
        "同志",
        "教授",
        "院长",
        "组长",
        "总书记",
        "委员",
        "主席",
        "部长",
    ]
)
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_NOT_PEOPLE = frozenset({"习近平"})
_NOT_PLACES = frozenset(
    {"中国", "中华", "中华人民共和国", "全国", "国家", "城乡", "各县区", "县市区"}
)


@cache
def gazetteer() -> frozenset[str]:
    """Place-name stems (孝感, 临沂…) from the bundled list derived from jieba's dictionary."""
    lines = (PACKAGE_DATA / "gazetteer.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


_ADMIN_LAST = frozenset("省市县区镇乡村旗州道")


def _is_place(word: str, tag: str, learned: set[str]) -> bool:
    if len(word) < 2 or word in _NOT_PLACES:
        return False
    gaz = gazetteer()
    if word in gaz or word in learned:
        return True
    if tag != "ns" and word[-1] not in _ADMIN_LAST:
        return False
    m = _ADMIN.match(word)
    if m and (tag == "ns" or m.group(1) in gaz) and not m.group(1).startswith(("全", "本", "各")):
        return True
    return tag == "ns" and (word[:2] in gaz or word[:3] in gaz)


def _learn(tokens: list[tuple[str, str]]) -> set[str]:
    found: set[str] = set()
    for word, tag in tokens:
        if tag == "ns" and word[-1] in _ADMIN_LAST and word not in _NOT_PLACES:
            m = _ADMIN.match(word)
            if m and not m.group(1).startswith(("全", "本", "各")):
                found.update((word, m.group(1)))
    return found


def learn_places(text: str) -> set[str]:
    """Places a text names with a suffix, and their stems (孝感市 → 孝感市, 孝感)."""
    return _learn(rjieba.tag(text))


_DIGIT = re.compile(r"[0-9０-９]")


class Masker:
    """Masks the pieces of one report. Places the report names with a suffix anywhere
    (鹤壁市) are masked where it names them bare (法治鹤壁) too: give all pieces to
    `mask_many`, or the full text to the constructor and pieces to `mask`."""

    def __init__(
        self, full_text: str | None = None, issuer: str | None = None, extra: Iterable[str] = ()
    ) -> None:
        self.issuer = issuer
        self.learned = learn_places(full_text) if full_text else set()
        words = sorted({e for e in extra if e}, key=len, reverse=True)
        self._extra = re.compile("|".join(map(re.escape, words))) if words else None

    def mask(self, text: str) -> str:
        return self.mask_many([text])[0]

    def mask_many(self, texts: list[str]) -> list[str]:
        """Mask several pieces of the report, learning places from all of them first."""
        pre = [self._pre(t) for t in texts]
        tagged = [rjieba.tag(t) for t in pre]
        for tokens in tagged:
            self.learned |= _learn(tokens)
        return [self._post(self._mask_tokens(tokens)) for tokens in tagged]

    def _pre(self, text: str) -> str:
        t = text
        if "号" in t:
            t = _DOCNO.sub(SLOT_DOCNO, t)
        if self._extra is not None:
            t = self._extra.sub(SLOT_PLACE, t)
        if any(s in t for s in _ORG_HINTS):
            t = _ORG.sub(SLOT_ORG, t)
        t = sub_bodies(t, self._body)
        t = _SELF.sub(SLOT_BUREAU, t)
        if any(s in t for s in _SQUARE_HINTS):
            t = _SQUARE.sub(SLOT_PLACE, t)
        return t

    @staticmethod
    def _post(text: str) -> str:
        t = text
        if _DIGIT.search(t):
            t = _DATE.sub(SLOT_DATE, t)
            t = _YEAR.sub(SLOT_YEAR, t)
            t = _NUMBER.sub(SLOT_NUMBER, t)
        return re.sub(r"(?:【地名】)+", SLOT_PLACE, t)

    def _mask_tokens(self, tokens: list[tuple[str, str]]) -> str:
        kinds: list[str | None] = [None] * len(tokens)
        gaz, learned = gazetteer(), self.learned
        has_list = False
        for i, (word, tag) in enumerate(tokens):
            if len(word) < 2:
                has_list = has_list or word == "、"
                continue
            if word in gaz or word in learned:
                if word not in _NOT_PLACES:
                    kinds[i] = SLOT_PLACE
            elif tag == "ns" or word[-1] in _ADMIN_LAST:
                if _is_place(word, tag, learned):
                    kinds[i] = SLOT_PLACE
                elif tag == "ns" and i > 0 and kinds[i - 1] == SLOT_PLACE:
                    kinds[i] = SLOT_PLACE  # a place inside a place: 云梦曾店, 山东临沂
            elif tag == "nt":
                if len(word) >= 4 and word[:2] in gaz:
                    kinds[i] = SLOT_ORG  # 武汉中院
            elif tag[:2] == "nr" and self._is_person(tokens, i):
                kinds[i] = SLOT_PERSON
        if has_list:
            self._mask_lists(tokens, kinds)
        return "".join([kind or word for (word, _), kind in zip(tokens, kinds, strict=True)])

    @staticmethod
    def _is_person(tokens: list[tuple[str, str]], i: int) -> bool:
        word = tokens[i][0]
        if not (2 <= len(word) <= 3) or word[0] not in _SURNAMES or word in _NOT_PEOPLE:
            return False
        prev = tokens[i - 1][0] if i > 0 else ""
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        return prev in _TITLES or nxt in _TITLES or nxt in ("为", "担任")

    @staticmethod
    def _mask_lists(tokens: list[tuple[str, str]], kinds: list[str | None]) -> None:
        """In "A、B等地" lists that hold a place, every item is a place (应城、安陆等县市)."""
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens) and tokens[i + 1][0] != "、":
                i += 1
                continue
            j = i
            items = [i]
            while j + 2 < len(tokens) and tokens[j + 1][0] == "、":
                j += 2
                items.append(j)
            is_list = len(items) > 1 and j + 1 < len(tokens) and tokens[j + 1][0] == "等"
            if is_list and any(kinds[k] == SLOT_PLACE for k in items):
                for k in items:
                    if 2 <= len(tokens[k][0]) <= 4 and _HAN_WORD.fullmatch(tokens[k][0]):
                        kinds[k] = SLOT_PLACE
            i = j + 1

    def _body(self, m: re.Match[str]) -> str:
        name = m.group(1)
        bare = re.sub(r"^中共|党组$|党委$", "", name)
        if bare[0] in "县市区省局" or kind_of(bare) is None or bare == _ending(bare):
            # 县科技局, 市司法局: a short name, the report's own when of the issuer's kind
            own = self.issuer is None or kind_of(bare) == kind_of(self.issuer)
            return SLOT_BUREAU if own else SLOT_ORG
        if self.issuer and (
            bare in self.issuer or self.issuer in name or _same_place(bare, self.issuer)
        ):
            return SLOT_BUREAU
        return SLOT_ORG


def _ending(name: str) -> str:
    """The department ending of a body's name (科技局 of 高台县科技局), or the name."""
    prof = kind_of(name)
    if prof is None:
        return name
    return max((e for e in prof.names if name.endswith(e)), key=len, default=name)


def _same_place(a: str, b: str) -> bool:
    """Whether two body names start with the same place (鹤壁市科技局, 鹤壁市科学技术局)."""
    pa = re.match(r"^(?:中共)?(.{2,8}?[省市县区旗])", a)
    pb = re.match(r"^(?:中共)?(.{2,8}?[省市县区旗])", b)
    return bool(pa and pb and pa.group(1) == pb.group(1))


def mask_text(text: str, issuer: str | None = None, extra: Iterable[str] = ()) -> str:
    """Mask a stand-alone text (see `Masker` to mask many pieces of one report)."""
    return Masker(text, issuer, extra).mask(text)
