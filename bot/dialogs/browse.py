"""Browsing: categories → a page of products (更多 / 上一页) → a product card → 买 / 问 / 返回.

A card is an OA news reply with one article (image, title with price, specs): a passive reply to
a shopper's message may carry only one (PLATFORM.md), so lists are numbered text instead. In any
list a category name shows that category, a product name searches, and an order sentence ("我要
买第二个", "我要两件黑色M码的T恤") goes straight to the order form: 买 hands the shopper over with
the product, and the order form reads the spec and quantity from the same message. The diagram
beside this file (browse.mmd) is drawn from TABLE.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from bot.business.return_cases import what_if_policy
from bot.dialogs import words
from bot.dialogs.aftersales.form import asks_for_after_sales, what_if
from bot.dialogs.budget import (
    SPAN_UNSURE,
    Budget,
    Span,
    alike,
    bare_span,
    budget_of,
    none_in_budget,
    others_like,
    said_budget,
    sized_by_height,
    span_reading,
)
from bot.dialogs.card_money import (
    count_asked,
    coupon_answer,
    coupon_asked,
    net_answer,
    net_asked,
    offers_for,
    total_answer,
)
from bot.dialogs.card_questions import (
    LOW_STOCK,
    WISH,
    asked_before_buying,
    asks_availability,
    asks_its_price,
    asks_verdict,
    availability,
    described_clause,
    described_in,
    described_reply,
    measure_answer,
    named_in,
    plain_question,
    points_at_one,
    spec_choices,
    specs_asked,
    unit_price_answer,
    unsold_other_than,
    verdict_answer,
)
from bot.dialogs.compare import (
    COMPARED_NEXT,
    Ask,
    comparison_asked,
    lacking_the_fact,
    parts_on_screen,
    prices,
    topic_asked,
)
from bot.dialogs.compare import answer as compare_answer
from bot.dialogs.conversation import GlobalMoves, Goto, Target, own
from bot.dialogs.list_refs import (
    NOT_STATED_ANYWHERE,
    Described,
    as_written,
    described_among,
    described_by_a_word,
    kind_asked,
    of_kind,
    ordered_one,
    referred,
    stated_among,
    such_asked,
    told_by_one_character,
)
from bot.dialogs.machine import STAY, UNCLEAR, Dialog, OnFn, Outcome, Prompt, StateDef
from bot.dialogs.moving_on import MovingOn, moving_on
from bot.dialogs.order.item import each_said, first_part, narrow, ordered_clauses
from bot.dialogs.order.specs import spec_values_in, specs_named_twice, unknown_colour, without_names
from bot.dialogs.order.variants import variant_lines
from bot.dialogs.parse import (
    IN_STOCK_ASKED,
    NUMBER,
    QUESTION,
    asks_whether_to_buy,
    fold,
    is_question,
    number_value,
    ordinal_in,
    pick_number,
    quantity_in,
    question_parts,
    turns_to,
)
from bot.dialogs.refine import refined
from bot.dialogs.size_advice import (
    SIZE_SPECS,
    Body,
    advice_among,
    asks_which_size,
    body_in,
    fit_answer,
    heights_answer,
    length_fit,
    measured,
    remembered_body,
    sized,
)
from bot.dialogs.turn import Turn, word_of
from bot.gaps import record_gap
from bot.protocol import Article, Inbound, Kind, NewsReply, Reply, TextReply
from bot.session import Session
from bot.shop import catalog, stock
from bot.shop.catalog import named_category
from bot.shop.for_whom import worn_by
from bot.shop.texts import numbered, yuan
from bot.step import Context
from knowledge.matcher import MatchResult
from knowledge.model import KnowledgeBase, Product
from knowledge.numerals import convert_numerals
from knowledge.wants import meets, sift

PAGE_SIZE = 5
MAX_LISTED = 50
_BUY = re.compile(r"买|要|来|拍|下单|订|加购|(?:加|放)(?:入|进|到)?购物车")


class BrowseState(StrEnum):
    CATEGORIES = "categories"
    LIST = "list"
    CARD = "card"


class Ev(StrEnum):
    LISTED = "listed"  # a category or a search gave a list
    PAGE = "page"
    PICKED = "picked"
    FOCUSED = "focused"  # a question about one listed product, answered: its card is current
    BUY = "buy"
    GONE = "gone"
    AFTER_SALES = "after_sales"  # 收到的杯子有划痕, 我要换货: about an order, not this page


SKUS, TITLE, PAGE, SKU = "skus", "title", "page", "sku"
SHOWN = "shown"
"""Order seed: the page of products on screen when one was bought."""
BUYING = "buying"
"""Browse slot, for one message: 您要哪一款 was asked of a shopper who wants one ("买一个",
"加到购物车"), so the number they answer buys it."""
ANSWERED = "answered"
EARLIER = "earlier"
"""Browse slot: the products on screen before the current list or card (the card of a search
before this one), so that "两个都要" can take the one seen before and the one seen now."""
"""Browse slot, for one message: the card's product was just answered about, so entering the
card says nothing more (the answer is on screen, the card need not follow it)."""
B = BrowseState


def list_slots(title: str, products: list[Product]) -> dict[str, object]:
    """The slots of a product list (for handlers that open browse on a search)."""
    return {TITLE: title, SKUS: [p.sku for p in products[:MAX_LISTED]], PAGE: 0}


def card_slots(item: Product) -> dict[str, object]:
    """The slots of a card opened straight from a search or a menu (its list is itself)."""
    return {**list_slots(item.name, [item]), SKU: item.sku}


def _search(turn: Turn) -> Outcome | None:
    # A search mid-browse is as honest as a new one (price, wishes, things not sold); imported
    # here, because the handlers package imports the dialogs.
    from bot.handlers.starts import browse_search

    if asks_whether_to_buy(turn.text):
        return None  # 刷头要另外买吗: a question for the unclear hook, not a search for heads
    if _asks_of_one_named(turn):
        return None  # 热水壶是304的吗 over a list: answered of the kettle by the unclear hook
    searched = browse_search(catalog.match(turn.msg, turn.ctx), turn.msg, turn.ctx)
    if searched is None:
        return None
    note, found = searched
    if not found:
        return Outcome.say(STAY, f"{note}回复“返回”看看分类，或直接说想买什么～") if note else None
    title = note.rstrip("：:") or f"为您找到{len(found)}件相关商品"
    turn.slots.update(list_slots(title, found))
    return Outcome(Ev.LISTED)


def _asks_of_one_named(turn: Turn) -> bool:
    """A question about one product written out by name, not whether the shop has it
    ("热水壶是304的吗", not "有保温杯吗")."""
    if not is_question(turn.text) or IN_STOCK_ASKED.search(turn.text):
        return False
    named = named_in(turn.text, catalog.named_products(turn.ctx, turn.text))
    if len(named) != 1:
        return False
    rest = fold(turn.text).casefold()
    for name in sorted((named[0].name, *named[0].aliases), key=len, reverse=True):
        rest = rest.replace(name.casefold(), " ")
    return is_question(rest) and bool(_BARE_ASK.sub("", rest))  # not "围巾呢": that is a search


_BARE_ASK = re.compile(r"[呢吗么嘛啊呀哦的?？。.!！~～\s]")


def _budget_alone(turn: Turn) -> Budget | None:
    """A price said with no product, category or present named ("一百以内的有没", "300以内的
    呢", "200左右的"): a budget for what is on screen, not a search of the whole shop."""
    from bot.handlers.starts import is_gift_search  # the handlers package imports the dialogs

    result = catalog.match(turn.msg, turn.ctx)
    if result is None or result.unsold or is_gift_search(turn.text, result):
        return None
    said = budget_of(result.entities.price_min_fen, result.entities.price_max_fen)
    if said is None or catalog.named_products(turn.ctx, turn.text):
        return None
    return None if named_category(turn.word, catalog.kb(turn.ctx).categories) else said


def _within_budget(turn: Turn, pool: list[Product]) -> Outcome | None:
    """A budget said about the products on screen (a list: all of it; a card: its kind): those
    in it are listed, or, with none, the cheapest of them, said to be so. The budget is kept,
    with `pool` as what it was said about, for "有没有别的" and "第二个" next."""
    from bot.handlers.starts import within_price  # the handlers package imports the dialogs

    said = _budget_alone(turn)
    if said is None or not pool:
        return None
    note, shown = within_price(pool, said.low, said.high)
    if not shown:
        return None
    title = note.rstrip("：:") or f"{said.said}的有这{len(shown)}款"
    turn.slots.update(list_slots(title, shown))
    turn.slots.pop(SKU, None)
    turn.slots.pop(WISH, None)
    _keep_budget(turn, Budget(said.low, said.high, tuple(p.sku for p in pool)))
    return Outcome(Ev.LISTED)


def _span_said(turn: Turn, in_view: list[Product]) -> Outcome | None:
    """ "110-120的有吗" (no 元, no 块): over kids' clothes sized by height, the sizes for a child
    that tall; with nothing to tell a price from a height, which one is asked. None for a
    price (the budget readers take it) or no such span."""
    reading = span_reading(turn.text, in_view)
    span = bare_span(turn.text)
    if reading is None or reading is Span.PRICE or span is None:
        return None
    low, high = span
    if reading is Span.UNSURE:
        return Outcome.say(STAY, SPAN_UNSURE.format(low=low, high=high))
    said = heights_answer(low, high, [p for p in in_view if sized_by_height(p)])
    if said is None:
        none = f"身高{low}-{high}cm的码这里没有，回复“人工”请客服帮您看看～"
        return Outcome.say(STAY, none)
    return Outcome.say(STAY, said, "要哪款哪个码直接告诉我～")


def _keep_budget(turn: Turn, budget: Budget) -> None:
    """The budget, for `remembering` to keep in the session beside the dialogs' slots (where
    starts.search keeps one): the working slots reach it from a retold turn too."""
    turn.slots[NEW_BUDGET] = budget


def _kept_budget(turn: Turn) -> None:
    """The budget a state said (`_keep_budget`), moved from the working slots to the session."""
    budget = turn.slots.pop(NEW_BUDGET, None)
    if not isinstance(budget, Budget):
        return
    session = turn.ctx.session
    slots = {**session.slots, **budget.slot()}
    turn.ctx = turn.ctx.with_session(Session(session.state, slots, session.updated_at))


def _kind_on_card(turn: Turn, item: Product) -> list[Product]:
    """What a budget said on a card is about: the list the card was opened from, else the
    products a budget said before was about, else the card's kind."""
    listed = _listed(turn)
    if len(listed) > 1:
        return listed
    kept = said_budget(turn.ctx.session)
    kb = catalog.kb(turn.ctx)
    kin = [kb.products[s] for s in (kept.kin if kept else ()) if s in kb.products]
    return kin if item in kin else [item, *alike(item, kb)]


ONLY_ONE_IN_BUDGET = "{budget}的只有这一款：{item}。"


def _past_budget_list(turn: Turn, *, others_asked: bool = False) -> Outcome | None:
    """ "第二个有啥颜色" when the budget left fewer on screen (and, with `others_asked`, "有没有
    别的"): there is no second one, so that is said, with the nearest ones above the budget from
    what it was said about, by name (the earlier list is gone from the screen; a number now
    would mean nothing)."""
    budget = said_budget(turn.ctx.session)
    listed = _listed(turn)
    if budget is None or not listed or not all(budget.fits(p) for p in listed):
        return None
    index = ordinal_in(turn.text, MAX_LISTED)
    past_the_end = index is not None and index >= len(listed)
    others = others_asked and bool(_OTHERS.search(fold(turn.text).rstrip("?？。.!！~～ ")))
    if not (past_the_end or others):
        return None
    kb = catalog.kb(turn.ctx)
    high = budget.high
    kin = [kb.products[s] for s in budget.kin if s in kb.products]
    above = [p for p in kin if high is not None and p.price_fen > high]  # never a cheaper one
    dearer = sorted(above, key=lambda p: p.price_fen)[:MAX_DEARER]
    names = "、".join(f"{p.name}{yuan(p.price_fen)}" for p in listed)
    head = (
        ONLY_ONE_IN_BUDGET.format(budget=budget.said, item=names)
        if len(listed) == 1
        else f"{budget.said}的只有这{len(listed)}款：{names}。"
    )
    if not dearer:
        return Outcome.say(STAY, head, "想看哪款直接发商品名～")
    more = "、".join(f"{p.name}{yuan(p.price_fen)}" for p in dearer)
    return Outcome.say(STAY, f"{head}预算能再高一点的话，还有{more}。", "想看哪款直接发商品名～")


MAX_DEARER = 2
NEW_BUDGET = "_new_budget"
"""Working slot, for one message: a budget said on screen, to keep in the session."""


_CHEAPER = re.compile(r"便宜|实惠|性价比|低价|价格低|不贵|省钱")
_SUGGEST = re.compile(
    r"推荐|有什么好|有啥好|买什么好|买啥好|热卖|热销|畅销|爆款|新品|新款|上新|好物"
)
CHEAPEST_TITLE = "按价格从低到高"
SAMPLER_TITLE = "想看哪一类回复分类名就行，先各挑几件给您看看"


def suggested(
    kb: KnowledgeBase, text: str, among: Sequence[Product]
) -> tuple[str, list[Product]] | None:
    """ "有没有便宜点的" / "有什么推荐" naming no product: (title, products). Cheaper ones are
    `among` (what is on screen; else the whole shop) by price; a suggestion is each category's
    first products in the merchant's order (the shop keeps no sales ranking to call best sellers)."""
    if _CHEAPER.search(text):
        pool = list(among) or list(kb.products.values())
        return CHEAPEST_TITLE, sorted(pool, key=lambda p: p.price_fen)
    if _SUGGEST.search(text):
        kinds = [kb.products_in(c) for c in kb.categories]
        return SAMPLER_TITLE, [k[i] for i in range(2) for k in kinds if len(k) > i]
    return None


def _suggestion(turn: Turn, among: Sequence[Product]) -> Outcome | None:
    result = catalog.match(turn.msg, turn.ctx)
    if result is None or result.products or result.unsold:
        return None  # 有没有便宜点的保温杯: a search, with its price wish
    if result.intent == "price_promo" and result.band == "act" and result.faq is not None:
        return None  # 买够两件能便宜不: a question about the offers, not a wish for cheaper goods
    found = suggested(catalog.kb(turn.ctx), turn.text, among)
    if found is None:
        return None
    turn.slots.update(list_slots(*found))
    return Outcome(Ev.LISTED)


def _within_wishes(turn: Turn, pool: list[Product]) -> Outcome | None:
    """ "男生穿的 要厚一点" over a list naming no product: the listed ones that meet the wishes
    (an attribute such as 性别, a tag such as 厚实), kept as the list. None when nothing listed
    is known to meet them: the message is then read as a new search or left unclear."""
    result = catalog.match(turn.msg, turn.ctx)
    if result is None or not result.wants or result.unsold or not pool:
        return None
    if result.topic or QUESTION.search(turn.text) or _POINTED.search(turn.text):
        return None  # 降噪那个续航多久, 女款那个: the one described, picked or answered below
    low, high = result.entities.price_min_fen, result.entities.price_max_fen
    if low is not None or high is not None or any(t.startswith("送") for t in result.wants.tags):
        return None  # a budget or a present: the gift and budget searches read it
    said = turn.text.casefold()
    for item in catalog.named_products(turn.ctx, turn.text):
        if any(n and n.casefold() in said for n in (item.name, *item.aliases)):
            return None  # 男生穿的T恤: a search of its own (厚一点 names the 厚实 tag, no 加厚…)
    fits = sift(pool, None, None, result.wants).fits
    if not fits or len(fits) == len(pool):
        return None  # the wish narrows nothing on screen: no new list to show
    turn.slots.update(list_slots(WISHED_TITLE.format(n=len(fits)), fits))
    turn.slots.pop(SKU, None)
    return Outcome(Ev.LISTED)


WISHED_TITLE = "按您说的，合适的是这{n}款"
KIND_TITLE = "{kind}有这{n}款"


def _kind_listed(turn: Turn) -> Outcome | None:
    """ "坚果这块有哪些呀" over a list: the listed products of that kind (by name, alias or tag),
    with those of the kind the shop has off the list after them, as the list on screen; one is
    shown as its card. None when nothing listed is of that kind (a search of its own)."""
    kind = kind_asked(turn.text)
    if kind is None:
        return None
    listed = [p for p in _listed(turn) if of_kind(kind, p)]
    if not listed:
        return None
    others = [p for p in catalog.find_products(turn.msg, turn.ctx) if of_kind(kind, p)]
    fits = list({p.sku: p for p in (*listed, *others)}.values())
    turn.slots.pop(SKU, None)
    if len(fits) == 1:
        turn.slots[SKU] = fits[0].sku
        return Outcome(Ev.PICKED)
    turn.slots.update(list_slots(KIND_TITLE.format(kind=kind, n=len(fits)), fits))
    return Outcome(Ev.LISTED)


_POINTED = re.compile(r"[这那哪](?:个|款|件|种|条|双|一个|一款)")


def _listed(turn: Turn) -> list[Product]:
    skus = list(turn.slots.get(SKUS) or [])
    return [p for sku in skus if (p := catalog.product(turn.ctx, sku))]


def buy(item: Product, spec: Mapping[str, str] | None = None) -> Outcome:
    """Hand the shopper to the order form with this product and the spec values they asked
    about on its card (the form reads the rest of the message)."""
    return Outcome(Ev.BUY, seed={"sku": item.sku, "spec": dict(spec or {})})


def _order_sentence(turn: Turn) -> Outcome | None:
    """ "我要两件黑色M码的T恤" in a list or a menu: one product named with a buying verb."""
    result = catalog.match(turn.msg, turn.ctx)
    if result is None or result.intent != "place_order" or result.band == "fallback":
        return None
    if asked_before_buying(turn.text):
        return None  # 想买个加湿器 声音大吗: a question, answered as one
    named = within_longer_names(catalog.named_products(turn.ctx, turn.text), turn.text)
    return buy(named[0]) if len(named) == 1 else None


def within_longer_names(found: Sequence[Product], text: str) -> list[Product]:
    """Without the products named only by words inside another's longer name: in "我要仨芒果干"
    the 芒果 of 海南贵妃芒 is part of 芒果干."""
    said = text.casefold()

    def longest(item: Product) -> str:
        names = [n.casefold() for n in (item.name, *item.aliases) if n and n.casefold() in said]
        return max(names, key=len, default="")

    words = {p.sku: longest(p) for p in found}
    return [
        p
        for p in found
        if not words[p.sku]
        or not any(w != words[p.sku] and words[p.sku] in w for w in words.values())
    ]


def _category(turn: Turn) -> Outcome | None:
    """A category by its name, alone or in a sentence ("看看零食")."""
    kb = catalog.kb(turn.ctx)
    named = named_category(turn.word, kb.categories)
    if named is None:
        return None
    turn.slots.update(list_slots(named, kb.products_in(named)))
    return Outcome(Ev.LISTED)


# ------------------------------------------------------------------------ categories


def _ordered(turn: Turn) -> Outcome | None:
    """A search that was an order ("三支豆沙色口红", "我要俩保温杯"): a count, and one product
    that fits what was named, go straight to the order form."""
    skus = [turn.slots[SKU]] if turn.slots.get(SKU) else list(turn.slots.get(SKUS) or [])
    found = [p for sku in skus[:PAGE_SIZE] if (p := catalog.product(turn.ctx, sku))]
    if len(found) == 1 and variant_lines(turn.text, found[0]) is not None:
        return buy(found[0])  # "T恤 白色M 黑色L": one of each, the order form splits them
    if not found or all(quantity_in(without_names(turn.text, p)) is None for p in found):
        return None
    if _one_within_budget(turn):
        return None  # "给我妈买件外套 预算300以内": what fits the money is shown, not bought
    if asked_before_buying(turn.text):
        return None  # "想买个加湿器 声音大不大": a question first, nothing bought by it
    fitting = narrow(within_longer_names(found, turn.text), turn.text)
    return buy(fitting[0]) if len(fitting) == 1 else None


def _one_within_budget(turn: Turn) -> bool:
    """A search for one thing with a budget: the shopper asks what fits the money (browsing),
    even when a buying word says one ("买件"); a count above one still orders."""
    result = catalog.match(turn.msg, turn.ctx)
    if result is None:
        return False
    priced = result.entities.price_min_fen is not None or result.entities.price_max_fen is not None
    return priced and quantity_in(turn.text) in (None, 1)


async def ask_categories(turn: Turn) -> Prompt | Outcome:
    if (turn.slots.get(SKU) or turn.slots.get(SKUS)) and (ordered := _ordered(turn)):
        return ordered
    if turn.slots.get(SKU):
        return Outcome(Ev.PICKED)
    if turn.slots.get(SKUS):
        return Outcome(Ev.LISTED)
    categories = catalog.kb(turn.ctx).categories
    text = "想看哪一类？回复序号或名称，也可以直接发商品名：\n" + numbered(categories)
    return (TextReply(text),)


async def hint_categories(turn: Turn) -> Prompt | Outcome:
    """Asking again after an answer (不客气, an FAQ): nothing. The menu is just above and still
    takes a number or a name; a menu line under an answer about something else (积分, 运费)
    would read as if that answer were about the categories."""
    return ()


def _small_talk(turn: Turn) -> bool:
    """在吗, 你好, 谢谢 …: small talk for the global moves, never a question about what is on
    screen (在吗 on a card is no product question). Imported here: handlers import dialogs."""
    from bot.handlers.smalltalk import kind

    return turn.msg.kind is Kind.TEXT and kind(turn.text) is not None


async def _after_sales(turn: Turn) -> Outcome | None:
    """收到的杯子有划痕 or 我要换货 while browsing: the after-sales form, never this page's
    product (the 杯子 in it is what arrived, not one to buy). Asked as a question by a shopper
    with no order it could be about ("到了坏了怎么赔" on a card), it is the shop's policy the
    FAQ states, not a claim."""
    if turn.msg.kind is not Kind.TEXT or not asks_for_after_sales(turn.text):
        return None
    policy = await _policy_asked(turn)
    return policy or Outcome(Ev.AFTER_SALES)


async def _policy_asked(turn: Turn) -> Outcome | None:
    if not QUESTION.search(turn.text):
        return None
    result = catalog.match(turn.msg, turn.ctx)
    kb = catalog.kb(turn.ctx)
    shown = [turn.slots[SKU]] if turn.slots.get(SKU) else list(turn.slots.get(SKUS) or [])
    # 坏了咋办 on the card: what the shop does for this product, not the closest question
    own = kb.faqs.get(what_if_policy(kb, shown, turn.text) or "") if what_if(turn.text) else None
    faq = own or (result.faq if result is not None and result.band != "fallback" else None)
    if faq is None:
        return None
    from bot.dialogs.aftersales.pick import TICKETABLE  # the dialogs package imports browse

    mine = await turn.services.db.orders.list_orders(turn.user, 20, channel=turn.channel)
    if any(o.status in TICKETABLE for o in mine):
        return None  # an order it may be about: the after-sales form asks which
    return Outcome.say(STAY, faq.answer)


def _asks_the_shop(turn: Turn) -> bool:
    """退货运费谁出 / 送人的别放价格单 under a list or the menu: a question the FAQ answers,
    not a search (送人 is no gift wish here) nor a pick. Imported here: handlers import dialogs."""
    from bot.handlers.answers import asks_the_shop

    result = catalog.match(turn.msg, turn.ctx)
    return result is not None and asks_the_shop(result, turn.ctx)


async def on_categories(turn: Turn) -> Outcome:
    if _small_talk(turn) or _asks_the_shop(turn):
        return Outcome(UNCLEAR)
    if (after_sales := await _after_sales(turn)) is not None:
        return after_sales
    kb = catalog.kb(turn.ctx)
    index = pick_number(turn.text, len(kb.categories))
    span = _span_said(turn, []) if index is None else None
    if span is not None:  # 110-120的有吗 with nothing on screen: a price or a height?
        return span
    if index is not None:
        category = kb.categories[index]
        turn.slots.update(list_slots(category, kb.products_in(category)))
        return Outcome(Ev.LISTED)
    return (
        _category(turn)
        or _suggestion(turn, ())
        or _order_sentence(turn)
        or _stated_such(turn, [], "")  # 有防干烧的吗: the products whose data says so
        or _search(turn)  # a question that is no search is left to the unclear hook
        or Outcome.say(UNCLEAR, "没有找到相关的分类或商品，换个说法试试～")
    )


# ------------------------------------------------------------------------ list


def _page(turn: Turn) -> list[Product]:
    skus: list[str] = list(turn.slots.get(SKUS) or [])
    start = int(turn.slots.get(PAGE, 0)) * PAGE_SIZE
    found = [catalog.product(turn.ctx, sku) for sku in skus[start : start + PAGE_SIZE]]
    return [p for p in found if p is not None]


def _pages(turn: Turn) -> int:
    return max(1, -(-len(turn.slots.get(SKUS) or []) // PAGE_SIZE))


async def ask_list(turn: Turn) -> Prompt | Outcome:
    page, pages = int(turn.slots.get(PAGE, 0)), _pages(turn)
    page_items = _page(turn)
    left = await stock.displayed(turn.services, [item.sku for item in page_items])
    items = [
        f"{item.name} {yuan(item.price_fen)}{'' if left[item.sku] > 0 else '（缺货）'}"
        for item in page_items
    ]
    moves = ["回复序号看详情"]
    if page + 1 < pages:
        moves.append("“更多”看下一页")
    if page > 0:
        moves.append("“上一页”")
    moves.append("“返回”重新选分类")
    paged = f"（第{page + 1}/{pages}页）" if pages > 1 else ""  # one page: nothing more to see
    head = f"{turn.slots.get(TITLE, '商品')}{paged}："
    return (TextReply(f"{head}\n{numbered(items)}\n{'，'.join(moves)}。"),)


def _names_a_product(turn: Turn) -> bool:
    """Does the message write out a product by name, even where the matcher took no product
    from it (保温杯能放洗碗机吗: the 洗碗机 topic hides the cup)?"""
    named = catalog.named_products(turn.ctx, turn.text)
    if not named:
        result = catalog.match(turn.msg, turn.ctx)
        kb = catalog.kb(turn.ctx)
        hits = result.products if result is not None else ()
        named = [kb.products[h.sku] for h in hits if h.sku in kb.products]
    return bool(named_in(turn.text, named))


def _names_unsold(turn: Turn, item: Product) -> bool:
    """Does the message ask for a thing the shop does not sell (有卖电视吗 over the tea's list),
    not a word of the product on screen?"""
    result = catalog.match(turn.msg, turn.ctx)
    return result is not None and unsold_other_than(result.unsold, item)


async def _asked_of_list(turn: Turn, shown: list[Product]) -> Outcome | None:
    """A question about what is listed, naming none of it ("能充几次", "有L码吗", "有什么颜色"):
    answered for each listed product it fits, so the shopper need not open them one by one.
    "这个…" asks which one is meant (the unclear hook), and a product named is asked about."""
    if not is_question(turn.text) or points_at_one(turn.text):
        return None
    if _names_a_product(turn):
        return None  # 保温杯有什么颜色: that product is asked about
    from bot.handlers.answers import NOT_SURE, product_fact  # handlers import the dialogs
    from bot.handlers.compat import compat_among

    compat = compat_among(turn.msg, shown, turn.ctx)
    if compat is not None:  # type-c的线能用吗: what each one's text says of Type-C
        return Outcome.say(STAY, compat, LIST_HINT)
    result = catalog.match(turn.msg, turn.ctx)
    if result is not None and result.unsold:
        return None  # 有洗碗机吗: a thing the shop does not sell, said so by the search
    if result is not None and result.topic is not None:
        known = [_fact_line(p, fact) for p in shown if (fact := product_fact(result, p))]
        if not known:
            record_gap(turn.msg, turn.ctx, "no_fact")
        return Outcome.say(STAY, "\n".join(known) or NOT_SURE.format(name="这几款"), LIST_HINT)
    measures = [f"{p.name}：{m}" for p in shown if (m := measure_answer(turn.text, p))]
    if measures:  # 有多长: each one's length, from its specs and description
        return Outcome.say(STAY, "\n".join(measures), LIST_HINT)
    left = await stock.displayed(turn.services, [p.sku for p in shown])
    kb = catalog.kb(turn.ctx)
    said = [a for p in shown if (a := availability(turn.text, p, kb, left[p.sku], False))]
    if said:  # 有L码吗
        return Outcome.say(STAY, "\n".join(said), LIST_HINT)
    choices = spec_choices(turn.text, shown)  # 有什么颜色
    if choices is not None:
        return Outcome.say(STAY, choices, LIST_HINT)
    described = [p for p in shown if described_in(turn.text, p)]  # 能防水吗: IPX7防水
    if described:
        lines = [f"{p.name}：{p.description}" for p in described]
        if len(described) < len(shown):
            lines.append("其他几款没有写明这一点，拿不准的话回复“人工”问问客服。")
        return Outcome.say(STAY, "\n".join(lines))
    return None


def _fit_listed(turn: Turn, shown: list[Product]) -> Outcome | None:
    """ "脚背高穿哪个码" over a list: what each listed sized product's fit note and description
    say of it; the sized ones whose data says nothing named as not known. None when none
    says anything of it (or no fit is asked)."""
    if _names_a_product(turn):
        return None
    sized_ones = [p for p in shown if sized(p)]
    said = [(p, fit) for p in sized_ones if (fit := fit_answer(turn.text, p)) is not None]
    if not said:
        return None
    lines = [f"{p.name}：{fit}" for p, fit in said]
    answered = {p.sku for p, _ in said}
    # the ones of their kind (sold in the same sizes: shoes, not the kids' 110 hoodie) say nothing
    sizes = {v for p, _ in said for v in _sizes_of(p)}
    unknown = [p.name for p in sized_ones if p.sku not in answered and sizes & _sizes_of(p)]
    if unknown:
        lines.append(f"{'、'.join(unknown)}的资料里没写这一点，拿不准可以回复“人工”问问客服。")
    return Outcome.say(STAY, "\n".join(lines), "要哪款哪个码直接告诉我～")


def _sizes_of(item: Product) -> set[str]:
    return {v for name in SIZE_SPECS for v in item.specs.get(name, ())}


def _stated_such(
    turn: Turn, listed: list[Product], title: str, page: Sequence[Product] = ()
) -> Outcome | None:
    """ "1.7L的有吗", "有防干烧的吗": the products whose own data (specs, attributes, tags,
    description) says so, those of the list on screen first, else the shop's; one is answered
    and becomes the card, several are listed. None when the message asks no such thing, names
    a product or a category (a search), nothing in the shop says it, or a product of the page
    on screen comes in it as a spec value (the page's own answer says which, with stock)."""
    such = such_asked(turn.text)
    if such is None or _names_a_product(turn):
        return None
    word = such.word
    if named_category(word, catalog.kb(turn.ctx).categories) or _valued(word, page):
        return None
    stated = stated_among(word, listed)
    elsewhere = not stated.found
    if elsewhere:
        stated = stated_among(word, list(catalog.kb(turn.ctx).products.values()))
    if not stated.found and such.feature:  # 有带滤网的吗: nothing says so, honestly
        record_gap(turn.msg, turn.ctx, "no_fact")
        return Outcome.say(STAY, NOT_STATED_ANYWHERE.format(word=word))
    if not stated.found or (elsewhere and len(stated.found) > MAX_STATED):
        return None  # 有白色的吗 over snacks: the shop's 28 white things are no answer
    where = f"{title}里没有写{word}的，店里" if elsewhere and listed and title else ""
    if len(stated.found) == 1:
        item, said = stated.found[0]
        turn.slots[SKU] = item.sku
        turn.slots[ANSWERED] = True
        answer = (
            f"{where}有：{item.name} {yuan(item.price_fen)}，{said}。"
            if where
            else (f"有的：{item.name} {yuan(item.price_fen)}，{said}。")
        )
        return Outcome(Ev.FOCUSED, (TextReply(f"{answer}\n{CARD_NEXT}"),))
    found = [item for item, _ in stated.found][:MAX_LISTED]
    turn.slots.update(list_slots(f"{where}{STATED_TITLE.format(word=word, n=len(found))}", found))
    turn.slots.pop(SKU, None)
    return Outcome(Ev.LISTED)


def _valued(word: str, page: Sequence[Product]) -> bool:
    """Is `word` a spec value a product on the page comes in (有红色的吗: its stock is said)?"""
    asked = word.casefold()
    return any(asked == v.casefold() for p in page for vs in p.specs.values() for v in vs)


STATED_TITLE = "写明{word}的有这{n}款"
MAX_STATED = 5
"""At most this many products of the whole shop answer "有X的吗" (a feature, not a colour)."""
CARD_NEXT = "回复“买”下单，“返回”回到列表；想了解什么直接问我。"


def _fact_line(item: Product, said: str) -> str:
    """One listed product's answer, led by its name unless the answer names it already."""
    return said if item.name in said else f"{item.name}：{said}"


_COUNT_ONLY = re.compile(r"(?:买|要|来|拍)?\s*[一二两三四五六七八九十]\s*[个件包盒瓶支条双套台份]")
""""一个", "来两件": how many, not which (a list choice is "1" or "第一个")."""
WHICH_LISTED = "您要哪一款？回复序号就行，例如“2”；也可以说“第二个来两件”。"


_DESCRIBED = re.compile(
    r"^(?:我要|要|就要|买|来个|那|那就)?(?P<word>[\u4e00-\u9fffA-Za-z0-9]{1,6}?)"
    r"(?:的|款|款的|版|版的)?(?:那个|那款|那只|那支|那件|那瓶|那条|那双|那盒|这个|这款)"
)
"""男士的那个, 女款那个, 大的那款: a listed product told by a word its name carries."""


def _described_listed(turn: Turn) -> Outcome | None:
    """ "男士的那个来一支" with several listed: the one product whose name (or alias, tag, spec)
    has that word is picked (bought with a buying verb), not a new search for 男士 goods."""
    shown = _page(turn)
    m = _DESCRIBED.match(fold(turn.text))
    if m is None or len(shown) < 2 or QUESTION.search(turn.text):
        return None
    word = m.group("word").lower()
    told = [p for p in shown if word in _said_of(p)]
    if len(told) != 1:
        return None
    rest = turn.text[m.end() :]
    if _BUY.search(rest) or _BUY.search(turn.text[: m.start("word")]):
        return buy(told[0], spec_values_in(turn.text, told[0]))
    turn.slots[SKU] = told[0].sku
    return Outcome(Ev.PICKED)


def _told_by_a_word(turn: Turn, shown: list[Product]) -> Outcome | None:
    """ "长款的", "就要那个长的吧要大号" with several listed: the one product a word of its name
    before 的 tells apart is shown (bought when a count is said with it), with the spec values
    said kept; a question about it is the question readers' to answer."""
    if len(shown) < 2 or QUESTION.search(turn.text):
        return None
    item = described_by_a_word(turn.text, shown) or told_by_one_character(turn.text, shown)
    if item is None:
        return None
    if quantity_in(turn.text) is not None:
        return buy(item, spec_values_in(turn.text, item))
    return _picked(turn, item)


def _said_of(item: Product) -> str:
    """What a product may be told by in a list: its name, aliases, tags and spec values."""
    values = [v for vs in item.specs.values() for v in vs]
    return " ".join((item.name, *item.aliases, *item.tags, *values)).lower()


def _which_listed(turn: Turn) -> Outcome | None:
    """ "一个", "买一个", "就这个" with several products listed: which one is meant is asked,
    rather than guessing the first or leaving for an order form that asks for a product."""
    shown = _page(turn)
    counted = _COUNT_ONLY.fullmatch(fold(turn.text).replace("俩", "两"))
    if counted and len(shown) > 1:
        return _which_to_buy(turn)
    if QUESTION.search(turn.text) or pick_number(turn.text, len(shown)) is not None:
        return None
    if ordinal_in(turn.text, len(shown)) is not None:
        return None
    if catalog.named_products(turn.ctx, turn.text):
        return None
    with_specs = best_fitting(turn.text, shown)
    if len(with_specs) == 1 and len(turn.text) <= 12:  # 燕麦色xl: only the hoodie comes in it
        return buy(with_specs[0], spec_values_in(turn.text, with_specs[0]))
    buying = (_BUY.search(turn.text) and len(turn.text) <= 6) or words.TO_CART.match(turn.word)
    if not (counted or buying or points_at_one(turn.text) or with_specs):
        return None
    if len(shown) == 1:
        return buy(shown[0], spec_values_in(turn.text, shown[0]))
    return _which_to_buy(turn)


def _which_to_buy(turn: Turn) -> Outcome:
    """Which one is asked; the number given next buys it (the shopper said they want one). What
    they said is kept for that message ("黑色来一个": the colour and the count)."""
    turn.slots[BUYING] = turn.text or True
    return Outcome.say(STAY, WHICH_LISTED)


def _order_without_the_pick(turn: Turn, shown: list[Product], wanted: str) -> Outcome | None:
    """Asked which one, the shopper goes on to check out instead (the receiver's details, 确认):
    the order form takes it, with the listed products that fit what was said to choose from,
    so those details are kept and the order is not lost in the list."""
    how = moving_on(turn.text)
    if how is None:
        return None
    fitting = best_fitting(wanted, shown) or shown
    if len(fitting) == 1:
        return buy(fitting[0], spec_values_in(wanted, fitting[0]))
    kept = "好的，收货信息记下了。" if how is MovingOn.RECEIVER else ""
    seed = {"choices": [p.sku for p in fitting], "hint": wanted}
    return Outcome.say(Ev.BUY, kept, seed=seed)


def best_fitting(text: str, shown: Sequence[Product]) -> list[Product]:
    """The listed products that come in the most of the spec values named: for "五香400g" over
    two beef snacks both sold 五香, only the one that also comes in 400g. A measure their names
    hold counts as one (20000毫安的充电宝: the 20000mAh one, not the 10000mAh one too)."""
    measures = set(_MEASURE.findall(as_written(text)))
    named = {p.sku: len(spec_values_in(text, p)) + _measures_named(measures, p) for p in shown}
    most = max(named.values(), default=0)
    return [p for p in shown if most and named[p.sku] == most]


_MEASURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:mah|ml|kg|g|w|寸)(?![a-z])")
"""A measure as product names write it (20000mah, 65w, 500ml), after `as_written`."""


def _measures_named(measures: set[str], item: Product) -> int:
    names = [n.casefold() for n in (item.name, *item.aliases)]
    return sum(1 for measure in measures if any(measure in name for name in names))


def _picked(turn: Turn, item: Product) -> Outcome:
    """A listed product shown on its card; the spec values said with the pick ("第一个 双支装")
    are kept for the order, so 结算 or 买 on the card buys what was chosen."""
    turn.slots[SKU] = item.sku
    wish = spec_values_in(turn.text, item)
    if wish:
        turn.slots[WISH] = wish
    else:
        turn.slots.pop(WISH, None)
    return Outcome(Ev.PICKED)


def _cart_held(turn: Turn) -> bool:
    """An order's cart waits while the shopper browses (逛逛 from the order form)."""
    return bool(own(turn.ctx.session, "order").get("lines"))


def _checkout_over(turn: Turn, shown: Sequence[Product]) -> Outcome | None:
    """结算 / 确认 / the receiver's details with a list or card on screen: never "没太明白". A
    cart waiting is checked out as it is; with none, the one product on screen is bought (with
    the values chosen for it), and several listed are offered to choose from in the order form,
    which keeps the receiver's details said meanwhile."""
    if moving_on(turn.text) is None:
        return None
    if _cart_held(turn):
        return Outcome(Ev.BUY, seed={"checkout": True})
    if len(shown) == 1:
        return buy(shown[0], _wish(turn) if turn.slots.get(SKU) == shown[0].sku else {})
    return _order_without_the_pick(turn, list(shown), "")


_ONE_MORE = re.compile(
    r"^(?:那|那就)?(?:再|还)(?:加|来|要|买|拿)(?:上)?(?:一|1)?(?:个|件|份|瓶|包|盒|支|条|袋|罐)?"
    r"(?P<rest>.+?)(?:吧|哈|呀|啊|[。.!！~～])*$"
)
"""再加个卸妆水, 再来个辣条, 还要一瓶卸妆水: one more product, added to what is being bought."""


def _one_more(turn: Turn, on_card: Product | None) -> Outcome | None:
    """ "再加个卸妆水" while browsing: an order, never a one-item list. On a card the product on it
    is the one the 再 adds to (it goes in first, with the values chosen for it). The order form
    reads the message itself and adds the product named, asking its spec when needed."""
    said = _ONE_MORE.match(fold(turn.text))
    if said is None or QUESTION.search(turn.text):
        return None
    rest = said.group("rest")
    named = within_longer_names(catalog.named_products(turn.ctx, rest), rest)
    if len(named) != 1 or (on_card is not None and named[0].sku == on_card.sku):
        return None
    if on_card is None or _cart_held(turn):
        return Outcome(Ev.BUY)
    return buy(on_card, _wish(turn))


def _ordered_by_reference(turn: Turn, on_card: Product | None) -> Outcome | None:
    """ "他腰围比较大 要130cm的 棕色", "那就买啫喱那个 两瓶", "那还是要入耳的吧 白色", "壳子要远峰蓝的"
    (the case of the list before this one): a buying message naming no other product, read
    against the card, the page, the products on screen before them and those spoken of lately
    (`referred_order`). The card's own product keeps the values asked about on it."""
    if turn.msg.kind is not Kind.TEXT:
        return None
    from bot.handlers.followups import spoken_of  # the handlers package imports the dialogs

    seen = [turn.slots[SKU]] if on_card is not None else []
    skus = [*seen, *_skus_of_page(turn), *(turn.slots.get(EARLIER) or [])]
    skus += spoken_of(turn.ctx.session)
    pool = [p for sku in skus if (p := catalog.product(turn.ctx, sku))]
    ordered = referred_order(turn.text, turn.ctx, pool, [on_card] if on_card else [])
    if ordered is None:
        return None
    seed = ordered.seed
    if on_card is not None and seed["sku"] == on_card.sku:
        seed = {**seed, "spec": {**_wish(turn), **seed["spec"]}}
    if ordered.note:  # 壳子要粉色的: said first, then the form asks the colours there are
        return Outcome.say(Ev.BUY, ordered.note, seed=seed)
    return Outcome(Ev.BUY, seed=seed)


@dataclass(frozen=True)
class ReferredOrder:
    """What the order form is opened with for a product pointed at: its seed, and a note said
    first (a colour it does not come in: "这款没有“粉色”。")."""

    seed: dict[str, Any]
    note: str = ""


def referred_order(
    text: str, ctx: Context, pool: Sequence[Product], preferred: Sequence[Product] = ()
) -> ReferredOrder | None:
    """The order for a buying message whose product is a short reference ("那先拍10个 红轴黑色的",
    "5斤礼盒的来一个", "啫喱那个"): the one product of `pool` (on screen or spoken of, the nearest
    first) it fits best (list_refs.py `ordered_one`, a tie going to `preferred`: the card),
    with the values it names; one when it says no count ("要…的" wants the one pointed at).
    None when the message asks something, buys nothing, names another product outright, or
    fits none (or several) of them."""
    if not _BUY.search(text) or is_question(text):
        return None
    first = first_part(text)
    if first.strip() and first != text and not catalog.named_products(ctx, first):
        text = first  # "远峰蓝 再来张防窥膜": the colour is the case's; the form adds the film
    elif any(p not in pool for p in catalog.named_products(ctx, text)):
        return None  # another product named outright: the order form or a search takes it
    item = ordered_one(text, pool, preferred)
    if item is None:
        return None
    spec = spec_values_in(text, item)
    seed: dict[str, Any] = {"sku": item.sku, "spec": spec}
    if quantity_in(without_names(text, item)) is None:
        seed["qty"] = 1  # a count said ("两瓶", "拍10个") is read by the form itself
    colour = unknown_colour(text, item, spec)
    return ReferredOrder(seed, f"这款没有“{colour}”。" if colour else "")


def _this_and_one_more(turn: Turn, item: Product) -> Outcome | None:
    """ "买一支02 再来个唇釉奶茶色", "要一盒30袋礼盒的 再加一包芒果干500g" on a card: the card's
    product as the first part says (its values, its count) goes in first, and the order form
    reads the rest as one more line; neither part is dropped."""
    if QUESTION.search(turn.text):
        return None
    first = first_part(turn.text)
    rest = turn.text[len(first) :]
    if not first.strip() or not rest.strip() or not catalog.named_products(turn.ctx, rest):
        return None
    values = spec_values_in(first, item)
    others = {p.sku for p in catalog.named_products(turn.ctx, first)} - {item.sku}
    if not values and (others or not _BUY.search(first)):
        return None  # the first part is about another product, or orders nothing
    return buy(item, _wish(turn))  # the values said now are read over the wish by the form


LIST_HINT = "要哪款直接说名字，看详情或下单都行。"
"""Said after an answer on a list, which may show no numbers (a comparison), so no 回复序号."""


async def hint_list(turn: Turn) -> Prompt | Outcome:
    """Asking again after an answer: the list is still on screen, so its title and the moves,
    not the whole list pasted under every answer."""
    page, pages = int(turn.slots.get(PAGE, 0)), _pages(turn)
    where = f"{turn.slots.get(TITLE, '商品')}（第{page + 1}/{pages}页）" if pages > 1 else "列表"
    more = "，“更多”看下一页" if page + 1 < pages else ""
    return (TextReply(f"{where}还在上面：回复序号看商品详情{more}，或直接说想要哪个。"),)


_ALL_OF_THEM = re.compile(
    r"(?:那|那就|好|好的)?[,，\s]*(?:这|那)?(?P<count>[两俩二三四五3-5]|几)?(?:个|款|件|样|种)?"
    r"(?:都|全都|全|一起)(?:要|买|来|拿|下单|拍)(?:了|吧|啦|哈|吧我都要)?"
    r"|各(?:来|要|买|拿|拍)?(?:一|1)(?:个|件|份|款|样)?(?:吧|哈)?"
)
""""都要", "两个都要", "各来一个", "全都买了": every product meant, one of each."""


def _all_of_them(turn: Turn, shown: list[Product]) -> Outcome | None:
    """ "都要" after a list of several, or after two cards in a row: the order form with one
    of each (their specs asked one at a time)."""
    said = _ALL_OF_THEM.fullmatch(fold(turn.text).rstrip("。.!！~～"))
    if said is None:
        return None
    count = (
        number_value(said.group("count") or "") if said.group("count") not in (None, "几") else None
    )
    earlier = [p for sku in turn.slots.get(EARLIER) or [] if (p := catalog.product(turn.ctx, sku))]
    pool = shown if len(shown) >= 2 else [*earlier, *shown]
    chosen = list({p.sku: p for p in pool}.values())
    if count is not None and len(shown) < 2:
        chosen = chosen[-count:]  # "两个都要" after two cards: the last two seen
    if len(chosen) < 2 or (count is not None and count != len(chosen)):
        return None
    return Outcome(Ev.BUY, seed={"skus": [p.sku for p in chosen]})


def _each_named(turn: Turn) -> Outcome | None:
    """ "都要 芒果干200g 草莓脆两包" over a list: several products ordered side by side, each with
    its spec or count; the order form reads the message, a line each (never "您要哪一款")."""
    if QUESTION.search(turn.text) or not _BUY.search(turn.text):
        return None
    clauses, _ = ordered_clauses(turn.ctx, turn.text)
    said = each_said(turn.ctx, turn.text, [p.sku for p in _listed(turn)])
    if len(clauses) < 2 or len(said) != len(clauses):
        return None
    return Outcome(Ev.BUY, seed={"skus": list(said)})


def remembering(on: OnFn) -> OnFn:
    """A state's handler that remembers the products on screen before a new list or card, and
    hands the page on screen to the order form with a product bought ("换成第二个" there)."""

    async def handled(turn: Turn) -> Outcome:
        kept = (PAIR, WHICH_TWO, SPOKEN_OF)
        turn.slots[PREVIOUS] = {k: turn.slots.pop(k) for k in kept if k in turn.slots}
        before = [turn.slots[SKU]] if turn.slots.get(SKU) else _skus_of_page(turn)
        listed = list(turn.slots.get(SKUS) or [])
        page = _skus_of_page(turn)
        outcome = await on(turn)
        turn.slots.pop(PREVIOUS, None)
        _kept_budget(turn)
        if list(turn.slots.get(SKUS) or []) != listed and before:
            turn.slots[EARLIER] = before[-PAGE_SIZE:]
        if outcome.event == Ev.BUY and len(page) > 1:
            outcome = replace(outcome, seed={**outcome.seed, SHOWN: page})
        return outcome

    return handled


def _without_what_is_refused(turn: Turn) -> Outcome | None:
    """ "不要辣的", "除了黑色的" over a list: the list again without the products it describes,
    or said plainly when every one of them is (or none is) what the shopper does not want."""
    listed = _listed(turn)
    found = refined(turn.text, listed, catalog.kb(turn.ctx).products.values())
    if found is None or not listed:
        return None
    if not found.dropped:
        offered = any(found.word in v for p in listed for vs in p.specs.values() for v in vs)
        said = f"上面这些都有{found.word}以外的可选" if offered else f"上面这些都不是{found.word}的"
        return Outcome.say(STAY, f"{said}，放心挑。", LIST_HINT)
    if not found.kept:
        return Outcome.say(
            STAY, f"上面这些都是{found.word}的，没有别的了。换个说法再找找，或回复“人工”问问客服。"
        )
    title = f"去掉{found.word}的，还有这{len(found.kept)}件"
    turn.slots.update(list_slots(title, found.kept))
    return Outcome(Ev.LISTED)


def _numbered_items(turn: Turn, shown: list[Product]) -> list[Product]:
    """What a number picks from: the page on screen, numbered from 1; but "第六个" on the first
    page counts on into the whole list (the sixth is the first of the next page). A bare "12"
    stays a number of this page (a slip, answered with the hint)."""
    if int(turn.slots.get(PAGE, 0)) == 0 and "第" in turn.text:
        return _listed(turn) or shown
    return shown


def _skus_of_page(turn: Turn) -> list[str]:
    return [p.sku for p in _page(turn)]


LAST_ASKED = "last_asked"
"""The question the list's last answer answered ("哪个便宜" → 多少钱), for the next message only:
"那大的那个呢" asks it again about the one it points at."""
ASKED_BEFORE = "asked_before"


async def on_list(turn: Turn) -> Outcome:
    before = turn.slots.pop(LAST_ASKED, None)
    if isinstance(before, str):
        turn.slots[ASKED_BEFORE] = before
    outcome = await _on_list(turn)
    turn.slots.pop(ASKED_BEFORE, None)
    said = any(isinstance(r, TextReply) for r in outcome.replies)
    if outcome.event == STAY and said and is_question(turn.text) and not turn.slots.get(SKU):
        turn.slots[LAST_ASKED] = _asked_again(turn.text)
    return outcome


def _asked_again(question: str) -> str:
    """What a question over the list asks of one product when asked again: a price compared
    (哪个便宜, 都多少钱) is that one's price; any other question as it was said."""
    return "多少钱" if _MONEY_ASKED.search(question) or _CHEAPER.search(question) else question


_CHEAPER = re.compile(r"便宜|贵|实惠|划算|性价比")


async def _on_list(turn: Turn) -> Outcome:
    if plain_question(turn.text) != turn.text:  # 会缩水不: asked as 会缩水吗
        turn = _retold(turn, plain_question(turn.text), turn.slots)
    if _small_talk(turn):
        return Outcome(UNCLEAR)
    if (after_sales := await _after_sales(turn)) is not None:
        return after_sales
    all_of_them = _all_of_them(turn, _page(turn)) or _each_named(turn)
    if all_of_them is not None:
        return all_of_them
    page, pages = int(turn.slots.get(PAGE, 0)), _pages(turn)
    shown = _page(turn)
    wanted = turn.slots.pop(BUYING, False)  # the answer to 您要哪一款, this message only
    buying = bool(wanted)
    ordered = _order_without_the_pick(turn, shown, str(wanted)) if buying else None
    ordered = ordered or _checkout_over(turn, shown) or _one_more(turn, None)
    ordered = ordered or _ordered_by_reference(turn, None)
    if ordered is not None:
        return ordered
    compared = await _compared_in_parts(turn, shown, None) or _compared(turn, shown, None)
    if compared is not None:
        return compared
    narrowed = _without_what_is_refused(turn)
    if narrowed is not None:  # 不要辣的: the list without them
        return narrowed
    span = _span_said(turn, _listed(turn))
    if span is not None:  # 110-120的有吗 over kids' clothes: heights, not a price
        return span
    budgeted = _past_budget_list(turn, others_asked=True) or _within_budget(turn, _listed(turn))
    if budgeted is not None:  # 一百以内的有没: the list, within it; 第二个 past its end
        return budgeted
    wished = _within_wishes(turn, _listed(turn))
    if wished is not None:  # 男生穿的 要厚一点: the listed ones that fit
        return wished
    sized_for = _size_for_the_body_said(turn, shown)
    if sized_for is not None:  # "黄色 要哪个码" after "孩子6岁 115": the chart's size for 115cm
        return sized_for
    kind = _kind_listed(turn)
    if kind is not None:  # 坚果这块有哪些呀: the listed ones of that kind, not one nut's card
        return kind
    if _LIST_PRICE.match(fold(turn.text).strip()) and len(shown) > 1:
        return await _listed_prices(turn, shown)
    about_one = await _asked_of_one(turn, shown, on_list=True)
    if about_one is not None:
        return about_one
    if asks_gift_box(turn.ctx, turn.msg) and not _names_a_product(turn):
        return Outcome.say(STAY, gift_boxes_listed(turn.ctx, shown, _listed(turn)), LIST_HINT)
    if _asks_the_shop(turn):
        return Outcome(UNCLEAR)  # answered by the unclear hook; the list stays on screen
    measures = measured(turn.text) and not _names_a_value(turn.text, shown)
    body = body_in(turn.text) if measures else None
    sizes = advice_among(body, shown) if body is not None else None
    if sizes is not None:  # "130斤": the shopper's weight, for the sizes, never a size 130
        return Outcome.say(STAY, sizes)
    which = _described_listed(turn) or _told_by_a_word(turn, shown) or _which_listed(turn)
    if which is not None:
        return which
    numbered_items = _numbered_items(turn, shown)
    index = pick_number(turn.text, len(numbered_items))
    if index is not None and buying:
        return buy(numbered_items[index])
    if index is not None:
        return _picked(turn, numbered_items[index])
    index = ordinal_in(turn.text, len(numbered_items))
    if index is not None:  # "我要买第二个" buys it; "第二个怎么样" shows it
        if (buying or _BUY.search(turn.text)) and not QUESTION.search(turn.text):
            return buy(numbered_items[index], spec_values_in(turn.text, numbered_items[index]))
        return _picked(turn, numbered_items[index])
    if turn.word in words.NEXT_PAGE or turn.word in words.PREV_PAGE:
        step = 1 if turn.word in words.NEXT_PAGE else -1
        if not 0 <= page + step < pages:
            return Outcome.say(STAY, "已经是最后一页了。" if step > 0 else "已经是第一页了。")
        turn.slots[PAGE] = page + step
        return Outcome(Ev.PAGE)
    fits = _fit_listed(turn, shown)
    if fits is not None:  # 脚背高穿哪个码: each listed one's fit note
        return fits
    such = _stated_such(turn, _listed(turn), str(turn.slots.get(TITLE, "")), shown)
    if such is not None:  # 1.7L的有吗, 有防干烧的吗 of a product on another page, or none listed
        return such
    asked = await _asked_of_list(turn, shown)
    if asked is not None:
        return asked
    return (
        _category(turn)
        or _suggestion(turn, _listed(turn))
        or _order_sentence(turn)
        or _search(turn)  # a question that is no search is left to the unclear hook
        or Outcome.say(UNCLEAR, "没太明白您的意思～")  # the short hint follows
    )


def _size_for_the_body_said(turn: Turn, shown: list[Product]) -> Outcome | None:
    """Which size, asked with no body in the message, when the shopper said theirs before
    (kept in the session): each listed product's chart for it; a value named ("黄色") narrows
    the list to the products that come in it."""
    body = remembered_body(turn.ctx.session.slots)
    if body is None or measured(turn.text) or not asks_which_size(turn.text):
        return None
    named = [p for p in shown if spec_values_in(turn.text, p)]
    asked = [p for p in named or shown if sized(p)]
    theirs = [p for p in asked if worn_by(p, body.for_child)]
    if asked and not theirs:  # the child's 120cm, asked of a men's jacket: not the child's
        return Outcome.say(STAY, _someone_else(body, asked))
    sizes = advice_among(body, theirs)
    others = [p for p in asked if p not in theirs]
    if sizes is not None and others:  # the adult hoodie listed beside the kids' one
        *said, tail = sizes.split("\n")
        sizes = "\n".join([*said, _someone_else(body, others), tail])
    return Outcome.say(STAY, sizes) if sizes is not None else None


def _someone_else(body: Body, items: list[Product]) -> str:
    """The body said before is another wearer's than these products': said so, and asked."""
    names = "、".join(p.name for p in items[:MAX_BOXED_NAMED])
    said = "、".join(
        x
        for x in (
            f"{body.height_cm}cm" if body.height_cm else "",
            f"{body.weight_jin:g}斤" if body.weight_jin else "",
        )
        if x
    )
    if body.for_child:
        return f"您之前说的{said}是孩子的，{names}是大人穿的；给自己选的话告诉我身高体重就行～"
    return f"您之前说的{said}是您自己的，{names}是童装；给孩子选的话告诉我孩子多高就行～"


# ------------------------------------------------------------------------ card


def card(item: Product, left: int, hint: str = "") -> NewsReply:
    """A one-article card. The hint rides in the description: a second message for it would
    spend one of the shopper's five customer-service messages."""
    specs = "；".join(f"{name}：{' / '.join(values)}" for name, values in item.specs.items())
    stock_text = "有货" if left >= 10 else (f"仅剩{left}件" if left > 0 else "暂时缺货")
    description = "\n".join(x for x in (specs, stock_text, item.description, hint) if x)
    title = f"{item.name}  {yuan(item.price_fen)}"
    # A tap opens the product's page; without one (kb check warns) its picture, as group pushes
    # and customer-service news do (bot/broadcast/content.py: Card.of).
    link = item.page_url or item.image_url
    return NewsReply((Article(title, description, item.image_url, link),))


def details(item: Product, left: int) -> str:
    """The card's facts as text, for a shopper who asks about the product on the card."""
    specs = "\n".join(f"{name}：{' / '.join(values)}" for name, values in item.specs.items())
    stock_text = f"库存：{'充足' if left >= 10 else f'{left}件'}"
    return "\n".join(
        x for x in (f"{item.name} {yuan(item.price_fen)}", specs, stock_text, item.description) if x
    )


OFFERS_LEAD = "现在可用的优惠："


def _offers_said_once(answers: list[str]) -> list[str]:
    """ "多少钱 能用券吗": the coupon answer names the offers, so the price answer's own list of
    them is left out (the same offers twice in one reply, in other words)."""
    about_coupons = any("券" in a and OFFERS_LEAD not in a for a in answers)
    if not about_coupons:
        return [a for a in answers if a]
    return [kept for a in answers if (kept := a.split(OFFERS_LEAD)[0].strip())]


def price_answer(item: Product, left: int, ctx: Context) -> str:
    """ "多少钱" on its card: the price, whether it is in stock and the offers it can join, not
    the whole card again."""
    offers = offers_for(item, ctx)
    stock_text = "有货" if left >= LOW_STOCK else (f"仅剩{left}件" if left > 0 else "暂时缺货")
    said = f"{item.name} {yuan(item.price_fen)}，{stock_text}。"
    return said + (f"{OFFERS_LEAD}{'；'.join(offers)}。" if offers else "")


_FOR_HOW_MANY = re.compile(
    r"(?:\d+|[一二两三四五六七八九十几]+)\s*(?:口人|口之家|个人|口)(?!味|感|红)"
)
_HOW_MANY_SAID = re.compile(r"\d+\s*(?:-\d+\s*)?(?:口人|人份|人用|人)|[一二两三四五六]口之家")
FOR_HOW_MANY_UNSAID = "适合几口人用，资料里没写，我不太确定；回复“人工”，我请客服帮您确认～"


def _for_how_many(text: str) -> bool:
    """ "多大的适合3口人": for how many people it is asked."""
    return bool(_FOR_HOW_MANY.search(text))


def _says_for_how_many(item: Product) -> bool:
    return any(_HOW_MANY_SAID.search(t) for t in (item.description, *item.facts.values()))


CARD_HINT = "回复“买”下单，“返回”回到列表；想了解什么直接问我。"


def _money_asked(turn: Turn, item: Product) -> Outcome | None:
    """ "买三个多少钱" on a card: the total for that many as the cart would charge it; "能用券吗":
    the coupons this product can use. None for any other question."""
    count = count_asked(turn.text)
    if net_asked(turn.text):  # 用完多少钱: what it comes to with the offers, not their list
        return Outcome.say(STAY, net_answer(item, count or 1, turn.ctx), "要的话回复“买”下单。")
    if count is not None:
        return Outcome.say(STAY, total_answer(item, count, turn.ctx), "要的话回复“买”下单。")
    if coupon_asked(turn.text) and not _ordered_with_a_coupon(turn, item):
        return Outcome.say(STAY, coupon_answer(item, turn.ctx), "要的话回复“买”下单。")
    return None


def _priced_others(turn: Turn, item: Product) -> Outcome | None:
    """ "充电宝多少钱" on the cup's card: the price of the several other products the message
    names (the matcher's named ones, a typo such as 充电包 too; never by a tag alone), listed
    with their prices. None when it names one (the card turns to it: `_asked_of_another`), the
    card's own product, or asks no price."""
    if not asks_its_price(turn.text) or points_at_one(turn.text):
        return None
    result = catalog.match(turn.msg, turn.ctx)
    if result is None:
        return None
    kb = catalog.kb(turn.ctx)
    named = [kb.products[s] for s in result.entities.skus if s in kb.products]
    folded = turn.text.casefold()
    if len(named) < 2 or item in named or any(t in folded for p in named for t in p.tags):
        return None
    turn.slots.update(list_slots(f"为您找到{len(named)}件相关商品", named))
    turn.slots.pop(SKU, None)
    turn.slots.pop(WISH, None)
    return Outcome(Ev.LISTED)


def _ordered_with_a_coupon(turn: Turn, item: Product) -> bool:
    """ "米白来一个 用通用优惠券": an order naming its coupon (the form applies it), not a
    question about which coupons this product takes."""
    if is_question(turn.text):
        return False
    return _wants_to_buy(turn, item) or _names_specs(turn, item)


SOLD_OUT_NEXT = "“返回”回到列表，想看同类有货的直接问我。"
SOLD_OUT_HINT = f"这款暂时缺货，还不能下单；{SOLD_OUT_NEXT}"
"""The card's next step while its product has no stock: nothing to buy, so no 回复“买”."""
_BUY_OFFER = re.compile(
    r"(?:要的话|想要的话)?回复“买”(?:下单)?(?:，“返回”回到列表)?(?:[；，,](?:想了解什么直接问我|或直接说要几件))?[。～]?"
)
"""A sentence offering 买 on a card ("回复“买”下单，“返回”回到列表。", "要的话回复“买”。")."""


async def _sold_out(turn: Turn, item: Product) -> bool:
    return (await stock.displayed(turn.services, [item.sku]))[item.sku] <= 0


def _without_buying(text: str) -> str:
    """`text` with its offer of 买 said as the sold-out card's next step (once)."""
    first = _BUY_OFFER.search(text)
    if first is None:
        return text
    later = _BUY_OFFER.sub("", text[first.end() :])
    return f"{text[: first.start()]}{SOLD_OUT_HINT}{later}"


async def ask_card(turn: Turn) -> Prompt | Outcome:
    item = catalog.product(turn.ctx, str(turn.slots.get(SKU, "")))
    if item is None:
        turn.slots.pop(SKU, None)
        return Outcome.say(Ev.GONE, "抱歉，这件商品已经下架了。")
    if turn.slots.pop(ANSWERED, None):
        return ()
    left = (await stock.displayed(turn.services, [item.sku]))[item.sku]
    return (card(item, left, CARD_HINT if left > 0 else SOLD_OUT_HINT),)


async def hint_card(turn: Turn) -> Prompt | Outcome:
    item = catalog.product(turn.ctx, str(turn.slots.get(SKU, "")))
    sold_out = item is not None and await _sold_out(turn, item)
    return (TextReply(SOLD_OUT_HINT if sold_out else CARD_HINT),)


def _wants_to_buy(turn: Turn, item: Product) -> bool:
    if words.buys(turn.word) or words.TO_CART.match(turn.word):
        return True
    if asked_before_buying(turn.text):
        return False  # 想买个 声音大吗: the question is answered, nothing bought yet
    result = catalog.match(turn.msg, turn.ctx)
    if result is None or result.intent != "place_order" or result.band == "fallback":
        return False
    named = {hit.sku for hit in result.products}
    if not named or item.sku in named:
        return True
    # "要两件燕麦色的 L码 不对 XL": no product named outright, and the search hit (燕麦片, by the
    # 燕麦 of 燕麦色) only comes from this product's own spec values: it is this product's order.
    return not result.entities.skus and bool(spec_values_in(turn.text, item))


_ORDER_PART = re.compile(
    r"(?:^|[\s,，。;；])(?:那|那就|就|有的话)?(?:要|来|买|拿|拍)\s*"
    r"(?:\d+|[一两二三四五六七八九十])\s*[件个条双套盒瓶支只份]"
)


def _asks_and_orders(turn: Turn, item: Product) -> bool:
    """ "蓝色有吗 要一件": whether a value is there, and an order for it in the same message;
    the order form takes both (it says so when the value is not there)."""
    asked = IN_STOCK_ASKED.search(turn.text)
    ordered = _ORDER_PART.search(turn.text)
    if asked is None or ordered is None or ordered.start() < asked.end():
        return False
    return bool(spec_values_in(turn.text[: ordered.start()], item))


def _names_specs(turn: Turn, item: Product) -> bool:
    """ "白的", "L码", "黑色M码两件" on a card: choosing it, so it goes to the order form; so
    do the variants of a longer message ("格子蓝 XL 一套 格子粉 M 一套": a line each)."""
    if QUESTION.search(turn.text) or not item.specs:
        return False
    named = spec_values_in(turn.text, item)
    return bool(named) and (len(turn.text) <= 12 or variant_lines(turn.text, item) is not None)


def _another_described(turn: Turn, item: Product) -> Outcome | None:
    """ "轻薄的 黑色 L码" on the long coat's card, opened from a list of both coats (or seen
    after the other's card, or one of the card's kind): the describing word names the other
    product, and the values said are its order, not the card's."""
    if QUESTION.search(turn.text):
        return None
    page = _page(turn)
    earlier = [p for sku in turn.slots.get(EARLIER) or [] if (p := catalog.product(turn.ctx, sku))]
    pool = page if len(page) >= 2 else [*earlier, item]
    other = described_by_a_word(turn.text, list({p.sku: p for p in pool}.values()), item)
    if other is None:  # the coats talked of, though only the cardigan was listed in the budget
        other = described_by_a_word(turn.text, _kind_on_card(turn, item), item)
    if other is None or other.sku == item.sku:
        return None
    said = spec_values_in(turn.text, other)
    return buy(other, said) if said or _BUY.search(turn.text) else None


def _wish(turn: Turn) -> dict[str, str]:
    wish = turn.slots.get(WISH)
    return {str(k): str(v) for k, v in wish.items()} if isinstance(wish, Mapping) else {}


def _picked_on_card(turn: Turn, item: Product) -> Outcome | None:
    """ "第二个" / "要第一个" on a card: a product of the list the card was opened from."""
    shown = _page(turn)
    index = pick_number(turn.text, len(shown))
    if index is None:
        index = ordinal_in(turn.text, len(shown))
    if index is None:
        return None
    chosen = shown[index]
    if _BUY.search(turn.text) and not QUESTION.search(turn.text):
        return buy(chosen, _wish(turn) if chosen.sku == item.sku else None)
    if chosen.sku == item.sku:
        return Outcome.say(STAY, f"现在看的就是{item.name}。{CARD_HINT}")
    turn.slots[SKU] = chosen.sku
    turn.slots.pop(WISH, None)
    return Outcome(Ev.PICKED)


async def _specs_asked(turn: Turn, item: Product) -> Outcome | None:
    """ "有白色L码吗": answered from its specs and stock, and kept for the order ("买俩")."""
    if not asks_availability(turn.text):
        return None
    from bot.handlers.answers import spec_answer  # the handlers package imports the dialogs

    said = await spec_answer(turn.text, item, turn.ctx)
    if said is None:
        return None
    own, _ = specs_asked(turn.text, item, catalog.kb(turn.ctx))
    compared = specs_named_twice(turn.text, item)  # 350的和500的价格一样吗: neither is chosen
    wished = {k: v for k, v in {**_wish(turn), **own}.items() if k not in compared}
    if wished != _wish(turn):
        turn.slots[WISH] = wished
    if own and asks_its_price(turn.text):  # 5斤礼盒多少钱: the price too, not its stock alone
        same = "（各规格同价）" if any(len(v) > 1 for v in item.specs.values()) else ""
        said = f"{item.name} {yuan(item.price_fen)}{same}。{said}"
    rest = turn.text
    for value in own.values():  # 500ml的保温多久: the fact of 保温, asked of the 500ml one
        rest = rest.replace(value, " ")
    topics = [_topic_of(turn.ctx, c) for c in _CLAUSE_BREAK.split(rest) if c.strip("的 ")]
    told = [item.facts[t] for t in dict.fromkeys(topics) if t and t in item.facts]
    if told:  # 偏码吗 我平时穿42: the fit as well as the size's stock
        said = f"{''.join(told)}{said}"
    from bot.handlers.compat import model_fit_said

    fit = model_fit_said(turn.text, item) if _FITS.search(turn.text) else None
    if fit is None and "尺寸" in own and _FITS.search(turn.text) and not _NOT_HAD.search(said):
        fit = "可以用～"  # 1米8的床能用吗 of the 1.8米床 sheets: it comes in that size
    if fit is not None:  # 15pro能用吗 on the case's card: the fit, then that model's stock
        said = f"{fit}{said}"
    clause = described_clause(rest, item) if own and not told and fit is None else None
    if clause is not None:  # 豆沙色黄皮能用吗: 黄皮友好 from its description, then the stock
        said = f"{item.name}：{clause}。{said}"
    return Outcome.say(STAY, said)


_COUNT_ASKED = re.compile(
    r"(\d+)\s*(?:多)?([个件只份箱盒套条袋瓶支双台]?)(?:左右)?\s*(?:的)?(?:现货|库存|货)?\s*"
    r"(?:够不够|够吗|够么|够不|有没有|有吗|有么|有不|能有吗|能发吗|有货吗|能买吗)"
)
"""A count asked against the stock (80个现货够不够, 有100个吗 written 100个有吗)."""
BULK_FROM = 50
"""From this count on one product, the shop's group price applies (faq.toml order.bulk)."""
BULK_FAQ = "order.bulk"


async def _count_in_stock(turn: Turn, item: Product) -> Outcome | None:
    """ "80个现货够不够" on a card: whether the stock holds that many, and from the group-price
    count on, the shop's rule for it (its FAQ) as the next step."""
    found = _COUNT_ASKED.search(convert_numerals(turn.text))
    if found is None:
        return None
    wanted, unit = int(found.group(1)), found.group(2) or "件"
    left = (await stock.displayed(turn.services, [item.sku]))[item.sku]
    if left >= wanted:
        said = f"{item.name}现货有{left}{unit}，{wanted}{unit}够的。"
    elif left > 0:
        said = (
            f"{item.name}现货只有{left}{unit}，不够{wanted}{unit}，差的可以回复“人工”问问补货时间。"
        )
    else:
        said = f"{item.name}暂时缺货了，补货时间可以回复“人工”问问客服。"
    bulk = catalog.kb(turn.ctx).faqs.get(BULK_FAQ)
    if wanted >= BULK_FROM and left > 0 and bulk is not None:
        return Outcome.say(STAY, said, bulk.answer)
    return Outcome.say(STAY, said, "要的话回复“买”，或直接说要几件。")


_CLAUSE_BREAK = re.compile(r"[\s，,；;。？?！!]+")
_FITS = re.compile(r"能用|可以用|能不能用|可不可以用|用得了|适配|适用|合适吗")
_NOT_HAD = re.compile(r"没有|缺货")
_NEXT_STEP = re.compile(r"回复“|直接说|直接告诉我|直接问我")
"""A sentence that tells the shopper what to do next: said once, after all the answers."""


def _question_groups(turn: Turn) -> list[str]:
    return question_groups(turn.text, lambda clause: _turns_to(turn, clause))


def question_groups(text: str, turns_to: Callable[[str], bool] = lambda _: False) -> list[str]:
    """ "有卡其吗 多少钱 包邮不": the questions of one message, each with the clauses after it
    that say no question ("偏码吗 我平时穿42" is one question with its detail)."""
    groups: list[str] = []
    lead_in = ""  # "那换个别的 乳胶枕怎么样": what comes before the first question belongs to it
    for clause in (c for c in _CLAUSE_BREAK.split(text) if c):
        clause = plain_question(clause)  # 包邮不: asked as 包邮吗
        asks = is_question(clause) and not turns_to(clause)  # 那开衫呢: no question yet
        if asks:
            groups.append(f"{lead_in} {clause}".strip())
            lead_in = ""
        elif groups:
            groups[-1] = f"{groups[-1]} {clause}"
        else:
            lead_in = f"{lead_in} {clause}".strip()
    return groups if not lead_in else [*groups, lead_in]


_TURNING_TO = re.compile(r"^(?:那|那么|还有)?(?P<thing>[^\s，,？?]{1,12}?)(?:呢|嘞|咧)[?？]*$")
"""A product turned to with nothing asked of it yet ("那开衫呢")."""


def _turns_to(turn: Turn, clause: str) -> bool:
    """ "那开衫呢" before "有啥颜色": it says which product the next question is about; alone
    it asks nothing (the question after it is the one asked)."""
    said = _TURNING_TO.match(clause)
    if said is None:
        return False
    thing = said.group("thing")
    return bool(named_in(thing, catalog.named_products(turn.ctx, thing)))


async def _several_asked(turn: Turn) -> Outcome | None:
    """Several questions in one message on a card: each answered as if asked alone, the
    answers together and one next step after them. None when it is one question, or when one
    of them is no question about the card (a new search, an order): the whole message is read."""
    if measured(turn.text):
        return None  # 身高175 体重160斤选哪个码: one size asked for a height and a weight
    groups = _question_groups(turn)
    if len(groups) < 2:
        return None
    if any(count_asked(g) for g in groups):  # 俩一起多少钱 包邮不: the total says the postage
        groups = [g for g in groups if not _BARE_POSTAGE.fullmatch(word_of(g))]
    if len(groups) == 1:
        asked = _retold(turn, groups[0], dict(turn.slots))
        outcome = await _on_card_one(asked)
        turn.slots.update(asked.slots)
        return outcome
    answers: list[str] = []
    tail = ""
    for group in groups:
        asked = _retold(turn, group, dict(turn.slots))
        outcome = await _on_card_one(asked)
        said = [r.text for r in outcome.replies if isinstance(r, TextReply)]
        if outcome.event != STAY or not said:
            return None
        turn.slots.update(asked.slots)
        sentences = re.split(r"(?<=[。！～])", said[0])
        kept = "".join(x for x in sentences if not _NEXT_STEP.search(x)).strip()
        answers.append(kept or said[0])  # "…不太确定…回复“人工”": that is the answer itself
        tail = next((t for t in said[1:] if _NEXT_STEP.search(t)), tail)
    body = "\n".join(dict.fromkeys(_stock_said_once(_offers_said_once(answers))))
    if "人工" in body:  # one next step: the human offered for the part not answered
        return Outcome.say(STAY, body)
    return Outcome.say(STAY, body, tail or "要的话回复“买”，或直接说要几件。")


_BARE_POSTAGE = re.compile(
    r"(?:那|那就|能|可以)?(?:包邮|包不包邮|免邮|免运费|运费|邮费|要运费|有运费)"
    r"(?:吗|么|嘛|不|没|呢|多少|是多少|怎么算)?"
)
"""A postage question naming no place or amount ("包邮不"): the total for a count answers it."""


async def several_asked_of(
    msg: Inbound, ctx: Context, item: Product
) -> tuple[dict[str, Any], tuple[Reply, ...]] | None:
    """Several questions about one product asked outside any dialog ("头戴耳机能折叠吗 重不重",
    "青轴多少钱 吵不吵"): each answered as on its card; the card's slots after them and the
    replies (the caller puts the card on screen, unsent, so "买" next is about it). None when
    the card would not answer every part."""
    seed = card_slots(item)
    turn = Turn(msg, _seen_on_card(ctx, seed), dict(seed))
    outcome = await _several_asked(turn)
    if outcome is None or outcome.event != STAY:
        return None
    return turn.slots, outcome.replies


_IN_STOCK = re.compile(r"[，,]有货(?=[。，,；;]|$)")


def _stock_said_once(answers: list[str]) -> list[str]:
    """ "卡其有货" then "¥699，有货": the stock is said by the first answer that says it; the
    later ones keep the rest of what they say."""
    kept: list[str] = []
    for answer in answers:
        if any("有货" in a for a in kept):
            answer = _IN_STOCK.sub("", answer).replace("。。", "。")
        kept.append(answer)
    return kept


async def on_card(turn: Turn) -> Outcome:
    _asked_of_another(turn)
    beside = await _order_beside_the_rest(turn)
    if beside is not None:  # 那就要一对 寄沈阳几天到: the order, and the question in the form
        return beside
    several = await _several_asked(turn) if turn.msg.kind is Kind.TEXT else None
    outcome = several if several is not None else await _on_card_one(turn)
    return await _buying_offered_in_stock(turn, outcome)


async def _buying_offered_in_stock(turn: Turn, outcome: Outcome) -> Outcome:
    """An answer on the card of a product out of stock offers no 买 ("什么时候有货": the restock,
    then where to go from here)."""
    item = catalog.product(turn.ctx, str(turn.slots.get(SKU, "")))
    if outcome.event not in (STAY, Ev.BUY) or item is None or not await _sold_out(turn, item):
        return outcome
    if outcome.event == Ev.BUY:  # 买 on its card: said now, not after choosing a colour
        if outcome.seed.get("sku") != item.sku:
            return outcome
        return Outcome.say(STAY, f"抱歉，{item.name}暂时缺货，还不能下单；{SOLD_OUT_NEXT}")
    replies = tuple(
        TextReply(_without_buying(r.text)) if isinstance(r, TextReply) else r
        for r in outcome.replies
    )
    return replace(outcome, replies=replies)


_CHOSEN = re.compile(r"就它|就这|[那这]个吧|[那这]款吧|的吧$|个吧$")
"""A choice said without a buying word: "木质调那个吧", "白色 就它了"."""
_FOR_THE_ORDER = re.compile(r"[A-Za-z]{3,}\d+|备注|留言|寄|发到|送到|邮到|发票|顺丰|贺卡|祝福")
"""A part an order carries besides the product: a coupon code, a note, where it goes."""


async def _order_beside_the_rest(turn: Turn) -> Outcome | None:
    """ "那就要一对 寄沈阳几天到", "白色 就它了 用NEWBIE15", "要20个 能便宜点不", "木质调那个吧 能写
    贺卡吗" on a card: one part orders the card's product, another asks something or is for the
    order (a coupon code, a note, a city). Neither is dropped: the part that orders, read alone,
    opens the order form, which reads the whole message, takes what its slots take and answers
    the question in passing. None when no part orders, or no part is besides the order (the
    message is read whole, as usual), or it is a question asked before buying ("想买个加湿器
    声音大不大")."""
    if turn.msg.kind is not Kind.TEXT or asked_before_buying(turn.text):
        return None
    clauses = [c for c in _CLAUSE_BREAK.split(fold(turn.text)) if c]
    if len(clauses) < 2:
        return None
    asks = [c for c in clauses if is_question(plain_question(c))]
    orders = [
        c
        for c in clauses
        if c not in asks and (_BUY.search(c) or words.buys(word_of(c)) or _CHOSEN.search(c))
    ]
    besides = [c for c in clauses if c not in orders and (c in asks or _FOR_THE_ORDER.search(c))]
    if not orders or not besides:
        return None
    asked = _retold(turn, orders[0], dict(turn.slots))
    outcome = await _on_card_one(asked)
    if outcome.event != Ev.BUY:
        return None
    turn.slots.update(asked.slots)
    return outcome


def _asked_of_another(turn: Turn) -> None:
    """ "乳胶枕怎么样 是一对吗" on the scarf's card: a question that writes out another product is
    about that one, which is then the product on screen ("多少" next is its price)."""
    if turn.msg.kind is not Kind.TEXT or not is_question(turn.text):
        return
    if comparison_asked(turn.text) is not None:
        return  # 那个和保湿修护面霜有啥区别: this one beside that one, compared on the card
    from bot.handlers.answers import product_meant  # the handlers package imports the dialogs
    from bot.handlers.compat import compat_answer

    other = product_meant(turn.msg, turn.ctx)
    here = catalog.product(turn.ctx, str(turn.slots.get(SKU, "")))
    spelled = catalog.spelled(turn.ctx, turn.text)
    if other is None and here is not None and not spell_names_more(spelled, turn.text, here):
        # 保问杯多少钱 on the T-shirt's card: the cup (燕卖色 on the cardigan's is its colour)
        other = product_meant(replace(turn.msg, text=spelled), turn.ctx)
    if other is None or other.sku == turn.slots.get(SKU) or points_at_one(turn.text):
        return
    if here is not None and compat_answer(turn.msg, here, turn.ctx) is not None:
        return  # 支持苹果吗 on a charger's card: 苹果 is the phone it fits, not the fruit
    turn.slots[SKU] = other.sku
    turn.slots.pop(WISH, None)


async def _on_card_one(turn: Turn) -> Outcome:
    if plain_question(turn.text) != turn.text:  # 能机洗不: asked as 能机洗吗
        turn = _retold(turn, plain_question(turn.text), turn.slots)
    item = catalog.product(turn.ctx, str(turn.slots.get(SKU, "")))
    if item is None:
        return Outcome(Ev.GONE)
    spelled = catalog.spelled(turn.ctx, turn.text)
    if spell_names_more(spelled, turn.text, item):  # 雾霾兰有吗: asked as 雾霾蓝有吗
        turn = _retold(turn, spelled, turn.slots)
    if _small_talk(turn):
        return Outcome(UNCLEAR)
    if (after_sales := await _after_sales(turn)) is not None:
        return after_sales
    per_unit = unit_price_answer(turn.text, item)
    if per_unit is not None:  # 多少钱一斤 of 2斤装 / 5斤礼盒: sold by the pack, its price
        return Outcome.say(STAY, per_unit, "要哪种直接告诉我～")
    others = _priced_others(turn, item)
    if others is not None:  # 充电包多少钱 on the cup's card: the power banks, not the cup
        return others
    money = _money_asked(turn, item)
    if money is not None:  # 两个一共多少, 能用券吗: this product's total or coupons
        return money
    if _asks_and_orders(turn, item):  # 蓝色有吗 要一件: the order form, with 蓝色 and one
        return buy(item, spec_values_in(turn.text, item))
    referred_to = _ordered_by_reference(turn, item)
    if referred_to is not None:  # 要130cm的 棕色, 那还是要入耳的吧: the one it points at
        return referred_to
    described = _another_described(turn, item)
    if described is not None:  # 轻薄的 黑色 L码 on the long coat's card: the light one's order
        return described
    both = _this_and_one_more(turn, item)
    if both is not None:  # 买一支02 再来个唇釉奶茶色: the lipstick, then the gloss
        return both
    sized_for = _size_for_the_body_said(turn, [item])
    if sized_for is not None:  # "要哪个码" after "孩子6岁 115": the chart's size for 115cm
        return sized_for
    fit = fit_answer(turn.text, item) if is_question(turn.text) or "选" in turn.text else None
    if fit is not None:  # 脚背高穿哪个码: its fit note, and the size from the usual one said
        return Outcome.say(STAY, fit, "要哪个码直接告诉我～")
    each = await _each_question(turn, on_card)
    if each is not None:  # 多少钱 有黑色吗: both answered, not only the last one
        return each
    all_of_them = _all_of_them(turn, [p for p in _page(turn) if len(_page(turn)) > 1] or [item])
    if all_of_them is not None:
        return all_of_them
    span = _span_said(turn, [item])
    if span is not None:  # 110-120的有吗 on a kids' hoodie's card: its sizes for that height
        return span
    budgeted = _past_budget_list(turn) or _within_budget(turn, _kind_on_card(turn, item))
    if budgeted is not None:  # 一百以内的有吗 on a card: its kind, within it
        return budgeted
    compared = await _compared_in_parts(turn, _page(turn), item)
    compared = compared or _compared(turn, _page(turn), item)
    if compared is not None:
        return compared
    about_one = await _asked_of_one(turn, _page(turn))
    if about_one is not None:
        return about_one
    measure = measure_answer(turn.text, item) if is_question(turn.text) else None
    fit = length_fit(turn.text)
    if fit is not None:  # 我160会不会太长: no length by height is recorded, said honestly
        record_gap(turn.msg, turn.ctx, "no_fact")
        return Outcome.say(STAY, "\n".join(x for x in (measure, fit) if x))
    if measure is not None:  # 皮带有多长的, 裤长多少: from its specs and description
        return Outcome.say(STAY, measure, "回复“买”下单，“返回”回到列表。")
    picked = _picked_on_card(turn, item) or await _specs_asked(turn, item)
    if picked is not None:
        return picked
    counted = await _count_in_stock(turn, item)
    if counted is not None:  # 80个现货够不够: the stock against the count, not the card again
        return counted
    gift = _gift_fit(turn, item)
    if gift is not None:  # 送长辈合适不: about this product as a present, not a gift search
        return gift
    if _wants_to_buy(turn, item) or _names_specs(turn, item):
        return buy(item, _wish(turn))
    ordered = _checkout_over(turn, [item]) or _one_more(turn, item)
    if ordered is not None:  # 结算 on the card buys it; 再加个卸妆水 adds one more product
        return ordered
    if turn.word in words.ASK:
        return Outcome.say(STAY, "想了解什么直接问我，比如“有什么颜色”“什么时候发货”。")
    # The handlers' one door for questions (product facts first); imported here, because the
    # handlers package imports the dialogs.
    from bot.handlers.answers import (
        asks_own_price,
        asks_price,
        product_meant,
        recorded_fact_answer,
        same_day_said,
        size_answer,
        unknown_to_shop,
    )
    from bot.handlers.compat import compat_answer

    compat = compat_answer(turn.msg, item, turn.ctx)
    if compat is not None:  # 支持苹果吗 on a charger's card: 苹果 is the phone, not the fruit
        return Outcome.say(STAY, compat, "回复“买”下单，“返回”回到列表。")

    others = await _others_on_card(turn, item)
    if others is not None:  # 有没有别的: its kind, within the budget said before
        return others
    kind = catalog.kb(turn.ctx).products_in(item.category)
    suggestion = _suggestion(turn, [p for p in kind if p.price_fen < item.price_fen] or kind)
    if suggestion is not None:  # 有没有便宜点的: cheaper ones of its kind
        return suggestion
    result = catalog.match(turn.msg, turn.ctx)
    sizes = size_answer(result, turn.ctx) if result is not None else None
    if sizes is not None:  # 我120斤穿多大: the size chart, not the list of sizes
        if "人工" in sizes:
            record_gap(turn.msg, turn.ctx, "no_fact")
        return Outcome.say(STAY, sizes)
    choices = None
    if result is None or not result.topic or result.topic not in item.facts:
        # 多大的 reads as the topic 功率多大: a product without that fact answers from its specs
        left = (await stock.displayed(turn.services, [item.sku]))[item.sku]
        choices = spec_choices(turn.text, [item], left)
    if choices is not None and _for_how_many(turn.text) and not _says_for_how_many(item):
        record_gap(turn.msg, turn.ctx, "no_fact")  # 多大的适合3口人: the sizes, and honestly
        return Outcome.say(STAY, f"{choices}\n{FOR_HOW_MANY_UNSAID}")
    if choices is not None:  # 有什么颜色: the values it comes in, not the whole card again
        return Outcome.say(STAY, choices, "要哪个直接告诉我～")
    described = _described_here(turn, item)
    if described is not None and result is not None and result.intent == "product_search":
        return described  # 纯棉的吗 on the T-shirt's card: about it, no search for 纯棉
    if result is not None and result.intent == "product_search" and not points_at_one(turn.text):
        searched = _category(turn) or _search(turn)  # 有没有耳机 on a card: a new search
        if searched is not None:
            return searched
    same_day = same_day_said(turn.msg, result, turn.ctx)
    if same_day is not None:  # 今天还能发吗 on a card: by the shop's clock, for this product
        return Outcome.say(STAY, same_day, "回复“买”下单，“返回”回到列表。")
    fact = await recorded_fact_answer(turn.msg, result, turn.ctx) if result is not None else None
    if fact is not None:
        return Outcome.say(STAY, fact, "回复“买”下单，“返回”回到列表。")
    from bot.handlers.answers import transit_answer, unsendable_asked  # handlers import dialogs

    refused = unsendable_asked(turn.text, catalog.kb(turn.ctx), [item])
    if refused is not None:  # 能寄到新疆吗 on the cherries' card: no, said of them
        return Outcome.say(STAY, refused)
    transit = transit_answer(turn.text, catalog.kb(turn.ctx), item)
    if transit is not None:  # 寄拉萨要几天 on a card: that place's days, or that it cannot go
        return Outcome.say(STAY, transit, "回复“买”下单，“返回”回到列表。")
    answered = result is not None and result.band != "fallback" and not asks_price(result)
    if answered and result is not None and result.faq is not None:
        said = own_gift_box(turn.ctx, item) if result.faq.id == GIFT_BOX_FAQ else None
        return Outcome.say(STAY, said or result.faq.answer, "回复“买”下单，“返回”回到列表。")
    such = _others_such(turn, item, result)
    if such is not None:  # 有不辣的吗 on the noodle's card: it is not, those that are
        return such
    about_it = result is not None and result.intent in ("product_info", "price_promo")
    if about_it or is_question(turn.text):
        asked = product_meant(turn.msg, turn.ctx) or item  # 保温杯…吗 on another card
        turned = asked is item and turns_to(turn.text) and named_in(turn.text, [item])
        unknown = None if turned else await unknown_to_shop(turn.msg, asked, turn.ctx)
        if unknown is not None:
            return Outcome.say(STAY, unknown)
        if described is not None and asked is item:
            return described  # 会不会干烧 of a kettle 防干烧: that clause, not the card again
        left = (await stock.displayed(turn.services, [item.sku]))[item.sku]
        if result is not None and asks_own_price(result) and asked is item:
            return Outcome.say(STAY, price_answer(item, left, turn.ctx), "要的话回复“买”。")
        if asks_verdict(turn.text) and asked is item:
            return Outcome.say(STAY, verdict_answer(item, left), "回复“买”下单，“返回”回到列表。")
        return Outcome.say(STAY, details(item, left), "回复“买”下单，“返回”回到列表。")
    if result is not None and result.intent == "product_search":
        searched = _category(turn) or _search(turn)
        if searched is not None:
            return searched
    return _category(turn) or Outcome.say(UNCLEAR, "没太明白您的意思～")


MAX_SUCH = 5


def _others_such(turn: Turn, item: Product, result: MatchResult | None) -> Outcome | None:
    """ "有不辣的吗" on the card of a product the data says is not so (tagged 辣): what it is,
    then its kind that is so — those sharing a use with it first (速食), else its category —
    listed. None when nothing is wished for, the card's product meets it, or none does."""
    if result is None or not IN_STOCK_ASKED.search(turn.text) or not result.wants.tags:
        return None
    if result.products or result.unsold or meets(item, result.wants):
        return None
    kind = [
        p
        for p in catalog.kb(turn.ctx).products_in(item.category)
        if p.sku != item.sku and meets(p, result.wants)
    ]
    alike = [p for p in kind if set(p.tags) & (set(item.tags) - set(result.wants.avoid))]
    shown = (alike or kind)[:MAX_SUCH]
    if not shown:
        return None
    from bot.handlers.answers import topic_in_data  # the handlers package imports the dialogs

    wish = "、".join(result.wants.tags)
    about = [topic_in_data(t, item) for t in (*result.wants.avoid, *result.wants.tags)]
    said = next((a.rstrip("。") for a in about if a), f"{item.name}不是{wish}的")
    turn.slots.update(list_slots(f"{said}；{wish}的可以看看这些", shown))
    turn.slots.pop(SKU, None)
    turn.slots.pop(WISH, None)
    return Outcome(Ev.LISTED)


def _described_here(turn: Turn, item: Product) -> Outcome | None:
    """A question its name or description answers ("透气吗" of 轻便透气跑步鞋), when the message
    writes out no other product."""
    from bot.handlers.answers import product_meant  # the handlers package imports the dialogs

    if product_meant(turn.msg, turn.ctx) not in (None, item):
        return None
    said = described_reply(turn.text, item, catalog.kb(turn.ctx).synonyms)
    return None if said is None else Outcome.say(STAY, said, "回复“买”下单，“返回”回到列表。")


_OTHERS = re.compile(
    r"(?:有没有|还有|有|看看|换个|换一?款)(?:别的|其他|其它|另外的)(?:的|款|款式)?[吗呢嘛么]?$"
)
_SPEC_WORD = re.compile(r"颜色|色|码|尺寸|规格|口味|容量|型号")


async def _others_on_card(turn: Turn, item: Product) -> Outcome | None:
    """ "有没有别的" / "还有别的围巾吗" on a card: the products like it (of the kind named, else the
    search's other finds, else its kind) that can be bought now, listed; with a budget said
    earlier only those within it, or, when none is, said so with the nearest one above it
    ("300元以内的同类只有这款；预算能放到400元的话，还有…"). Nothing else of the kind named:
    said so, with what else is like it."""
    text = fold(turn.text).rstrip("?？。.!！~～ ")
    kind = _kind_named(text, item)
    if kind:
        text = text.replace(kind, "")
    if not _OTHERS.search(text) or _SPEC_WORD.search(text) or any(n in text for n in item.specs):
        return None
    budget = said_budget(turn.ctx.session)
    kb = catalog.kb(turn.ctx)
    others = await _in_stock(
        turn, _of_kind(kb, kind, item) if kind else others_like(item, kb, budget)
    )
    fitting = [p for p in others if budget is None or budget.fits(p)]
    if budget is not None and others and not fitting:
        return Outcome.say(STAY, none_in_budget(others, budget), "想看哪个直接发商品名～")
    if not fitting and kind:
        return Outcome.say(STAY, await _only_one_of_kind(turn, item, kind))
    if not fitting:
        return None
    title = (
        f"{budget.said}的还有这些"
        if budget is not None
        else (f"还有这些{kind}" if kind else "同类的还有这些")
    )
    turn.slots.update(list_slots(title, fitting))
    turn.slots.pop(SKU, None)
    turn.slots.pop(WISH, None)
    return Outcome(Ev.LISTED)


def _kind_named(text: str, item: Product) -> str:
    """The card's own kind, as said after 别的 / 其他 ("还有别的围巾吗": 围巾), or ""."""
    said = [n for n in (item.name, *item.aliases) if n and n in text]
    return max(said, key=len, default="")


def _of_kind(kb: KnowledgeBase, kind: str, item: Product) -> list[Product]:
    """The other products whose name or alias has the word `kind` (耳机: 头戴式蓝牙耳机 too)."""
    return [
        p
        for p in kb.products.values()
        if p.sku != item.sku and any(kind in n for n in (p.name, *p.aliases) if n)
    ]


async def _in_stock(turn: Turn, products: list[Product]) -> list[Product]:
    """Those of `products` that can be bought now: an offer of "别的" is never a sold-out one."""
    left = await stock.displayed(turn.services, [p.sku for p in products])
    return [p for p in products if left.get(p.sku, 0) > 0]


async def _only_one_of_kind(turn: Turn, item: Product, kind: str) -> str:
    """No other `kind` to offer: said honestly (this one, and whether it is sold out), with the
    products like it that are in stock, and who can say when it is back (the shop has no
    back-in-stock notice to offer)."""
    left = (await stock.displayed(turn.services, [item.sku]))[item.sku]
    sold_out = left <= 0
    head = f"店里的{kind}目前只有{item.name}这一款" + ("，暂时缺货。" if sold_out else "。")
    like = (await _in_stock(turn, alike(item, catalog.kb(turn.ctx))))[:MAX_ALIKE]
    offer = "、".join(f"{p.name}{yuan(p.price_fen)}" for p in like)
    offered = f"同样{_shared_tag(item, like)}的还有{offer}。" if like else ""
    moves = [
        m for m in ("想看哪款直接发商品名" if like else "", BACK_IN_STOCK if sold_out else "") if m
    ]
    return head + offered + ("，".join(moves) + "～" if moves else "")


BACK_IN_STOCK = "补货时间可以回复“人工”问问客服"


def _shared_tag(item: Product, like: list[Product]) -> str:
    """A word for what `like` has in common with `item` (保暖), else 同类 reads as "同样同类"."""
    common = [t for t in item.tags if all(t in p.tags for p in like)]
    return common[0] if common else "适合"


MAX_ALIKE = 2


_SUITS = re.compile(r"合适|适合|合不合适|适不适合|拿得出手|行不行|行吗|可以吗|好不好|好吗|怎么样")
_AS_GIFT = re.compile(r"送(?!货|到|达|餐|的快|什么时候)|礼物|礼品")
GIFT_TAG = "送礼"


def _gift_fit(turn: Turn, item: Product) -> Outcome | None:
    """ "送长辈合适不" on a card: whether this product suits as a present, from its tags (送礼,
    送长辈), its gift-box spec and the recipient's attributes; "not sure" when the data says
    nothing. None when it asks no such thing, or names another product."""
    if not (_AS_GIFT.search(turn.text) and _SUITS.search(turn.text)):
        return None
    named = named_in(turn.text, catalog.named_products(turn.ctx, turn.text))
    if any(p.sku != item.sku for p in named):
        return None
    result = catalog.match(turn.msg, turn.ctx)
    wants = result.wants if result is not None else None
    whom = next(
        (t for t in (wants.tags if wants else ()) if t.startswith("送") and t != GIFT_TAG), ""
    )
    if wants is not None and sift([item], None, None, replace(wants, tags=())).against:
        return Outcome.say(STAY, f"{item.name}不太适合送这位哦，可以发“送礼”看看别的礼物～")
    boxed = next((v for vs in item.specs.values() for v in vs if "礼盒" in v), "")
    box = f"，有{boxed}" if boxed else ""
    if whom and whom in item.tags:
        said = f"{item.name}挺适合{whom}的{box}。"
    elif GIFT_TAG in item.tags or boxed:
        said = f"{item.name}是店里的送礼款{box}，{whom or '送人'}挺合适的。"
    else:
        from bot.handlers.answers import NOT_SURE  # the handlers package imports the dialogs

        record_gap(turn.msg, turn.ctx, "no_fact")
        return Outcome.say(STAY, NOT_SURE.format(name=item.name))
    return Outcome.say(STAY, said + _gift_service(turn.ctx), "要的话回复“买”。")


GIFT_FAQ = "order.gift"
GIFT_BOX_FAQ = "order.gift_box"
_BOXED = re.compile(r"礼盒|礼品盒|铁盒")


def own_gift_box(ctx: Context, item: Product) -> str:
    """ "有礼盒吗" on a card (or at the order form's step for it) is about this product's
    packaging: the spec that comes boxed, a box its description mentions, else none (the shop
    sells no boxes apart, as its FAQ says), with the free card for presents. Not the list of
    other products that come boxed."""
    boxed = _boxed(item)
    if boxed is not None:
        return f"{boxed}。{_gift_service(ctx)}"
    return f"{item.name}没有礼盒包装，店里也不单独卖礼盒。{_gift_service(ctx)}"


def gift_boxes_listed(ctx: Context, shown: Sequence[Product], listed: Sequence[Product]) -> str:
    """ "有礼盒吗" over a list: which of the products on the page come boxed and how, the others
    said to have none, the boxed ones on the list's other pages named, with the free card for
    presents."""
    if len(listed) <= 1 and len(shown) == 1:
        return own_gift_box(ctx, shown[0])
    boxed = [said for item in shown if (said := _boxed(item)) is not None]
    elsewhere = [p.name for p in listed if p not in shown and _boxed(p) is not None]
    more = f"列表后面还有带礼盒的：{'、'.join(elsewhere[:MAX_BOXED_NAMED])}。" if elsewhere else ""
    if not boxed:
        return f"这几款都没有礼盒包装。{more}{_gift_service(ctx)}"
    others = "其他几款没有礼盒包装。" if len(boxed) < len(shown) else ""
    return "；".join(boxed) + f"。{others}{more}{_gift_service(ctx)}"


MAX_BOXED_NAMED = 3


def _boxed(item: Product) -> str | None:
    """How the product comes boxed (a spec, its description, its name), or None."""
    specs = [v for values in item.specs.values() for v in values if _BOXED.search(v)]
    if specs:
        return f"{item.name}有礼盒装：选“{specs[0]}”规格就行"
    clause = next((c for c in re.split(r"[，,。；;]", item.description) if _BOXED.search(c)), "")
    if clause or _BOXED.search(item.name):
        return f"{item.name}自带礼盒（{clause or item.name}）"
    if any(_BOXED.search(tag) for tag in item.tags):
        return f"{item.name}是礼盒装"
    return None


def asks_gift_box(ctx: Context, msg: Inbound) -> bool:
    """Is the message the shop's gift-box question ("有礼盒吗", "能包成礼盒吗")?"""
    result = catalog.match(msg, ctx)
    return result is not None and result.faq is not None and result.faq.id == GIFT_BOX_FAQ


def _gift_service(ctx: Context) -> str:
    """What the shop does for presents, as its FAQ says (贺卡, no price slip): its first part."""
    faq = catalog.kb(ctx).faqs.get(GIFT_FAQ)
    if faq is None:
        return ""
    first = re.split(r"[；;\n]", faq.answer)[0].removeprefix("可以：").removeprefix("可以")
    return first.rstrip("。") + "。"


_HINT_SENTENCE = re.compile(r"(?:要的话|想要的话)?回复“买”[^。\n]*[。～]?$|要哪个直接告诉我～$")


async def _each_question(turn: Turn, on: OnFn) -> Outcome | None:
    """A message of several questions about what is on screen ("多少钱 有黑色吗"): each is
    answered as if asked alone, in the order asked, the answers in one reply with the hint
    of what to do next said once, at the end. None when the message asks one thing, or when
    a part is no question this state answers (the message is then read whole)."""
    parts = question_parts(turn.text)
    if len(parts) < 2:
        return None
    answers: list[str] = []
    for part in parts:
        asked = Turn(
            replace(turn.msg, text=part),
            turn.ctx.with_session(turn.ctx.session, fresh_cache=True),
            turn.slots,
        )
        outcome = await on(asked)
        said = [r.text for r in outcome.replies if isinstance(r, TextReply)]
        if outcome.event != STAY or not said or len(said) != len(outcome.replies):
            return None
        answers.append("\n".join(said))
    *before, last = answers
    kept = [_HINT_SENTENCE.sub("", a.split("\n")[0]).strip() for a in before]
    return Outcome.say(STAY, "\n".join([*kept, last]))


# ------------------------------------------------------------------ comparisons and references


PAIR = "pair"
"""Browse slot, for the next message: the two listed products the answer was about (蓝牙的有
白色吗 answered for two), so that "这俩有啥区别" then compares those two."""
WHICH_TWO = "which_two"
"""Browse slot, for the next message: the comparison asked (its quality) while which two of
the list it is about was asked; "1和3" then answers it."""
SPOKEN_OF = "spoken_of"
"""Browse slot, for the next message: the one listed product the answer before named as not
recording what was asked ("磁吸无线充电宝没有写这一点"): "那个呢" next is about it."""
PREVIOUS = "previous"
"""Browse slot, during one message only: PAIR and WHICH_TWO as the message before left them."""
_TWO = re.compile(r"这俩|那俩|这两|那两|两款|两个|两件|俩")
_TWO_PICKED = re.compile(
    rf"^(?:第)?({NUMBER})(?:个|款)?\s*(?:和|跟|与|、|,|，|\s)\s*(?:第)?({NUMBER})(?:个|款)?"
    r"(?:吧|呢|比一下|比比|对比一下)?[。.!！~～]*$"
)


def _compared(turn: Turn, shown: list[Product], item: Product | None) -> Outcome | None:
    """ "这俩有啥区别", "这个和T恤有啥不一样" (on `item`'s card), "哪个便宜点": answered from
    the products' data (compare.py), the list or card staying on screen. "这俩" with more than
    two listed is about the two the answer before narrowed to, else which two is asked."""
    ask = comparison_asked(turn.text)
    if ask is None:
        return _two_picked(turn, shown)
    products = _compared_products(turn, shown, item)
    if len(products) < 2:
        return None
    pair = _previous_pair(turn, shown) if products is shown and len(shown) > 2 else None
    if pair is not None and ask.quality and not _TWO.search(turn.text):
        products = pair  # 哪个能带上飞机 after two were compared: about those two
    elif products is shown and len(shown) > 2 and _TWO.search(turn.text):
        if pair is None:
            turn.slots[WHICH_TWO] = ask.quality
            return Outcome.say(
                STAY, f"列表里有{len(shown)}款，您想比哪两款？回复两个序号就行，比如“1和2”。"
            )
        products = pair
    return _comparison(turn, ask, products)


async def _compared_in_parts(
    turn: Turn, shown: list[Product], item: Product | None
) -> Outcome | None:
    """ "哪个轻 多少钱", "哪个便宜 哪个暖和" about the products on screen: each part answered
    from their data (a comparison by compare.py, a price by each one's price, another question
    as over a list), in the order asked, the next step said once. None when the message asks
    one thing, no part compares, or a part is no question their data answers."""
    parts = question_parts(turn.text)
    if len(parts) < 2 or not any(comparison_asked(part) for part in parts):
        return None
    products = _compared_products(turn, shown, item)
    pair = _previous_pair(turn, shown) if len(products) > 2 else None
    products = pair or products
    if len(products) < 2:
        return None
    said: list[str] = []
    for part in parts:
        asked = _retold(turn, part, turn.slots)
        ask = comparison_asked(part)
        if ask is None and _topic_of(turn.ctx, part) is not None:
            ask = Ask(part)  # 能带上飞机吗: each one's fact, those without it named
        if ask is not None:
            outcome: Outcome | None = _comparison(asked, ask, products)
        elif asks_its_price(part):
            outcome = Outcome.say(STAY, prices(products))
        else:
            outcome = await _asked_of_list(asked, products)
        texts = [r.text for r in outcome.replies if isinstance(r, TextReply)] if outcome else []
        if not texts:
            return None
        said.append("\n".join(texts))
    *before, last = said
    kept = ["\n".join(x for x in a.split("\n") if x != COMPARED_NEXT) for a in before]
    return Outcome.say(STAY, "\n".join([*kept, last]))


def _previous_pair(turn: Turn, shown: list[Product]) -> list[Product] | None:
    previous = turn.slots.get(PREVIOUS)
    skus = previous.get(PAIR) if isinstance(previous, Mapping) else None
    pair = [p for p in shown if isinstance(skus, list) and p.sku in skus]
    return pair if len(pair) == 2 else None


def _two_picked(turn: Turn, shown: list[Product]) -> Outcome | None:
    """ "1和3" after "您想比哪两款": those two compared as first asked."""
    previous = turn.slots.get(PREVIOUS)
    if not isinstance(previous, Mapping) or WHICH_TWO not in previous:
        return None
    picked = _TWO_PICKED.match(fold(turn.text))
    numbers = [number_value(n) for n in picked.groups()] if picked else []
    chosen = [shown[n - 1] for n in numbers if n is not None and 1 <= n <= len(shown)]
    if len(chosen) != 2 or chosen[0] is chosen[1]:
        return None
    return _comparison(turn, Ask(str(previous[WHICH_TWO])), chosen)


def _comparison(turn: Turn, ask: Ask, products: list[Product]) -> Outcome:
    result = catalog.match(turn.msg, turn.ctx)
    whole = result.topic if result else None
    topic = topic_asked(ask, lambda t: _topic_of(turn.ctx, t), whole)
    said = compare_answer(ask, products, topic, result.wants if result else None)
    if "人工" in said:
        record_gap(turn.msg, turn.ctx, "no_fact")
    lacking = lacking_the_fact(topic, products) if topic else []
    if len(lacking) == 1:  # "那个呢" next: the one named as not saying it
        turn.slots[SPOKEN_OF] = lacking[0].sku
    if len(products) == 2:
        turn.slots[PAIR] = [p.sku for p in products]
    return Outcome.say(STAY, said)


def _topic_of(ctx: Context, text: str) -> str | None:
    result = catalog.match_text(ctx, text)
    return result.topic if result is not None else None


def _compared_products(turn: Turn, shown: list[Product], item: Product | None) -> list[Product]:
    """The products a comparison is about: those it names or numbers, with the card's own
    product; else everything on screen."""
    found = catalog.named_products(turn.ctx, turn.text)
    named = within_longer_names(named_in(turn.text, found), turn.text)
    numbered_ = [
        shown[n - 1]
        for raw in re.findall(r"第\s*([一二两三四五六七八九十\d]{1,2})", turn.text)
        if (n := number_value(raw)) is not None and 1 <= n <= len(shown)
    ]
    chosen = list({p.sku: p for p in [*numbered_, *named]}.values())
    if len(chosen) < 2:  # "A和B有啥区别" on A's card: each part's product, as outside a dialog
        from bot.handlers.answers import compared_products  # the handlers import the dialogs

        by_parts = compared_products(turn.text, turn.ctx, item)
        chosen = by_parts if len(by_parts) >= 2 else chosen or by_parts
    if item is not None and len(chosen) == 1 and item.sku != chosen[0].sku:
        chosen.insert(0, item)  # 跟那个保湿修护的比: the card's product beside the one named
    if len(chosen) >= 2:
        return chosen
    if chosen and item is None:
        return []  # "这个和T恤" in a list: which one "这个" is, is not known
    written = parts_on_screen(turn.text, shown)
    if len(written) >= 2:  # 10000的和20000的: the two whose names hold them
        return written
    return shown if len(shown) >= 2 else []


_WHAT_IS = re.compile(
    r"(?:是|是个|是一个)?(?:啥|什么|啥东西|什么东西|哪个|哪款|什么样的?|啥样的?)"
    r"(?:呀|啊|呢|来着|哦)?[?？。.!！~～]*"
)
"""What the product pointed at is ("第三个是啥"): a question its card answers as a whole."""
_NOTHING_MORE = re.compile(r"[\s那么呢吗嘛呀啊吧哦?？。.!！~～]*")
"""Nothing asked beyond the pointing ("第二个呢"): the shopper wants to see that one."""


async def _asked_of_one(turn: Turn, shown: list[Product], on_list: bool = False) -> Outcome | None:
    """ "第二个有什么颜色", "加厚的那款多少钱", "黑色那个还有货吗": a question about one product
    of the list, answered as on its card, which becomes the product on screen; on a list of
    one (`on_list`), any question about it ("一周用几次")."""
    pointed = await _pointed_at(turn, shown)
    if pointed is not None:
        return pointed
    if asks_whether_to_buy(turn.text):
        return None  # 刷头是单独卖的吗: whether it comes with the product, for the unclear hook
    if not is_question(turn.text) and "啥" not in turn.text:
        return None
    reference = referred(turn.text, shown)
    if reference is not None:
        item, rest = reference.item, reference.rest(turn.text)
    elif (named := _kind_named_on_list(turn, shown)) is not None:
        item, rest = named  # 卫衣有啥颜色 over a list with one hoodie: about that one
    else:
        described = described_among(turn.text, shown)  # 头戴的有白色吗
        if (
            described is None
            and on_list
            and len(shown) == 1
            and not _names_a_product(turn)
            and not _names_unsold(turn, shown[0])
        ):
            described = Described([shown[0]], turn.text)  # a list of one is that product
        if described is None:
            return None
        if len(described.items) > 1:  # 蓝牙的有白色吗: answered for those it fits
            answered = await _asked_of_some(turn, described.items, described.question)
            question = described.question
            if answered is None and (
                _MONEY_ASKED.search(question) or _BARE_FOLLOW_UP.match(question)
            ):
                answered = await _prices_of(turn, described.items)  # 小的那个多少钱, two tie
            if answered is not None and len(described.items) == 2:
                turn.slots[PAIR] = [p.sku for p in described.items]
            return answered
        item, rest = described.items[0], described.question
    if not is_question(rest) and "啥" not in rest:
        return None
    before = turn.slots.get(ASKED_BEFORE)
    if isinstance(before, str) and _NOTHING_MORE.fullmatch(rest) and not _WHAT_IS.fullmatch(rest):
        rest = before  # 哪个便宜 → 那大的那个呢: the price again, of the bigger one
    elif _WHAT_IS.fullmatch(rest) or _NOTHING_MORE.fullmatch(rest):  # 第三个是啥, 第二个呢: show it
        turn.slots[SKU] = item.sku
        turn.slots.pop(WISH, None)
        return Outcome(Ev.PICKED)
    slots = {**turn.slots, SKU: item.sku}
    if item.sku != turn.slots.get(SKU):
        slots.pop(WISH, None)  # the wishes were about the other product
    asked = _retold(turn, rest, slots)
    asked = replace(asked, ctx=_seen_on_card(asked.ctx, slots))
    outcome = await on_card(asked)
    turn.slots.clear()
    turn.slots.update(asked.slots)
    if outcome.event in (STAY, UNCLEAR):
        said = [r for r in outcome.replies if isinstance(r, TextReply)]
        if outcome.event == UNCLEAR or not said:
            return Outcome(Ev.PICKED)  # nothing to say about it: its card shows what it has
        turn.slots[ANSWERED] = True
        head = said[0].text
        if item.name not in head:
            said[0] = TextReply(f"{item.name}：{head}")
        return Outcome(Ev.FOCUSED, tuple(said))
    return outcome


_POINTER = re.compile(
    r"^(?:那|这)(?:个|款|件|一个|一款|条|双|只)?(?=呢|还|有|怎么|多少|能|会|可以|是|适合|[?？]|$)|^它"
)
"""A message that opens by pointing at a product without saying which ("那个呢", "那个还有吗")."""
_BARE_FOLLOW_UP = re.compile(r"^(?:呢|怎么样|咋样|如何|呢吗)?[?？。.!！~～\s]*$")


async def _pointed_at(turn: Turn, shown: list[Product]) -> Outcome | None:
    """ "那个呢" right after an answer naming one product as not recording what was asked: about
    that one, said honestly; "那个还有吗" over a one-product list: about that product; with
    several listed and nothing to tell which: asked which one."""
    found = _POINTER.match(fold(turn.text).strip())
    if found is None or turn.slots.get(SKU) or catalog.named_products(turn.ctx, turn.text):
        return None  # on a card, 那个 is the card's product
    rest = fold(turn.text).strip()[found.end() :].strip(" ，,")
    previous = turn.slots.get(PREVIOUS)
    spoken = previous.get(SPOKEN_OF) if isinstance(previous, Mapping) else None
    item = next((p for p in shown if p.sku == spoken), None)
    if item is not None and _BARE_FOLLOW_UP.match(rest):  # the list stays: "要小的那个" next
        said = f"{item.name}的资料里没有写这一点，不想乱说误导您；回复“人工”我请客服帮您确认～"
        return Outcome.say(STAY, said)
    if item is None and len(shown) == 1:
        item = shown[0]
    if item is None:
        listed = numbered(p.name for p in shown)
        return Outcome.say(STAY, f"您说的是哪一款？回复序号就行：\n{listed}")
    if _BARE_FOLLOW_UP.match(rest):
        turn.slots[SKU] = item.sku
        return Outcome(Ev.PICKED)
    kept = dict(turn.slots)
    answered = await _asked_of_one(_retold(turn, f"第1个{rest}", turn.slots), [item])
    if answered is None or answered.event != Ev.FOCUSED:
        return answered
    turn.slots.clear()  # the one-product list stays on screen: what is named next is searched
    turn.slots.update(kept)
    return Outcome(STAY, answered.replies)


def _kind_named_on_list(turn: Turn, shown: list[Product]) -> tuple[Product, str] | None:
    """ "卫衣有啥颜色" over a list with one hoodie: the one listed product of the kind the
    message names (others of the kind off the list are not what is asked about), and the
    question without the name."""
    found = catalog.named_products(turn.ctx, turn.text)
    listed = [p for p in shown if p.sku in {f.sku for f in found}]
    if len(listed) != 1 or len(shown) < 2:
        return None
    folded = fold(turn.text)
    opening = folded.lstrip("那这 ")
    words = sorted(
        (w for p in found for w in (p.name, *p.aliases) if len(w) >= 2 and opening.startswith(w)),
        key=len,
        reverse=True,
    )
    if not words:
        return None  # the kind opens the question ("卫衣有啥颜色"), not "还有别的卫衣吗"
    return listed[0], opening[len(words[0]) :].strip(" ，,的")


def spell_names_more(spelled: str, text: str, item: Product) -> bool:
    """Does the message with its typos fixed name more of `item`'s spec values than as typed
    (雾霾兰 is no value, 雾霾蓝 is)? Only then is it read as fixed: the card reads values as said."""
    return spelled != text and len(spec_values_in(spelled, item)) > len(spec_values_in(text, item))


def _retold(turn: Turn, text: str, slots: dict[str, object]) -> Turn:
    """The turn as if the shopper had said only `text` (the question without the words that
    pointed at products), matched afresh."""
    ctx = turn.ctx.with_session(turn.ctx.session, fresh_cache=True)
    return Turn(replace(turn.msg, text=text), ctx, slots)


def _seen_on_card(ctx: Context, slots: dict[str, object]) -> Context:
    """The context as if the product of `slots` were on its card: the handlers' answers (its
    facts, its size chart) look for the product asked about there."""
    session = replace(
        ctx.session, state=f"browse:{B.CARD}", slots={**ctx.session.slots, "browse": dict(slots)}
    )
    return ctx.with_session(session)


_MONEY_ASKED = re.compile(r"多少钱|价格|价钱|几块|怎么卖|啥价|什么价|多钱")


_LIST_PRICE = re.compile(
    r"^(?:那|那么|这些|这几个|这几款|这两个|这两款|它们|都|分别|各)*(?:是|要|卖)?"
    r"(?:多少钱|几块钱?|什么价[格钱]?|啥价[格钱]?|价格|价钱|多钱)(?:是)?(?:多少)?"
    r"(?:啊|呀|呢|嘞|哇|哈|一个|一件|一份)*[?？。.~～!！\s]*$"
)
""""多少钱啊", "都多少钱", "分别什么价" over a list, naming none: each listed one's price."""


async def _listed_prices(turn: Turn, shown: list[Product]) -> Outcome:
    """ "多少钱啊" over a list: each listed one's price, in one sentence (the list stays)."""
    left = await stock.displayed(turn.services, [p.sku for p in shown])
    said = "，".join(
        f"{p.name}{yuan(p.price_fen)}{'（暂时缺货）' if left.get(p.sku, 0) <= 0 else ''}"
        for p in shown
    )
    return Outcome.say(STAY, f"{said}。", LIST_HINT)


async def _prices_of(turn: Turn, items: list[Product]) -> Outcome:
    """The price of each of the listed products a describing word fits ("小的那个多少钱" when two
    come in the smallest size), with their specs, and the list kept on screen."""
    left = await stock.displayed(turn.services, [p.sku for p in items])
    lines = []
    for item in items:
        specs = "、".join(v for vs in item.specs.values() for v in vs)
        sold_out = "（暂时缺货）" if left.get(item.sku, 0) <= 0 else ""
        said = f"{item.name}（{specs}）" if specs else f"{item.name} "
        lines.append(f"{said}{yuan(item.price_fen)}{sold_out}")
    head = f"您说的有这{len(items)}款："
    return Outcome.say(STAY, head + "\n" + "\n".join(lines), LIST_HINT)


async def _asked_of_some(turn: Turn, items: list[Product], question: str) -> Outcome | None:
    """ "蓝牙的有白色吗": the question asked of the listed products the describing word fits,
    the others left out of the answer."""
    if not is_question(question) and "啥" not in question:
        return None
    return await _asked_of_list(_retold(turn, question, dict(turn.slots)), items)


STATES = {
    B.CATEGORIES: StateDef(
        ask_categories, on_categories, owns=(SKUS, TITLE, PAGE), again=hint_categories
    ),
    B.LIST: StateDef(ask_list, remembering(on_list), owns=(SKU, BUYING), again=hint_list),
    B.CARD: StateDef(ask_card, remembering(on_card), owns=(SKU, WISH), again=hint_card),
}

TABLE: dict[tuple[BrowseState, str], Target] = {
    (B.CATEGORIES, Ev.LISTED): B.LIST,
    (B.CATEGORIES, Ev.PICKED): B.CARD,
    (B.CATEGORIES, Ev.FOCUSED): B.CARD,
    (B.CATEGORIES, Ev.BUY): Goto("order"),
    (B.LIST, Ev.PAGE): B.LIST,
    (B.LIST, Ev.LISTED): B.LIST,
    (B.LIST, Ev.PICKED): B.CARD,
    (B.LIST, Ev.FOCUSED): B.CARD,
    (B.CARD, Ev.FOCUSED): B.CARD,
    (B.LIST, Ev.BUY): Goto("order"),
    (B.CARD, Ev.BUY): Goto("order"),
    (B.CARD, Ev.PICKED): B.CARD,
    (B.CARD, Ev.LISTED): B.LIST,
    (B.CARD, Ev.GONE): B.LIST,
    (B.CATEGORIES, Ev.AFTER_SALES): Goto("aftersales"),
    (B.LIST, Ev.AFTER_SALES): Goto("aftersales"),
    (B.CARD, Ev.AFTER_SALES): Goto("aftersales"),
}


def build(moves: GlobalMoves) -> Dialog[BrowseState]:
    return Dialog(
        "browse",
        B.CATEGORIES,
        STATES,
        TABLE,
        title="逛商品",
        cancelled="好的，已退出商品浏览。想买什么随时告诉我～",
        moves=moves,
        exit_on_first_back=True,
    )


def _names_a_value(text: str, shown: list[Product]) -> bool:
    """Does the text name a spec value a listed product comes in ("棕色120cm" of a belt sold in
    110cm/120cm/130cm)? Then its measure is that choice, never the shopper's height. A bare
    number (the kids' size 130) is no such value: "我130斤" is still the shopper's weight."""
    compact = text.replace(" ", "").lower()
    return any(
        any(ch.isdigit() for ch in value) and not value.isdigit() and value.lower() in compact
        for item in shown
        for values in item.specs.values()
        for value in values
    )
