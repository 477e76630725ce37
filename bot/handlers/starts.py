"""Requests that open a dialog: browse, search, a product, an order, after-sales.

What the first message already says is passed in as slots ("我要两件黑色M码的T恤" opens the order
form with product, colour, size and quantity filled, and it asks only what is missing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bot.business.return_cases import what_if_policy
from bot.dialogs import Dialogs, words
from bot.dialogs.aftersales.form import RHETORIC, asks, is_complaint, what_if
from bot.dialogs.aftersales.pick import has_ticketable_order
from bot.dialogs.browse import (
    MAX_STATED,
    PAIR,
    STATED_TITLE,
    BrowseState,
    ReferredOrder,
    best_fitting,
    card_slots,
    list_slots,
    question_groups,
    referred_order,
    several_asked_of,
    suggested,
    within_longer_names,
)
from bot.dialogs.budget import (
    SPAN_UNSURE,
    Budget,
    Span,
    bare_span,
    budget_of,
    sized_by_height,
    span_reading,
)
from bot.dialogs.card_money import total_asked
from bot.dialogs.card_questions import (
    SELLS_HOW,
    WISH,
    asked_before_buying,
    data_answers,
    described_clause,
    named_in,
    orders_and_asks,
    points_at_one,
    spec_choices,
    specs_asked,
    unit_price_answer,
    without_wish,
)
from bot.dialogs.conversation import DROPPED_CART, texts
from bot.dialogs.list_refs import NOT_STATED_ANYWHERE, stated_among, such_asked
from bot.dialogs.order.specs import spec_values_in, without_names
from bot.dialogs.parse import BOUGHT_WHEN, QUESTION, is_question, only_receiver, quantity_in
from bot.dialogs.size_advice import (
    body_slot,
    fit_answer,
    heights_answer,
    measured,
    said_body,
    size_in_general,
    sized,
)
from bot.gaps import record_gap
from bot.handlers import answers, queries, shopper
from bot.handlers.compat import by_model_asked
from bot.handlers.shopper import clarify_by_hints, fallback
from bot.handlers.understanding import CLARIFY
from bot.protocol import Inbound, Kind, TextReply
from bot.router import Handler, Route, Table, normalise_command_word
from bot.session import Session
from bot.shop import catalog, stock
from bot.shop.for_whom import GROUP, for_a_child, is_childrens, recipient_tags, worn_by
from bot.shop.texts import yuan
from bot.step import Context, Step
from bot.storage import OrderStatus
from knowledge.entities import find_order_no
from knowledge.matcher import MatchResult
from knowledge.model import IntentId, KnowledgeBase, Product
from knowledge.wants import Sifted, Wants, has_tag, meets, sift, stated_by, verdict

PRODUCT_INTENTS = frozenset(
    {IntentId.PLACE_ORDER, IntentId.PRODUCT_SEARCH, IntentId.PRODUCT_INFO, IntentId.PRICE_PROMO}
)
_BUY = re.compile(r"买|要|来|拍|下单|订")
_BUYS_AFTER_ALL = re.compile(
    r"^(?:算了|哎|唉|那|嗯|等等|等一下|不|不对)?[，,\s]*(?:我)?(?:还是|又)(?:想|决定)?"
    r"(?:买|要|下单|买了|要了)(?:吧|啦|哈|呗|的|了)*[。!！~～]*$"
)
"""Changing one's mind right after dropping the cart ("还是买吧", "算了 还是要吧")."""
_COUNT_ONLY = re.compile(
    r"^(?:那|那就|好|好的|行|嗯)?[，,\s]*(?:我|给我)?(?:就|先)?(?:买|来|要|拿|拍|下单)(?:上)?"
    r"(?:[一二两三四五六七八九十\d]{1,3})?"
    r"(?:个|件|箱|盒|份|袋|斤|瓶|包|支|条|双|套|台|只|把|罐|提|组)?(?:吧|啊|哈|呗|了)*[。!！~～]*$"
)
"""A buying message with nothing but a count ("买一箱", "那来两个吧"): of the product spoken of."""
_MAY_ORDER = frozenset({*PRODUCT_INTENTS, IntentId.OTHER, CLARIFY})
"""The readings a buying message with only a short reference may have been given (never one
about the shopper's orders: 退货 红色那个 is after-sales)."""
NOTHING_FOUND = "没有找到完全对得上的商品，您可以按分类看看，或换个说法告诉我～"
_QUESTION = re.compile(
    # 么 typed for 吗 at the end of a question (有运费险么), never 那么 / 这么 / 什么
    r"[?？]|吗|(?<![那这什怎多要])么(?=[\s，,。.~～!！]|$)|怎么|如何|多久|(?<!好)几天|能不能|可不可以|谁出|什么"
    # how many or which choices there are (牛仔裤有几个颜色, 有哪些尺码): counted and listed
    # 好几个 / 好几天 is "several" (烂了好几个), no question
    r"|(?<!好)几(?:个|种|款|色|样)|多少种|哪些|哪几"
    # a yes-no question asked with 不 / 没 at the end, as chat does (有运费险没, 能到杭州不);
    # 还没 / 我不 there are statements
    r"|(?:有|能|会|可以|是|行|包|送|发|到)[^\s，,。]*?[^还也都我并没不\s](?:不|没|没有)[\s。.~～!！]*$"
    r"|有没有?[\s。.~～!！]*$"
)


RETURN_POLICY_FAQ, EXCHANGE_FAQ = "return.policy", "return.exchange"
UPSET_AFTER_SALES = (
    f"{answers.SORRY}您的情况我请人工客服来处理：回复“人工”，客服马上为您处理；"
    "想自己先提交售后申请，回复“售后”就行。"
)
"""An angry after-sales demand (不退我就投诉了) the bot cannot read: an apology and a person."""
STRONG_FAQ = 0.8
ASKED_FAQ = 0.65
"""A clarify-band FAQ hit this close answers a question when its intent is one of the readings."""
CONFIDENT_FAQ = 0.75
EMPTY_SEARCH_FAQ = 0.62
"""An FAQ hit this close answers a search that found no product (你们有没有实体店)."""
WHICH_ONE = "您问的是哪件商品呢？发商品名加问题给我就行，例如“保温杯能放洗碗机吗”。"
WHICH_PRODUCT = "您想问哪件商品的价格？发商品名给我就行，例如“保温杯多少钱”。"
_PRICE = re.compile(r"多少钱|价格|价钱|几块|多少米|怎么卖")


