"""Answers to a shopper's question, wherever it is asked: inside a form, on a product card, or
outside any dialog.

One door, so that improving how questions are understood (FAQ, product facts, several questions
in one message) improves every place that answers them. The dialogs call `question_answer` when a
state cannot use a message; None means "not a question we can answer", and the state decides what
to do with the message instead.

Order of answers: a question about a product (the one named in the message, else the one on the
card the shopper is looking at) is answered from that product's facts (knowledge/facts.toml);
when the shop has no fact for what was asked, the honest answer is "not sure, ask a human", never
the card again. Then several FAQ answers for a message that asks several things, then one FAQ.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping

from bot.business.dispatch import same_day_answer
from bot.dialogs.card_questions import (
    asks_its_price,
    availability,
    bare_price_question,
    card_answers,
    described_answer,
    measure_answer,
    named_in,
    only_used_on,
    points_at_one,
    spec_choices,
    unsold_other_than,
)
from bot.dialogs.compare import (
    COMPARED_NEXT,
    Ask,
    compared_parts,
    comparison_asked,
    comparison_start,
    prices,
    topic_asked,
)
from bot.dialogs.compare import answer as compare
from bot.dialogs.list_refs import described_one
from bot.dialogs.parse import (
    IN_STOCK_ASKED,
    PHONE_IN,
    QUESTION,
    asks_same_day,
    asks_whether_to_buy,
    is_question,
    question_parts,
    told_time,
)
from bot.dialogs.size_advice import advice, asks_size_for, body_in, chart_of, fit_answer, sized
from bot.gaps import record_gap
from bot.protocol import Inbound, TextReply
from bot.shop import catalog, stock
from bot.shop.for_whom import childrens_first, for_a_child
from bot.shop.texts import yuan
from bot.step import Context, Step
from knowledge.matcher import MatchResult
from knowledge.model import IntentId, KnowledgeBase, Product
from knowledge.regions import place_in
from knowledge.wants import verdict

FAQ_MIN_IN_CLARIFY = 0.8  # a clarify-band FAQ hit this close is still the answer to give
CARD_STATE = "browse:card"
CARD_SKU = "sku"
SIZE_STATE = "order:spec"
LIST_STATE = "browse:list"
CART_LINES = "lines"  # OrderValues.lines, as the session keeps them
KIND_MIN = 0.7
"""Product score at which a product is one of the kind of thing the message names."""
MAX_FACT_PRODUCTS = 3
LISTED_SKUS = "skus"
NOT_SURE = "关于{name}的这个问题我不太确定，不想乱说误导您。回复“人工”，我请客服帮您确认～"
NOT_SURE_AGAIN = (
    "关于{name}的这个问题我不太确定，回复“人工”请客服确认吧。",
    "关于{name}的这个问题我不太确定，客服更清楚，回复“人工”就行。",
)
"""What is said instead of NOT_SURE when the reply before said it too (in turn, so no two
replies in a row say the same sentence); the product stays named, so the shopper sees which
one the bot took the question to be about."""
_NOT_SURE_SAID = re.compile(
    "|".join(
        re.escape(said).replace(re.escape("{name}"), "(.{1,40}?)")
        for said in (NOT_SURE, *NOT_SURE_AGAIN)
    )
)
UNSURE_SAID = "unsure_said"
"""Session slot: how many replies in a row said "not sure" (absent: the last one did not)."""
SORRY = "非常抱歉给您添麻烦了！"
THANKS = "不客气～还有需要随时叫我。"
HUMAN_OFFER = "如果着急或者不满意，回复“人工”，客服马上为您处理。"
_UPSET = re.compile(
    r"投诉|差评|举报|太差|垃圾|骗子|骗人|坑人|气死|生气|失望|无语|什么破|太慢了|一个礼拜|一个星期|半个月|[!！]{2,}"
)


def is_upset(text: str) -> bool:
    """Anger or a complaint in the shopper's words: they get an apology and a human offer."""
    return bool(_UPSET.search(text))


def apologising(text: str, answer: str) -> str:
    """`answer` with an apology first and a human offer last, when the shopper is upset."""
    if not is_upset(text):
        return answer
    return f"{SORRY}{answer}\n{HUMAN_OFFER}"


def _slots_of(ctx: Context, dialog: str) -> Mapping[str, object]:
    """One dialog's slots (the session keeps each dialog's under its name)."""
    part = ctx.session.slots.get(dialog)
    return part if isinstance(part, Mapping) else ctx.session.slots


def product_asked_about(result: MatchResult, ctx: Context) -> Product | None:
    """The product named in the message, else the one on the card the shopper is looking at."""
    kb = catalog.kb(ctx)
    wants = result.wants  # 儿子5岁 卫衣穿多大: the children's hoodie, not the adult one
    named = [p.sku for p in childrens_first(_products(kb, result.entities.skus), wants)]
    if (
        len(named) == 1
        and not _only_described(result, kb.products[named[0]], ctx)
        and not _by_its_tag_only(result.text, kb.products[named[0]])
    ):
        return kb.products[named[0]]
    hits = childrens_first(_products(kb, [h.sku for h in result.products]), wants)
    written = named_in(result.text, hits)
    if len(written) == 1:  # 保温杯能放洗碗机吗 on another product's card: the cup
        return written[0]
    if len(written) > 1:  # 充电宝能用多久 on the cup's card: both power banks, not the cup
        return None
    state = ctx.session.state or ""
    if state == CARD_STATE:
        return kb.products.get(str(_slots_of(ctx, "browse").get(CARD_SKU, "")))
    listed = _slots_of(ctx, "browse").get(LISTED_SKUS) if state == LIST_STATE else None
    if isinstance(listed, list) and len(listed) == 1:
        return kb.products.get(str(listed[0]))  # a list of one is that product
    cart = _slots_of(ctx, "order").get(CART_LINES) if state.startswith("order:") else None
    lines = cart if isinstance(cart, list) else []
    in_cart = {line.get("sku") for line in lines if isinstance(line, dict)}
    if len(in_cart) == 1:
        return kb.products.get(str(in_cart.pop()))  # ordering one product: "这个" is it
    if len(result.products) == 1 and result.products[0].score >= 0.7:
        return kb.products.get(result.products[0].sku)
    return None


