"""Build toolkit/data/gazetteer.txt: stems of place names from jieba's dictionary.

jieba tags place names `ns`; we keep those that end in an administrative suffix
(市, 县, 区, 省, 州, 旗, 镇, 乡) and take their stems (孝感市 → 孝感), dropping stems that
are ordinary words. Run with jieba installed: `python scripts/build_gazetteer.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import jieba

SUFFIX = re.compile(r"^(.{2,6}?)(自治县|自治州|自治旗|县|市|区|省|州|旗|镇|乡)$")
# Stems that are also ordinary words in these reports.
COMMON = {
    "江南", "朝阳", "东方", "中原", "华北", "华南", "华东", "西南", "东北", "西北", "中山", "新华",
    "和平", "长安", "东城", "西城", "南山", "北山", "城关", "开发", "高新", "经开", "新区", "示范",
    "中心", "人民", "解放", "光明", "胜利", "前进", "红旗", "东风", "向阳", "团结", "友谊", "幸福",
    "安康", "长治", "大同", "来宾", "白山", "文山", "红河", "永安", "永和", "太平", "新城", "老城",
    "城中", "城东", "城西", "城南", "城北", "江北", "河东", "河西", "河北", "山东", "山西", "海南",
    "东区", "西区", "南区", "北区", "中区", "上城", "下城", "平安", "长寿", "富民", "兴业", "昌平",
    "普陀", "黄山", "北海", "南海", "东海", "青山", "金山", "宝山", "铁山", "石山", "龙山", "凤山",
    "小康", "惠民", "高峰", "陆军", "凤凰", "温泉", "博爱", "方正", "同仁", "高明", "松柏", "白玉",
    "木兰", "大王", "万象", "上高", "开化", "左权", "天台", "常平", "文成", "安达", "石柱", "石龙",
    "小河", "黄龙", "盘龙", "金平", "云霄", "高平", "崇文", "钟山", "乔治", "拉丁", "安宁",
    "兴国", "振兴", "共和", "新民", "永康", "永定", "建设", "东兴", "福山",
}  # fmt: skip
KEEP_ANYWAY = {"山东", "山西", "河北", "海南"}  # provinces: masked in every report


def main() -> None:
    path = Path(jieba.__file__).parent / "dict.txt"
    tags: dict[str, tuple[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags[parts[0]] = (parts[2], int(parts[1]))
    stems = set()
    for word, (tag, _freq) in tags.items():
        m = SUFFIX.match(word)
        if not m:
            continue
        stem, suffix = m.group(1), m.group(2)
        # 县/市/旗/州/省 after two or more characters name a place whatever jieba's tag
        # (it tags 云梦县 nr); 区/镇/乡 also end ordinary words (示范区), so need ns.
        if suffix in ("区", "镇", "乡") and tag != "ns":
            continue
        if tag not in ("ns", "nr", "nz", "n"):
            continue
        bare_tag, bare_freq = tags.get(stem, ("ns", 0))
        if stem in KEEP_ANYWAY or (
            stem not in COMMON
            and (bare_tag in ("ns", "nr", "nz", "nrt", "nrfg") or bare_freq < 100)
        ):
            stems.add(stem)
    out = Path(__file__).resolve().parent.parent / "toolkit" / "data" / "gazetteer.txt"
    header = "# Place-name stems derived from jieba's dictionary by scripts/build_gazetteer.py\n"
    out.write_text(header + "\n".join(sorted(stems)) + "\n", encoding="utf-8")
    print(f"{len(stems)} stems written to {out}")


if __name__ == "__main__":
    main()