class Starts:
    """Handlers bound to the app's dialogs."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.dialogs = dialogs

    async def browse(self, msg: Inbound, ctx: Context) -> Step:
        return await self.dialogs.browse.begin(msg, ctx)

    async def category(self, msg: Inbound, ctx: Context, name: str) -> Step:
        kb = catalog.kb(ctx)
        if name not in kb.categories:
            return await self.browse(msg, ctx)
        return await self.dialogs.browse.begin(msg, ctx, list_slots(name, kb.products_in(name)))

    async def product(self, msg: Inbound, ctx: Context, sku: str) -> Step:
        item = catalog.product(ctx, sku)
        if item is None:
            return await self.browse(msg, ctx)
        return await self.dialogs.browse.begin(msg, ctx, card_slots(item))

    async def _answered_about(
        self, fact: str, msg: Inbound, result: MatchResult | None, ctx: Context
    ) -> Step:
        """The answer to a question about one product named in the message, which is then the
        product on screen, as after its card: "有没有黑色26的" next is about it. A kind of thing
        several products are (能带上飞机的充电宝有吗): each one's answer, then the ones meeting
        the wishes said first in a list to pick from; one asked for with a wish (要轻一点的) shown
        on its card after its answer. Inside a dialog the dialog stays where it was."""
        asked = answers.products_asked_about(result, ctx) if result is not None else []
        if ctx.session.state is not None or not asked:
            return Step.say(fact)
        if len(asked) > 1 and result is not None:
            wished = sorted(asked, key=lambda p: not meets(p, result.wants))
            title = f"为您找到{len(wished)}件相关商品"
            return _with_note(
                fact, await self.dialogs.browse.begin(msg, ctx, list_slots(title, wished))
            )
        seed = card_slots(asked[0])
        if result is not None and (result.wants.tags or result.wants.attributes):
            named = fact if asked[0].name in fact else f"{asked[0].name}：{fact}"  # asked for
            return _with_note(named, await self.dialogs.browse.begin(msg, ctx, seed))
        return self.dialogs.browse.showing(msg, ctx, BrowseState.CARD, seed, [TextReply(fact)])

    def _compared(self, msg: Inbound, ctx: Context, compared: answers.Compared) -> Step:
        """A comparison answered outside a dialog puts the products compared on screen as a
        list, unsent: "哪个续航长", "入耳那个有什么颜色", "黑色来一个" next are about them."""
        if ctx.session.state is not None:
            return Step.say(compared.said)
        title = "、".join(p.name for p in compared.products)
        seed = {**list_slots(title, compared.products), PAIR: [p.sku for p in compared.products]}
        said = [TextReply(compared.said)]
        return self.dialogs.browse.showing(msg, ctx, BrowseState.LIST, seed, said)

    async def search(self, msg: Inbound, ctx: Context) -> Step:
        """product_search: say first what the shop does not sell or what no product meets,
        then show what fits: one product → its card; several → a list; none → the categories.
        A budget said is kept in the session for what is offered next ("有没有别的")."""
        step = await self._search(msg, ctx)
        result = catalog.match(msg, ctx)
        if result is None or step.next_state is None:
            return step
        wished = sift(catalog.find_products(msg, ctx), None, None, result.wants)
        kin = [p.sku for p in wished.fits + wished.unknown]
        said = budget_of(result.entities.price_min_fen, result.entities.price_max_fen, kin)
        body = said_body(msg.text)  # "我家孩子6岁 115": the size asked later follows it
        kept = {**(said.slot() if said else {}), **(body_slot(body) if body else {})}
        return replace(step, slots={**step.slots, **kept}) if kept else step

    async def _to_cart(self, msg: Inbound, ctx: Context, named: Sequence[Product]) -> Step:
        """ "加购 护手霜": the one product named goes in the cart, one of it unless a count is
        said (its specs asked when it has a choice); several named, the form reads them all."""
        if len(named) != 1:
            return await self.dialogs.order.begin(msg, ctx)
        item = named[0]
        seed: dict[str, Any] = {"sku": item.sku, "spec": spec_values_in(msg.text, item)}
        if quantity_in(without_names(msg.text, item)) is None:
            seed["qty"] = 1
        return await self.dialogs.order.enter(msg, ctx, seed)

    async def _search(self, msg: Inbound, ctx: Context) -> Step:
        result = catalog.match(msg, ctx)
        compared = answers.comparison_of(msg, ctx)
        if compared is not None:  # T恤和卫衣哪个便宜: the two compared, not a list of both
            return self._compared(msg, ctx, compared)
        named = catalog.named_products(ctx, msg.text)
        refused = answers.unsendable_asked(msg.text, catalog.kb(ctx), named)
        if refused is not None:  # 我想买芒果 能寄到西藏吗: that it cannot go, no card to buy
            return Step.say(refused)
        if named and words.TO_CART_LEAD.match(msg.text.strip()) and not is_question(msg.text):
            return await self._to_cart(msg, ctx, named)  # 加购 护手霜: in the cart, no card
        if orders_and_asks(msg.text) and len(catalog.named_products(ctx, msg.text)) == 1:
            return await self.dialogs.order.begin(msg, ctx)  # 来一个 声音大吗: both, in the form
        several = await self._several_of_one(msg, ctx, result)
        if several is not None:  # 头戴耳机能折叠吗 重不重: each part, as on its card
            return several
        fact = await answers.recorded_fact_answer(msg, result, ctx) if result else None
        if fact is not None:  # 车厘子保质期多久: a question about the product, not a search
            return await self._answered_about(fact, msg, result, ctx)
        past_the_wish = await self._fact_past_the_wish(msg, ctx)
        if past_the_wish is not None:  # 想买个加湿器 卧室用 声音大不大: the noise, not a cart
            return await self._answered_about(past_the_wish[0], msg, past_the_wish[1], ctx)
        category = _category_asked(msg, ctx, result)
        if category is not None:  # 零食: the whole category, paged, not the five best matches
            return await self.category(msg, ctx, category)
        asked = await self._about_one(msg, ctx, result)
        if asked is not None:
            return asked
        found = catalog.find_products(msg, ctx)
        gift = await self._gift(msg, ctx, result, found)
        if gift is not None:  # 送女朋友的 三百左右: gifts in the budget, not a gender filter
            return gift
        if result is not None and not result.unsold and _all_against(found, result.wants):
            # 脸很干 冬天起皮 推荐点: no goods named (or only ones the need rules out, 皮肤 of a
            # sun jacket's text), the products the data says suit the need
            found = _meeting(catalog.kb(ctx), result) or found
        if result is not None and not found and not result.unsold:
            # 有没有适合老人用的: what the shop tags for them (送长辈), no "we don't sell 老人"
            whom = recipient_tags(msg.text, catalog.kb(ctx))
            found = [p for p in catalog.kb(ctx).products.values() if set(p.tags) & set(whom)]
        if result is not None and not found and not result.unsold:
            offered = suggested(catalog.kb(ctx), msg.text, ())
            if offered is not None:  # 有什么推荐, 有没有便宜点的
                return await self.dialogs.browse.begin(msg, ctx, list_slots(*offered))
        if result is None or result.unsold or not found:
            stated = await self.stated(msg, ctx)
            if stated is not None:  # 有防干烧的吗: no product is called so, the kettle says it
                return stated
        note, shown = honest_results(result, found)
        if result is not None and result.unsold:
            record_gap(msg, ctx, "no_product")
        if not shown and result is not None and _shop_faq(result):
            # 你们有没有实体店: nothing to show, and the FAQ about the shop answers it
            return Step.say(result.faq.answer if result.faq else "")
        if not shown:
            if not note and _names_nothing(msg.text):  # 我想买东西: no search, just the way in
                return await self._categories(msg, ctx, "好的～")
            if not note:
                record_gap(msg, ctx, "no_product")
            return await self._categories(msg, ctx, note or NOTHING_FOUND)
        return await self._show(msg, ctx, shown, note)

    async def _several_of_one(
        self, msg: Inbound, ctx: Context, result: MatchResult | None
    ) -> Step | None:
        """A first message asking several things about one product ("香水有几种味道 留香久吗",
        "青轴多少钱 吵不吵": the product by a value only it comes in): every part answered as
        its card answers it, the card then on screen. None inside a dialog (the dialog answers
        its parts), for one question, or when the parts are not all about that product."""
        if ctx.session.state is not None or result is None or msg.kind is not Kind.TEXT:
            return None
        if len(question_groups(msg.text)) < 2:
            return None
        item = answers.product_meant(msg, ctx) or answers.one_by_its_values(result, ctx)
        if item is None:
            return None
        answered = await several_asked_of(msg, ctx, item)
        if answered is None:
            return None
        slots, replies = answered
        return self.dialogs.browse.showing(msg, ctx, BrowseState.CARD, slots, replies)

    async def _fact_past_the_wish(
        self, msg: Inbound, ctx: Context
    ) -> tuple[str, MatchResult] | None:
        """ "想买个加湿器 卧室用 声音大不大": the question read without the wish to buy, which
        says nothing of what is asked (with it, the whole message reads as a search)."""
        if not asked_before_buying(msg.text):
            return None
        asked = replace(msg, text=without_wish(msg.text))
        plain = ctx.with_session(ctx.session, fresh_cache=True)
        result = catalog.match(asked, plain)
        if result is None or result.topic is None:
            return None
        fact = await answers.recorded_fact_answer(asked, result, plain)
        return (fact, result) if fact is not None else None

    async def _unit_price(self, msg: Inbound, ctx: Context) -> Step | None:
        """ "车厘子多少钱一斤" about one product named: `unit_price_answer`, then its card; "榴莲
        怎么卖": its card alone."""
        item = answers.product_meant(msg, ctx)
        said = unit_price_answer(msg.text, item) if item is not None else None
        if item is not None and said is None and SELLS_HOW.search(msg.text):
            said = ""  # 榴莲怎么卖: its card, which has the price and the sizes it comes in
        if item is None or said is None:
            return None
        if ctx.session.state is not None and said:
            return Step.say(said)
        return _with_note(said, await self.dialogs.browse.begin(msg, ctx, card_slots(item)))

    async def _about_one(
        self, msg: Inbound, ctx: Context, result: MatchResult | None
    ) -> Step | None:
        """A question about one product written out by name: "T恤有白色L码吗" is answered from
        its specs and stock, with its card (where "买俩" then buys white L); "保温杯能防水吗",
        which nothing the shop wrote answers, gets the honest "not sure", not a search."""
        if result is None:
            return None
        if not _QUESTION.search(msg.text):  # 烧水壶多大容量 会不会干烧: no 吗, still asked
            return await self._data_answered(msg, ctx) if is_question(msg.text) else None
        item = answers.product_meant(msg, ctx)
        if item is None and points_at_one(msg.text) and result.intent == IntentId.PRODUCT_INFO:
            return Step.say(WHICH_ONE)  # 这个能放洗碗机吗, with nothing on screen
        if item is None:
            return None
        said = await answers.spec_answer(msg.text, item, ctx, on_card=False)
        if said is not None:
            wish = specs_asked(msg.text, item, catalog.kb(ctx))[0]
            step = await self.dialogs.browse.begin(msg, ctx, {**card_slots(item), WISH: wish})
            return _with_note(said, step)
        counted = _counted_choices(msg.text, item, result)
        if counted is not None:  # 牛仔裤有几个颜色: how many and which, then its card
            step = await self.dialogs.browse.begin(msg, ctx, card_slots(item))
            return _with_note(counted, step)
        known = await self._data_answered(msg, ctx)
        if known is not None:
            return known
        if result.intent != IntentId.PRODUCT_INFO:
            return None
        unknown = await answers.unknown_to_shop(msg, item, ctx)
        if unknown is not None:
            return Step.say(unknown)
        clause = described_clause(msg.text, item)
        if clause is None:
            return None
        step = await self.dialogs.browse.begin(msg, ctx, card_slots(item))
        return _with_note(f"{item.name}：{clause}。", step)  # 蓝牙音箱防水吗: 防水 said first

    async def _data_answered(self, msg: Inbound, ctx: Context) -> Step | None:
        """A product named with questions its specs or description answer ("烧水壶多大容量
        会不会干烧": 1.7L, 防干烧): the answers, then its card."""
        item = answers.product_meant(msg, ctx)
        fit = fit_answer(msg.text, item) if item else None  # 脚背高 平时穿39: its fit, and 40
        known = fit or (data_answers(msg.text, item, catalog.kb(ctx).synonyms) if item else None)
        if item is None or known is None:
            return None
        step = await self.dialogs.browse.begin(msg, ctx, card_slots(item))
        return _with_note(known, step)

    async def stated(self, msg: Inbound, ctx: Context) -> Step | None:
        """ "有防干烧的吗", "1.7L的有吗": the products whose own data (specs, attributes, tags,
        description) says so; one is answered with its card, several listed. None when the
        message asks no such thing, names a product or a category, or nothing says it."""
        such = such_asked(msg.text)
        kb = catalog.kb(ctx)
        if such is None or catalog.named_products(ctx, msg.text):
            return None
        word = such.word
        stated = stated_among(word, list(kb.products.values()))
        if not stated.found and such.feature and not catalog.named_category(word, kb.categories):
            record_gap(msg, ctx, "no_fact")  # 有带滤网的吗: nothing says so, honestly
            return Step.say(NOT_STATED_ANYWHERE.format(word=word))
        if not stated.found or len(stated.found) > MAX_STATED:
            return None  # 有白色的吗: a colour of 28 products is no thing asked for
        if catalog.named_category(word, kb.categories):
            return None
        if len(stated.found) == 1:
            item, said = stated.found[0]
            return await self._show(msg, ctx, [item], f"有的：{item.name}，{said}。")
        found = [item for item, _ in stated.found]
        title = STATED_TITLE.format(word=word, n=len(found))
        return await self._show(msg, ctx, found, "", title=title)

    async def unmatched(self, msg: Inbound, ctx: Context) -> Step:
        """What no intent reads: a category named (看看服饰), a comparison of products named
        (帆布鞋和跑步鞋哪个轻), a thing said by what it has (1.7L的有吗), else the fallback."""
        if msg.kind is not Kind.TEXT:
            return await fallback(msg, ctx)
        sizing = _body_said_alone(msg, ctx)
        if sizing is not None:  # 我175 140斤 平时穿L, after 尺码怎么选
            return sizing
        result = catalog.match(msg, ctx)
        if result is not None and _an_order_after_all(msg, result):
            return await self.order(msg, ctx)  # 下单：保温杯 白色…，寄到…: the form takes it all
        category = _category_asked(msg, ctx, result)
        if category is not None:  # 看看服饰, which the matcher reads as nothing
            return await self.category(msg, ctx, category)
        compared = answers.comparison_of(msg, ctx)
        if compared is not None:  # 帆布鞋和跑步鞋哪个轻, which the matcher reads as nothing
            return self._compared(msg, ctx, compared)
        stated = await self.stated(msg, ctx)
        return stated or await fallback(msg, ctx)

    async def _gift(
        self, msg: Inbound, ctx: Context, result: MatchResult | None, found: list[Product]
    ) -> Step | None:
        """A search for a present ("送女朋友的 三百左右"): `gift_results`, shown."""
        gifts = gift_results(result, msg.text, found, catalog.kb(ctx))
        if gifts is None:
            return None
        note, shown = gifts
        left = await stock.displayed(ctx.services, [p.sku for p in shown])
        shown = sorted(shown, key=lambda p: left.get(p.sku, 0) <= 0)  # sold out ones last
        if len(shown) == 1:
            return await self._show(msg, ctx, shown, note)
        return await self._show(msg, ctx, shown, "", title=note.rstrip("：:"))

    async def _show(
        self, msg: Inbound, ctx: Context, found: list[Product], note: str, title: str = ""
    ) -> Step:
        fitting = best_fitting(msg.text, found) if len(found) > 1 else []
        if len(fitting) == 1:  # 卫衣 黑色 L: only the adults' hoodie comes in L
            found = fitting
        if (
            len(found) == 1
        ):  # 冲锋衣 墨绿 XL, 有木有保问杯 500ml的: the values said go into its order
            wish = spec_values_in(msg.text, found[0])
            slots = {**card_slots(found[0]), **({WISH: wish} if wish else {})}
            step = await self.dialogs.browse.begin(msg, ctx, slots)
        else:
            title = title or f"为您找到{len(found)}件相关商品"
            step = await self.dialogs.browse.begin(msg, ctx, list_slots(title, found))
        return _with_note(note, step)

    async def _categories(self, msg: Inbound, ctx: Context, note: str) -> Step:
        """Nothing matched: offer the shop's categories instead of a dead end."""
        return _with_note(note, await self.dialogs.browse.begin(msg, ctx))

    async def question(self, msg: Inbound, ctx: Context) -> Step:
        """A question (product_info, price_promo, payment, invoice, modify_order, ...).

        A confident FAQ answer first; a question about a named product gets its card (the card
        has the price, specs and stock); then the live promotions, a weaker FAQ answer, and
        only then the honest fallback.
        """
        result = catalog.match(msg, ctx)
        if result is None:
            return await fallback(msg, ctx)
        compared = answers.comparison_of(msg, ctx)
        if compared is not None:  # 头戴的和降噪耳机有啥区别: the two compared, then on screen
            return self._compared(msg, ctx, compared)
        named = catalog.named_products(ctx, msg.text)
        refused = answers.unsendable_asked(msg.text, catalog.kb(ctx), named)
        if refused is not None:  # 我想买芒果 能寄到西藏吗: that it cannot go, not "not sure"
            return Step.say(refused)
        priced = await self._unit_price(msg, ctx)
        if priced is not None:  # 车厘子多少钱一斤: sold by the pack, the packs and the price
            return priced
        sizing = _body_said_alone(msg, ctx)
        if sizing is not None:  # 我175 140斤穿什么码: the size, not how sizes are chosen
            return sizing
        several = await self._several_of_one(msg, ctx, result)
        if several is not None:  # 青轴多少钱 吵不吵: the price and the noise, as on its card
            return several
        answer = await answers.question_answer(msg, ctx)
        if answer is not None and answers.fact_answer(result, ctx) is not None:
            return await self._answered_about(answer, msg, result, ctx)  # "放购物车吧" next buys it
        if answer is not None and _names_one_product(result, ctx):
            # 电动牙刷有保修吗, answered from the FAQ: "买两个 一个白一个粉" next buys it
            return await self._answered_about(answer, msg, result, ctx)
        if answer is not None:
            return Step.say(answer)
        asked = await self._about_one(msg, ctx, result)
        if asked is not None:
            return asked
        if result.unsold:
            return await self.search(msg, ctx)
        if result.faq is not None and result.faq.score >= CONFIDENT_FAQ:
            return Step.say(result.faq.answer)
        if result.topic is not None and result.faq is None and not result.products:
            return Step.say(WHICH_ONE)  # 能机洗吗 with no product named or on screen
        if result.products and result.intent in (IntentId.PRODUCT_INFO, IntentId.PRICE_PROMO):
            return await self.search(msg, ctx)
        if result.intent == IntentId.PRICE_PROMO:
            if _PRICE.search(msg.text):
                return Step.say(WHICH_PRODUCT)
            return await shopper.promotions(msg, ctx)
        if result.faq is not None:
            return Step.say(result.faq.answer)
        if result.intent == IntentId.MODIFY_ORDER:
            return Step.say(shopper.MODIFY)
        return await fallback(msg, ctx)

    async def order(self, msg: Inbound, ctx: Context) -> Step:
        """place_order: open the form; it takes whatever the message already says. A question
        asked before buying ("想买个加湿器 卧室用 声音大不大") is answered instead: a question
        never adds to a cart by itself."""
        if asked_before_buying(msg.text) or SELLS_HOW.search(msg.text):
            return await self.question(msg, ctx)  # 榴莲怎么卖: its price, not how to order
        named = catalog.named_products(ctx, msg.text)
        refused = answers.unsendable_asked(msg.text, catalog.kb(ctx), named)
        if refused is not None:  # 买两斤车厘子寄新疆可以吗: no, and no order started for it
            return Step.say(refused)
        return await self.dialogs.order.begin(msg, ctx)

    async def height_or_price(
        self, handler: Handler, msg: Inbound, ctx: Context, route: Route
    ) -> Step:
        """ "110-120的有吗", "儿童卫衣110-120的": a span without 元 or 块 about kids' clothes sold
        in sizes by height is a height (their sizes for it, then the products); with nothing to
        tell a price from a height, which is asked; else the handler (a budget)."""
        if msg.kind is not Kind.TEXT:
            return await handler(msg, ctx)
        in_view = _spoken_of(msg, ctx)
        reading = span_reading(msg.text, in_view)
        span = bare_span(msg.text)
        if reading is None or reading is Span.PRICE or span is None:
            return await handler(msg, ctx)
        low, high = span
        if reading is Span.UNSURE:
            return Step.say(SPAN_UNSURE.format(low=low, high=high))
        kids = [p for p in in_view if sized_by_height(p)]
        said = heights_answer(low, high, kids)
        if said is None:
            return Step.say(f"身高{low}-{high}cm的码店里没有，回复“人工”请客服帮您看看～")
        return await self._show(msg, ctx, kids, said)

    async def receiver_first(
        self, handler: Handler, msg: Inbound, ctx: Context, route: Route
    ) -> Step:
        """Receiver details sent before anything else ("浙江省杭州市…100号 王芳 138…"), which no
        route understands, start an order: the form keeps them and asks what to buy. Not while
        an order of theirs is still unshipped, where they may mean a new address for it."""
        unclear = route.table is Table.FALLBACK or route.key == CLARIFY
        if not unclear or msg.kind is not Kind.TEXT or not only_receiver(msg.text):
            return await handler(msg, ctx)
        if ctx.session.expired or await _unshipped_order(msg, ctx):  # expiry_notice says so
            return await handler(msg, ctx)
        return await self.order(msg, ctx)

    async def ordered_by_reference(
        self, handler: Handler, msg: Inbound, ctx: Context, route: Route
    ) -> Step:
        """ "那先拍10个 红轴黑色的" after asking about keyboards, "5斤礼盒的来一个" after asking
        about cherries: outside a dialog, a buying message whose product is only a spec value
        or a word of its name is read against the products the last messages named (followups
        `spoken_of`), and the one it fits opens the order form with them, rather than "没太明白"
        or "想买哪件商品呢". Not for requests about orders (退货 红色那个)."""
        if msg.kind is not Kind.TEXT or ctx.session.state is not None:
            return await handler(msg, ctx)
        dropped = ctx.session.slots.get(DROPPED_CART)
        if isinstance(dropped, Mapping) and _BUYS_AFTER_ALL.match(msg.text.strip()):
            # 算了 不买了 → 还是买吧: the cart just dropped, back as it was
            slots = {**ctx.session.slots, "order": dict(dropped)}
            kept = ctx.with_session(Session(None, slots, ctx.session.updated_at))
            return await self.dialogs.order.resume(msg, kept, texts("好的，购物车给您恢复了。"))
        if not (route.table is Table.FALLBACK or route.key in _MAY_ORDER):
            return await handler(msg, ctx)
        if _order_with_its_total(msg, ctx):  # 我买个四件套…用NEWBIE15 一共多少钱: the cart says
            return await self.order(msg, ctx)
        from bot.handlers.followups import spoken_of  # followups imports this module

        pool = [p for sku in spoken_of(ctx.session) if (p := catalog.product(ctx, sku))]
        ordered = referred_order(msg.text, ctx, pool) if pool else None
        if ordered is None and pool and _COUNT_ONLY.match(msg.text.strip()):
            # 车厘子新鲜吗 … 买一箱: a count alone buys the product spoken of last
            ordered = ReferredOrder({"sku": pool[0].sku, "spec": {}}, "")
        if ordered is None:
            return await handler(msg, ctx)
        note = [TextReply(ordered.note)] if ordered.note else []
        return await self.dialogs.order.enter(msg, ctx, ordered.seed, note)

    async def aftersales(self, msg: Inbound, ctx: Context) -> Step:
        """return_refund: a question about the policy is answered; a request opens the form."""
        before_buying = await self._asked_before_buying(msg, ctx)
        if before_buying is not None:  # 坏了咋办 from a shopper with no order: the rule, no claim
            return before_buying
        result = catalog.match(msg, ctx)
        answer = _policy_answer(msg, ctx, result)
        if answer is not None:
            if "“售后”" not in answer:  # the answer may already say how to apply
                answer += "\n如需申请，请回复“售后”。"
            return Step.say(answers.apologising(msg.text, answer))
        if not is_complaint(msg.text) and not find_order_no(msg.text):
            unpaid = await queries.unpaid_instead(msg, ctx)
            if unpaid is not None:  # 我要退款 of an order not paid yet: its cancellation
                return unpaid
        step = await self.dialogs.aftersales.begin(msg, ctx)
        if not answers.is_upset(msg.text):
            return step
        # a problem with what arrived: the form's first question apologises already
        sorry = "" if is_complaint(msg.text) else answers.SORRY
        said = "".join(r.text for r in step.replies if isinstance(r, TextReply))
        if "人工" in said:  # a human is offered already (bought with another account)
            return _with_note(sorry, step)
        return _with_ending(answers.HUMAN_OFFER, _with_note(sorry, step))

    async def _asked_before_buying(self, msg: Inbound, ctx: Context) -> Step | None:
        """ "坏了咋办" about a product talked about, from a shopper with no order it could be
        about: what the shop does then (bad fruit refunded by the share, a device's warranty,
        goods broken on the way), never "no order to claim"."""
        if not what_if(msg.text) or find_order_no(msg.text):
            return None
        if await has_ticketable_order(ctx, msg.user, str(msg.channel)):
            return None
        from bot.handlers.followups import spoken_of  # followups imports this module

        named = [p.sku for p in catalog.named_products(ctx, msg.text)]
        kb = catalog.kb(ctx)
        faq = kb.faqs.get(what_if_policy(kb, named or spoken_of(ctx.session), msg.text) or "")
        return Step.say(answers.apologising(msg.text, faq.answer)) if faq is not None else None

    async def clarify(self, msg: Inbound, ctx: Context) -> Step:
        """The clarify band. A message about products is answered with them (a buyer is taken
        to the order form): showing what we found is the clearest question to ask back."""
        result = catalog.match(msg, ctx)
        if result is None:
            return await fallback(msg, ctx)
        compared = answers.comparison_of(msg, ctx)
        if compared is not None:  # T恤和卫衣有什么区别 read as two products to show
            return self._compared(msg, ctx, compared)
        several = await self._several_of_one(msg, ctx, result)
        if several is not None:  # 香水有几种味道 留香久吗: both parts, as on its card
            return several
        past_the_wish = await self._fact_past_the_wish(msg, ctx)
        if past_the_wish is not None:  # 想给我妈买个加湿器 声音大不大: its noise, answered
            return await self._answered_about(past_the_wish[0], msg, past_the_wish[1], ctx)
        stated = await self.stated(msg, ctx)
        if stated is not None:  # 有能定时的吗: what the products' data says, not which intent
            return stated
        readings = [result.intent, *(intent for intent, _ in result.alternatives)][:2]
        if IntentId.RETURN_REFUND in readings and answers.is_upset(msg.text):
            return Step.say(UPSET_AFTER_SALES)  # 不退我就投诉: a person, not a menu
        if _orders_without_asking(msg, result, readings):
            return await self.order(msg, ctx)  # "我要两个保温杯 用券NEWBIE15": no coupon question
        same_day = answers.same_day_said(msg, result, ctx)
        if same_day is not None:  # 现在下午五点 今天还能发吗: by the shop's clock and cut-off
            return Step.say(same_day)
        fact = await answers.recorded_fact_answer(msg, result, ctx)
        if fact is not None:
            return await self._answered_about(fact, msg, result, ctx)
        transit = answers.transit_answer(msg.text, catalog.kb(ctx))
        if transit is not None:  # 发新疆几天到: that place's days, whichever intent it read as
            return Step.say(transit)
        answer = answers.faq_answers(result)
        if answer is not None:
            return Step.say(answer)
        if result.faq is not None and result.faq.score >= STRONG_FAQ:
            return Step.say(result.faq.answer)
        if _asked_faq(result, ctx, readings):
            return Step.say(result.faq.answer if result.faq else "")
        gift = IntentId.PRODUCT_SEARCH in readings and is_gift_search(msg.text, result)
        if gift and not any(hit.score >= NAMED_GIFT for hit in result.products):
            return await self.search(msg, ctx)  # 给爸爸买个生日礼物: a present, not an order
        if result.products and PRODUCT_INTENTS & set(readings):
            if IntentId.PLACE_ORDER in readings and _BUY.search(msg.text):
                return await self.order(msg, ctx)
            return await self.search(msg, ctx)
        if gift:
            return await self.search(msg, ctx)  # 送男朋友 200以内: no product named, a present
        return clarify_by_hints(msg, ctx, result.intent, result.alternatives)