def _only_described(result: MatchResult, item: Product, ctx: Context) -> bool:
    """Is `item` found only by a word that describes it (the 大容量 of "多大容量", a tag), not
    written out by name, while another product is in front of the shopper? Then the question
    is about the one in front: "多大容量" with the humidifier in the cart is its capacity."""
    front = _in_front(ctx)
    return front is not None and front.sku != item.sku and not named_in(result.text, [item])


def _by_its_tag_only(text: str, item: Product) -> bool:
    """Was the product found by one of its tags, its name unsaid ("多大容量" finds the
    大容量-tagged power bank): then the question is about what is on screen."""
    folded = text.casefold()
    return any(t.casefold() in folded for t in item.tags) and not named_in(text, [item])


def _products(kb: KnowledgeBase, skus: Iterable[str]) -> list[Product]:
    return [kb.products[sku] for sku in skus if sku in kb.products]


def asks_the_shop(result: MatchResult, ctx: Context) -> bool:
    """Does the message say an FAQ question almost word for word, writing out no product and
    asking no product fact (退货运费谁出, 送人的别放价格单)? Then it is that question wherever
    it is asked: never a search in an open list, nor a request that would leave a form."""
    faq = result.faq
    if faq is None or faq.score < FAQ_MIN_IN_CLARIFY or result.band == "fallback":
        return False
    if result.topic is not None or result.unsold is not None:
        return False
    kb = catalog.kb(ctx)
    found = [kb.products[sku] for sku in result.entities.skus if sku in kb.products]
    return not named_in(result.text, found)  # 送人的: gift-tagged products, none written out


def asks_price(result: MatchResult) -> bool:
    """Is this a question about a product's own price (这个多少钱), not about a fee or an offer
    the FAQ answers by name (运费多少钱, 会员多少钱)?"""
    if result.intent != IntentId.PRICE_PROMO or not asks_its_price(result.text):
        return False
    return result.faq is None or result.faq.score < FAQ_MIN_IN_CLARIFY


def asks_own_price(result: MatchResult) -> bool:
    """ "多少钱" / "这个多少钱" with a product in front of the shopper: its price, unless the FAQ
    answers a fee by name (运费多少钱); a bare 多少钱 reads as no intent at all."""
    if result.intent not in ("price_promo", "other") or not asks_its_price(result.text):
        return False
    return result.faq is None or result.faq.score < FAQ_MIN_IN_CLARIFY


ASKED_IN_FORM = "asked_in_form"
"""Session slot: the product a question inside a form was last answered about, with the step it
was asked at ({"sku", "state"}). A form has no card, so this is its product on screen: "多少钱"
or "那双支装呢" next, at the same step, is about it."""


def asked_in_form(item: Product, state: str) -> dict[str, dict[str, str]]:
    """The session slot that makes `item` the product on screen while the form waits at `state`."""
    return {ASKED_IN_FORM: {"sku": item.sku, "state": state}}


def asked_before_in_form(ctx: Context) -> Product | None:
    """The product answered about at this very step of the form, if any (a later step, or
    any other dialog, has moved on from it)."""
    raw = ctx.session.slots.get(ASKED_IN_FORM)
    if not isinstance(raw, Mapping) or raw.get("state") != ctx.session.state:
        return None
    return catalog.kb(ctx).products.get(str(raw.get("sku", "")))


def products_asked_about(result: MatchResult, ctx: Context) -> list[Product]:
    """The product asked about, or the few a kind of thing names (羽绒服: both down jackets)."""
    one = product_asked_about(result, ctx)
    if one is not None:
        return [one]
    kb = catalog.kb(ctx)
    hits = [h for h in result.products if h.score >= KIND_MIN][:MAX_FACT_PRODUCTS]
    return [kb.products[h.sku] for h in hits if h.sku in kb.products]


def fact_answer(result: MatchResult, ctx: Context) -> str | None:
    """The product's fact for the topic asked about, or an honest "not sure" without one; for
    a kind of thing several products are, each one's fact on a line of its own."""
    sizes = size_answer(result, ctx)
    if sizes is not None:
        return sizes
    if _names_only(result, ctx):
        return None  # 儿童纯棉卫衣: a product's name (纯棉 in it) asks no 材质, its card answers
    fitted = product_asked_about(result, ctx)
    fit = fit_answer(result.text, fitted) if fitted is not None else None
    if fitted is not None and fit is not None:  # 我平时穿39 脚背高 帆布鞋选哪个码: and 40
        return f"{fitted.name}：{fit}"
    if bare_price_question(result.text):
        return None  # 多少 on a card: its price, which the card's answer says
    if result.topic is None:
        return _described(result, ctx)
    products = products_asked_about(result, ctx)
    if not products:
        return None
    if len(products) == 1:
        item = products[0]
        said = product_fact(result, item)
        # 多大容量 may read as the topic 功率多大: the measure its specs state answers it
        said = said or measure_answer(result.text, item)
        said = said or described_answer(result.text, item, catalog.kb(ctx).synonyms)
        if said is None and _faq_answers_it(result):
            return None  # 保修多久 on the air fryer's card: the warranty FAQ says it
        said = said or spec_choices(result.text, [item])  # 有啥轴, read as no fact's topic
        return said or NOT_SURE.format(name=item.name)
    known = [f"{p.name}：{said}" for p in products if (said := product_fact(result, p))]
    if not known:
        return NOT_SURE.format(name="这几款")
    return "\n".join(known)


_NAMING_FILLER = re.compile(r"我|想|要|买|看看|看下|有|的|个|件|款|吧|呢|[\s,，。.!！~～]")


