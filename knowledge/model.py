"""The knowledge a shop gives the bot, as immutable values.

Everything here is read-only after loading (frozen dataclasses, tuples, `MappingProxyType`), so one
`KnowledgeBase` can be shared by every request of a worker while a reload builds the next one beside
it. Money is integer fen throughout: no float ever touches a price.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from knowledge.carriers import Carriers
from knowledge.errors import KbIssue
from knowledge.shipping import ShippingRules


class IntentId(StrEnum):
    """The shopper intent ids of DESIGN.md (intents.toml defines each); the matcher never returns
    anything else. Members are `str`s, so `IntentId.GREETING == "greeting"`."""

    GREETING = "greeting"
    THANKS_BYE = "thanks_bye"
    HUMAN_AGENT = "human_agent"
    PRODUCT_SEARCH = "product_search"
    PRODUCT_INFO = "product_info"
    PRICE_PROMO = "price_promo"
    PLACE_ORDER = "place_order"
    PAYMENT = "payment"
    ORDER_STATUS = "order_status"
    MODIFY_ORDER = "modify_order"
    CANCEL_ORDER = "cancel_order"
    RETURN_REFUND = "return_refund"
    INVOICE = "invoice"
    INSTALL_REPAIR = "install_repair"
    OTHER = "other"


INTENT_IDS: tuple[str, ...] = tuple(intent.value for intent in IntentId)
"""The same ids as plain strings, in the order of DESIGN.md."""

INTENT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "greeting": "打招呼",
        "thanks_bye": "道谢告别",
        "human_agent": "找人工",
        "product_search": "找商品",
        "product_info": "问商品",
        "price_promo": "价格优惠",
        "place_order": "下单",
        "payment": "付款",
        "order_status": "查订单物流",
        "modify_order": "改订单",
        "cancel_order": "取消订单",
        "return_refund": "退换货",
        "invoice": "发票",
        "install_repair": "安装维修",
        "other": "其他",
    }
)
"""What staff read for each intent id (/stats): ids are for the code, never for people."""


def _no_specs() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Product:
    """One sellable item; `specs` maps a spec name (颜色, 尺码) to the values a shopper can pick."""

    sku: str
    name: str
    category: str
    brand: str
    price_fen: int
    stock: int
    specs: Mapping[str, tuple[str, ...]] = field(default_factory=_no_specs)
    image_url: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()
    page_url: str = ""
    """The product's page in the shop (https://), for product-card links; "" when it has none."""
    tags: tuple[str, ...] = ()
    """Uses and qualities a shopper may ask for (辣, 送礼, 保暖): searched, never chosen."""
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=_no_specs)
    """Facts that rule a product in or out (肤质: 干皮|中性皮, 性别: 女, 适用年龄: 3-8岁)."""
    facts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Answers about this product by topic id (保温时长 → "…"), from facts.toml."""

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


@dataclass(frozen=True, slots=True)
class Topic:
    """Something shoppers ask about a product (保温时长, 材质, 洗碗机), and how they ask it."""

    id: str
    asks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AttributeWords:
    """The words shoppers use for one attribute value (性别 女 ← 给我妈, 女朋友)."""

    name: str
    value: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecipientWords:
    """The words for whom a present is (爸爸, 长辈, 五六十岁) that a gift tag of products.csv
    is for (送长辈): a gift search for them puts the products so tagged first."""

    tag: str
    words: tuple[str, ...]
    from_age: int | None = None
    """An age said at least this old (五六十岁, 60岁) is for them too."""


@dataclass(frozen=True, slots=True)
class Faq:
    """One answer and the several ways shoppers ask for it; `intent` ties it to a dialog."""

    id: str
    questions: tuple[str, ...]
    answer: str
    intent: str | None = None
    needs: tuple[tuple[str, ...], ...] = ()
    """Word groups a message must say, one word (or its synonym) of every group, for this answer
    to fit: the answer about 退货运费 needs 运费|邮费 and 退|寄回, however alike the rest is."""


@dataclass(frozen=True, slots=True)
class Intent:
    """How to recognise one intent: example messages, strong keywords, weak hints, regex patterns.

    `weak` intents (greeting, thanks, asking for a human) lose to any concrete ask in the same message,
    as the labelling guide's rule R14 says a shop's bot should behave.
    """

    id: str
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    weak: bool = False


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Words shoppers use for the same thing; the first (`canonical`) stands for all of them."""

    canonical: str
    terms: tuple[str, ...]


def _active(starts: date, ends: date | None, day: date) -> bool:
    return starts <= day and (ends is None or day <= ends)


class _Offer:
    """What a promotion and a coupon share: dates it is valid on, and a discount capped at the
    subtotal once the subtotal reaches its threshold."""

    __slots__ = ()
    discount_fen: int
    starts: date
    ends: date | None

    @property
    def threshold(self) -> int:
        raise NotImplementedError

    def active_on(self, day: date) -> bool:
        return _active(self.starts, self.ends, day)

    def discount_for(self, subtotal_fen: int, day: date) -> int:
        """The fen taken off a subtotal on `day`; 0 when it is out of date or under threshold."""
        ok = self.active_on(day) and subtotal_fen >= self.threshold
        return min(self.discount_fen, subtotal_fen) if ok else 0