_CLAUSES = re.compile(r"[\s，,；;。！!？?]+")


def _order_with_its_total(msg: Inbound, ctx: Context) -> bool:
    """ "我买个四件套 1.8米奶白的 用NEWBIE15 一共多少钱": one product named outright with a buying
    word, which asks nothing but what it all comes to, or names the coupon it uses and asks
    nothing, is an order: the cart answers with the total (the coupon taken off when it
    applies), not the FAQ on how coupons work."""
    text = msg.text
    if not _BUY.search(text) or BOUGHT_WHEN.match(text.strip()):
        return False
    asking = [c for c in _CLAUSES.split(text) if c and (is_question(c) or _QUESTION.search(c))]
    if asking and not all(total_asked(c) for c in asking):
        return False
    if not asking and not _names_a_coupon(text, catalog.kb(ctx)):
        return False
    named = within_longer_names(catalog.named_products(ctx, text), text)
    return len(named) == 1


_COUPON_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{2,19}(?![A-Za-z0-9])")


def _names_a_coupon(text: str, kb: KnowledgeBase) -> bool:
    """A coupon of the shop named by its code (NEWBIE15) or its name (新人券)."""
    codes = (kb.find_coupon(found.group(0)) for found in _COUPON_CODE.finditer(text))
    return any(code is not None for code in codes) or kb.coupon_named_in(text) is not None