def _names_only(result: MatchResult, ctx: Context) -> bool:
    """Does the message say nothing but a product's name or alias, asking nothing?"""
    if is_question(result.text):
        return False
    kb = catalog.kb(ctx)
    rest = result.text.casefold()
    found = _products(kb, [*result.entities.skus, *(h.sku for h in result.products)])
    for name in sorted({n for p in found for n in (p.name, *p.aliases)}, key=len, reverse=True):
        rest = rest.replace(name.casefold(), " ")
    return rest != result.text.casefold() and not _NAMING_FILLER.sub("", rest)


def _described(result: MatchResult, ctx: Context) -> str | None:
    """A question no fact topic covers about the one product asked about ("膜贴歪了怎么办" with
    the screen protector on screen): the clauses of its description that name it, unless the
    FAQ answers it or it asks the product's specs or stock (those have their own answers)."""
    if not QUESTION.search(result.text) or result.entities.specs or _faq_answers_it(result):
        return None
    if result.intent in (IntentId.PRODUCT_SEARCH, IntentId.PLACE_ORDER):
        return None  # 油皮用什么面霜: a search, whose products are the answer
    if result.wants and result.intent != IntentId.PRODUCT_INFO:
        return None
    item = product_asked_about(result, ctx)
    if item is None or any(name in result.text for name in item.specs):
        return None
    # A use said beside the question (秋冬用 会起球吗) is not what is asked: 起球 is. When the
    # wish is all that is asked (这个能防水吗), the wish's own answers speak of it.
    asked = result.text
    for wish in (*result.wants.tags, *result.wants.attributes.values()):
        asked = asked.replace(wish, " ")
    return described_answer(asked, item, catalog.kb(ctx).synonyms)


def product_fact(result: MatchResult, item: Product) -> str | None:
    """What the product's data says of the question: the fact of the first topic asked that it
    has (能保温多久 of a cup: 保温时长, not a battery's 续航), checked against the value asked
    (敏感肌能用吗 of a fact that speaks of oily skin only: the data does not say), else its
    catalogue attributes; None when neither says anything of it."""
    attributes = result.wants.attributes  # 敏感肌能用吗: the catalogue's 肤质 says so
    asked = result.topics or ((result.topic,) if result.topic else ())
    fact = next((item.facts[t] for t in asked if t in item.facts), None)
    if fact is None:
        return attribute_answer(attributes, item) or next(
            (said for t in asked if (said := topic_in_data(t, item)) is not None), None
        )
    unsaid = [value for name, value in attributes.items() if not result.wants.said_in(name, fact)]
    if unsaid:
        return attribute_answer(attributes, item) or NOT_STATED.format(
            name=item.name, fact=fact, value="、".join(unsaid)
        )
    return fact


_TOPIC_ENDING = re.compile(r"(?<=.)[度性量感]$")
"""How a topic's name ends beyond what it is about: 辣度 is about 辣."""


def topic_in_data(topic: str, item: Product) -> str | None:
    """A topic the product has no fact for, said by its catalogue data (辣度 of a noodle whose
    口味 is 酸辣 and whose tags say 辣): the attributes and specs that name what the topic is
    about, else its tags for it (不辣 / 辣); None when the data does not name it."""
    about = _TOPIC_ENDING.sub("", topic)
    if len(about) > 2:
        return None
    said: list[str] = []
    for name, values in (*item.attributes.items(), *item.specs.items()):
        if any(about in v for v in values) and name not in [s.split("是")[0] for s in said]:
            shown = "、".join(values)
            said.append(f"{name}是{shown}" if len(values) == 1 else f"{name}有{shown}")
    if f"不{about}" in item.tags:
        said.append(f"是不{about}的")
    elif about in item.tags:
        said.append(f"是{about}的")
    return f"{item.name}{'，'.join(dict.fromkeys(said))}。" if said else None


NOT_STATED = (
    "{name}：{fact}\n资料里没写适不适合{value}，我不太确定，不想乱说；回复“人工”请客服帮您确认。"
)
"""A fact that does not speak of the one asked about (小孩能吃吗 of 微辣偏甜): what it says, and
that it does not say — never a suggestion to try it (a child and a spicy food)."""


def _faq_answers_it(result: MatchResult) -> bool:
    """Does an FAQ answer this question clearly, so that a product without the fact is no
    reason for "not sure" (保修多久: the shop's warranty applies to every appliance)?"""
    faq = result.faq
    return faq is not None and faq.score >= FAQ_MIN_IN_CLARIFY and result.band != "fallback"


def size_answer(result: MatchResult, ctx: Context) -> str | None:
    """ "170穿什么码" / "我120斤穿多大" about a product sold in sizes: the size its chart gives
    (size_advice.py), or an honest "not sure" without a chart."""
    body = asks_size_for(result.text)
    if body is None and (ctx.session.state or "") in (CARD_STATE, SIZE_STATE):
        body = body_in(result.text)  # "我175cm 140斤" at the size question: which size?
    item = product_asked_about(result, ctx) if body is not None else None
    if body is None or item is None or not sized(item) or _says_a_spec_number(result.text, item):
        return None
    if for_a_child(result.wants) and chart_of(item):  # 儿子5岁 卫衣穿多大: which hoodie
        return f"{item.name}按身高选码，{advice(body, item)}"
    return advice(body, item)


_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:cm|厘米|公分|斤|kg|公斤|千克))", re.IGNORECASE
)
"""A number said without a body's unit (100cm is a height, whatever the sizes are called)."""


def _says_a_spec_number(text: str, item: Product) -> bool:
    """Is a number in `text` how one of the product's spec values starts, the value saying more
    (1.8的 for 1.8米床)? It then names that size, not the shopper's height."""
    values = [v for options in item.specs.values() for v in options]
    return any(
        v.startswith(n) and len(v) > len(n) and not v[len(n)].isdigit()
        for n in _NUMBER.findall(text)
        for v in values
    )