@dataclass(frozen=True, slots=True)
class Promotion(_Offer):
    """A shop-wide or category 满减: spend `threshold_fen`, get `discount_fen` off, between two dates."""

    id: str
    title: str
    threshold_fen: int
    discount_fen: int
    starts: date
    ends: date | None  # None: no end date
    categories: tuple[str, ...] = ()

    @property
    def threshold(self) -> int:
        return self.threshold_fen


@dataclass(frozen=True, slots=True)
class Coupon(_Offer):
    """A code a shopper types at checkout; `min_spend_fen` 0 means no threshold."""

    code: str
    title: str
    discount_fen: int
    min_spend_fen: int
    starts: date
    ends: date | None  # None: no end date
    categories: tuple[str, ...] = ()

    @property
    def threshold(self) -> int:
        return self.min_spend_fen

    def named_in(self, text: str) -> bool:
        """Does `text` name this coupon in words, as its title does ("新人券 满99减15": 用新人券,
        新人优惠券)? Any two characters of the name before 券 followed by 券 or 优惠券 count
        (水果券 for 水果生鲜券), so a shopper need not type the code."""
        stem = self.title.split()[0].removesuffix("券") if self.title.strip() else ""
        pairs = {stem[i : i + 2] for i in range(len(stem) - 1)}
        return any(f"{pair}券" in text or f"{pair}优惠券" in text for pair in pairs)


_BY_CATEGORY: list[tuple[Mapping[str, Product], dict[str, tuple[Product, ...]]]] = []
"""The last product mapping `products_in` grouped, with its products by category."""


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """One consistent, validated set of a shop's knowledge files."""

    shop_name: str
    categories: list[str]
    products: Mapping[str, Product]
    faqs: Mapping[str, Faq]
    intents: Mapping[str, Intent]
    synonyms: tuple[SynonymGroup, ...] = ()
    topics: Mapping[str, Topic] = field(default_factory=lambda: MappingProxyType({}))
    """Product-question topics of facts.toml; each product's `facts` answers some of them."""
    attribute_words: tuple[AttributeWords, ...] = ()
    """How shoppers name attribute values, from facts.toml."""
    recipient_words: tuple[RecipientWords, ...] = ()
    """Whom a gift tag is for, from facts.toml."""
    noise: tuple[str, ...] = ()
    """Regular expressions for pasted text with no ask in it (order cards, app buttons)."""
    promotions: tuple[Promotion, ...] = ()
    coupons: Mapping[str, Coupon] = field(default_factory=lambda: MappingProxyType({}))
    source: Path | None = None
    warnings: tuple[KbIssue, ...] = ()
    """Gaps that do not stop the shop from loading (`kb check` prints them)."""
    shipping: ShippingRules = field(default_factory=ShippingRules)  # shipping.toml
    carriers: Carriers = field(default_factory=Carriers)  # carriers.toml

    def products_in(self, category: str) -> list[Product]:
        """Products of one category, in file order (the order a merchant listed them)."""
        kept = _BY_CATEGORY
        if not kept or kept[0][0] is not self.products:
            # Asked several times per message of one catalogue (a card's kind, its others):
            # grouped once per product mapping (a reload makes a new one), not a pass over
            # every product each time.
            grouped: dict[str, list[Product]] = {}
            for product in self.products.values():
                grouped.setdefault(product.category, []).append(product)
            kept[:] = [(self.products, {c: tuple(ps) for c, ps in grouped.items()})]
        return list(kept[0][1].get(category, ()))

    def find_coupon(self, code: str) -> Coupon | None:
        """Look a code up as shoppers type it: surrounding spaces and letter case do not matter."""
        return self.coupons.get(code.strip().upper())

    def coupon_named_in(self, text: str) -> Coupon | None:
        """The one coupon `text` names in words (用新人券: NEWBIE15); None when none or several."""
        named = [c for c in self.coupons.values() if c.named_in(text)]
        return named[0] if len(named) == 1 else None

    def active_promotions(self, day: date) -> list[Promotion]:
        return [p for p in self.promotions if p.active_on(day)]

    def best_promotion(self, subtotal_fen: int, day: date) -> Promotion | None:
        """The promotion that takes the most off this subtotal today, if any applies."""
        best = max(self.promotions, key=lambda p: p.discount_for(subtotal_fen, day), default=None)
        if best is None or best.discount_for(subtotal_fen, day) == 0:
            return None
        return best

    def summary(self) -> str:
        """One line for `kb check` and the staff reload reply."""
        return (
            f"{self.shop_name}: {len(self.products)} products in {len(self.categories)} categories, "
            f"{len(self.faqs)} FAQ entries, {len(self.intents)} intents, "
            f"{len(self.synonyms)} synonym groups, {len(self.topics)} fact topics, "
            f"{sum(len(p.facts) for p in self.products.values())} product facts, "
            f"{len(self.promotions)} promotions, "
            f"{len(self.coupons)} coupons, {len(self.shipping.regions)} shipping regions, "
            f"{len(self.carriers)} carriers"
        )
