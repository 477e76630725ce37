"""Retries and races: one order per confirmation, never more stock sold than there is."""

from __future__ import annotations

import asyncio

from bot.dialogs import build_dialogs
from bot.dialogs.order.confirm import place_order
from bot.dialogs.slot import FormTurn
from bot.protocol import Channel, Inbound, Kind
from bot.step import Context
from tests.dialogs.conftest import MakeShop
from tests.dialogs.transcript import Chat, Shop

TO_CONFIRM = """
    > 我要一件黑色M码的T恤
    > 结算
    > 张三 13812345678 上海市浦东新区世纪大道100号
    < 请核对订单
"""


async def _post_raw(shop: Shop, chat: Chat, text: str, msg_id: int) -> str:
    callback = chat.builder.text(chat.user, text, msg_id)
    response = await shop.client.post(callback.path, params=callback.query, data=callback.body)
    assert response.status == 200
    fields = chat.builder.read_reply(await response.text())
    return fields["Content"] if fields else ""


async def test_wechat_retrying_the_confirmation_creates_one_order(
    make_shop: MakeShop, database_url: str
) -> None:
    shop = await make_shop(database=database_url)
    chat = shop.chat()
    await chat.run(TO_CONFIRM)
    first = await _post_raw(shop, chat, "确认", 880001)
    again = [await _post_raw(shop, chat, "确认", 880001) for _ in range(2)]
    assert "下单成功" in first and again == [first, first]
    racing = shop.chat()
    await racing.run(TO_CONFIRM)
    replies = await asyncio.gather(*(_post_raw(shop, racing, "确认", 880002) for _ in range(3)))
    assert len(set(replies)) == 1 and "下单成功" in replies[0]
    for user in (chat.user, racing.user):
        assert len(await shop.db.orders.list_orders(user)) == 1
    assert await shop.db.stock.get_stock("AP-1001") == 320 - 2


async def test_two_shoppers_race_for_the_last_item(make_shop: MakeShop, database_url: str) -> None:
    shop = await make_shop(database=database_url)
    await shop.db.stock.set_stock("AP-1001", 1, actor="test")
    alice, bob = shop.chat(), shop.chat()
    await alice.run(TO_CONFIRM)
    await bob.run(TO_CONFIRM)
    answers = await asyncio.gather(alice.say("确认"), bob.say("确认"))
    texts = ["\n".join(a) for a in answers]
    winners = [t for t in texts if "下单成功" in t]
    losers = [t for t in texts if "刚刚被抢光了" in t]
    assert len(winners) == 1 and len(losers) == 1, texts
    assert "本次没有下单，也不会扣款" in losers[0]
    orders = [o for c in (alice, bob) for o in await shop.db.orders.list_orders(c.user)]
    assert len(orders) == 1
    assert await shop.db.stock.get_stock("AP-1001") == 0
    loser = bob if "下单成功" in texts[0] else alice
    await loser.run(
        """
        > 确认
        <! 下单成功
        """
    )


async def test_stock_gone_after_the_cart_trims_the_order(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要三件黑色M码的T恤
        > 再买
        > 我要一个白色500ml的保温杯
        < 合计：¥276.00
        > 结算
        > 张三 13812345678 上海市浦东新区世纪大道100号
        < 请核对订单
        """
    )
    await shop.db.stock.set_stock("AP-1001", 2, actor="test")  # someone else was faster
    await chat.run(
        """
        > 确认
        < 库存只剩2件了，已为您调整数量，订单还没有提交
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2  ¥118.00
        < 应付：¥197.00
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert [(x.sku, x.qty) for x in order.lines] == [("AP-1001", 2), ("HM-5001", 1)]
    assert await shop.db.stock.get_stock("AP-1001") == 0


async def test_the_store_returns_the_first_order_for_a_repeated_confirmation(shop: Shop) -> None:
    """Defense in depth below the pipeline's dedup: the same message id, one order."""
    chat = shop.chat()
    await chat.run(TO_CONFIRM)
    session = await shop.services.sessions.load(_inbound(chat.user, "确认"))
    msg = _inbound(chat.user, "确认")
    values = build_dialogs().order.values_of
    first = await place_order(
        FormTurn(msg, Context.begin(session, shop.services), values(session), None)
    )
    again = await place_order(
        FormTurn(msg, Context.begin(session, shop.services), values(session), None)
    )
    assert again.order_no == first.order_no
    assert len(await shop.db.orders.list_orders(chat.user)) == 1
    assert await shop.db.stock.get_stock("AP-1001") == 319


def _inbound(user: str, text: str) -> Inbound:
    return Inbound(
        Channel.OA, user, "gh_test", Kind.TEXT, 1_700_000_000, msg_id="990001", text=text
    )