async def recorded_fact_answer(msg: Inbound, result: MatchResult, ctx: Context) -> str | None:
    """`fact_answer`, and a missing fact goes to the unanswered log for the merchant."""
    answer = fact_answer(result, ctx)
    products = products_asked_about(result, ctx) if answer is not None else []
    if products and all(result.topic not in p.facts for p in products):
        record_gap(msg, ctx, "no_fact")
    elif answer is not None and result.topic is None and "人工" in answer:
        record_gap(msg, ctx, "no_fact")  # a size asked for a product without a size chart
    return answer


async def spec_answer(text: str, item: Product, ctx: Context, on_card: bool = True) -> str | None:
    """ "有白色L码吗" about `item`: which of the values named it comes in, and its stock."""
    left = (await stock.displayed(ctx.services, [item.sku]))[item.sku]
    return availability(text, item, catalog.kb(ctx), left, on_card)


def product_meant(msg: Inbound, ctx: Context) -> Product | None:
    """The one product a question is about: the one in front of the shopper for "这个…"
    (the card, a list of one, the only product in the cart), else the one written out by name
    ("保温杯能防水吗"); None when it is not one product."""
    # A card's question asks this two or three times (another product? its description? which
    # product's answer?) of one text and one session: worked out once for them.
    kept = ctx.match_cache.get(_PRODUCT_MEANT)
    if kept is not None and kept[0] is ctx.session and kept[1] == msg.text:
        meant: Product | None = kept[2]
        return meant
    meant = _product_meant(msg, ctx)
    ctx.match_cache[_PRODUCT_MEANT] = (ctx.session, msg.text, meant)
    return meant


_PRODUCT_MEANT = "product_meant"


def _product_meant(msg: Inbound, ctx: Context) -> Product | None:
    result = catalog.match(msg, ctx)
    if result is None:
        return None
    if points_at_one(msg.text):
        here = product_asked_about(_without_named(result), ctx)
        if here is not None:
            return here
    kb = catalog.kb(ctx)
    hits = [kb.products[h.sku] for h in result.products if h.sku in kb.products]
    named = named_in(msg.text, catalog.named_products(ctx, msg.text) or hits)
    if len(named) != 1:
        return None
    if (ctx.session.state or "") == CARD_STATE and only_used_on(msg.text, named[0]):
        # 能烤红薯吗 on the air fryer's card: the fryer is asked about, not the sweet potatoes
        return kb.products.get(str(_slots_of(ctx, "browse").get(CARD_SKU, ""))) or named[0]
    return named[0]


def one_by_its_values(result: MatchResult, ctx: Context) -> Product | None:
    """The one product that comes in every spec value the message names, when it names no
    product ("青轴多少钱": only the keyboard has 青轴); None when none or several do."""
    said = result.entities.specs
    if not said or result.entities.skus:
        return None
    having = [
        p
        for p in catalog.kb(ctx).products.values()
        if all(value in p.specs.get(name, ()) for name, value in said.items())
    ]
    return having[0] if len(having) == 1 else None


def _without_named(result: MatchResult) -> MatchResult:
    """`result` as if it named no product: "这个" points at the one on screen."""
    entities = dataclasses.replace(result.entities, skus=())
    return dataclasses.replace(result, entities=entities, products=())


async def unknown_to_shop(msg: Inbound, item: Product, ctx: Context) -> str | None:
    """A question about `item` that neither its facts nor its card answer ("这个能防水吗" for a
    power bank): the honest "not sure" with a human offered, recorded for the merchant; None
    when the card answers it (price, specs, stock, its description) or it is no question."""
    if not is_question(msg.text) or card_answers(msg.text, item):
        return None
    result = catalog.match(msg, ctx)
    said = attribute_answer(result.wants.attributes, item) if result is not None else None
    if said is not None:
        return said
    if result is not None and unsold_other_than(result.unsold, item):  # 卖猫粮不 on a card
        record_gap(msg, ctx, "no_product")
        return f"我们店不卖{_as_written(msg.text, result.unsold or '')}哦。"
    record_gap(msg, ctx, "no_fact")
    sold = await _whether_sold(msg.text, item, ctx)
    return sold + NOT_SURE.format(name="这款" if sold else item.name)


async def _whether_sold(text: str, item: Product, ctx: Context) -> str:
    """ "有车厘子吗 甜不甜": whether the shop has it, its price, before the part not known."""
    if not IN_STOCK_ASKED.search(text) or not named_in(text, [item]):
        return ""
    left = (await stock.displayed(ctx.services, [item.sku]))[item.sku]
    stock_text = "有货" if left > 0 else "暂时缺货"
    return f"有的，{item.name} {yuan(item.price_fen)}，{stock_text}。"


def attribute_answer(asked: Mapping[str, str], item: Product) -> str | None:
    """ "敏感肌能用不" about a cleanser whose attributes list 肤质 敏感肌: answered from the
    catalogue's attributes (and its description); None when they say nothing of it."""
    for name, value in asked.items():
        values = item.attributes.get(name, ())
        if value in values or value in item.description:
            return f"可以，{item.name}{value}可用（适合{'、'.join(values) or value}），{yuan(item.price_fen)}。"
        if values:
            return f"{item.name}标的是适合{'、'.join(values)}，没写{value}；拿不准可以回复“人工”问问客服。"
    return None


def _as_written(text: str, word: str) -> str:
    """`word` (normalised: iphone15) as the shopper wrote it (iPhone15)."""
    at = text.casefold().find(word)
    return text[at : at + len(word)] if at >= 0 else word


