"""Which of the shop's after-sales policies a case falls under, from what was bought and what the
shopper says about it: bad fruit (return.fresh: photos within 48 hours, refunded by the share of
bad fruit, nothing sent back), a wrong item (return.wrong_item: postage both ways is ours),
intimate wear (return.intimate: no return or exchange without a fault), clothing and shoes
(return.insurance: the free 运费险 pays the postage of a no-reason return).

The general FAQ answers (return.policy, return.exchange, return.shipping_fee) speak for every
product; once the order is known, the case's own entry is the answer, and it keeps being the
answer for the rest of the request (the form's questions, the postage, the wait).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.model import KnowledgeBase, Product

FRESH = "return.fresh"
WRONG_ITEM = "return.wrong_item"
INTIMATE = "return.intimate"
INSURED = "return.insurance"
FRESH_CATEGORY = "水果生鲜"
INSURED_CATEGORIES = frozenset({"服饰"})
"""The categories whose orders come with 运费险 (return.insurance: 服饰和鞋类, shoes are 服饰)."""
INTIMATE_TAG = "贴身"
"""Products tagged so are intimate wear (内裤, 袜子): return.intimate applies to them."""

_WRONG = re.compile(
    r"发错|错发|发成了?|寄错|给我发(?:了)?(?:个|一个|件|一件|的是)|不是我(?:买|要|拍|选)的"
    r"|货不对|颜色不对|尺码不对|款式不对|发的不对|收到的不对|和我买的不一样"
)
_SPOILT = re.compile(r"坏|烂|腐|霉|变质|不新鲜|臭|化了|软塌|蔫|发黑|流汁|破|压扁|挤坏")
_FAULT = re.compile(
    r"坏|破|裂|漏|瑕疵|质量|开线|掉色|起球|脱线|断了|污渍|脏|发霉|过敏|红肿|发错|错发|少发|漏发"
)
"""A fault with the goods: intimate wear with one is returned like anything else."""


def products_of(kb: KnowledgeBase, skus: Iterable[str]) -> list[Product]:
    return [p for sku in skus if (p := kb.products.get(sku)) is not None]


def is_intimate(product: Product) -> bool:
    return INTIMATE_TAG in product.tags


def case_of(kb: KnowledgeBase, skus: Iterable[str], said: str) -> str | None:
    """The FAQ id of the case's own policy, or None when the general policy is the answer."""
    products = products_of(kb, skus)
    if _WRONG.search(said):
        return WRONG_ITEM
    if any(p.category == FRESH_CATEGORY for p in products) and _SPOILT.search(said):
        return FRESH
    if products and all(is_intimate(p) for p in products) and not _FAULT.search(said):
        return INTIMATE
    return None


def insured(kb: KnowledgeBase, skus: Iterable[str]) -> bool:
    """Do the order's goods come with 运费险 (clothing and shoes)?"""
    return any(p.category in INSURED_CATEGORIES for p in products_of(kb, skus))


def wrong_item_said(said: str) -> bool:
    return bool(_WRONG.search(said))


_APPLY_HINT = re.compile(r"(?:请)?回复“(?:售后|退货|换货)”(?:选“[^”]+”)?")
_LEFT_COMMA = re.compile(r"(?<=[！。!，,])[，,]|^[，,]")


def said_in_the_form(answer: str) -> str:
    """An FAQ answer as said while the shopper is already applying: without its "回复“售后”"
    (they did), the rest unchanged ("生鲜签收后48小时内回复“售后”申请，附上…" → "生鲜签收后48小时
    内申请，附上…")."""
    return _LEFT_COMMA.sub("", _APPLY_HINT.sub("", answer))


WARRANTY = "warranty.policy"
DAMAGED_IN_TRANSIT = "return.damaged_in_transit"
_BROKEN_ON_THE_WAY = re.compile(r"碎|压|摔|破|裂|烂|漏|变形|凹|瘪")
"""Broken on the way (碎了, 压坏了): the carriage is insured by the shop, whatever the goods."""
_DEVICE = re.compile(r"电|机|器|壶|锅|耳机|键盘|鼠标|充|灯|扇|表")
"""A device that can stop working (电热水壶, 耳机, 充电宝): its warranty is the answer."""


def what_if_policy(kb: KnowledgeBase, skus: Iterable[str], said: str) -> str | None:
    """The FAQ id that answers "坏了咋办" asked before buying, for the products talked about:
    bad fruit's own rule, a device's warranty, else what happens to goods broken on the way."""
    products = products_of(kb, skus)
    case = case_of(kb, [p.sku for p in products], said)
    if case in (FRESH, WRONG_ITEM):
        return case
    if any(p.category == FRESH_CATEGORY for p in products):
        return FRESH
    device = any(_DEVICE.search(p.name) for p in products)
    if device and not _BROKEN_ON_THE_WAY.search(said) and WARRANTY in kb.faqs:
        return WARRANTY
    return DAMAGED_IN_TRANSIT if DAMAGED_IN_TRANSIT in kb.faqs else None
