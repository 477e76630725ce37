"""Will it work with …? ("支持苹果吗", "安卓能用吗" on a charger's card): a question about the
product on screen, answered from what its name, description and specs say, or honestly not known.

The device word is no product wanted: on the 20W charger's card 苹果 is the phone brand, not the
shop's apples.

A model named ("iPhone14能用吗", "15pro的能用不") is checked against the models the product states
(its 型号 values, "适配iPhone 12及以上", "iPhone15…" in its name): a phone case made for the 15s
is "不能" for a 14, with the models it does fit. Only a product that states no model is answered
by the device (苹果) alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_NOT_FIT = re.compile(r"几次|多少次|多久|多长时间")
"""能充几次 is how long it lasts (the 续航 fact), not whether it fits."""
_MODEL = re.compile(
    r"(?P<family>iphone|苹果|ipad)\s*(?P<pre>air|pro|mini)?\s*(?P<number>\d{1,2})(?![\d.]*\s*(?:斤|个|箱|盒|kg|g|米|m))"
    r"\s*(?P<variant>pro\s*max|promax|pro|plus|max|mini|air)?",
    re.IGNORECASE,
)
_BARE_MODEL = re.compile(
    r"(?<![\d.])(?P<number>\d{1,2})\s*(?P<variant>pro\s*max|promax|pro|plus|mini)?(?:的|手机)*\s*"
    r"(?:能用|可以用|能不能用|可不可以用|用得了|适配|适用|支持|合适)",
    re.IGNORECASE,
)
"""14的能用吗, 15pro能用不 on a card that lists models: the number is the model, of that family."""
_SINCE = re.compile(r"\s*(?:及|或)?以上")
_VARIANTS = {
    "pro max": "Pro Max",
    "promax": "Pro Max",
    "max": "Pro Max",
    "pro": "Pro",
    "plus": "Plus",
}
_VARIANTS |= {"mini": "mini", "air": "Air"}
UNKNOWN = "{name}没有写明支不支持{device}，不想乱说误导您。回复“人工”，我请客服帮您确认～"


def device_asked(text: str) -> str | None:
    """The device a compatibility question names ("支持苹果吗" → 苹果), or None."""
    low = text.lower()
    if not _ASKS.search(low) or _NOT_FIT.search(low):
        return None
    found = [device for word, device in _SAID.items() if word in low]
    return found[0] if found else None


def compat_answer(msg: Inbound, item: Product, ctx: Context) -> str | None:
    """The answer to "支持苹果吗" about `item`: the clause of its text that names the device
    ("支持的：适配iPhone 8以上机型"), else not sure with a human offered (recorded for the
    merchant); None when the message asks no such question."""
    device = device_asked(msg.text)
    model = model_asked(msg.text) or _bare_model(msg.text, item)
    if device is None and model is not None:
        device = "苹果"  # the families models are read for are Apple's
    if device is None:
        return None
    fit = model_fit_said(msg.text, item)
    if fit is not None:
        return fit
    said = _stated(device, item)
    if said is not None:
        return f"能用，{_fits_phrase(item.name, said)}。"
    record_gap(msg, ctx, "no_fact")
    return UNKNOWN.format(name=item.name, device=device)


def model_fit_said(text: str, item: Product) -> str | None:
    """ "能用，…适配iPhone 15 Pro。" / "不能，…只适配…，iPhone 14用不了。" for a model the text asks
    about and `item` lists its models for; None when it asks no model or lists none."""
    model = model_asked(text) or _bare_model(text, item)
    fit = _model_fit(model, item) if model is not None else None
    if fit is None or model is None:
        return None
    fits, stated = fit
    if fits:
        return f"能用，{item.name}{stated}。"
    return f"不能，{item.name}只{stated}，{model.shown}用不了。"


@dataclass(frozen=True, slots=True)
class Model:
    """A device model: iPhone 15 Pro is ("iPhone", 15, "Pro")."""

    family: str
    number: int
    variant: str

    @property
    def shown(self) -> str:
        return " ".join(x for x in (self.family, str(self.number), self.variant) if x)


def _model(m: re.Match[str]) -> Model:
    family = "iPad" if m.group("family").lower() == "ipad" else "iPhone"
    raw = (m.group("pre") or m.group("variant") or "").lower()
    variant = _VARIANTS.get(re.sub(r"\s+", " ", raw), "")
    return Model(family, int(m.group("number")), variant)


def model_asked(text: str) -> Model | None:
    """The model a message names ("iPhone14" → iPhone 14, "苹果15pro" → iPhone 15 Pro), or None."""
    m = _MODEL.search(text)
    return None if m is None else _model(m)


def _bare_model(text: str, item: Product) -> Model | None:
    """ "15pro能用吗" on the card of a product made for some models: the family is theirs."""
    m = _BARE_MODEL.search(text)
    if m is None:
        return None
    stated = [
        _model(x) for v in (item.name, *item.attributes.get("适配", ())) if (x := _MODEL.search(v))
    ]
    stated += [_model(x) for vs in item.specs.values() for v in vs if (x := _MODEL.fullmatch(v))]
    if not stated:
        return None
    variant = _VARIANTS.get(re.sub(r"\s+", " ", (m.group("variant") or "").lower()), "")
    return Model(stated[0].family, int(m.group("number")), variant)


def _model_fit(asked: Model, item: Product) -> tuple[bool, str] | None:
    """Whether `item` fits the model asked, with what it says it fits ("适配iPhone 15、…"), from
    the first of its models stated: the spec values (型号), a clause of its description
    ("适配iPhone 12及以上"), its name ("iPhone15…"), its 适配 attribute; None when it states none of
    the model's family."""
    values = [v for vs in item.specs.values() for v in vs if _MODEL.fullmatch(v.strip())]
    listed = [(_model(m), v) for v in values if (m := _MODEL.fullmatch(v.strip()))]
    listed = [(model, v) for model, v in listed if model.family == asked.family]
    if listed:
        fits = any(_same(asked, model) for model, _ in listed)
        return fits, "适配" + "、".join(v for _, v in listed)
    for clause in _CLAUSE.split(item.description):
        m = _MODEL.search(clause)
        if m is None or _model(m).family != asked.family:
            continue
        stated = _model(m)
        since = _SINCE.match(clause, m.end())
        fits = asked.number >= stated.number if since else asked.number == stated.number
        return fits, _fits_phrase("", clause.strip())
    for text in (item.name, *item.attributes.get("适配", ())):
        m = _MODEL.search(text)
        if m is not None and _model(m).family == asked.family:
            stated = _model(m)
            return asked.number == stated.number, f"是{stated.shown}用的"
    return None