CONTACT_FAQ = "service.phone"
"""The FAQ holding the shop's contact details (a phone line, or that there is none)."""
NO_PHONE = "店里没有对外的客服电话，在这里回复“人工”就能找到客服。"
_CONTACT = r"(?:电话|热线|座机|客服号|联系方式|联系电话)"
_CONTACT_ASKED = re.compile(
    rf"{_CONTACT}(?:号码|号)?(?:是|给|发)?(?:多少|几号|啥|什么|给我|发我|一下|有吗|有没|有么|呢|吗|么)"
    rf"|(?:有|有没有|有无|留个|给个|发个)(?:个)?(?:客服|人工|售后|店铺|店里|你们|商家)?(?:的)?{_CONTACT}"
    r"|(?:能|可以|怎么)(?:给你们|跟你们|和你们|找你们)?打电话"
)
_NOT_THE_SHOP = re.compile(
    r"快递员|快递小哥|骑手|司机|物流的|收货人|收件人|我的|我家|改|换|错|填|绑定"
)
"""Whose number it is, when not the shop's: the courier's, the receiver's, the shopper's own
(改电话, 电话填错了 are changes to an order, 绑定的手机号 an account question)."""


def asks_for_contact(text: str) -> bool:
    """ "客服电话多少", "人工的热线是多少", "有电话吗", "能打电话吗": the shop's phone line is asked
    for (never a phone number given, or another person's)."""
    folded = unicodedata.normalize("NFKC", text)
    if PHONE_IN.search(folded) or _NOT_THE_SHOP.search(folded):
        return False
    return bool(_CONTACT_ASKED.search(folded))


def contact_answer(kb: KnowledgeBase) -> str:
    """The shop's contact details as its knowledge gives them; none given, honestly that there
    is no phone line, and the human in this chat."""
    faq = kb.faqs.get(CONTACT_FAQ)
    return faq.answer if faq is not None else NO_PHONE


BARE_DELIVERY = re.compile(
    r"^(?:那|那么|请问)?(?:你们)?(?:能|可以|能不能|可不可以|会)?(?:发|寄|送|配送|发货|寄过去|发过去|送到)"
    r"(?:货)?(?:吗|么|嘛|不|没|到吗|得到吗|过去吗)?[?？。!！~～]*$"
    r"|^(?:那|那么)?(?:发|寄|送)(?:不|没)(?:发|寄|送)(?:货)?[?？。!！~～]*$"
    r"|^(?:那|那么)?(?:能|可以)(?:发|寄|送)(?:过去|到)?(?:吗|么|嘛|不)?[?？。!！~～]*$"
)
"""Whether a parcel can go, with no place in it ("可以发吗", "能寄吗", "发不发"): the place is
the one the message names or the one just said ("我在广州" → "可以发吗")."""


def confident_faq(result: MatchResult) -> bool:
    """The FAQ found is close enough to be what was asked (新疆能寄吗: the remote-regions entry,
    in the merchant's own words, over the answer the shipping rules would make), and names the
    place asked about when one is: 乌鲁木齐能寄吗 reads as 新疆, but the rules' answer names the
    city the shopper wrote."""
    if result.faq is None or result.faq.score < FAQ_MIN_IN_CLARIFY:
        return False
    place = place_in(result.text)
    return place is None or place[0] in result.faq.answer


def place_answer(text: str, kb: KnowledgeBase) -> str | None:
    """ "广州能发吗", "乌鲁木齐可以寄吗": whether the shop sends there and at what fee, from
    shipping.toml; None when the message is no such question or names no place."""
    place = place_in(text)
    if place is None or not BARE_DELIVERY.match(text.replace(place[0], "", 1).strip()):
        return None
    rules = kb.shipping
    region = rules.region_of(place[1])
    if region is not None and region.excluded:
        return f"抱歉，{place[0]}目前不在配送范围（{region.name}暂不支持配送），下单时也填不了那里的地址。"
    fee = rules.base_fee_fen + (region.surcharge_fen if region is not None else 0)
    free = rules.free_over_fen is not None and (region is None or region.free_shipping)
    money = f"运费{yuan(fee)}" + (
        f"，满{yuan(rules.free_over_fen or 0)}包邮" if free else "，不参与包邮"
    )
    fresh = [o.label for o in rules.overrides if place[1] in o.excluded_provinces]
    besides = f"；{'、'.join(fresh)}的商品暂不发{place[0]}" if fresh else ""
    return f"{place[0]}可以发货，{money}{besides}。"


_TRANSIT_ASKED = re.compile(r"几天|多久|多长时间|多少天|几日|要多长|多快")
_ON_THE_ROAD = re.compile(r"到|收|送|寄|运|走|发过去|发到|发往")
_DISPATCH_ONLY = re.compile(r"发货|发出|发走")


def transit_answer(text: str, kb: KnowledgeBase, item: Product | None = None) -> str | None:
    """ "寄拉萨要几天", "发新疆几天到": the days on the road to that place, from shipping.toml
    (its region's `transit_days`, else the shop's); honestly not known, with 人工, when the
    rules give other places a figure but not this one. None when the message is no such
    question, names no place, the place is not delivered to (answered as such elsewhere), or
    the rules say nothing of days at all (the FAQ answers)."""
    if not _TRANSIT_ASKED.search(text) or not _ON_THE_ROAD.search(text):
        return None
    if _DISPATCH_ONLY.search(text) and not re.search(r"到|收|送", text):
        return None  # 发货要几天: when it is sent, not how long it travels
    place = place_in(text)
    rules = kb.shipping
    if place is None:
        return None
    region = rules.region_of(place[1])
    if region is not None and region.excluded:
        return None
    said, province = place
    held = rules.override_of(item.sku, item.category) if item is not None else None
    if item is not None and held is not None and province in held.excluded_provinces:
        return f"抱歉，{item.name}暂不发{province}，以免路上坏掉；可以看看别的商品～"
    if rules.transit_days is None and not any(r.transit_days for r in rules.regions):
        return None
    days = rules.transit_of(province)
    if days is None:
        return (
            f"寄到{said}路上要几天，店里没有准确的时效，不想乱说误导您；回复“人工”请客服帮您确认～"
        )
    where = province if said == province else f"{province}{said}"
    kind = f"（{region.name}）" if region is not None and region.name != province else ""
    parts = [f"寄到{where}{kind}，发出后一般{days}天能到"]
    if rules.same_day_before is not None:
        parts.append(f"现货{rules.same_day_before:%H:%M}前付款当天发出")
    fresh = [
        "、".join(o.categories) or o.label
        for o in rules.overrides
        if province in o.excluded_provinces and (item is None or o is held)
    ]
    if fresh:
        parts.append(f"{'、'.join(fresh)}暂不发{said}")
    return "；".join(parts) + "。"


