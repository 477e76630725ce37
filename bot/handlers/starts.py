"""Requests that open a dialog: browse, search, a product, an order, after-sales.

What the first message already says is passed in as slots ("我要两件黑色M码的T恤" opens the order
form with product, colour, size and quantity filled, and it asks only what is missing).
"""

from __future__ import annotations

import re

from bot.dialogs import Dialogs
from bot.dialogs.browse import card_slots, list_slots
from bot.handlers import shopper
from bot.handlers.shopper import clarify_by_hints, fallback
from bot.protocol import Inbound
from bot.shop import catalog
from bot.step import Context, Step

PRODUCT_INTENTS = frozenset({"place_order", "product_search", "product_info", "price_promo"})
_BUY = re.compile(r"买|要|来|拍|下单|订")
NOTHING_FOUND = "没有找到相关商品，换个说法试试，或回复“逛逛”按分类看看～"
_QUESTION = re.compile(r"[?？]|吗|怎么|如何|多久|几天|能不能|可不可以|谁出|什么")


STRONG_FAQ = 0.8
CONFIDENT_FAQ = 0.75
WHICH_PRODUCT = "您想问哪件商品的价格？发商品名给我就行，例如“保温杯多少钱”。"
_PRICE = re.compile(r"多少钱|价格|价钱|几块|多少米|怎么卖")


class Starts:
    """Handlers bound to the app's dialogs."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.dialogs = dialogs

    async def browse(self, msg: Inbound, ctx: Context) -> Step:
        return await self.dialogs.browse.begin(msg, ctx)

    async def category(self, msg: Inbound, ctx: Context, name: str) -> Step:
        kb = catalog.kb(ctx.services)
        if name not in kb.categories:
            return await self.browse(msg, ctx)
        return await self.dialogs.browse.begin(msg, ctx, list_slots(name, kb.products_in(name)))

    async def product(self, msg: Inbound, ctx: Context, sku: str) -> Step:
        item = catalog.product(ctx.services, sku)
        if item is None:
            return await self.browse(msg, ctx)
        return await self.dialogs.browse.begin(msg, ctx, card_slots(item))

    async def search(self, msg: Inbound, ctx: Context) -> Step:
        """product_search: one product → its card; several → a list; none → say so."""
        found = catalog.find_products(msg, ctx)
        if not found:
            return Step.say(NOTHING_FOUND)
        if len(found) == 1:
            return await self.dialogs.browse.begin(msg, ctx, card_slots(found[0]))
        title = f"为您找到{len(found)}件相关商品"
        return await self.dialogs.browse.begin(msg, ctx, list_slots(title, found))

    async def question(self, msg: Inbound, ctx: Context) -> Step:
        """A question (product_info, price_promo, payment, invoice, modify_order, ...).

        A confident FAQ answer first; a question about a named product gets its card (the card
        has the price, specs and stock); then the live promotions, a weaker FAQ answer, and
        only then the honest fallback.
        """
        result = catalog.match(msg, ctx)
        if result is None:
            return await fallback(msg, ctx)
        if result.faq is not None and result.faq.score >= CONFIDENT_FAQ:
            return Step.say(result.faq.answer)
        if result.products and result.intent in ("product_info", "price_promo"):
            return await self.search(msg, ctx)
        if result.intent == "price_promo":
            if _PRICE.search(msg.text):
                return Step.say(WHICH_PRODUCT)
            return await shopper.promotions(msg, ctx)
        if result.faq is not None:
            return Step.say(result.faq.answer)
        if result.intent == "modify_order":
            return Step.say(shopper.MODIFY)
        return await fallback(msg, ctx)

    async def order(self, msg: Inbound, ctx: Context) -> Step:
        """place_order: open the form; it takes whatever the message already says."""
        return await self.dialogs.order.begin(msg, ctx)

    async def aftersales(self, msg: Inbound, ctx: Context) -> Step:
        """return_refund: a question about the policy is answered; a request opens the form."""
        result = catalog.match(msg, ctx)
        if result is not None and result.faq is not None and _QUESTION.search(msg.text):
            return Step.say(f"{result.faq.answer}\n如需申请，请回复“售后”。")
        return await self.dialogs.aftersales.begin(msg, ctx)

    async def clarify(self, msg: Inbound, ctx: Context) -> Step:
        """The clarify band. A message about products is answered with them (a buyer is taken
        to the order form): showing what we found is the clearest question to ask back."""
        result = catalog.match(msg, ctx)
        if result is None:
            return await fallback(msg, ctx)
        if result.faq is not None and result.faq.score >= STRONG_FAQ:
            return Step.say(result.faq.answer)
        readings = [result.intent, *(intent for intent, _ in result.alternatives)][:2]
        if result.products and PRODUCT_INTENTS & set(readings):
            if "place_order" in readings and _BUY.search(msg.text):
                return await self.order(msg, ctx)
            return await self.search(msg, ctx)
        return clarify_by_hints(result.intent, result.alternatives)