def by_model_asked(text: str, items: list[Product]) -> tuple[str, list[Product]] | None:
    """A search naming a model ("有没有iPhone14的手机壳"): the products that fit it (and those
    that state no model, such as a universal holder), or, when none that states models fits,
    that said first; None when no model is named or none of `items` states one."""
    model = model_asked(text)
    if model is None:
        return None
    verdicts = [(item, _model_fit(model, item)) for item in items]
    if all(fit is None for _, fit in verdicts):
        return None
    fitting = [item for item, fit in verdicts if fit is not None and fit[0]]
    unstated = [item for item, fit in verdicts if fit is None and not _states_models(item)]
    if fitting:
        return "", fitting + unstated
    return f"店里暂时没有适配{model.shown}的款，下面这些是别的型号或通用款：", items


def _states_models(item: Product) -> bool:
    """Does `item` say which devices it is for (an iPad case names iPads: no iPhone fits it)?"""
    said = [item.name, item.description, *item.attributes.get("适配", ())]
    said += [v for vs in item.specs.values() for v in vs]
    return any(_MODEL.search(text) for text in said)


def _same(asked: Model, listed: Model) -> bool:
    """iPhone 15 asked is the listed iPhone 15 (not its Pro); iPhone 15 Pro is the Pro."""
    return asked.number == listed.number and asked.variant == listed.variant


_FITS_WORDS = ("适配", "适用", "支持", "兼容", "可充", "可以", "能", "就是")


def _fits_phrase(name: str, said: str) -> str:
    """What the product's text says, made into a phrase after its name: "适配iPhone 8以上机型"
    reads on; a bare value ("Type-C转Lightning") is quoted."""
    if said.startswith(_FITS_WORDS):
        return f"{name}{said}"
    return f"{name}写的是“{said}”" if name else f"写的是“{said}”"


def _stated(device: str, item: Product) -> str | None:
    """What the product's text says of `device`: the clause naming it, or "就是…用的" when its
    name does; None when nothing does."""
    aliases = DEVICES[device]
    for clause in _CLAUSE.split(item.description):
        if any(a in clause.lower() for a in aliases):
            return clause.strip()
    values = [v for vs in item.specs.values() for v in vs if any(a in v.lower() for a in aliases)]
    if values:  # 型号: iPhone 15 / iPhone 15 Pro: the models it is made for, all of them
        return "适配" + "、".join(values)
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
    model = model_asked(msg.text)
    lines: list[str] = []
    unknown: list[str] = []
    for p in items:
        fit = _model_fit(model, p) if model is not None else None
        said = _stated(device, p) if fit is None else None
        if fit is not None and model is not None:
            fits, stated = fit
            lines.append(f"{p.name}：能用，{stated}" if fits else f"{p.name}：不能，只{stated}")
        elif said is not None:
            lines.append(f"{p.name}：能用，{_fits_phrase('', said)}")
        else:
            unknown.append(p.name)
    if unknown:
        record_gap(msg, ctx, "no_fact")
        names = "、".join(unknown)
        lines.append(
            f"{names}没有写明支不支持{device}，不想乱说误导您。回复“人工”，我请客服帮您确认～"
        )
    return "\n".join(lines)
