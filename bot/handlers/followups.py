"""What a message means given the exchange before it, read around every shopper route.

A shopper talks in turns, not in self-contained sentences:

* **An elliptical follow-up** ("寄到广州几天到" → "那澳门呢") asks the last question again about
  another place: the place of the last question is replaced by the new one and the question is
  routed as if written out ("寄到澳门几天到"). After a delivery question a
  place the shop knows nothing about gets an honest "不太确定" with 人工 offered.
* **A place the shop does not deliver to** (an `excluded` region of shipping.toml) asked about
  in a delivery question is told so, not the delivery times of places it does reach.
* **A greeting before a request** ("嗨 随便看看", "你好，有保温杯吗"): the request is answered,
  with a short hello first.
* **A liking that describes who a gift is for** ("想送我爸个礼物" → "他平时爱喝茶"): a search
  for what they like, said as a suggestion for them.
* **The same answer again to the same complaint** ("都三天了还没到" twice): never the identical
  reply twice in a row; an apology, where the order stands, and 人工 offered (an impatient
  message gets the apology the first time too).

The last exchange is kept in the session slot `LAST_TURN` (what was asked outside a dialog, a
digest of what was answered, how many messages ago), for the next message only to build on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.business import return_cases
from bot.dialogs.aftersales.form import is_complaint, kind_in
from bot.dialogs.aftersales.pick import NOTHING_BOUGHT, has_ticketable_order
from bot.handlers import after_order, answers, interrupts, shopper, smalltalk
from bot.handlers.staff.confirm import from_staff
from bot.handlers.starts import Starts
from bot.handlers.understanding import asks_whether_sold
from bot.protocol import Inbound, Kind, NewsReply, TextReply
from bot.router import Handler, Middleware, Route, RouteKind, Router, Table
from bot.session import Session
from bot.shop import catalog
from bot.shop.texts import yuan
from bot.step import KEEP, Context, Step
from knowledge.entities import ORDER_NO, find_quantity
from knowledge.model import IntentId
from knowledge.normalize import clean
from knowledge.regions import place_in
from knowledge.shipping import Region, ShipLine, Undeliverable, shipping_fee

LAST_TURN = "last_turn"
"""Session slot: {"asked": the last question outside a dialog, "said": digest of the last
reply, "core": digest of the reply before any apology was added, "age": messages since the
question}."""
GIFT_MEMORY = 3
"""How many messages after a gift search a liking still describes the one the gift is for."""

_ELLIPSIS = re.compile(
    r"^(?:那|那么|那要是|要是|如果是?)(?P<lead>[^，,。？?！!\s]{1,10}?)(?:的话)?"
    r"(?:呢|怎么样|咋样|行吗|可以吗|行不行)?[?？。!！~～]*$"
    r"|^(?P<bare>[^，,。？?！!\s]{1,10}?)(?:的话)?呢[?？。!！~～]*$"
)
""""那澳门呢", "那新疆的话", "澳门呢": the thing the last question is now asked about."""
_NOT_A_THING = re.compile(
    r"^(?:你|您|我|他|她|它|你们|我们|他们|这个|那个|这|那|其他|别的|还有|然后|后来|现在|"
    r"好吧|好的|算了|行|嗯|哦|怎么办|怎么说|为什么|什么|啥|呢|就这样|这样|那样)$"
)
_DELIVERY = re.compile(
    r"寄|发货|发到|送到|送货|配送|快递|物流|运费|邮费|包邮|几天到|多久到|能到|到货"
)
_PLACE_LIKE = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_ASKING_WORD = re.compile(r"[要能会是有多几怎么啥吗吧了过还不没就都也再先]")
"""A word that may name a place (纽约, 国外), not a question (要多久, 能到吗)."""
SHIPPING_FAQS = ("ship.",)
PLACE_FAQ_MIN = 0.75
_GREETING_FIRST = re.compile(
    r"^(?P<hello>你好|您好|嗨|哈喽|哈啰|hi|hello|hey|在吗|在不在|在么|亲|亲亲|老板)"
    r"(?:呀|啊|哈)?[\s,，.。!！~～、]+(?P<rest>.+)$",
    re.I,
)
HELLO = "您好～"
_LIKES = re.compile(
    r"^(?:他|她|TA|ta|我爸|我妈|我爷爷|我奶奶|老人家|老人|长辈|女朋友|男朋友|老婆|老公|孩子|"
    r"小孩|宝宝|闺蜜|朋友|对方|人家)?(?:平时|平常|一直|比较|特别|挺|很|就|最|也|还)*"
    r"(?:(?:爱|喜欢|偏爱)(?P<verb>喝|吃|用|穿|玩|看|戴|听)|喜欢|爱好是?|偏爱)"
    r"(?P<thing>[\u4e00-\u9fffA-Za-z]{1,8}?)(?:的东西|之类的|一类的|的)?[。.!！~～]*$",
    re.I,
)
_A_SPEC = re.compile(r"色|款|码|号$")
_POINTING = re.compile(r"第|这|那|哪|[0-9一二两三四五六七八九十]个|个$|款$|件$")
_GIFT = re.compile(r"送|礼物|礼品|送礼")
_IMPATIENT = re.compile(
    r"都.{1,6}了|怎么还|还不到|还没到|还没收到|还没发|到底|急死|烦死|着急(?!用)|太慢|等了.{1,4}[天周]|"
    r"一直没|好几天|这么久"
)
"""Impatience about an order (都三天了还没到): the first reply apologises too."""
_ABOUT_ORDERS = frozenset(
    {IntentId.ORDER_STATUS, IntentId.RETURN_REFUND, IntentId.CANCEL_ORDER, IntentId.MODIFY_ORDER}
)
ORDER_WORDS = interrupts.LOGISTICS | interrupts.TICKETS
"""查物流, 售后进度 …: asked again right after the answer, the shopper is waiting for it."""
SORRY_AGAIN = "真的很抱歉，让您一直等着。"
HUMAN_AGAIN = "我这就可以请客服帮您跟进：回复“人工”就行。"
SAID_AGAIN = "抱歉，可能我刚才没说清楚："
REFUSED_AGAIN = "抱歉，刚才说的是店里的规定，我这边没法破例。想请客服再帮您看看，回复“人工”就行。"
"""A refusal asked about again: short, and a human offered, not the whole rule once more."""
_REFUSES = re.compile(r"不支持|不能|无法|不可以|不予|暂不|不接受")


ORDER_MEMORY = 3
"""How many messages after a reply about one order "改好了吗" / "就刚才那单" still mean it."""
PRODUCT_MEMORY = 6
"""How many messages after naming a product a short reference ("5斤礼盒的来一个") may mean it."""
MAX_SPOKEN_OF = 4
"""How many messages after a reply about one order "改好了吗" / "就刚才那单" still mean it."""


@dataclass(frozen=True)
class LastTurn:
    asked: str = ""
    said: str = ""
    core: str = ""
    age: int = 0
    order: str = ""
    """The one order the last replies spoke of (下单成功, 已改为…), for "就刚才那单"."""
    order_age: int = 0
    changed: bool = False
    """The reply about `order` said a change to it was made."""
    products: tuple[str, ...] = ()
    """SKUs of the products the shopper's recent messages named, the latest first: what a short
    reference ("那先拍10个 红轴黑色的" after asking about keyboards) may mean."""
    products_age: int = 0
    """Messages since the last one that named a product."""
    recent: tuple[str, ...] = ()
    """Digests of the last few replies (before any apology), the latest first: an answer
    given a few messages ago is not said in full again (`_said_before`)."""

    @classmethod
    def of(cls, session: Session) -> LastTurn:
        raw = session.slots.get(LAST_TURN)
        if not isinstance(raw, Mapping):
            return cls()
        age, order_age = raw.get("age"), raw.get("order_age")
        return cls(
            str(raw.get("asked") or ""),
            str(raw.get("said") or ""),
            str(raw.get("core") or ""),
            age if isinstance(age, int) else 0,
            str(raw.get("order") or ""),
            order_age if isinstance(order_age, int) else 0,
            raw.get("changed") is True,
            tuple(str(sku) for sku in raw.get("products") or () if isinstance(sku, str)),
            _int(raw.get("products_age")),
            tuple(str(d) for d in raw.get("recent") or () if isinstance(d, str)),
        )

    def to_slot(self) -> dict[str, Any]:
        # What dataclasses.asdict gives, without its deep copy (once per message); every field,
        # so a field added later is kept too.
        return {name: getattr(self, name) for name in _LAST_TURN_FIELDS}


def _int(raw: object) -> int:
    return raw if isinstance(raw, int) else 0


def spoken_of(session: Session) -> list[str]:
    """SKUs of the products the shopper named in the last few messages, the latest first."""
    return list(LastTurn.of(session).products)


def _products_named(msg: Inbound, ctx: Context, before: LastTurn) -> tuple[tuple[str, ...], int]:
    """The products spoken of after this message: those it names first, then the ones named
    before it, while the last naming is at most `PRODUCT_MEMORY` messages ago."""
    result = catalog.match(msg, ctx) if msg.kind is Kind.TEXT else None
    products = catalog.kb(ctx).products
    named = [sku for sku in result.entities.skus if sku in products] if result else []
    if named:
        latest = dict.fromkeys([*named, *before.products])
        return tuple(latest)[:MAX_SPOKEN_OF], 0
    if not before.products or before.products_age + 1 >= PRODUCT_MEMORY:
        return (), 0
    return before.products, before.products_age + 1


_LAST_TURN_FIELDS = tuple(f.name for f in dataclasses.fields(LastTurn))


def install(router: Router, starts: Starts) -> Middleware:
    """The follow-up reading as an outer middleware of the shopper's routes (inside the stats:
    a message routed again is still counted once)."""
    return router.outer(_middleware(router, starts), RouteKind.SHOPPER, RouteKind.DIALOG)


def _middleware(router: Router, starts: Starts) -> Middleware:
    async def follow_up(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
        before = LastTurn.of(ctx.session)
        if msg.kind is not Kind.TEXT or not msg.text.strip():
            step = await handler(msg, ctx)
            return _remember(step, msg, ctx, route, before, ("", None, digest(step)))
        step, asked = await _read_with(router, starts, handler, msg, ctx, route, before)
        if _complaint_unheard(step, msg, ctx, route, before):
            # 你们怎么做质检的 / 不想拍照 直接退 after a broken product: sorry and the way on
            step = Step.say(await _complaint_followed(msg, ctx, before))
        core = digest(step)
        shorter = (
            None if from_staff(msg, ctx) else _said_before(step, msg, ctx, route, before, core)
        )
        # staff asking again want the fact again, not an apology
        answer = step if from_staff(msg, ctx) else _not_again(step, msg, route, before, core)
        answer = shorter or answer
        said = core if answer is step else digest(answer)  # the same step is not hashed twice
        return _remember(answer, msg, ctx, route, before, (core, asked, said))

    return follow_up


async def _read_with(
    router: Router,
    starts: Starts,
    handler: Handler,
    msg: Inbound,
    ctx: Context,
    route: Route,
    before: LastTurn,
) -> tuple[Step, str | None]:
    """The message answered with what came before it in mind, and the question it was read
    as when that is not its own text (the follow-up written out), for the next message."""
    state = ctx.session.state
    liked = liked_thing(msg.text)
    gift = before.age < GIFT_MEMORY and bool(_GIFT.search(before.asked))
    browsing = state is None or state.startswith("browse:")
    if liked is not None and browsing and (gift or route.is_fallback):
        return await _liking(starts, msg, ctx, liked), before.asked
    instead = sold_instead(msg.text, before.asked) if browsing and before.age == 0 else None
    if instead is not None and not _was_unsold(ctx, before.asked):
        instead = None  # 围巾还有吗 → 那开衫呢: the stock of a product the shop has
    if instead is not None:  # 卖酒吗 → 烟呢, on the category menu that answer showed
        return await _routed(router, msg, ctx, instead), instead
    if route.kind is not RouteKind.SHOPPER:
        return await handler(msg, ctx), None
    exchange = await after_order.exchange_wish(msg, ctx)
    if exchange is not None:  # T恤小了想换个L: the exchange opened for that order
        wish, lead = exchange
        return _first(lead, await starts.aftersales(wish, ctx)), None
    since = after_order.since_bought(msg, ctx, before.asked if before.age <= 1 else "")
    if since is not None:  # 耳机坏了 → 才买了两个月: the warranty for it, not shopping
        return Step.say(await since), None
    if before.order and after_order.about_order_in_talk(msg.text):
        meant = await after_order.order_in_talk(msg, ctx, before.order, before.changed)
        if meant is not None:  # 改好了吗 after 已改为…: that order, not the fallback
            return meant, None
    hello = _GREETING_FIRST.match(msg.text.strip())
    if hello is not None and route.key != IntentId.GREETING:
        rest = hello.group("rest")
        if smalltalk.kind(rest) is None or smalltalk.kind(rest) is smalltalk.Small.WAIT:
            step = await _routed(router, msg, ctx, rest)
            if await shopper.talked_before(msg, ctx):  # no welcome in the middle of a talk
                return step, rest
            return _first(HELLO + welcome_line(ctx), step), rest
    sent_back = await postage_back(msg, ctx, before.asked if before.age <= 1 else "")
    if sent_back is not None:  # 能退吗 → 运费谁出: the postage of sending it back
        return Step.say(sent_back), None
    postage = postage_to(msg.text, before.asked if before.age <= 1 else "", ctx)
    if postage is not None and browsing:  # 我在乌鲁木齐 买个保温杯运费多少: that fee, not a form
        return Step.say(postage), msg.text
    if before.age == 0 and before.asked:
        fee = fee_for_more(msg.text, before.asked, ctx)
        if fee is not None:  # "包邮吗 买个50多块的" → "那我买2个呢": the amount said, times two
            return Step.say(fee), None
        placed = _to_the_place_said(msg.text, before.asked)
        if placed is not None:  # "我在广州" → "可以发吗": asked about 广州
            return await _routed(router, msg, ctx, placed), placed
        expanded = elliptical(msg.text, before.asked, ctx)
        if isinstance(expanded, NotSure):
            if "人工" in expanded.text:
                ctx.note_not_understood()  # kept for the merchant (/unanswered)
            return Step.say(expanded.text), before.asked
        if expanded is not None:
            return await _routed(router, msg, ctx, expanded), expanded
    return _delivered(await handler(msg, ctx), msg.text, ctx), None


async def _routed(router: Router, msg: Inbound, ctx: Context, text: str) -> Step:
    """`text` routed as if the shopper had sent it instead (the matcher reads it afresh)."""
    said = dataclasses.replace(msg, text=text)
    fresh = ctx.with_session(ctx.session, fresh_cache=True)
    route = router.resolve(said, fresh)
    return _delivered(await route(said, fresh) if route is not None else Step(), text, fresh)


def _delivered(step: Step, text: str, ctx: Context) -> Step:
    """`step`, unless it answers a delivery question about a place the shop does not deliver
    to without a word about that place (寄到澳门几天到 → the delivery times of the mainland)."""
    excluded = unreachable(text, ctx)
    if excluded is None or not _texts_only(step) or step.next_state not in (KEEP, None):
        return step  # a step that starts something (the order form) refuses the address itself
    place, region = excluded
    said = "\n".join(r.text for r in step.replies if isinstance(r, TextReply))
    if place in said or region.name in said:
        return step  # the answer speaks of it (the FAQ: 港澳台暂不支持配送)
    return Step.say(
        f"抱歉，{place}目前不在配送范围（{region.name}暂不支持配送），下单时也填不了那里的地址。"
        "还有疑问可以回复“人工”问客服～"
    )


def welcome_line(ctx: Context) -> str:
    return f"欢迎光临{ctx.services.shop_name}。"


# ---------------------------------------------------------------------- "那澳门呢"


@dataclass(frozen=True)
class NotSure:
    text: str


def elliptical(text: str, asked: str, ctx: Context) -> str | NotSure | None:
    """The last question asked about what this message names instead ("那澳门呢" after
    "寄到广州几天到" → "寄到澳门几天到"); after a delivery question, a place the regions do not
    name answered by the FAQ ("那国外呢": ship.abroad) or honestly not known ("那纽约呢"), as
    a `NotSure`; None when the message is no such follow-up."""
    found = _ELLIPSIS.match(text.strip())
    if found is None:
        return None
    thing = (found.group("lead") or found.group("bare") or "").removesuffix("的")
    if not thing or _NOT_A_THING.match(thing) or thing in asked:
        return None
    place = place_in(thing)
    if place is not None and place[0] == thing:
        return _with_place(asked, thing)
    asks_again = found.group(0).rstrip("?？。!！~～").endswith("呢")
    place_like = bool(_PLACE_LIKE.match(thing)) and not _ASKING_WORD.search(thing)
    if not (_DELIVERY.search(asked) and asks_again and place_like):
        return None
    result = catalog.match_text(ctx, f"能寄到{thing}吗")
    faq = result.faq if result is not None else None
    if faq is not None and faq.id.startswith(SHIPPING_FAQS) and faq.score >= PLACE_FAQ_MIN:
        return NotSure(faq.answer)
    return NotSure(f"寄到{thing}的情况我不太确定，不想乱说误导您。回复“人工”，我请客服帮您确认～")


def _was_unsold(ctx: Context, asked: str) -> bool:
    result = catalog.match_text(ctx, asked)
    return result is not None and result.unsold is not None


def sold_instead(text: str, asked: str) -> str | None:
    """ "烟呢" right after "卖酒吗": whether the shop sells that thing instead, written out."""
    found = _ELLIPSIS.match(text.strip()) if asks_whether_sold(asked) else None
    if found is None or not found.group(0).rstrip("?？。!！~～").endswith("呢"):
        return None
    thing = (found.group("lead") or found.group("bare") or "").removesuffix("的")
    if not thing or _NOT_A_THING.match(thing) or thing in asked or _ASKING_WORD.search(thing):
        return None
    return None if place_in(thing) is not None else f"有{thing}吗"


def _to_the_place_said(text: str, asked: str) -> str | None:
    """ "可以发吗" / "能寄吗" right after a message naming a place: asked about that place."""
    if not answers.BARE_DELIVERY.match(text.strip()) or place_in(text) is not None:
        return None
    place = place_in(asked)
    return f"{place[0]}{text.strip()}" if place is not None else None


def _with_place(asked: str, place: str) -> str | None:
    said = place_in(asked)
    if said is not None:
        return asked.replace(said[0], place, 1)
    if _DELIVERY.search(asked):  # 几天能到 → 寄到澳门几天能到
        return f"寄到{place}{asked}"
    return None


def unreachable(text: str, ctx: Context) -> tuple[str, Region] | None:
    """The place (as written) and its region, when a delivery question names a place in a
    region the shop does not deliver to (shipping.toml `excluded`)."""
    if not _DELIVERY.search(text):
        return None
    place = place_in(text)
    if place is None:
        return None
    region = catalog.kb(ctx).shipping.region_of(place[1])
    if region is None or not region.excluded:
        return None
    return place[0], region


# ---------------------------------------------------------------------- "那我买2个呢"

_FEE_ASKED = re.compile(r"运费|邮费|包邮|免邮|快递费")
_AMOUNT = re.compile(r"(?P<yuan>\d+(?:\.\d+)?)\s*(?P<more>多)?\s*(?:块|元|rmb)", re.I)
_MORE_OF_IT = re.compile(
    r"^(?:那|那么|要是|如果)?(?:我)?(?:买|拍|要|来)?(?P<n>\d{1,3})\s*(?:个|件|份|样|单)"
    r"(?:的话)?(?:呢|怎么样|行吗|包邮吗|包不包邮|要运费吗|还要运费吗)?[?？。!！~～]*$"
)
"""Buying N of what the last question priced ("那我买2个呢" after "包邮吗 买个50多块的")."""


def fee_for_more(text: str, asked: str, ctx: Context) -> str | None:
    """The free-shipping threshold applied to N times the amount the last shipping question
    said; None when this is no such follow-up or the shop has no threshold."""
    more = _MORE_OF_IT.match(clean(text))  # 买两个呢: the numeral as a digit
    amount = _AMOUNT.search(asked)
    if more is None or amount is None or not _FEE_ASKED.search(asked):
        return None
    rules = catalog.kb(ctx).shipping
    if rules.free_over_fen is None:
        return None
    count = int(more.group("n"))
    low = round(float(amount.group("yuan")) * 100) * count
    about = "多" if amount.group("more") else ""
    total = _yuan_said(low).replace("元", f"{about}元")
    line = _yuan_said(rules.free_over_fen)
    far = [r.name for r in rules.regions if not r.free_shipping and not r.excluded]
    besides = f"{'、'.join(far)}除外，" if far else ""
    if low >= rules.free_over_fen:
        return f"买{count}个就是{total}，过了{line}，可以包邮（{besides}按减去优惠后的金额算）。"
    fee = _yuan_said(rules.base_fee_fen)
    return f"买{count}个是{total}，还不到{line}，运费{fee}（满{line}包邮，按减去优惠后的金额算）。"


_POSTAGE = re.compile(r"运费|邮费|快递费|寄回.{0,3}钱")
_RETURN_TALK = re.compile(r"退|换")
POSTAGE_BACK_FAQ = "return.shipping_fee"
INSURANCE_FAQ = "return.insurance"


async def postage_back(msg: Inbound, ctx: Context, asked: str) -> str | None:
    """ "运费谁出" / "要自己出运费吗" right after a question about a return or an exchange: who
    pays to send it back (the FAQ), with the free 运费险 when the goods are clothing."""
    text = msg.text
    if not asked or not _POSTAGE.search(text) or _RETURN_TALK.search(text) or len(text) > 16:
        return None
    if not _RETURN_TALK.search(asked) or place_in(text) is not None or "包邮" in text:
        return None
    kb = catalog.kb(ctx)
    faq = kb.faqs.get(POSTAGE_BACK_FAQ)
    if faq is None:
        return None
    skus = [p.sku for p in catalog.named_products(ctx, asked)]
    mine = await ctx.services.db.orders.list_orders(msg.user, 5, channel=str(msg.channel))
    skus += [line.sku for order in mine[:1] for line in order.lines]
    clothes = return_cases.insured(kb, skus) or bool(_CLOTHES.search(asked))
    insurance = kb.faqs.get(INSURANCE_FAQ) if clothes else None
    return faq.answer + (f"\n{insurance.answer}" if insurance is not None else "")


_CLOTHES = re.compile(r"衣服|裤子|鞋|外套|裙")


def postage_to(text: str, asked: str, ctx: Context) -> str | None:
    """ "我在乌鲁木齐 买个保温杯运费多少", "那买两个保温杯包邮不" after the place was said: the fee
    of that product, that many, sent there, by the checkout's own rule (`shipping_fee`); None
    when no fee is asked, or no place or no one product is said."""
    if not _FEE_ASKED.search(text):
        return None
    place = place_in(text) or (place_in(asked) if _FEE_ASKED.search(asked) else None)
    result = catalog.match_text(ctx, text)
    kb = catalog.kb(ctx)
    named = [kb.products[sku] for sku in result.entities.skus] if result is not None else []
    if place is None or len(named) != 1:
        return None
    item, province = named[0], place[1]
    count = find_quantity(clean(text))[0] or 1
    goods = item.price_fen * count
    line = ShipLine(item.sku, item.category, item.name)
    fee = shipping_fee(kb.shipping, [line], goods, province)
    bought = f"{item.name}买{count}个{yuan(goods)}"
    if isinstance(fee, Undeliverable):
        return f"抱歉，{item.name}暂不发{province}。还有疑问可以回复“人工”问客服～"
    if fee.fee_fen == 0:
        return f"寄到{province}：{bought}，包邮。要的话回复“买”下单。"
    region = kb.shipping.region_of(province)
    why = (
        f"（{province}不参与包邮，每单{yuan(fee.fee_fen)}）"
        if region and not region.free_shipping
        else ""
    )
    return f"寄到{province}：{bought}，运费{yuan(fee.fee_fen)}{why}。要的话回复“买”下单。"


def _yuan_said(fen: int) -> str:
    """69元, 6元, 9.90元: a sum as said in a sentence."""
    return f"{fen // 100}元" if fen % 100 == 0 else f"{fen / 100:.2f}元"


# ---------------------------------------------------------------------- "他平时爱喝茶"


def liked_thing(text: str) -> str | None:
    """What someone is said to like ("他平时爱喝茶" → 茶), or None."""
    found = _LIKES.match(text.strip())
    if found is None or smalltalk.kind(text) is not None:
        return None
    thing = found.group("thing")
    if _NOT_A_THING.match(thing) or _POINTING.search(thing):
        return None  # 喜欢第二个, 喜欢这款: a product on screen, not a search
    if not found.group("verb") and _A_SPEC.search(thing):
        return None  # 喜欢黑色的: a colour for the product on screen, not a search
    return thing


async def _liking(starts: Starts, msg: Inbound, ctx: Context, thing: str) -> Step:
    """A search for what the one the gift is for likes, replacing the list or card on screen;
    said as a suggestion, or plainly that the shop has nothing of the kind."""
    said = dataclasses.replace(msg, text=thing)
    rest = {k: v for k, v in ctx.session.slots.items() if k != "browse"}
    fresh = ctx.with_session(Session(None, rest, ctx.session.updated_at), fresh_cache=True)
    found = catalog.find_products(said, fresh)
    if not found:
        step = await starts.browse(said, fresh)
        return _first(f"店里暂时没有{thing}相关的商品，可以按分类看看有没有合适的：", step)
    step = await starts.search(said, fresh)
    return _first(
        f"喜欢{thing}的话，可以看看这些："
        if len(found) > 1
        else f"喜欢{thing}的话，可以看看这款：",
        step,
    )


# ---------------------------------------------------------------------- the same answer again


_GRIPE = re.compile(r"质检|质量|什么破|破东西|垃圾|坑人|骗人|气死|太差|不满意")
"""Anger about the goods or the shop ("你们怎么做质检的", "什么破东西")."""
COMPLAINT_NO_ORDER = (
    "真的很抱歉，让您不愉快了。这个微信号下没查到付过款的订单，我这边没法直接帮您办退换；"
    "回复“人工”，客服马上帮您查订单、加急处理。"
)
COMPLAINT_WITH_ORDER = (
    "真的很抱歉，让您不愉快了。质量问题可以退换，来回运费由我们承担：回复“售后”选订单就能申请，"
    "没有照片也可以先提交。着急的话回复“人工”，客服马上为您处理。"
)


def _complaint_unheard(
    step: Step, msg: Inbound, ctx: Context, route: Route, before: LastTurn
) -> bool:
    """Is this reply "not understood", or the no-order answer once more, to a shopper whose
    goods broke (this message or the one before said so, or they are angry)?"""
    if route.kind is not RouteKind.SHOPPER or msg.kind is not Kind.TEXT:
        return False
    said = _plain(step) if _texts_only(step) else ""
    if NOTHING_BOUGHT in said:  # the same no-order answer to a second description
        return digest(step) == before.said
    if not ctx.said_not_understood or smalltalk.kind(msg.text) is not None:
        return False
    text = msg.text
    earlier = before.asked if before.age <= 1 else ""
    return (
        answers.is_upset(text)
        or bool(_GRIPE.search(text))
        or is_complaint(earlier)
        or (kind_in(text) is not None and (is_complaint(earlier) or kind_in(earlier) is not None))
    )


async def _complaint_followed(msg: Inbound, ctx: Context, before: LastTurn) -> str:
    has_order = await has_ticketable_order(ctx, msg.user, str(msg.channel))
    return COMPLAINT_WITH_ORDER if has_order else COMPLAINT_NO_ORDER


def digest(step: Step) -> str:
    """A short fingerprint of what a step says (its texts and cards)."""
    parts: list[str] = []
    for reply in step.replies:
        if isinstance(reply, TextReply):
            parts.append(reply.text)
        elif isinstance(reply, NewsReply):
            parts.extend(a.title for a in reply.articles)
    if not parts:
        return ""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _not_again(step: Step, msg: Inbound, route: Route, before: LastTurn, core: str) -> Step:
    """An answer about the shopper's orders given again to the same complaint, or to an
    impatient one: an apology, where the order stands (the answer), and 人工 offered; never
    the identical reply of the message before."""
    if route.kind is not RouteKind.SHOPPER or not core or not _texts_only(step):
        return step
    about_orders = (
        route.recognised in _ABOUT_ORDERS
        or route.key in _ABOUT_ORDERS
        or (route.table is Table.WORD and route.key in ORDER_WORDS)
    )
    again = core == before.core and about_orders
    impatient = about_orders and bool(_IMPATIENT.search(msg.text))
    if not (again or impatient) or smalltalk.kind(msg.text) is not None:
        return step  # small talk ("烦死了") has its own apology, said shorter again
    answer = _plain(step)
    if not again and "抱歉" in answer:
        return step  # already apologising (status_text for an upset shopper)
    waiting = impatient or _waits(route)
    if again and not waiting and _REFUSES.search(answer):
        # 内裤拆了能退吗, asked again: the rule is not said in full twice, a human is offered
        for text in (REFUSED_AGAIN, HUMAN_AGAIN):
            said = Step.say(text)
            if digest(said) != before.said:
                return dataclasses.replace(step, replies=said.replies)
        return step
    offered = "人工" in answer  # the answer offers a human already (催发货)
    first = f"{answers.SORRY}{answer}" + ("" if offered else f"\n{answers.HUMAN_OFFER}")
    sorry = SORRY_AGAIN if waiting else SAID_AGAIN  # only a shopper waiting was kept waiting
    second = f"{sorry}{answer}" + ("" if offered else f"\n{HUMAN_AGAIN}")
    for text in (second, first) if again else (first, second):
        said = Step.say(text)
        if digest(said) != before.said:
            return dataclasses.replace(step, replies=said.replies)
    return step


RECENT_ANSWERS = 6
OWN_FAQ = 0.75
"""An FAQ question matched this closely is asked itself, not a part of its answer."""
_SENTENCE_END = re.compile(r"(?<=[。；;！!])")
AS_SAID = "和刚才说的一样："


def _said_before(
    step: Step, msg: Inbound, ctx: Context, route: Route, before: LastTurn, core: str
) -> Step | None:
    """An answer given a few messages ago, asked about one part of it ("信用卡可以吧" after the
    ways to pay, "拆了吊牌还能退吗" after the return policy): only the sentences about what the
    message names, never the whole answer in full again. None when no part of it is named
    (or every part is), or the answer is about the shopper's orders (`_not_again`)."""
    if route.kind is not RouteKind.SHOPPER or not core or core not in before.recent:
        return None
    if not _texts_only(step) or len(step.replies) != 1:
        return None
    answer = _plain(step)
    if ORDER_NO.search(answer):
        return None  # about one of their orders: `_not_again` says where it stands
    result = catalog.match(msg, ctx)
    if result is not None and result.faq is not None and result.faq.score >= OWN_FAQ:
        return None  # the FAQ's own question asked again in other words: its whole answer
    sentences = [x for x in _SENTENCE_END.split(answer) if x.strip()]
    words = {msg.text[i : i + 2] for i in range(len(msg.text) - 1)}
    words = {w for w in words if re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and w not in _COMMON}
    named = [x for x in sentences if any(w in x for w in words)]
    if not named or len(named) == len(sentences):
        return None
    said = "".join(named).strip().rstrip("；;").rstrip("，,")
    said = said if said.endswith(("。", "！", "!")) else f"{said}。"
    return Step.say(f"{AS_SAID}{said}\n还有拿不准的，回复“人工”请客服帮您看看。")


