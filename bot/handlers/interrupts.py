"""The global moves every dialog gets when it is built: what its steps understand besides their
own question.

An active dialog is routed before the router's global words, so the dialogs handle these
themselves, through the `GlobalMoves` built here:

* words: 取消 / 算了 / 不买了 (leave, saying what was dropped), 返回 (previous question), 重新开始
  (the whole conversation from the top), 人工 (hand-off; the dialog waits for the shopper's
  return), 我的订单 / 查物流 / 售后进度 (answered, then the step asks again), 逛逛 (browse; a
  cart waits), 购物车 (the cart, from anywhere);
* a message the step cannot use: small talk gets a short reply (好的, [微笑], 谢谢), a question is
  answered through `answers.question_answer`, a question about a product gets its facts, and
  another request either leaves browsing for the handler of that request or, in a form, is told
  how to get there. The step then asks again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable

from bot.dialogs import Dialogs, build_dialogs, words
from bot.dialogs.aftersales.form import is_complaint
from bot.dialogs.browse import SKU, BrowseState, asks_gift_box, card_slots, own_gift_box
from bot.dialogs.budget import MAX_OTHERS, none_in_budget, others_like, said_budget
from bot.dialogs.card_questions import (
    asks_its_price,
    asks_verdict,
    data_answers,
    named_in,
    plain_question,
    points_at_one,
    verdict_answer,
)
from bot.dialogs.conversation import (
    DROPPED_CART,
    Conversation,
    GlobalMoves,
    WordMove,
    own,
    slots_with,
)
from bot.dialogs.form import Form
from bot.dialogs.machine import Dialog, ended
from bot.dialogs.order.money_questions import money_answer
from bot.dialogs.order.values import OrderValues
from bot.dialogs.parse import QUESTION, is_question
from bot.dialogs.size_advice import fit_answer
from bot.handlers import after_order, answers, handoff, queries, shopper, smalltalk
from bot.handlers.smalltalk import Small
from bot.protocol import Inbound, Kind, TextReply
from bot.router import Router, normalise_command_word
from bot.session import Session
from bot.shop import catalog, stock
from bot.shop.texts import TICKET_KIND, yuan
from bot.step import Context, Step
from bot.storage import TicketKind
from knowledge.model import IntentId, Product


def _words(*words: str) -> frozenset[str]:
    return frozenset(normalise_command_word(w) for w in words)


CANCEL = _words(
    "取消",
    "算了",
    "算了吧",
    "不要了",
    "不买了",
    "退出",
    "结束",
    "不办了",
    "先不买了",
    "先不要了",
    "算了不买了",
    "算了先不买了",
    "算了不要了",
    "不想买了",
    "暂时不买了",
    "下次再买",
    "不买了谢谢",
    "那算了",
    "那不买了",
    "还是算了",
    "还是不买了",
    "不弄了",
    "不申请了",
    "取消吧",
    "取消下单",
)
_CANCEL = re.compile(
    r"^(?:那|那就|哎|唉)?(?:算了|算啦|还是算了)?(?:吧|啊)?(?:我)?(?:先|还是|暂时|今天|就)?"
    r"(?:不|别)(?:想|再)?(?:买|要|需要|下单|办|弄|申请|退)(?:了|啦)(?:吧|啊|哈|呢)?(?:谢谢)?$"
)
BACK = _words("返回", "上一步", "后退", "返回上一步", "退回上一步")
RESTART = _words("重新开始", "重来", "重新来", "从头开始", "重新来过", "从头来")
HUMAN = _words(*handoff.HUMAN_WORDS)
ORDERS = _words("我的订单", "查订单", "订单查询", "查看订单", "看看订单")
LOGISTICS = _words("查物流", "物流", "我的快递", "快递到哪了", "物流查询", "查快递")
TICKETS = _words("售后进度", "我的售后", "售后单", "退款进度", "售后查询")
BROWSE = _words("逛逛", "逛一逛", "随便看看", "看看别的", "商品分类", "全部商品", "看看商品")
CART = _words("购物车", "查看购物车", "看看购物车", "我的购物车", "看购物车", "购物车里有什么")
REQUESTS = frozenset(
    {
        IntentId.HUMAN_AGENT,
        IntentId.PLACE_ORDER,
        IntentId.ORDER_STATUS,
        IntentId.CANCEL_ORDER,
        IntentId.MODIFY_ORDER,
        IntentId.RETURN_REFUND,
    }
)
"""Intents that ask for something to be done (not a question with an FAQ answer)."""

_OF_THE_VALUE = re.compile(
    r"^(?:就|那就|那)?(?:用|使用|选|要)?(?:这个|这张|它)?(?:的话)?"
    r"(?:可以|行|能用|可用|能|好使|有效|管用)(?:吗|么|嘛|不|没|不行|不可以)?$"
)
"""What is left of "用XIAOHE10 可以吗" once the code is taken: it asks about that value, which the
step answers itself; read alone it would be another question (可以用支付宝吗)."""

UNSURE = "这个问题我还答不上来，可以回复“人工”问问客服。"
AFTER_SALES = "aftersales"
SAME_REQUEST = "好的，正在为您申请{what}～"
WHICH_ONE = "您问的是哪一款呢？先回复序号打开它，再问我就行。"
LIST = "browse:list"
Redispatch = Callable[[Inbound, Context], Awaitable[Step]]


def redispatcher(router: Router) -> Redispatch:
    """Route a message as if no dialog were active (for leaving browse on another request)."""

    async def redispatch(msg: Inbound, ctx: Context) -> Step:
        fresh = ctx.with_session(Session())
        route = router.resolve(msg, fresh)  # its inner middlewares run; stats count once, outside
        return ended(await route(msg, fresh) if route else Step())

    return redispatch


def beside_dialogs(router: Router) -> Redispatch:
    """Route a message as a new request while the dialogs under way keep their values (the
    session's state is left, its slots are not): the cart waits while after-sales runs."""

    async def route_beside(msg: Inbound, ctx: Context) -> Step:
        kept = ctx.with_session(Session(None, dict(ctx.session.slots), ctx.session.updated_at))
        route = router.resolve(msg, kept)
        return await route(msg, kept) if route else Step()

    return route_beside


def _answered(make: Callable[[Inbound, Context], Awaitable[str]]) -> WordMove:
    async def move(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
        return await conv.reask(msg, ctx, await make(msg, ctx))

    return move


async def _tickets(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    """售后进度 while applying: the application under way has no number yet, said first (not
    "您还没有售后申请…请回复“售后”", which it just did); earlier tickets follow."""
    if conv.name != AFTER_SALES:
        return await conv.reask(msg, ctx, await queries.my_tickets(msg, ctx))
    kind = _kind_applied(ctx)
    what = TICKET_KIND[kind] if kind else "售后"
    head = f"您这次的{what}申请还在填写，提交后才会有售后单号。"
    earlier = await ctx.services.db.tickets.list_tickets(msg.user, 1, channel=str(msg.channel))
    text = f"{head}\n{await queries.my_tickets(msg, ctx)}" if earlier else head
    return await conv.reask(msg, ctx, text)


async def _cancel(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    step = await conv.cancel(msg, ctx)
    dropped = own(ctx.session, conv.name) if conv.name == "order" else {}
    if not dropped:
        return step
    return dataclasses.replace(step, slots={**step.slots, DROPPED_CART: dict(dropped)})


async def _back(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    return await conv.back(msg, ctx)


async def _restart(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    """重新开始: the whole conversation, not just this dialog."""
    dropped = [d for d in conv.peers.values() if d.holds(ctx.session)]
    note = "好的，我们重新开始" + ("，刚才没办完的都已清空。" if dropped else "。")
    return Step.say(note, shopper.welcome_text(ctx), next_state=None, reset_slots=True)


async def _browse(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    """逛逛 from anywhere: browsing from the categories; an order's cart waits meanwhile."""
    browse = conv.peers["browse"]
    session = Session(None, slots_with(ctx.session, browse.name, None), ctx.session.updated_at)
    return await browse.enter(msg, ctx.with_session(session), {})


async def _human(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    """人工: a human takes over; the dialog waits, with its values, for the shopper's return."""
    return await handoff.start(msg, ctx, conv)


async def _cart(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
    """购物车 outside the order form (the form shows it itself): the cart, when there is one."""
    order = conv.peers["order"]
    if not order.holds(ctx.session):
        return await conv.reask(msg, ctx, "购物车还是空的，想买什么直接告诉我～")
    if conv.name != "browse":  # a form under way stays: the cart is shown in passing
        return await conv.reask(msg, ctx, order.summary(ctx.session) or "")
    rest = Session(None, slots_with(ctx.session, conv.name, None), ctx.session.updated_at)
    return await order.resume(msg, ctx.with_session(rest))


class Moves:
    """The app's global moves for every dialog."""

    def __init__(self, redispatch: Redispatch, beside: Redispatch) -> None:
        self.redispatch = redispatch
        self.beside = beside
        self.table: dict[str, WordMove] = {}
        for said, move in (
            (CANCEL, _cancel),
            (BACK, _back),
            (RESTART, _restart),
            (HUMAN, _human),
            (ORDERS, _answered(queries.my_orders)),
            (LOGISTICS, _answered(queries.logistics)),
            (TICKETS, _tickets),
            (BROWSE, _browse),
            (CART, _cart),
        ):
            self.table.update(dict.fromkeys(said, move))

    def word(self, word: str) -> WordMove | None:
        move = self.table.get(word)
        if move is None and _CANCEL.match(word):
            return _cancel
        return move

    def moves(self) -> GlobalMoves:
        return GlobalMoves(word=self.word, unclear=self.unclear, aside=self.aside)

    async def aside(self, conv: Conversation, msg: Inbound, ctx: Context, rest: str) -> str | None:
        """A message that filled something and asks besides ("…，能开发票吗"): the answer."""
        if conv.name == AFTER_SALES and after_order.asks_about_postage(rest):
            return await _in_the_request(dataclasses.replace(msg, text=rest), ctx, rest)
        rest = plain_question(rest)  # 能便宜点不: asked as 能便宜点吗
        if not QUESTION.search(rest) or smalltalk.kind(rest) is not None:
            return None
        if _OF_THE_VALUE.match(re.sub(r"[\s,，。.!！?？~～]+", "", rest)):
            return None
        asked = dataclasses.replace(msg, text=rest)  # the question without the answer around it
        if conv.name == AFTER_SALES:  # "换黑色 来回运费你们出吧": the postage of this request
            answer = await _in_the_request(asked, ctx, rest)
            if answer is not None:
                return answer
        money = cart_money(conv, asked, ctx)
        if money is not None:  # "…，现在多少钱": the cart's own figures
            return money
        if conv.name == "order":  # "浅蓝的41有吗" at the colour question: taken, and answered
            about_line = await line_spec_answer(asked, ctx)
            if about_line is not None:
                return about_line
        fresh = ctx.with_session(ctx.session, fresh_cache=True)
        answer = await answers.question_answer(asked, fresh)
        item = product_meant_here(asked, fresh) if answer is None else None
        if item is None:
            return answer
        left = (await stock.displayed(ctx.services, [item.sku]))[item.sku]
        said = await data_said(rest, item, fresh, left)  # "2箱 一包多少抽": from its data
        if said is None and asks_its_price(rest):  # "多少钱一袋" at the spec question: its price
            return await product_facts(asked, fresh, item)
        return said

    async def unclear(self, conv: Conversation, msg: Inbound, ctx: Context) -> str | Step | None:
        """The step could not use the message: maybe it was about something else."""
        if msg.kind is Kind.IMAGE:
            return "收到图片～我暂时看不懂图片，请用文字告诉我；需要售后的话，回复“售后”后可以上传照片。"
        if msg.kind is not Kind.TEXT:
            return None
        small = smalltalk.kind(msg.text)
        if small is not None:
            return self._small(small, conv, msg, ctx)
        if normalise_command_word(msg.text) in words.NO:  # 没有 / 不用 to a question not asked
            return "好的～"
        if conv.name == AFTER_SALES:  # 运费谁出 while applying: the return's postage
            answer = await _in_the_request(msg, ctx, msg.text)
            answer = answer or await after_order.bought_then(msg, ctx, in_form=True)
            if answer is not None:  # 我上周买的: the orders of then, the form's question next
                return answer
        money = cart_money(conv, msg, ctx)
        if money is not None:  # "还差多少能满199减20": before any product its words could name
            return money
        if conv.name == "order":
            about_line = await line_spec_answer(msg, ctx)
            if about_line is not None:
                return about_line
            chosen = line_being_chosen(ctx)
            if chosen is not None and asks_gift_box(ctx, msg):  # its own box, not others'
                return own_gift_box(ctx, chosen)
            searched = searched_in_form(msg, ctx)
            if searched is not None:
                return searched
            ordered = await _ordered_product_answer(conv, msg, ctx)
            if ordered is not None:  # "容量多大" at the cart: the kettle's, not a power bank's
                return ordered
        result = catalog.match(msg, ctx)
        if result is None:
            return None
        if result.band == "act" and result.intent == IntentId.HUMAN_AGENT:
            return await handoff.start(msg, ctx, conv)
        if (
            result.band == "act"
            and result.intent in REQUESTS
            and not answers.asks_the_shop(result, ctx)
        ):
            return await self._request(conv, msg, ctx, result.intent)
        answer = await answers.question_answer(msg, ctx)
        if answer is not None and answers.fact_answer(result, ctx) is not None:
            asked = answers.products_asked_about(result, ctx)
            return await _kept_on_screen(conv, msg, ctx, answer, asked)
        if answer is not None:
            return answer
        item = product_meant_here(msg, ctx)
        facts = await product_facts(msg, ctx, item)
        if facts is None and is_question(msg.text):  # 重不重 asks too
            ctx.note_not_understood()
            return UNSURE
        if facts is None or item is None:
            return facts
        return await _kept_on_screen(conv, msg, ctx, facts, [item])

    def _small(self, small: Small, conv: Conversation, msg: Inbound, ctx: Context) -> str | Step:
        if small is Small.BOT:
            return shopper.bot_answer(ctx)
        if small is Small.SHOP:  # the step's own question (the category menu) follows
            return shopper.shop_answer(ctx)
        kept = "刚才的内容先帮您留着，回来直接接着说就行。" if conv.summary(ctx.session) else ""
        if small is Small.BYE:
            return Step.say(f"好的，再见～{kept}")
        if small is Small.WAIT:
            return Step.say(f"好的，不着急～{kept}")
        return smalltalk.inside(small, msg.text)

    async def _after_sales_beside_cart(self, msg: Inbound, ctx: Context) -> Step:
        """退货 / 车厘子烂了 while ordering: after-sales starts as it would on its own, and the
        cart waits (购物车 brings it back), instead of "请先回复取消"."""
        return await self.beside(msg, ctx)

    async def _request(
        self, conv: Conversation, msg: Inbound, ctx: Context, intent: str
    ) -> str | Step:
        if conv.name == "browse":  # browsing: follow the new request
            return await self.redispatch(msg, ctx)
        if intent == IntentId.ORDER_STATUS:
            if conv.name == "order" and not _SPEAKS_OF_PLACED.search(msg.text):
                # 几号能到 坏了包赔吗 while ordering: about the order being made, not one placed
                answer = await answers.question_answer(msg, ctx)
                if answer is not None:
                    return answer
            return await queries.status_text(msg, ctx)
        if intent == IntentId.MODIFY_ORDER:
            return "好的，要改什么直接告诉我新的内容就行。"
        if QUESTION.search(
            msg.text
        ):  # 退货运费谁出 while ordering: a question, answered in passing
            answer = await answers.question_answer(msg, ctx)
            if answer is not None:
                return answer
        if conv.name == "order" and (intent == IntentId.RETURN_REFUND or is_complaint(msg.text)):
            return await self._after_sales_beside_cart(msg, ctx)
        if conv.name == "order" and intent == IntentId.PLACE_ORDER:
            return "想买的商品直接发名字就行，例如“再来一个保温杯”。"
        if conv.name == AFTER_SALES and intent == IntentId.RETURN_REFUND:  # 我要退货, again
            if QUESTION.search(msg.text):
                answer = await answers.question_answer(msg, ctx)
                if answer is None:
                    ctx.note_not_understood()
                return answer or UNSURE
            kind = _kind_applied(ctx)
            return SAME_REQUEST.format(what=TICKET_KIND[kind] if kind else "售后")
        return f"您正在{conv.title}，如需办理别的事情，请先回复“取消”。"


_SPEAKS_OF_PLACED = re.compile(
    r"SB\d|订单|那单|这单|上次|之前|以前|昨天|前天|上周|上个月|下过|买过|付过|已经|到哪|物流|快递单"
)
"""Words that point at an order already placed (上次那单到哪了), not the one being made."""


async def _in_the_request(msg: Inbound, ctx: Context, text: str) -> str | None:
    """A question asked in the after-sales form, answered for the request under way: its kind,
    and its case once the order and the reason tell it (bad fruit, a wrong item …)."""
    values = own(ctx.session, AFTER_SALES)
    details = values.get("details")
    said = " ".join(
        [str(values.get("reason") or ""), *(details if isinstance(details, list) else [])]
    )
    order_no = values.get("order_no")
    order_no = order_no if isinstance(order_no, str) else None
    case, insured = await after_order.case_of_request(msg, ctx, order_no, said)
    answer = after_order.in_after_sales(ctx, text, _kind_applied(ctx), case, insured)
    postage = after_order.asks_about_postage(text) and "运费险" not in text
    if answer is None or not order_no or not postage:
        return answer
    order = await ctx.services.db.orders.get_order(order_no, msg.user, channel=str(msg.channel))
    remote = after_order.remote_postage(ctx, order, _kind_applied(ctx))
    return f"{answer}\n{remote}" if remote else answer


def _kind_applied(ctx: Context) -> TicketKind | None:
    """The kind the after-sales form under way holds (退货, 换货 …), if chosen yet."""
    kind = own(ctx.session, AFTER_SALES).get("kind")
    return TicketKind(kind) if kind in set(TicketKind) else None


CHOOSING = frozenset({"order:spec", "order:quantity"})


def cart_money(conv: Conversation, msg: Inbound, ctx: Context) -> str | None:
    """ "现在多少钱", "还差多少能满减", "两张券一起用行不" while ordering: from the cart."""
    if conv.name != "order" or not isinstance(conv, Form):
        return None
    values = conv.values_of(ctx.session)
    return money_answer(ctx, values, msg.text) if isinstance(values, OrderValues) else None


def line_being_chosen(ctx: Context) -> Product | None:
    """The product of the order line whose spec or count is being asked: the product on screen
    while the form waits there ("一箱多少包" at 要几件 is about it)."""
    if ctx.session.state not in CHOOSING:
        return None
    order = own(ctx.session, "order")
    lines = order.get("lines")
    last = lines[-1] if isinstance(lines, list) and lines and not order.get("adding") else None
    return catalog.product(ctx, str(last.get("sku", ""))) if isinstance(last, dict) else None


async def line_spec_answer(msg: Inbound, ctx: Context) -> str | None:
    """ "米白的有L码吗" while the line being chosen is asked its spec or count: a question about
    that product's specs (no other product named), answered from its specs and stock."""
    if not QUESTION.search(msg.text):
        return None
    item = line_being_chosen(ctx)
    if item is None:
        return None
    named = {p.sku for p in catalog.named_products(ctx, msg.text)}
    if named - {item.sku}:
        return None  # "保温杯有白色吗" while choosing the T-shirt: about the cup
    if _OTHER.search(msg.text):
        return _others(msg.text, item, ctx)
    return await answers.spec_answer(msg.text, item, ctx, on_card=False)


_SEARCH = re.compile(
    r"^(?:请问|你们|店里|这里|那)*(?:有没有|有木有|还有没有|有)(?:卖)?(?P<what>[^，,。？?\s]{1,12}?)"
    r"(?:卖|的)?(?:吗|么|嘛|呀|啊|呢)?[?？]*$"
)
"""A product searched for by name ("有没有保温杯", "有充电宝吗"), not a question about one."""
MAX_FOUND = 3


def searched_in_form(msg: Inbound, ctx: Context) -> str | None:
    """ "有没有保温杯" typed inside the order form: the products it names, shown, and how to add
    one; the form then asks its question again (the cart stays as it is)."""
    found = _SEARCH.match(msg.text.strip())
    if found is None:
        return None
    products = catalog.named_products(ctx, found.group("what"))[:MAX_FOUND]
    if not products:
        return None
    listed = "；".join(f"{p.name} {yuan(p.price_fen)}" for p in products)
    what = found.group("what")
    return f"有的：{listed}。要的话回复“再来一个{what}”，会加进这次的订单。"


_OTHER = re.compile(r"别的|其他|其它|另外的|还有啥|还有什么")


def _others(text: str, item: Product, ctx: Context) -> str:
    """ "还有别的颜色吗": every value of that spec; "有没有别的": the products of its kind (same
    category, a tag in common), else the values of the spec being asked."""
    asked = [name for name in item.specs if name in text]
    budget = said_budget(ctx.session)
    others = [] if asked else others_like(item, catalog.kb(ctx), budget)
    fitting = [p for p in others if budget is None or budget.fits(p)][:MAX_OTHERS]
    if others and not fitting and budget is not None:  # the ¥699 jacket is no offer under 300
        return f"{none_in_budget(others, budget)}还要这款就接着选。"
    if fitting:
        listed = "、".join(f"{p.name}{yuan(p.price_fen)}" for p in fitting)
        kind = f"{budget.said}的" if budget is not None else "同类的"
        return f"{kind}还有：{listed}。想换的话直接发商品名；还要这款就接着选。"
    name = next(iter(asked), None) or next((n for n in item.specs if len(item.specs[n]) > 1), "")
    values = item.specs.get(name, ())
    return f"{item.name}的{name}就这{len(values)}种：{'、'.join(values)}。"


def product_meant_here(msg: Inbound, ctx: Context) -> Product | None:
    """The one product a question in a dialog is about: the one it names or points at, else,
    with no product named, the one the last question at this step of a form was about, else
    the one whose spec or count the form is asking."""
    item = answers.product_meant(msg, ctx)
    if item is not None or named_in(msg.text, catalog.named_products(ctx, msg.text)):
        return item  # a product written out ("多大容量" writes out no 大容量充电宝)
    return answers.asked_before_in_form(ctx) or line_being_chosen(ctx)


async def _ordered_product_answer(
    conv: Conversation, msg: Inbound, ctx: Context
) -> str | Step | None:
    """A question in the order form writing out no other product: what the data of the product
    on screen (the one just answered about at this step, the line chosen, else the only one
    ordered) says of it, as its card would;
    None when no such product or its data says nothing of it (the shop's answers follow)."""
    if not is_question(msg.text) or named_in(msg.text, catalog.named_products(ctx, msg.text)):
        return None
    item = answers.asked_before_in_form(ctx) or line_being_chosen(ctx) or _only_ordered(ctx)
    if item is None:
        return None
    left = (await stock.displayed(ctx.services, [item.sku]))[item.sku]
    said = await data_said(msg.text, item, ctx, left) or _recorded_fact(msg, ctx, item)
    return await _kept_on_screen(conv, msg, ctx, said, [item]) if said else None


def _only_ordered(ctx: Context) -> Product | None:
    """The one product of the order under way, at any of its steps (the cart's "一箱多少包")."""
    lines = own(ctx.session, "order").get("lines") if ctx.session.state else None
    skus = {str(line.get("sku")) for line in lines or () if isinstance(line, dict)}
    return catalog.product(ctx, skus.pop()) if len(skus) == 1 else None


async def _kept_on_screen(
    conv: Conversation, msg: Inbound, ctx: Context, answer: str, asked: list[Product]
) -> str | Step:
    """An answer about one product, after which that product is the one on screen, as after its
    card: "多少钱", "那双支装呢", "有黑色吗" next are about it. Browsing shows it as the card
    (without the card itself: the answer is said instead; 返回 goes back to where the shopper
    was); a form keeps its step and remembers the product for the next question there."""
    if len(asked) != 1:
        return answer
    item = asked[0]
    if isinstance(conv, Dialog) and conv.name == "browse":
        seed = own(ctx.session, conv.name) if ctx.session.state == LIST else card_slots(item)
        seed = {**seed, SKU: item.sku}
        return conv.showing(msg, ctx, BrowseState.CARD, seed, [TextReply(answer)])
    state = ctx.session.state or ""
    slots = {**ctx.session.slots, **answers.asked_in_form(item, state)}
    kept = ctx.with_session(Session(state, slots, ctx.session.updated_at))
    return await conv.reask(msg, kept, answer)


async def product_facts(msg: Inbound, ctx: Context, item: Product | None) -> str | None:
    """A question about `item`, the product a message names or means ("T恤有XL吗", "保温杯
    多少钱"): its facts."""
    if not is_question(msg.text):
        return None
    if item is None:
        return WHICH_ONE if points_at_one(msg.text) and ctx.session.state == LIST else None
    left = (await stock.displayed(ctx.services, [item.sku]))[item.sku]
    known = await data_said(msg.text, item, ctx, left) or _recorded_fact(msg, ctx, item)
    known = known or await answers.unknown_to_shop(msg, item, ctx)
    if known is not None:  # "T恤有白色L码吗", "保温杯能防水吗", "皮带是真皮的吗 多长"
        return known
    specs = "；".join(f"{name}：{' / '.join(values)}" for name, values in item.specs.items())
    stock_text = "有货" if left >= 10 else (f"仅剩{left}件" if left > 0 else "暂时缺货")
    return "\n".join(x for x in (f"{item.name} {yuan(item.price_fen)}（{stock_text}）", specs) if x)


def _recorded_fact(msg: Inbound, ctx: Context, item: Product) -> str | None:
    """The product's own fact (facts.toml) for the topic the question asks, if it has one."""
    result = catalog.match(msg, ctx)
    return answers.product_fact(result, item) if result is not None else None


async def data_said(text: str, item: Product, ctx: Context, left: int) -> str | None:
    """What the product's specs, stock and own words answer of the question, every part of it
    (乳胶枕怎么样 是一对吗); None when they answer none of it."""
    fit = fit_answer(text, item)
    if fit is not None:  # 脚背高穿多大 at the size question: its fit note
        return fit
    specs_said = await answers.spec_answer(text, item, ctx, on_card=False)
    told = _told_by_data(text, item, ctx, left)
    if specs_said is not None and told is not None:
        return f"{told}\n{specs_said}"
    return specs_said or told


def _told_by_data(text: str, item: Product, ctx: Context, left: int) -> str | None:
    """What the product's own data says of the question: what it is like (怎么样: its
    description and price), and each part its specs or description answer (真皮的吗, 多长)."""
    verdict = verdict_answer(item, left) if asks_verdict(text) else None
    data = data_answers(text, item, catalog.kb(ctx).synonyms)
    return "\n".join(x for x in (verdict, data) if x) or None


def build(router: Router) -> Dialogs:
    """The app's dialogs, each with these global moves."""
    return build_dialogs(Moves(redispatcher(router), beside_dialogs(router)).moves())