def _body_said_alone(msg: Inbound, ctx: Context) -> Step | None:
    """A height and weight said outside a dialog with no product named or in talk: the size
    the shop's charts mostly give for it, the body kept for the product asked about next."""
    body = said_body(msg.text) if measured(msg.text) else None
    if body is None or ctx.session.state is not None or _spoken_of(msg, ctx):
        return None
    from bot.handlers.followups import spoken_of  # followups imports this module

    if spoken_of(ctx.session):
        return None  # the products in talk answer it (size_advice on their charts)
    kb = catalog.kb(ctx)
    worn = [p for p in kb.products.values() if sized(p) and worn_by(p, body.for_child)]
    return replace(Step.say(size_in_general(body, worn)), slots=body_slot(body))


def _spoken_of(msg: Inbound, ctx: Context) -> list[Product]:
    """The products a message outside a dialog is about: those it names (儿童卫衣), the
    category it names, or, said for a child (给孩子), the children's products."""
    result = catalog.match(msg, ctx)
    kb = catalog.kb(ctx)
    named = catalog.named_products(ctx, msg.text)
    if not named and result is not None:
        hits = [p for h in result.products if (p := kb.products.get(h.sku))]
        named = named_in(msg.text, hits) or [
            kb.products[h.sku] for h in result.products if h.score >= NAMED_GIFT
        ]
    if named:
        return named
    category = next((c for c in kb.categories if c in msg.text), None)
    if category is not None:
        return kb.products_in(category)
    if result is not None and for_a_child(result.wants):
        return [p for p in kb.products.values() if is_childrens(p, result.wants)]
    return []


