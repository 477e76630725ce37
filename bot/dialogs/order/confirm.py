"""The last step: show the order with its total, and on 确认 create it with its stock reserved.

Creation is idempotent on the confirming message's dedup key (MsgId): the pipeline already runs a
handler once per WeChat message, and the store returns the first order for the same key, so even
a retry that got past the pipeline cannot create a second order. When stock runs out between
cart and confirmation (another shopper was faster), nothing is created; the cart is trimmed to
what is left and shown again, or the dialog ends when nothing is left.
"""

from __future__ import annotations

import logging

from bot.dialogs import words
from bot.dialogs.machine import UNCLEAR, Outcome, Prompt
from bot.dialogs.order.item import cart_text
from bot.dialogs.order.states import ADDRESS, CART, COUPON, NAME, PHONE, Ev
from bot.dialogs.turn import Turn
from bot.protocol import TextReply
from bot.shop import catalog, stock
from bot.shop.pricing import CartLine, Quote, cart_of, quote
from bot.shop.texts import mask_name, pay_url, yuan
from bot.storage import LineIn, Order, OutOfStock
from bot.storage.masking import mask_phone

log = logging.getLogger(__name__)


async def ask_confirm(turn: Turn) -> Prompt | Outcome:
    lines = cart_of(turn.slots)
    if not lines:
        return Outcome(Ev.EMPTY)
    money = quote(catalog.kb(turn.services), lines, turn.slots.get(COUPON), catalog.today())
    slots = turn.slots
    text = "\n".join(
        [
            "请核对订单：",
            cart_text(lines).rsplit("\n", 1)[0],
            *money.lines(),
            f"收货人：{mask_name(str(slots[NAME]))} {mask_phone(str(slots[PHONE]))}",
            f"地址：{slots[ADDRESS]}",
            "回复“确认”提交订单；要修改请回复“返回”，不买了回复“取消”。",
        ]
    )
    return (TextReply(text),)


async def on_confirm(turn: Turn) -> Outcome:
    if turn.word not in words.YES:
        return Outcome.say(UNCLEAR, "请回复“确认”提交订单，或回复“返回”修改。")
    try:
        order = await place_order(turn)
    except OutOfStock as exc:
        return _sold_out(turn, exc)
    return Outcome.say(Ev.PLACED, placed_text(turn, order))


async def place_order(turn: Turn) -> Order:
    """Create the order from the slots; raises OutOfStock and then creates nothing."""
    services = turn.services
    await stock.seed_catalogue_stock(services)
    lines = cart_of(turn.slots)
    money = quote(catalog.kb(services), lines, turn.slots.get(COUPON), catalog.today())
    try:
        return await _create(turn, lines, money)
    finally:  # sold, or found sold out: either way the displayed counts are out of date
        stock.forget(services, [line.sku for line in lines])


async def _create(turn: Turn, lines: list[CartLine], money: Quote) -> Order:
    services = turn.services
    order = await stock.database(services).orders.create_order(
        turn.user,
        turn.channel,
        [LineIn(x.sku, x.name, dict(x.spec), x.qty, x.unit_price_fen) for x in lines],
        receiver_name=str(turn.slots[NAME]),
        phone=str(turn.slots[PHONE]),
        address=str(turn.slots[ADDRESS]),
        idempotency_key=turn.msg.dedup_key,
        coupon_code=money.coupon.code if money.coupon else None,
        discount_fen=money.discount_fen,
    )
    log.info("order %s confirmed in chat (%s, %d lines)", order.order_no, turn.channel, len(lines))
    return order


def placed_text(turn: Turn, order: Order) -> str:
    shop = turn.services.config.shop
    saved = f"（已优惠{yuan(order.discount_fen)}）" if order.discount_fen else ""
    return (
        "下单成功！\n"
        f"订单号：{order.order_no}\n"
        f"应付：{yuan(order.total_fen)}{saved}\n"
        f"请在{shop.unpaid_expiry_min}分钟内完成支付：{pay_url(shop, order)}\n"
        "超时未付款订单会自动取消。发“我的订单”可随时查看。"
    )


def _trim(lines: list[CartLine], sku: str, available: int) -> list[CartLine]:
    """The cart with `sku` cut down to `available` units (later lines give way first)."""
    kept: list[CartLine] = []
    left = available
    for line in lines:
        if line.sku != sku:
            kept.append(line)
            continue
        take = min(line.qty, left)
        left -= take
        if take:
            kept.append(
                CartLine(line.sku, line.name, line.category, line.spec, take, line.unit_price_fen)
            )
    return kept


def _sold_out(turn: Turn, exc: OutOfStock) -> Outcome:
    lines = cart_of(turn.slots)
    name = next((x.name for x in lines if x.sku == exc.sku), "商品")
    kept = _trim(lines, exc.sku, exc.available)
    turn.slots[CART] = [x.to_slot() for x in kept]
    if exc.available > 0:
        note = f"抱歉，“{name}”库存只剩{exc.available}件了，已为您调整数量，订单还没有提交。"
    else:
        note = f"抱歉，“{name}”刚刚被抢光了，订单还没有提交。"
    if not kept:
        return Outcome.say(
            Ev.EMPTY, note + "\n本次没有下单，也不会扣款。看看别的商品吧，回复“逛逛”。"
        )
    return Outcome.say(Ev.SOLD_OUT, note)