_COMMON = frozenset(
    {"可以", "能退", "还能", "是不", "不是", "什么", "怎么", "多少", "我们", "你们"}
)
"""Two characters any question may hold: they name no part of an answer."""


def _waits(route: Route) -> bool:
    """Is the shopper waiting for something (a parcel, a ticket), asking where it is?"""
    if route.table is Table.WORD:
        return route.key in ORDER_WORDS
    return IntentId.ORDER_STATUS in (route.recognised, route.key)


def _texts_only(step: Step) -> bool:
    return bool(step.replies) and all(isinstance(r, TextReply) for r in step.replies)


def _plain(step: Step) -> str:
    """The step's text without the apology and the human offer `answers.apologising` added."""
    text = "\n".join(r.text for r in step.replies if isinstance(r, TextReply))
    return text.removeprefix(answers.SORRY).removesuffix(answers.HUMAN_OFFER).strip()


def _remember(
    step: Step,
    msg: Inbound,
    ctx: Context,
    route: Route,
    before: LastTurn,
    digests: tuple[str, str | None, str],
) -> Step:
    """The step, with this exchange kept for the next message: a question understood outside
    a dialog (as it was read), or the one before for a few messages inside one, and the
    products spoken of. `digests` is (core, read_as, said): the reply's digest before any
    apology, the question as it was read, the `digest` of the step sent."""
    core, read_as, said = digests
    asked, age = before.asked, before.age + 1
    if read_as is not None:
        asked, age = read_as, 0
    elif route.kind is RouteKind.SHOPPER and msg.kind is Kind.TEXT:
        # a place said, even one not understood ("寄到乌鲁木齐"), is what "能寄吗" next asks about
        heard = route.table is not Table.FALLBACK or place_in(msg.text) is not None
        understood = heard and not smalltalk.kind(msg.text)
        asked, age = (msg.text.strip() if understood else ""), 0
    elif msg.kind is Kind.TEXT and asks_whether_sold(msg.text):
        asked, age = msg.text.strip(), 0  # 卖酒吗 on the category menu: "烟呢" next asks it again
    order, order_age, changed = _order_spoken_of(step, before)
    products, products_age = _products_named(msg, ctx, before)
    turn = LastTurn(
        asked if age <= GIFT_MEMORY else "",
        said,
        core,
        age,
        order,
        order_age,
        changed,
        products,
        products_age,
        ((core, *before.recent) if core else before.recent)[:RECENT_ANSWERS],
    )
    return dataclasses.replace(step, slots={**step.slots, LAST_TURN: turn.to_slot()})


def _order_spoken_of(step: Step, before: LastTurn) -> tuple[str, int, bool]:
    """The order this reply speaks of when it names exactly one (下单成功 订单号…, 订单… 的收货地址
    已改为…), else the one before it for a few messages: (number, messages since, changed)."""
    said = "\n".join(r.text for r in step.replies if isinstance(r, TextReply))
    numbers = {m.group().upper() for m in ORDER_NO.finditer(said)}
    if len(numbers) == 1:
        order = numbers.pop()
        again = order == before.order and before.changed  # still the order changed before
        return order, 0, again or after_order.changed_in(said)
    if len(numbers) > 1 or not before.order or before.order_age >= ORDER_MEMORY:
        return "", 0, False
    return before.order, before.order_age + 1, before.changed


def _first(note: str, step: Step) -> Step:
    """`note` before the step's first text (in the same bubble)."""
    replies = list(step.replies)
    for i, reply in enumerate(replies):
        if isinstance(reply, TextReply):
            replies[i] = TextReply(f"{note}\n{reply.text}")
            return dataclasses.replace(step, replies=tuple(replies))
    return dataclasses.replace(step, replies=(TextReply(note), *replies))