def _names_one_product(result: MatchResult, ctx: Context) -> bool:
    """Does the message write out one product by name (not a kind several products are)?"""
    hits = [p for h in result.products if (p := catalog.product(ctx, h.sku))]
    return len(named_in(result.text, hits)) == 1


def _policy_answer(msg: Inbound, ctx: Context, result: MatchResult | None) -> str | None:
    """A question about returns is answered, never taken as a request: the FAQ's answer, or
    with none for it ("拆了的面膜能退不": the product word hides the FAQ) the general return
    or exchange policy. Two asked at once ("退货运费谁出 不喜欢能退吗") get both, in the order
    asked. A problem with what arrived, said as "咋整", is a request."""
    if is_complaint(msg.text) and RHETORIC.search(msg.text) and not asks(msg.text):
        return None  # "发错货了 搞什么": a complaint, however it is shouted, opens the form
    several = answers.faq_answers(result) if result is not None else None
    if several is not None and _QUESTION.search(msg.text):
        return several
    if result is not None and result.faq is not None and _QUESTION.search(msg.text):
        return result.faq.answer
    if not asks(msg.text) or is_complaint(msg.text):
        return None
    general = EXCHANGE_FAQ if "换" in msg.text else RETURN_POLICY_FAQ
    faq = catalog.kb(ctx).faqs.get(general)
    return faq.answer if faq is not None else None