_CAN_IT_GO = re.compile(
    r"可以吗|可以不|行吗|行不行|能吗|能不能|可不可以|发不发|寄不寄|送不送|到不到|能否|吗[?？。!！~～\s]*$"
)


def unsendable_asked(text: str, kb: KnowledgeBase, named: Iterable[Product]) -> str | None:
    """ "买两斤车厘子寄新疆可以吗": the products named that cannot be sent to the place asked
    about (an override's `excluded_provinces`, or an excluded region), said so; None when the
    message asks no such question or they can go there."""
    place = place_in(text)
    if place is None or not _CAN_IT_GO.search(text):
        return None
    said, province = place
    rules = kb.shipping
    region = rules.region_of(province)
    if region is not None and region.excluded:
        return None  # 能寄到香港吗: nothing goes there, which the FAQ and the rules' answer say
    refused = [
        item.name
        for item in named
        if (held := rules.override_of(item.sku, item.category)) is not None
        and province in held.excluded_provinces
    ]
    if not refused:
        return None
    fee = rules.base_fee_fen + (region.surcharge_fen if region is not None else 0)
    free = rules.free_over_fen is not None and (region is None or region.free_shipping)
    money = (
        f"满{yuan(rules.free_over_fen or 0)}包邮" if free else f"运费每单{yuan(fee)}，不参与包邮"
    )
    return (
        f"抱歉，{'、'.join(refused)}暂不发{said}，以免路上坏掉。"
        f"别的商品可以发{said}（{money}），想看看别的直接说～"
    )


def same_day_said(msg: Inbound, result: MatchResult | None, ctx: Context) -> str | None:
    """ "现在下午五点 今天还能发吗": whether an order paid now leaves today, by the shop's clock
    and dispatch rule (a time the shopper says differently is named, the shop's clock goes);
    None when that is not asked or the shop's rules set no cut-off."""
    if not asks_same_day(msg.text):
        return None
    clock = ctx.services.clock
    now = clock.now()
    told = told_time(msg.text, now.astimezone(clock.zone).time())
    item = product_asked_about(result, ctx) if result is not None else None
    said = same_day_answer(catalog.kb(ctx), now, clock.zone, told, item)
    if not said or result is None or len(result.answers) < 2:
        return said or None
    # 今天能发吗 几天到广州: the clock's answer in place of the general dispatch one, the
    # other parts' answers as they were
    parts = [p for p in question_parts(msg.text) if asks_same_day(p)]
    readings = [catalog.match_text(ctx, p) for p in parts]
    same = {r.faq.id for r in readings if r is not None and r.faq is not None}
    lines = [said if hit.id in same else hit.answer for hit in result.answers]
    lines = list(dict.fromkeys(lines if said in lines else [said, *lines]))
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def faq_answers(result: MatchResult) -> str | None:
    """Every answer of a message that asks several questions, one per line."""
    if len(result.answers) < 2:
        return None
    return "\n".join(f"{i}. {hit.answer}" for i, hit in enumerate(result.answers, 1))


async def question_answer(msg: Inbound, ctx: Context) -> str | None:
    """The shop's answer to a question in `msg`, or None when there is no confident one."""
    result = catalog.match(msg, ctx)
    if result is None:
        return None
    if asks_for_contact(msg.text):  # 人工的热线是多少: however the matcher scored the FAQ
        return contact_answer(catalog.kb(ctx))
    same_day = same_day_said(msg, result, ctx)
    if same_day is not None:  # 今天还能发吗: by the shop's clock, not only the general rule
        return same_day
    transit = transit_answer(msg.text, catalog.kb(ctx))
    if transit is not None:  # 寄拉萨要几天: that place's days, not the remote-regions FAQ
        return transit
    place = place_answer(msg.text, catalog.kb(ctx)) if not confident_faq(result) else None
    if place is not None:  # 广州能发吗: the shipping rules of that place, not a general FAQ
        return place
    compared = comparison_answer(msg, ctx)
    if compared is not None:
        return compared
    separately = sold_separately_answer(msg.text, ctx)
    if separately is not None:  # 刷头要另外买吗: a question, not an order for the heads
        return separately
    fact = await recorded_fact_answer(msg, result, ctx)
    if fact is not None:
        return fact
    if result.band == "act" and result.intent == IntentId.THANKS_BYE:
        return THANKS
    if result.band == "fallback" or asks_price(result):
        # A product's price is on its card: the caller shows it (or asks which product), never
        # the FAQ about a fee that merely shares 多少钱.
        return None
    several = faq_answers(result)
    if several is not None:
        return several
    offer = promotion_answer(msg.text, ctx) if result.intent == IntentId.PRICE_PROMO else None
    if offer is not None:  # 满99减10是怎么算的: that offer, not the general promotions FAQ
        return offer
    if result.faq is not None and (result.band == "act" or result.faq.score >= FAQ_MIN_IN_CLARIFY):
        return result.faq.answer
    if result.unsold and ctx.session.state:  # 有洗碗机吗 asked mid-browse or mid-form
        record_gap(msg, ctx, "no_product")
        return f"我们店不卖{_as_written(msg.text, result.unsold)}哦。"
    return None


_INTERVAL_ASKED = re.compile(r"多久|多长时间|几个月|几天|多少天").pattern + r".{0,3}换"
_INCLUDED = ("含", "附", "送", "带", "配", "赠")


