"""Which province an address is in, from how Chinese addresses are written: province first.

`province_of("浙江省杭州市西湖区文三路100号")` → "浙江". The 34 provincial-level divisions go by
their short name (浙江, 内蒙古, 新疆, 香港); the full name (新疆维吾尔自治区), the short name, and a
few well-known cities at the start of an address (杭州市…, 深圳…) all find them. An address that
starts with none of these gives None: the caller asks for the province rather than guess a fee.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# short name → its full names (the first is the official one)
PROVINCES: dict[str, tuple[str, ...]] = {
    "北京": ("北京市",),
    "天津": ("天津市",),
    "上海": ("上海市",),
    "重庆": ("重庆市",),
    "河北": ("河北省",),
    "山西": ("山西省",),
    "辽宁": ("辽宁省",),
    "吉林": ("吉林省",),
    "黑龙江": ("黑龙江省",),
    "江苏": ("江苏省",),
    "浙江": ("浙江省",),
    "安徽": ("安徽省",),
    "福建": ("福建省",),
    "江西": ("江西省",),
    "山东": ("山东省",),
    "河南": ("河南省",),
    "湖北": ("湖北省",),
    "湖南": ("湖南省",),
    "广东": ("广东省",),
    "海南": ("海南省",),
    "四川": ("四川省",),
    "贵州": ("贵州省",),
    "云南": ("云南省",),
    "陕西": ("陕西省",),
    "甘肃": ("甘肃省",),
    "青海": ("青海省",),
    "台湾": ("台湾省",),
    "内蒙古": ("内蒙古自治区",),
    "广西": ("广西壮族自治区", "广西自治区"),
    "西藏": ("西藏自治区",),
    "宁夏": ("宁夏回族自治区", "宁夏自治区"),
    "新疆": ("新疆维吾尔自治区", "新疆自治区"),
    "香港": ("香港特别行政区", "香港特区"),
    "澳门": ("澳门特别行政区", "澳门特区"),
}

# Capitals, sub-provincial and other large cities people often write first; a city missing here
# only means the shopper is asked to add the province.
# fmt: off
CITIES: dict[str, str] = {
    "石家庄": "河北", "唐山": "河北", "保定": "河北", "太原": "山西", "沈阳": "辽宁",
    "大连": "辽宁", "长春": "吉林", "哈尔滨": "黑龙江", "南京": "江苏", "苏州": "江苏",
    "无锡": "江苏", "常州": "江苏", "南通": "江苏", "徐州": "江苏", "扬州": "江苏",
    "杭州": "浙江", "宁波": "浙江", "温州": "浙江", "嘉兴": "浙江", "绍兴": "浙江",
    "金华": "浙江", "义乌": "浙江", "台州": "浙江", "湖州": "浙江", "合肥": "安徽",
    "芜湖": "安徽", "福州": "福建", "厦门": "福建", "泉州": "福建", "南昌": "江西",
    "济南": "山东", "青岛": "山东", "烟台": "山东", "潍坊": "山东", "郑州": "河南",
    "洛阳": "河南", "武汉": "湖北", "宜昌": "湖北", "长沙": "湖南", "广州": "广东",
    "深圳": "广东", "东莞": "广东", "佛山": "广东", "珠海": "广东", "中山": "广东",
    "惠州": "广东", "汕头": "广东", "海口": "海南", "三亚": "海南", "成都": "四川",
    "绵阳": "四川", "贵阳": "贵州", "昆明": "云南", "西安": "陕西", "兰州": "甘肃",
    "西宁": "青海", "南宁": "广西", "桂林": "广西", "柳州": "广西", "拉萨": "西藏",
    "银川": "宁夏", "乌鲁木齐": "新疆", "呼和浩特": "内蒙古", "包头": "内蒙古",
}
# fmt: on

# Prefixes that look like one province and are in another (海南藏族自治州 is in 青海).
EXCEPTIONS: dict[str, str] = {
    "海南藏族自治州": "青海",
    "海南州": "青海",
}

_COUNTRY = re.compile(r"^(?:中华人民共和国|中国(?:大陆)?)")
_SPACE = re.compile(r"[\s,，、:：]+")


def _prefixes() -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for short, full in PROVINCES.items():
        names[short] = short
        for name in full:
            names[name] = short
    names |= {f"{city}市": province for city, province in CITIES.items()}
    names |= CITIES
    names |= EXCEPTIONS
    return sorted(names.items(), key=lambda item: -len(item[0]))  # longest first


_PREFIXES = _prefixes()


def canonical(name: str) -> str | None:
    """A province as a merchant writes it in a knowledge file (浙江, 浙江省) → its short name."""
    cleaned = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    for short, full in PROVINCES.items():
        if cleaned == short or cleaned in full:
            return short
    return None


def province_of(address: str) -> str | None:
    """The short name of the province an address starts with, or None when it does not say."""
    text = _COUNTRY.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", address)))
    for prefix, province in _PREFIXES:
        if text.startswith(prefix):
            return province
    return None


_PLACE = re.compile("|".join(re.escape(name) for name, _ in _PREFIXES))


def place_at_start(text: str) -> str | None:
    """The province or city name `text` starts with, as written ("陕西" of "陕西西安雁塔区",
    "西安市" of "西安市雁塔区"), or None."""
    for prefix, _ in _PREFIXES:
        if text.startswith(prefix):
            return prefix
    return None


def place_in(text: str) -> tuple[str, str] | None:
    """The first place named anywhere in a text ("寄到广州几天到" → ("广州", "广东")): as it
    is written, and the short name of its province; None when it names none."""
    found = _PLACE.search(unicodedata.normalize("NFKC", text))
    if found is None:
        return None
    return found.group(), province_of(found.group()) or found.group()


def without_places(text: str, said_as: Callable[[str, str], str]) -> str:
    """`text` with each place it names written as `said_as(place, province)` says: which city a
    delivery question names changes no general answer, and a name the shop's questions do not
    happen to hold (哈尔滨) only makes the question look less like them."""

    def written(found: re.Match[str]) -> str:
        place = found.group()
        return said_as(place, province_of(place) or place)

    return _PLACE.sub(written, unicodedata.normalize("NFKC", text))