def _shop_faq(result: MatchResult) -> bool:
    """A search that found nothing but an FAQ alike enough to be what was asked: with nothing
    to show, a clear FAQ hit is a better answer than the category menu."""
    return result.faq is not None and result.faq.score >= EMPTY_SEARCH_FAQ and not result.unsold


def _orders_without_asking(msg: Inbound, result: MatchResult, readings: list[str]) -> bool:
    """A message that names products with a buy word and asks nothing is an order, however much
    it resembles an FAQ question (a coupon code, a delivery wish said with it)."""
    return (
        bool(result.products)
        and readings[0] == IntentId.PLACE_ORDER
        and bool(_BUY.search(msg.text))
        and not _QUESTION.search(msg.text)
    )


def _an_order_after_all(msg: Inbound, result: MatchResult) -> bool:
    """A message no intent reads clearly (a whole order with its receiver and address says
    much besides) that names products with a buy word, asks nothing, and has buying among its
    close readings: an order, never "没明白"."""
    readings = [intent for intent, _ in result.alternatives if intent != IntentId.OTHER][:2]
    return IntentId.PLACE_ORDER in readings and _orders_without_asking(
        msg, result, [IntentId.PLACE_ORDER]
    )


def _asked_faq(result: MatchResult, ctx: Context, readings: list[str]) -> bool:
    """A question between two readings whose FAQ answer belongs to one of them ("买两百块能优惠
    多少": buying or an offer): the answer is the clearer reply than asking which was meant."""
    faq = result.faq
    asked = QUESTION.search(result.text) or _QUESTION.search(result.text)
    if faq is None or faq.score < ASKED_FAQ or not asked:
        return False
    entry = catalog.kb(ctx).faqs.get(faq.id)
    return entry is not None and entry.intent in readings


_VAGUE = re.compile(
    r"我|想|要|买|点|些|个|看看|逛逛|东西|商品|产品|宝贝|有什么|有啥|什么|啥|推荐|好吃|好用|好物|"
    r"的|有|一下|[\s,，。!！?？~～]"
)


def _category_asked(msg: Inbound, ctx: Context, result: MatchResult | None) -> str | None:
    """The category a search names and nothing else ("零食", "有什么零食"; not "100元以内的零食",
    whose price or wish the search honours)."""
    if result is None or result.wants or result.unsold:
        return None
    if result.entities.price_min_fen is not None or result.entities.price_max_fen is not None:
        return None
    word = normalise_command_word(msg.text)
    categories = catalog.kb(ctx).categories
    named = catalog.named_category(word, categories)
    # 有啥好吃的, 看看护肤品: a category said in other words (synonyms.txt)
    return named or catalog.named_category(ctx.knowledge.matcher.folded(word), categories)


def _names_nothing(text: str) -> bool:
    """A wish to buy that names no thing at all (我想买东西, 想买点东西看看)."""
    return not _VAGUE.sub("", text)


def honest_results(result: MatchResult | None, found: list[Product]) -> tuple[str, list[Product]]:
    """What to say first and what to show for a search: that the shop does not sell the thing
    asked for, or which price or wish no product meets; the products that fit (or, when none
    does, the nearest ones, said to be so). Used by a new search and by one made mid-browse."""
    if result is None:
        return "", found
    said = result.text.casefold()
    in_full = [p for p in found if p.sku in result.entities.skus and p.name.casefold() in said]
    if len(in_full) == 1:  # 静音加湿器: the product named in full, not the mouse 静音 also fits
        found = in_full
    if result.unsold:
        thing = _as_written(result.text, result.unsold)
        return (
            f"我们店不卖{thing}哦，有这些相关的：" if found else f"我们店不卖{thing}哦。"
        ), found
    by_model = by_model_asked(result.text, found)
    if by_model is not None:  # 有没有iPhone14的手机壳: the shop has cases for 15 only
        return by_model
    low, high = result.entities.price_min_fen, result.entities.price_max_fen
    # 给我爸买个枕头: no pillow states a 性别, so 男 cannot sift them (a child still can)
    wants = stated_by(found, result.wants, keep=(GROUP,))
    if not found or (low is None and high is None and not wants):
        return "", found
    if (low is not None or high is not None) and not wants:  # 蓝牙耳机 200以内: no selfie stick
        found = _named_apart(result, found)
    sifted = sift(found, low, high, wants)
    return _sifted(sifted, low, high, wants, result.text)