def sold_separately_answer(text: str, ctx: Context) -> str | None:
    """ "刷头要另外买吗 多久换一次": whether the part named is sold on its own (its price and its
    text, which may say how often to change it), and what the product in front of the shopper
    says of coming with it; not sure (and 人工) where the data says nothing."""
    if not asks_whether_to_buy(text):
        return None
    named = catalog.named_products(ctx, text)
    base = _in_front(ctx)
    parts = [p for p in named if base is None or p.sku != base.sku]
    if len(parts) != 1:
        return None
    part = parts[0]
    lines = [f"{part.name}是单独卖的，{yuan(part.price_fen)}：{part.description}"]
    said = [w for w in (part.name, *part.aliases) if w in text] or [part.name]
    if base is not None:
        if any(f"{verb}{w}" in base.description for w in said for verb in _INCLUDED):
            lines.append(f"{base.name}的介绍：{base.description}")
        else:
            lines.append(
                f"{base.name}本身带不带{said[0]}介绍里没写，我不太确定，可以回复“人工”问问客服。"
            )
    knows_interval = "换" in part.description or any("换" in f for f in part.facts.values())
    if re.search(_INTERVAL_ASKED, text) and not knows_interval:
        lines.append("多久换一次资料里没写，我不太确定，可以回复“人工”问问客服。")
    return "\n".join(dict.fromkeys(lines))


def _in_front(ctx: Context) -> Product | None:
    """The product on the shopper's screen: the card, or the one product in the cart."""
    kb = catalog.kb(ctx)
    state = ctx.session.state or ""
    if state == CARD_STATE:
        return kb.products.get(str(_slots_of(ctx, "browse").get(CARD_SKU, "")))
    cart = _slots_of(ctx, "order").get(CART_LINES) if state.startswith("order:") else None
    skus = (
        {line.get("sku") for line in cart if isinstance(line, dict)}
        if isinstance(cart, list)
        else set()
    )
    return kb.products.get(str(skus.pop())) if len(skus) == 1 else None


def for_a_child_answer(msg: Inbound, ctx: Context) -> str | None:
    """A message about a child that no handler understood ("小孩穿的有吗", "女儿7岁 身高125
    裤子穿几码"): the size from the children's chart when one is asked, else the children's
    products by name; None when the message is about no child."""
    result = catalog.match(msg, ctx)
    if result is None or not for_a_child(result.wants):
        return None
    sizes = size_answer(result, ctx)
    if sizes is not None:
        return sizes
    kb = catalog.kb(ctx)
    childrens = [p for p in kb.products.values() if verdict(p, result.wants)]
    if not childrens:
        return None
    names = "、".join(f"{p.name} {yuan(p.price_fen)}" for p in childrens[: MAX_FACT_PRODUCTS + 2])
    return f"给孩子的有：{names}。想看哪款直接发名字～"


_OFFER_NAMED = re.compile(r"满\s*(\d+)\s*(?:元|块)?\s*[减-]\s*(\d+)")
"""An offer said by its numbers (满99减10, 满199-20), as the promotions and coupons are titled."""


def promotion_answer(text: str, ctx: Context) -> str | None:
    """ "满99减10是怎么算的": how each running promotion or coupon with those numbers works,
    from promotions.toml; None when the message names no such offer (the FAQ answers the rest)."""
    named = _OFFER_NAMED.search(text)
    if named is None:
        return None
    threshold, discount = int(named.group(1)) * 100, int(named.group(2)) * 100
    kb = catalog.kb(ctx)
    day = catalog.today(ctx.services)
    lines = [
        f"{p.title}：{_scope(p.categories)}商品合计满{_money(p.threshold_fen)}自动减"
        f"{_money(p.discount_fen)}，下单时自动参加，还能再叠一张优惠券。"
        for p in kb.active_promotions(day)
        if (p.threshold_fen, p.discount_fen) == (threshold, discount)
    ]
    lines += [
        f"{c.title}：结算时发券码{c.code}，{_scope(c.categories)}商品满{_money(c.min_spend_fen)}减"
        f"{_money(c.discount_fen)}；每单只能用一张券，可以和满减一起用。"
        for c in kb.coupons.values()
        if c.active_on(day) and (c.min_spend_fen, c.discount_fen) == (threshold, discount)
    ]
    return "\n".join(lines) or None


def _money(fen: int) -> str:
    """99元 as the offers are said (满99减10), the exact amount when it has cents."""
    return f"{fen // 100}元" if fen % 100 == 0 else yuan(fen)


def _scope(categories: tuple[str, ...]) -> str:
    return f"{'、'.join(categories)}类" if categories else "全店"


def comparison_answer(msg: Inbound, ctx: Context) -> str | None:
    """ "T恤和卫衣有什么区别" naming two products or more: compared from their data
    (bot/dialogs/compare.py); None when it is no comparison or names fewer than two."""
    compared = comparison_of(msg, ctx)
    return compared.said if compared is not None else None


@dataclasses.dataclass(frozen=True)
class Compared:
    """A comparison answered outside the list: what was said, and of which products."""

    said: str
    products: list[Product]


def comparison_of(msg: Inbound, ctx: Context) -> Compared | None:
    """The comparison a message asks of the products it names ("T恤和卫衣有什么区别") or of the
    kind it names after 哪件 ("哪件羽绒服暖和点": the down jackets, asked 暖和)."""
    ask = comparison_asked(msg.text)
    if ask is None:
        return None
    products = compared_products(msg.text, ctx)
    if len(products) < 2 and ask.quality:
        products, ask = _of_the_kind_asked(msg, ctx, ask)
    if len(products) < 2:
        return None
    result = catalog.match(msg, ctx)
    topic = topic_asked(ask, lambda t: _topic_of(ctx, t), result.topic if result else None)
    wants = result.wants if result else None
    said = _each_part_compared(msg.text, ctx, products) or compare(ask, products, topic, wants)
    if "人工" in said:
        record_gap(msg, ctx, "no_fact")
    return Compared(said, products)


