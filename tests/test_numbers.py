"""The number reader: quantities in every written form, and the numerals that are not
quantities (set phrases, ordinals, dates, document numbers, titles)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text.numbers import (
    find_dates,
    find_quantities,
    format_value,
    parse_number,
    set_phrase_entries,
    unit_scale,
)

# (sentence, [(written, value, high, unit, approx, percent), ...]) — every quantity found.
Q = tuple[str, float, float | None, str | None, str | None, bool]
CASES: list[tuple[str, list[Q]]] = [
    # Arabic, full-width, separators, decimals
    ("召开专题会议4次", [("4次", 4, None, "次", None, False)]),
    ("集中学法24次，开展讲座2次", [("24次", 24, None, "次", None, False), ("2次", 2, None, "次", None, False)]),
    ("共发放资料１２份", [("１２份", 12, None, "份", None, False)]),
    ("服务企业3,200人次", [("3,200人次", 3200, None, "人次", None, False)]),
    ("培训覆盖率达95.5%", [("95.5%", 95.5, None, "%", None, True)]),
    ("参考率１００％", [("１００％", 100, None, "%", None, True)]),
    ("同比提高3个百分点", [("3个百分点", 3, None, "个百分点", None, False)]),
    ("受理案件17件", [("17件", 17, None, "件", None, False)]),
    ("公开执法事项6项", [("6项", 6, None, "项", None, False)]),
    ("聘请法律顾问1名", [("1名", 1, None, "名", None, False)]),
    ("完成学时40学时", [("40学时", 40, None, "学时", None, False)]),
    ("审查文件3件，备案2件", [("3件", 3, None, "件", None, False), ("2件", 2, None, "件", None, False)]),
    ("参与人数达5000", [("5000", 5000, None, None, None, False)]),
    ("抽查企业12家次", [("12家次", 12, None, "家次", None, False)]),
    ("评分95分", [("95分", 95, None, "分", None, False)]),
    # mixed Arabic and Chinese multipliers, money
    ("发放宣传册1.2万份", [("1.2万份", 12000, None, "份", None, False)]),
    ("投入资金5249.57万元", [("5249.57万元", 5249.57, None, "万元", None, False)]),
    ("争取资金1.5亿元", [("1.5亿元", 1.5, None, "亿元", None, False)]),
    ("服务群众3千余人", [("3千余人", 3000, None, "人", "余", False)]),
    ("兑现奖补10余万元", [("10余万元", 10, None, "万元", "余", False)]),
    ("罚款3000元", [("3000元", 3000, None, "元", None, False)]),
    ("受益群众2万人", [("2万人", 20000, None, "人", None, False)]),
    # Chinese numerals
    ("举办专题讲座三十场", [("三十场", 30, None, "场", None, False)]),
    ("开展执法检查两次", [("两次", 2, None, "次", None, False)]),
    ("组织学法十八次", [("十八次", 18, None, "次", None, False)]),
    ("发放资料四千份", [("四千份", 4000, None, "份", None, False)]),
    ("组织学法二十四次", [("二十四次", 24, None, "次", None, False)]),
    ("培训一百零五人", [("一百零五人", 105, None, "人", None, False)]),
    ("覆盖两千零五十人", [("两千零五十人", 2050, None, "人", None, False)]),
    ("发放一万二千份", [("一万二千份", 12000, None, "份", None, False)]),
    ("印发三点五万份", [("三点五万份", 35000, None, "份", None, False)]),
    ("受益二十万人", [("二十万人", 200000, None, "人", None, False)]),
    ("投入三千二百万元", [("三千二百万元", 3200, None, "万元", None, False)]),
    ("奖补十万元", [("十万元", 10, None, "万元", None, False)]),
    ("投入十二点五万元", [("十二点五万元", 12.5, None, "万元", None, False)]),
    ("共有壹佰份", [("壹佰份", 100, None, "份", None, False)]),
    ("开展廿五次", [("廿五次", 25, None, "次", None, False)]),
    ("开展宣传卅场", [("卅场", 30, None, "场", None, False)]),
    ("公开事项六项", [("六项", 6, None, "项", None, False)]),
    ("新增两名公职律师", [("两名", 2, None, "名", None, False)]),
    ("审查规范性文件三件", [("三件", 3, None, "件", None, False)]),
    ("历时三个月", [("三个月", 3, None, "个月", None, False)]),
    ("一百本汇编", [("一百本", 100, None, "本", None, False)]),
    ("走访企业四十家", [("四十家", 40, None, "家", None, False)]),
    ("全年编发简报十二期", [("十二期", 12, None, "期", None, False)]),
    # percentages
    ("学法考试参考率百分之百", [("百分之百", 100, None, "%", None, True)]),
    ("合格率百分之九十五点五", [("百分之九十五点五", 95.5, None, "%", None, True)]),
    ("事故率下降千分之三", [("千分之三", 0.3, None, "%", None, True)]),
    ("约三成企业", [("约三成", 30, None, "%", "约", True)]),
    ("三成以上", [("三成以上", 30, None, "%", "以上", True)]),
    ("覆盖三分之一的乡镇", [("三分之一", 33.333333, None, "%", None, True)]),
    ("八成干部", [("八成", 80, None, "%", None, True)]),
    ("增长一成半", [("一成半", 15, None, "%", None, True)]),
    ("其他职权4 项", [("4 项", 4, None, "项", None, False)]),
    # approximations
    ("覆盖干部职工两百余人次", [("两百余人次", 200, None, "人次", "余", False)]),
    ("走访企业十余家", [("十余家", 10, None, "家", "余", False)]),
    ("参加近百人", [("近百人", 100, None, "人", "近", False)]),
    ("培训一百余人次", [("一百余人次", 100, None, "人次", "余", False)]),
    ("开展二十多次", [("二十多次", 20, None, "次", "多", False)]),
    ("约30次", [("约30次", 30, None, "次", "约", False)]),
    ("30人左右", [("30人左右", 30, None, "人", "左右", False)]),
    ("50次以上", [("50次以上", 50, None, "次", "以上", False)]),
    ("超过2000人次", [("超过2000人次", 2000, None, "人次", "超过", False)]),
    ("逾千人次", [("逾千人次", 1000, None, "人次", "逾", False)]),
    ("数十家企业", [("数十家", 10, None, "家", "数", False)]),
    ("十几次", [("十几次", 10, None, "次", "几", False)]),
    ("万余人", [("万余人", 10000, None, "人", "余", False)]),
    ("2000余份", [("2000余份", 2000, None, "份", "余", False)]),
    ("两千余人次", [("两千余人次", 2000, None, "人次", "余", False)]),
    ("将近三十场", [("将近三十场", 30, None, "场", "将近", False)]),
    ("近3年", [("近3年", 3, None, "年", "近", False)]),
    # ranges
    ("每年3至5次", [("3至5次", 3, 5, "次", None, False)]),
    ("三到五次", [("三到五次", 3, 5, "次", None, False)]),
    ("3-5人", [("3-5人", 3, 5, "人", None, False)]),
    ("三四次", [("三四次", 3, 4, "次", None, False)]),
    ("一两百人", [("一两百人", 100, 200, "人", None, False)]),
    # words that look like an approximation but are not
    ("最近三年", [("三年", 3, None, "年", None, False)]),
    ("节约2万元", [("2万元", 2, None, "万元", None, False)]),
    # numerals that are not quantities
    ("一是召开会议，二是完善制度", []),
    ("组织实施“八五”普法", []),
    ("统一部署", []),
    ("千人", []),
    ("零投诉", []),
    ("名单", []),
    ("十分重要", []),
    ("一起研究", []),
    ("2022我局", []),
    ("第3次会议", []),
    ("5G基站", []),
    ("上半年", []),
    ("形成合力，完成任务", []),
    ("落实首问负责制和一次性告知", []),
    ("按照（2024）年度计划", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quantities(text: str, expected: list[Q]) -> None:
    got = [(q.text, q.value, q.high, q.unit, q.approx, q.percent) for q in find_quantities(text)]
    assert got == [(w, pytest.approx(v), h, u, a, p) for w, v, h, u, a, p in expected]
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text and q.number in q.text


def test_at_least_eighty_expressions() -> None:
    assert len(CASES) + len(set_phrase_entries()) >= 80 and len(CASES) >= 80


@pytest.mark.parametrize(
    "entry", set_phrase_entries(), ids=[str(e["match"]) for e in set_phrase_entries()]
)
def test_set_phrase_is_not_a_quantity(entry: dict) -> None:
    example = str(entry["example"])
    pattern = str(entry["match"]) if entry.get("regex") else re.escape(str(entry["match"]))
    spans = [m.span() for m in re.finditer(pattern, example)]
    assert spans, f"the example does not contain {entry['match']}"
    for q in find_quantities(example):
        assert not any(a < q.end and q.start < b for a, b in spans), (q, entry["why"])


def test_set_phrases_inside_sentences_leave_real_quantities() -> None:
    text = "局主要负责人履行第一责任人职责，落实“三重一大”制度，召开党组会十二次，开展“八五”普法宣传30场。"
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(12, "次"), (30, "场")]
    text = "深刻领悟“两个确立”，增强“四个意识”，推动“三个到位”，组织学法两次。"
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(2, "次")]


def test_dates_years_and_document_numbers() -> None:
    text = (
        "2024年3月1日，依据高政办发〔2024〕3号和《2023年工作要点》，二〇二四年十二月召开会议5次。"
    )
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(5, "次")]
    assert [(d.value, d.unit) for d in find_dates(text)] == [
        (2024, "年"), (3, "月"), (1, "日"), (2024, "年"), (12, "月")
    ]  # fmt: skip
    assert [d.value for d in find_dates("2021—2025年，1—6月，2022我局")] == [2021, 2025, 1, 6, 2022]
    headings = "一、主要举措\n（一）加强领导\n1. 学法\n（2）普法\n十二、其他"
    assert find_quantities(headings) == []


PARSE = [
    ("十八", 18), ("两", 2), ("二〇二四", 2024), ("1.2万", 12000), ("3千", 3000), ("５", 5),
    ("三成", 30), ("百分之百", 100), ("百分之九十五", 95), ("30%", 30), ("四千", 4000),
    ("一万亿", 1e12), ("两千零五十", 2050), ("廿五", 25), ("卅", 30), ("0.5", 0.5),
    ("约30", None), ("三十余", None), ("3至5", None), ("abc", None), ("", None), ("30次", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value"), PARSE, ids=[p[0] or "empty" for p in PARSE])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_helpers() -> None:
    assert format_value(12.0) == "12" and format_value(5249.57) == "5249.57"
    assert unit_scale("万元") == (1e4, "元") and unit_scale("次") == (1.0, "次")
    (q,) = find_quantities("投入5249.57万元")
    assert q.number == "5249.57" and q.text[: q.number_end - q.start] == "5249.57"
    (q,) = find_quantities("共三十场次")
    assert q.chinese and q.number == "三十" and not find_quantities("共30场次")[0].chinese


def test_chinese_numerals_agree_with_an_independent_converter() -> None:
    """Our converter against cn2an's Arabic → Chinese writer, over 0–20000 and random large
    numbers up to 万亿, in the 一 and the 两 spelling."""
    import random

    import cn2an  # a dev dependency: never skipped

    rng = random.Random(7)
    numbers = [*range(20001), *(rng.randrange(10**13) for _ in range(3000))]
    wrong = []
    for n in numbers:
        written = cn2an.an2cn(n, "low")
        spoken = re.sub(r"^二(?=[百千万亿])", "两", written)
        if parse_number(written) != n or parse_number(spoken) != n:
            wrong.append((n, written))
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="一二两三十百千万亿零〇余多近约至到成分之百%．.0123456789次人场份元年月日号第是个《》〔〕【】（）、，。 \n",
        max_size=40,
    )
)
def test_any_text_reads_without_error(text: str) -> None:
    for q in find_quantities(text) + find_dates(text):
        assert text[q.start : q.end] == q.text and q.number in q.text
        assert q.start < q.number_end <= q.end and q.value >= 0
