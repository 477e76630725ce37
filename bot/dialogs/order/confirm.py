"""The last step: show the order with its total, and on 确认 create it with its stock reserved.

Creation is idempotent on the confirming message's dedup key (MsgId): the pipeline already runs a
handler once per WeChat message, and the store returns the first order for the same key, so even
a retry that got past the pipeline cannot create a second order. When stock runs out between
cart and confirmation (another shopper was faster), nothing is created; the cart is trimmed to
what is left and shown again, or the form ends when nothing is left.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from bot.business.texts import undeliverable_text
from bot.dialogs import words
from bot.dialogs.moving_on import says_go_on
from bot.dialogs.order.cart import cart_text
from bot.dialogs.order.extras import extras_lines, sf_extra, stored_invoice
from bot.dialogs.order.quote import coupon_offer, order_quote
from bot.dialogs.order.values import Line, OrderStep, OrderValues
from bot.dialogs.slot import Again, Done, FinalStep, FormTurn
from bot.shop import stock
from bot.shop.texts import mask_name, pay_url, yuan
from bot.storage import LineIn, Order, OutOfStock
from bot.storage.masking import mask_phone

log = logging.getLogger(__name__)
Turn = FormTurn[OrderValues]
PLACED, SOLD_OUT, EMPTIED = "placed", "sold_out", "emptied"
HOW_TO_CHANGE = "要改直接告诉我，例如“改成两件”“地址改成…”“电话改成…”"


async def ask_confirm(turn: Turn) -> str:
    values = turn.values
    blocked = cannot_ship(turn)
    last = (
        blocked if blocked else f"没问题请回复“确认”提交订单；{HOW_TO_CHANGE}；不买了回复“取消”。"
    )
    return "\n".join(
        [
            "请核对订单：",
            cart_text(turn, values, payable=True),
            f"收货人：{mask_name(values.name or '')} {mask_phone(values.phone or '')}",
            f"地址：{values.address}",
            *extras_lines(values, sf_extra(turn)),
            *([] if blocked else [coupon_offer(turn.ctx, values)]),
            last,
        ]
    )


def cannot_ship(turn: Turn) -> str:
    """Why this cart cannot go to this address and what to do (empty: it can)."""
    found = order_quote(turn.ctx, turn.values).undeliverable
    if found is None:
        return ""
    if not found.names:
        return f"{undeliverable_text(found)}请发“地址改成…”换一个收货地址。"
    first = found.names[0]
    return (
        f"{undeliverable_text(found)}可以把它从购物车删掉（例如“不要{first}了”），"
        "或发“地址改成…”换一个地址。"
    )


async def again_confirm(turn: Turn) -> str:
    return cannot_ship(turn) or f"订单还没提交：回复“确认”提交；{HOW_TO_CHANGE}。"


_SUBMIT_WORD = re.compile(r"确认|确定|提交|下单")


def _submits(turn: Turn) -> bool:
    """ "好吧 那就这样 确认", "行 提交吧": a word that moves on, with a lead-in, that names the
    submitting itself; 结算 or 付款 alone at the review is asked to confirm."""
    return says_go_on(turn.text) and bool(_SUBMIT_WORD.search(turn.word))


async def answer_confirm(turn: Turn) -> Done | Again | None:
    if turn.word in words.MODIFY or turn.word in words.NO:
        return Again(f"好的，{HOW_TO_CHANGE}。")
    if turn.word not in words.YES and not _submits(turn):
        return None
    if cannot_ship(turn):
        return Again("订单还没有提交。")
    try:
        order = await place_order(turn)
    except OutOfStock as exc:
        return _sold_out(turn, exc)
    return Done(placed_text(turn, order))


async def place_order(turn: Turn) -> Order:
    """Create the order from the values; raises OutOfStock and then creates nothing."""
    services = turn.services
    await stock.seed_catalogue_stock(services)
    values = turn.values
    money = order_quote(turn.ctx, values)
    lines = [x for x in values.lines if x.qty]
    try:
        order = await services.db.orders.create_order(
            turn.user,
            turn.channel,
            [LineIn(x.sku, x.name, dict(x.spec), x.qty or 0, x.price_fen) for x in lines],
            receiver_name=str(values.name),
            phone=str(values.phone),
            address=str(values.address),
            idempotency_key=turn.msg.dedup_key,
            coupon_code=money.coupon.code if money.coupon else None,
            discount_fen=money.discount_fen,
            shipping_fen=money.shipping_fen,
            note=values.note,
            invoice=stored_invoice(values),
        )
    finally:  # sold, or found sold out: either way the displayed counts are out of date
        stock.forget(services, [line.sku for line in lines])
    log.info("order %s confirmed in chat (%s, %d lines)", order.order_no, turn.channel, len(lines))
    return order


def placed_text(turn: Turn, order: Order) -> str:
    shop = turn.services.config.shop
    shipping = f"含运费{yuan(order.shipping_fen)}" if order.shipping_fen else "包邮"
    saved = f"，已优惠{yuan(order.discount_fen)}" if order.discount_fen else ""
    extra = sf_extra(turn) if "顺丰" in turn.values.note else None
    sf = f"改发顺丰的{yuan(extra)}差价请回复“人工”找客服补。\n" if extra else ""
    return (
        "下单成功！\n"
        f"订单号：{order.order_no}\n"
        f"应付：{yuan(order.total_fen)}（{shipping}{saved}）\n"
        f"请在{shop.unpaid_expiry_min}分钟内完成支付：{pay_url(shop, order)}\n"
        f"{sf}超时未付款订单会自动取消。发“我的订单”可随时查看。"
    )


def _trim(lines: list[Line], sku: str, available: int) -> list[Line]:
    """The cart with `sku` cut down to `available` units (later lines give way first)."""
    kept: list[Line] = []
    left = available
    for line in lines:
        if line.sku != sku:
            kept.append(line)
            continue
        take = min(line.qty or 0, left)
        left -= take
        if take:
            kept.append(replace(line, qty=take))
    return kept


def _sold_out(turn: Turn, exc: OutOfStock) -> Done | Again:
    lines = turn.values.lines
    name = next((x.name for x in lines if x.sku == exc.sku), "商品")
    kept = _trim(lines, exc.sku, exc.available)
    turn.values = replace(turn.values, lines=kept)
    if exc.available > 0:
        note = f"抱歉，“{name}”库存只剩{exc.available}件了，已为您调整数量，订单还没有提交。"
    else:
        note = f"抱歉，“{name}”刚刚被抢光了，订单还没有提交。"
    if not kept:
        return Done(note + "\n本次没有下单，也不会扣款。看看别的商品吧，回复“逛逛”。")
    return Again(note)


CONFIRM = FinalStep[OrderValues](
    OrderStep.CONFIRM,
    ask_confirm,
    answer_confirm,
    events={PLACED: "[*]", SOLD_OUT: OrderStep.CONFIRM, EMPTIED: "[*]"},
    again=again_confirm,
)