NAMED_GAP = 0.35
"""A hit this far below the best ones shares only a word of the thing asked for (蓝牙 of 蓝牙耳机
in 蓝牙自拍杆): with a price said, it is no stand-in for the thing that costs more."""


def _named_apart(result: MatchResult, found: list[Product]) -> list[Product]:
    """The products the search names clearly ahead of the rest, when its scores fall apart."""
    scores = {h.sku: h.score for h in result.products}
    top = max(scores.values(), default=0.0)
    ahead = [p for p in found if scores.get(p.sku, 0.0) >= top - 0.05]
    behind = [scores.get(p.sku, 0.0) for p in found if p not in ahead]
    if ahead and behind and max(behind) <= top - NAMED_GAP:
        return ahead
    return found


def within_price(
    pool: list[Product], low: int | None, high: int | None
) -> tuple[str, list[Product]]:
    """What to say first and what to show when a price is said about products already on
    screen: those in it ("100元以内的只有这一款"), or, with none, the nearest ones said to be so."""
    return _sifted(sift(pool, low, high, Wants()), low, high, Wants())


def browse_search(
    result: MatchResult | None, msg: Inbound, ctx: Context
) -> tuple[str, list[Product]] | None:
    """A search typed while browsing: (what to say first, what to list), or None when the
    message is no search (之前买的卫衣小了 names a hoodie but asks for after-sales; 羽绒服能机洗吗
    asks about them), so that the dialog hands it on."""
    if result is not None and result.band == "act" and result.intent not in PRODUCT_INTENTS:
        return None
    asks = (
        result is not None and result.topic is not None and result.intent == IntentId.PRODUCT_INFO
    )
    if asks and result is not None and not result.unsold:
        return None
    searching = result is not None and (result.intent == IntentId.PRODUCT_SEARCH or result.unsold)
    if not searching and _QUESTION.search(msg.text):
        return None  # 第二个怎么样, 这个多少钱: a question about what is listed
    found = catalog.find_products(msg, ctx)
    readings = [result.intent, *(i for i, _ in result.alternatives)][:2] if result else []
    gifting = searching or IntentId.PRODUCT_SEARCH in readings  # 送我妈 50块以内: an offer?
    gifts = gift_results(result, msg.text, found, catalog.kb(ctx)) if gifting else None
    return gifts or honest_results(result, found)


def _as_written(text: str, word: str) -> str:
    """`word` (normalised: iphone15) as the shopper wrote it (iPhone15)."""
    at = text.casefold().find(word)
    return text[at : at + len(word)] if at >= 0 else word


GIFT_TAG = "送礼"
GIFT_TAG_HEAD = "送"
"""The catalogue's gift tags: 送礼 for any present, 送长辈 and the like for whom."""
MAX_GIFTS = 10
NAMED_GIFT = 0.9
"""A product hit this close is what the gift search names (送女朋友的口红); below it the words
only resemble product names (生日礼物 ~ 礼盒), and the gifts the catalogue tags are the pool."""
_GIFT_WORDS = re.compile(r"送(?!货|到|达|餐|的快|什么时候)|礼物|礼品|礼盒")


def is_gift_search(text: str, result: MatchResult) -> bool:
    """Does the search look for a present (a gift tag, or 送 / 礼物 in the words)? A spec value
    named is no such word: 每日坚果30袋礼盒 picks the box of 30, for whoever it is."""
    if any(t.startswith(GIFT_TAG_HEAD) for t in result.wants.tags):
        return True
    for value in result.entities.specs.values():
        text = text.replace(value, " ")
    return bool(_GIFT_WORDS.search(text))


def gift_results(
    result: MatchResult | None, text: str, found: list[Product], kb: KnowledgeBase
) -> tuple[str, list[Product]] | None:
    """A search for a present ("送女朋友的 三百左右", "想送我爸个礼物"): what to say first
    and what to show, or None when it is no gift search. The products are what the message
    names, else what the shop tags as a gift (for whom, when a tag says: 送长辈, or the
    recipient said is one a tag is for: 给爸爸, 五六十岁), in the budget. A liking said (他爱打游戏)
    keeps the gifts tagged with it, when some are. Who it is for only orders them: the ones the
    data says suit the recipient come first, the ones it says nothing about follow, and none is
    said to be for them unless a tag says so; the ones the data says do not suit are left out
    without a word."""
    if result is None or result.unsold or not is_gift_search(text, result):
        return None
    said = [t for t in result.wants.tags if t.startswith(GIFT_TAG_HEAD)] or [GIFT_TAG]
    whom_tags = [t for t in recipient_tags(text, kb) if t not in said]
    tags = [*said, *whom_tags]
    liked = [t for t in result.wants.tags if t not in tags]  # 他爱打游戏: 游戏
    tagged = [p for p in kb.products.values() if set(p.tags) & set(said)]
    fond = [p for p in kb.products.values() if liked and all(has_tag(p, t) for t in liked)]
    named = any(hit.score >= NAMED_GIFT for hit in result.products)
    # 生日礼物 is no product: the 礼盒 it half matches join the shop's gifts, never replace them
    pool = found if named else _unique([*found, *fond, *tagged])
    low, high = result.entities.price_min_fen, result.entities.price_max_fen
    wants = replace(result.wants, tags=())
    sifted = sift(pool, low, high, wants)
    if not named and not sifted.fits:
        # no gift in the budget is known to suit her (给我妈): what the data says suits her joins
        suited = [p for p in kb.products.values() if _suits(p, result)]
        sifted = sift(_unique([*pool, *suited]), low, high, wants)
    if whom_tags and not named:
        # 送妈妈 300左右: a gift for her, also a little under "about 300"
        for_them = [p for p in kb.products.values() if set(p.tags) & set(whom_tags)]
        near = sift(for_them, _slack(low, high), high, wants)
        sifted = replace(
            sifted,
            fits=_unique([*near.fits, *sifted.fits]),
            unknown=_unique([*near.unknown, *sifted.unknown]),
        )
    fitting = {p.sku for p in sifted.fits}

    def rank(p: Product) -> tuple[bool, bool, bool]:
        return (
            not set(p.tags) & set(whom_tags),
            p.sku not in fitting,
            not any(t.startswith(GIFT_TAG_HEAD) for t in p.tags),
        )

    shown = sorted(sifted.fits + sifted.unknown, key=rank)
    if liked and any(all(has_tag(p, t) for t in liked) for p in shown):
        shown = [p for p in shown if all(has_tag(p, t) for t in liked)]
    else:
        liked = []
    shown = shown[:MAX_GIFTS]
    if not shown:
        return _sifted(sifted, low, high, Wants()) if sifted.too_dear else None
    price = _price_text(low, high) if low is not None or high is not None else ""
    for_them = [p for p in shown if set(p.tags) & set(tags) - {GIFT_TAG}]
    whom = next((t for t in tags if t != GIFT_TAG), "")  # 送长辈: the data says for whom
    if whom and len(for_them) < len(shown):
        whom = ""  # some of them only: named after the list's title, not said of all
    fond_of = f"跟{'、'.join(liked)}有关" if liked else ""
    gifts = f"{price}{whom}{fond_of}的礼物" if price or whom or fond_of else "适合送礼的"
    title = f"{gifts}有这款：" if len(shown) == 1 else f"{gifts}有这{len(shown)}款："
    if for_them and not whom and tags != [GIFT_TAG]:
        names = "、".join(p.name for p in for_them[:2]) + ("等" if len(for_them) > 2 else "")
        title = f"{title.rstrip('：')}，{names}适合{_whom_word(tags)}："
    return title, shown