def _each_part_compared(text: str, ctx: Context, products: list[Product]) -> str | None:
    """ "帆布鞋和跑步鞋哪个轻 多少钱": each part answered of the products compared, the
    comparison from their data and the price from their prices; None when the message asks one
    thing or a part is neither."""
    parts = question_parts(text)
    if len(parts) < 2:
        return None
    said = []
    for part in parts:
        ask = comparison_asked(part)
        if ask is not None:
            topic = topic_asked(ask, lambda t: _topic_of(ctx, t), None)
            said.append(compare(ask, products, topic))
        elif asks_its_price(part):
            said.append(prices(products))
        else:
            return None
    *before, last = said
    kept = ["\n".join(x for x in a.split("\n") if x != COMPARED_NEXT) for a in before]
    return "\n".join([*kept, last])


def _of_the_kind_asked(msg: Inbound, ctx: Context, ask: Ask) -> tuple[list[Product], Ask]:
    """ "哪件羽绒服暖和点": the products of the kind the quality begins with (every one whose
    name or alias holds 羽绒服), and the quality without it (暖和)."""
    found = catalog.find_products(msg, ctx)
    if not found:
        return [], ask
    words = sorted((found[0].name, *found[0].aliases), key=len, reverse=True)
    kind = next((w for w in words if len(w) >= 2 and w in ask.quality), None)
    head = msg.text[: comparison_start(msg.text)]
    if kind is None and _SEVERAL.search(head):  # 两款羽绒服哪个轻: the kind said before 哪个
        said = sorted({n for p in found for n in (p.name, *p.aliases)}, key=len, reverse=True)
        kind = next((w for w in said if len(w) >= 2 and w in head), None)
    if kind is None:
        return [], ask
    of_kind = [p for p in found if any(kind in n for n in (p.name, *p.aliases))]
    rest = ask.quality.replace(kind, "", 1).strip()
    return of_kind, dataclasses.replace(ask, quality=rest or ask.quality)


_SEVERAL = re.compile(r"两款|两件|两个|俩|这几款|几款|这些")
"""Several of a kind named before 哪个 ("两款羽绒服哪个轻"): those products are compared."""


def _topic_of(ctx: Context, text: str) -> str | None:
    result = catalog.match_text(ctx, text)
    return result.topic if result is not None else None


def compared_products(text: str, ctx: Context, like: Product | None = None) -> list[Product]:
    """The products a comparison names, one for each part between 和 / 跟 / 还是 ("T恤和卫衣…"):
    the part's product, or of several the one the part names exactly (卫衣: the hoodie whose
    alias it is, not the kids' one that merely contains it), or the one its describing word
    fits among those the parts name together ("10000和20000的充电宝": the kind is said once).
    Compared with `like` (the card's product), a part naming several is the one of its kind
    ("和男士那款比" on a cleanser's card: the men's cleanser, not the men's trousers)."""
    parts = compared_parts(text)
    named = {part: _of_its_kind(_named_by(part, ctx), like) for part in parts}
    pool = list({p.sku: p for found in named.values() for p in found}.values())
    chosen: dict[str, Product] = {}
    for part in parts:
        pick = _picked_by(part, named[part], pool)
        if pick is not None:
            chosen.setdefault(pick.sku, pick)
    return list(chosen.values())


def _of_its_kind(named: list[Product], like: Product | None) -> list[Product]:
    """Of several products a part names, the ones of `like`'s category, when there are some."""
    if like is None or len(named) < 2:
        return named
    kind = [p for p in named if p.category == like.category and p.sku != like.sku]
    return kind or named


def _named_by(part: str, ctx: Context) -> list[Product]:
    """The products one part of a comparison names (头戴的: the headphones, a clarify hit)."""
    result = catalog.match_text(ctx, part)
    if result is None:
        return []
    products = catalog.kb(ctx).products
    skus = result.entities.skus or tuple(h.sku for h in result.products if h.score >= KIND_MIN)
    return [products[sku] for sku in skus if sku in products]


def _picked_by(part: str, named: list[Product], pool: list[Product]) -> Product | None:
    if len(named) == 1:
        return named[0]
    exact = [p for p in named if part.casefold() in (n.casefold() for n in (p.name, *p.aliases))]
    if len(exact) == 1:
        return exact[0]
    word = part.split("的")[0] if "的" in part else part  # 20000的充电宝: 20000 describes it
    return described_one(word, named or pool) if word else None


def not_sure_varied(step: Step, ctx: Context) -> Step:
    """`step` with its "not sure" sentence said shorter and differently when the reply before
    said one too (敏感肌呢 / 孕妇能用吗 / 多少毫升 on a card with no such facts), and the count
    of such replies in a row kept for the next message."""
    said = ctx.session.slots.get(UNSURE_SAID)
    before = said if isinstance(said, int) and not isinstance(said, bool) else 0
    if not any(isinstance(r, TextReply) and _NOT_SURE_SAID.search(r.text) for r in step.replies):
        if not before:
            return step
        return dataclasses.replace(step, slots={**step.slots, UNSURE_SAID: None})
    replies = step.replies
    if before:
        again = NOT_SURE_AGAIN[(before - 1) % len(NOT_SURE_AGAIN)]
        replies = tuple(
            TextReply(_NOT_SURE_SAID.sub(lambda m: _said_again(again, m), r.text))
            if isinstance(r, TextReply)
            else r
            for r in replies
        )
    return dataclasses.replace(step, replies=replies, slots={**step.slots, UNSURE_SAID: before + 1})


def _said_again(again: str, said: re.Match[str]) -> str:
    """`again` about the product the matched "not sure" sentence named."""
    name = next(group for group in said.groups() if group is not None)
    return again.format(name=name)
