"""Will it work with …? ("支持苹果吗", "安卓能用吗" on a charger's card): a question about the
product on screen, answered from what its name, description and specs say, or honestly not known.

The device word is no product wanted: on the 20W charger's card 苹果 is the phone brand, not the
shop's apples.
"""

from __future__ import annotations

import re

from bot.gaps import record_gap
from bot.protocol import Inbound
from bot.step import Context
from knowledge.model import Product

_ASKS = re.compile(
    r"支持|适配|兼容|适用|能用|可以用|能不能用|可不可以用|好用不|能充|可以充|能不能充|能给.{0,6}充|"
    r"能配|配不配|通用"
)
DEVICES: dict[str, tuple[str, ...]] = {
    "苹果": ("苹果", "iphone", "ipad", "apple", "lightning"),
    "安卓": ("安卓", "android"),  # not Type-C: a Type-C转Lightning cable is for iPhones
    "华为": ("华为", "huawei"),
    "小米": ("小米", "xiaomi"),
    "笔记本": ("笔记本", "电脑", "macbook"),
    "Type-C": ("type-c", "typec", "usb-c", "c口", "2c1a", "1a1c", "双c"),
}
"""A device the shopper names → the words a product's text uses for it (lower case)."""
_SAID = {
    "苹果": "苹果",
    "iphone": "苹果",
    "ipad": "苹果",
    "安卓": "安卓",
    "华为": "华为",
    "小米": "小米",
    "笔记本": "笔记本",
    "电脑": "笔记本",
    "macbook": "笔记本",
    "typec": "Type-C",
    "type-c": "Type-C",
    "usb-c": "Type-C",
    "c口": "Type-C",
}
_CLAUSE = re.compile(r"[，,。；;！!]")
UNKNOWN = "{name}没有写明支不支持{device}，不想乱说误导您。回复“人工”，我请客服帮您确认～"


def device_asked(text: str) -> str | None:
    """The device a compatibility question names ("支持苹果吗" → 苹果), or None."""
    low = text.lower()
    if not _ASKS.search(low):
        return None
    found = [device for word, device in _SAID.items() if word in low]
    return found[0] if found else None


def compat_answer(msg: Inbound, item: Product, ctx: Context) -> str | None:
    """The answer to "支持苹果吗" about `item`: the clause of its text that names the device
    ("支持的：适配iPhone 8以上机型"), else not sure with a human offered (recorded for the
    merchant); None when the message asks no such question."""
    device = device_asked(msg.text)
    if device is None:
        return None
    said = _stated(device, item)
    if said is not None:
        return f"支持的，{item.name}{said}。"
    record_gap(msg, ctx, "no_fact")
    return UNKNOWN.format(name=item.name, device=device)


def _stated(device: str, item: Product) -> str | None:
    """What the product's text says of `device`: the clause naming it, or "就是…用的" when its
    name does; None when nothing does."""
    aliases = DEVICES[device]
    values = [v for vs in item.specs.values() for v in vs]
    for clause in [*_CLAUSE.split(item.description), *values]:
        if any(a in clause.lower() for a in aliases):
            return clause.strip()
    if any(a in item.name.lower() for a in aliases):
        return f"就是{device}用的"
    return None


def compat_among(msg: Inbound, items: list[Product], ctx: Context) -> str | None:
    """ "type-c的线能用吗" over a list of chargers: for each listed one, what its text says of
    the device, the ones that say nothing named together as not known; None when the message
    asks no such question."""
    device = device_asked(msg.text)
    if device is None or not items:
        return None
    lines = [f"{p.name}：能用，{said}" for p in items if (said := _stated(device, p)) is not None]
    unknown = [p.name for p in items if _stated(device, p) is None]
    if unknown:
        record_gap(msg, ctx, "no_fact")
        names = "、".join(unknown)
        lines.append(
            f"{names}没有写明支不支持{device}，不想乱说误导您。回复“人工”，我请客服帮您确认～"
        )
    return "\n".join(lines)