WHOM_SLACK = 0.75
"""How far under the low end of a budget a gift tagged for the recipient may be."""


def _slack(low: int | None, high: int | None) -> int | None:
    """The low end of a budget (about 300) a gift for the recipient may be under."""
    return int(low * WHOM_SLACK) if low is not None and high is not None else low


def _whom_word(tags: list[str]) -> str:
    """送长辈 as said of a product: 送长辈."""
    return next(t for t in tags if t != GIFT_TAG)


MAX_SUITED = 8
"""How many of the products suiting a need said with no goods named are listed."""


def _all_against(found: list[Product], wants: Wants) -> bool:
    """Does a search with attribute wishes find nothing, or only products contradicting one?"""
    if not wants.attributes:
        return False
    sifted = sift(found, None, None, wants)
    return not (sifted.fits or sifted.unknown)


def _meeting(kb: KnowledgeBase, result: MatchResult) -> list[Product]:
    """The products whose data best meets the wishes of a message that names no goods: none
    contradicting one, and those meeting the most of them (脸很干 冬天起皮: the creams for 干皮
    tagged 秋冬, not every winter coat); none when a wish is only about whom it is for."""
    wants = result.wants
    if set(wants.attributes) <= {GROUP}:
        return []  # 给孩子: the children's answers handle it

    def met(item: Product) -> int:
        count = 0
        for name, value in wants.attributes.items():
            values = item.attributes.get(name)
            if values and not any(value in v for v in values):
                return -1  # the data says it does not suit
            if values or any(value in tag for tag in item.tags):
                count += 1
        return count if not any(tag in item.tags for tag in wants.avoid) else -1

    scored = [(met(p), p) for p in kb.products.values()]
    best = max((n for n, _ in scored), default=0)
    return [p for n, p in scored if n == best and n > 0][:MAX_SUITED]


def _unique(products: list[Product]) -> list[Product]:
    return list({p.sku: p for p in products}.values())


def _suits(item: Product, result: MatchResult) -> bool:
    """The data says the product suits whom the present is for (给我妈: 性别 女)."""
    wants = result.wants
    return bool(wants.attributes or wants.age is not None) and verdict(item, wants) is True


def _price_text(low: int | None, high: int | None) -> str:
    return Budget(low, high).said


_WISH_PHRASES = {"性别": "{}款", "季节": "{}天穿", "适用年龄": "{}"}
"""How an attribute's value reads in a sentence (女 → 女款, 冬 → 冬天穿); others as they are
(儿童, 油皮)."""


def _unmet(item: Product, wants: Wants) -> str:
    """The wishes `item` is said not to meet, in words (冬天穿 for a summer jacket for her)."""
    failed = {
        name: value
        for name, value in wants.attributes.items()
        if verdict(item, Wants(attributes={name: value})) is False
    }
    asked = Wants(attributes=failed) if failed else wants
    return _wish_text(replace(asked, age=wants.age if not failed else None))


def _wish_text(wants: Wants, said: str = "") -> str:
    """The wishes in words a sentence can hold (女款、冬天穿), never the bare values of the
    data (女、冬)."""
    words = [_WISH_PHRASES.get(name, "{}").format(v) for name, v in wants.attributes.items()]
    if wants.age is not None:
        words.append(f"{wants.age}岁")
    return "、".join(dict.fromkeys(words))


def _sifted(
    sifted: Sifted, low: int | None, high: int | None, wants: Wants, said: str = ""
) -> tuple[str, list[Product]]:
    """What to say first and what to show, honouring the price and the wishes or saying they
    cannot be met ("200元以内只有这一款", "没有200元以内的，最便宜的是…")."""
    priced = low is not None or high is not None
    price = _price_text(low, high) if priced else ""
    wish = _wish_text(wants, said)
    if sifted.fits:
        shown = sifted.fits + ([] if wants else sifted.unknown)
        only = len(shown) == 1 and (bool(priced and sifted.too_dear) or bool(sifted.against))
        # 芒果甜不甜: a wish no words can name ("" then) is no "…的只有这一款" with nothing before
        note = f"{price}{wish}的只有这一款" if only and (price or wish) else ""
        if sifted.against and wish:  # 冰丝防晒衣 for a winter coat: left out, and said so
            caveat = "，".join(f"{p.name}不太适合{_unmet(p, wants)}" for p in sifted.against[:2])
            note = f"{note}（{caveat}，没有列出）" if note else f"{caveat}，没有列出"
        return note + ("：" if note else ""), shown
    if sifted.unknown and for_a_child(wants) and all(sized(p) for p in sifted.unknown):
        return (  # 给闺女买件外套 8岁, and no children's coat: sizes are what may not fit
            "没有专门给孩子的这类商品，下面是大人款，尺码可能不合适，建议先问问客服：",
            sifted.unknown,
        )
    if sifted.unknown and for_a_child(wants):  # snacks no tag says are for children
        return "没有标明适合孩子的，这几款资料里没写，建议先问问客服：", sifted.unknown
    if sifted.unknown:
        return f"没有标明{wish}的商品，这几款可能合适，建议先问问客服：", sifted.unknown
    if sifted.against and not sifted.too_dear:
        names = "、".join(p.name for p in sifted.against[:2])
        if not wish:
            return "抱歉，没有完全合适的，这几款仅供参考：", sifted.against
        return f"抱歉，没有{wish}的。{names}不太适合{wish}，仅供参考：", sifted.against
    if not sifted.too_dear:
        return "", []
    nearest = sifted.too_dear[0]
    cheapest = high is not None and nearest.price_fen > high
    which = "最便宜的" if cheapest else "价格最接近的"
    return (
        f"没有{price}的，{which}是{nearest.name} {yuan(nearest.price_fen)}：",
        sifted.too_dear[:5],
    )


def _with_ending(ending: str, step: Step) -> Step:
    """`ending` after the last text of the reply (the human offer after the form's question)."""
    texts = [i for i, r in enumerate(step.replies) if isinstance(r, TextReply)]
    if not texts:
        return replace(step, replies=(*step.replies, TextReply(ending)))
    last = texts[-1]
    replies = list(step.replies)
    text = replies[last]
    assert isinstance(text, TextReply)
    replies[last] = TextReply(f"{text.text}\n{ending}")
    return replace(step, replies=tuple(replies))


_HOW_MANY = re.compile(r"几|多少种")


def _counted_choices(text: str, item: Product, result: MatchResult) -> str | None:
    """ "有几个颜色" about a product named: its values of the spec asked, counted (the card
    lists them but does not say how many); None when no count of its choices is asked."""
    if result.topic or not _HOW_MANY.search(text):
        return None  # 能保温几个小时: a fact about it, not its choices
    return spec_choices(text, [item])


def _with_note(note: str, step: Step) -> Step:
    """The note goes first, in the same bubble as the first text (the passive reply is one)."""
    if not note:
        return step
    first = step.replies[0] if step.replies else None
    if isinstance(first, TextReply):
        replies = (TextReply(f"{note}\n{first.text}"), *step.replies[1:])
    else:
        replies = (TextReply(note), *step.replies)
    return replace(step, replies=replies)


async def _unshipped_order(msg: Inbound, ctx: Context) -> bool:
    recent = await ctx.services.db.orders.list_orders(msg.user, 5, channel=msg.channel)
    return any(order.status in (OrderStatus.CREATED, OrderStatus.PAID) for order in recent)
