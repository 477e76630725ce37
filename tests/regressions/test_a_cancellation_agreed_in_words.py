"""A cancellation the bot offered is agreed to in the shopper's words, not only "确认取消":
"那取消吧" after "刚下错了 要128的" (the offer for the order just placed), or "行 帮我取消掉"
after "我要退款" for an unpaid order, cancels that order; never the same offer again with an
apology for not being clear."""

from __future__ import annotations

from bot.shop.stock import seed_catalogue_stock
from bot.storage import LineIn, OrderStatus
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

AGAIN = "没说清楚"


async def test_then_cancel_it_after_the_order_just_placed(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买个U盘 64G
        > 结算
        > 赵六 15677778888 湖南省长沙市岳麓区麓山路1号
        > 确认
        < 下单成功
        > 刚下错了 要128的
        < 要取消吗
        > 那取消吧
        < 已取消
        <! 要取消吗
        <! {AGAIN}
        """.replace("{AGAIN}", AGAIN)
    )
    orders = await shop.db.orders.list_orders(chat.user, 5, channel="oa")
    assert [o.status for o in orders] == [OrderStatus.CANCELLED]


async def test_a_yes_in_words_to_the_unpaid_orders_cancellation(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    item = shop.services.knowledge.current.kb.products["AP-1001"]
    await seed_catalogue_stock(shop.services)
    order = await shop.db.orders.create_order(
        chat.user,
        "oa",
        [LineIn("AP-1001", item.name, {}, 1, item.price_fen)],
        receiver_name="李四",
        phone="13900001111",
        address="北京市朝阳区建国路88号",
        idempotency_key=f"unpaid-{chat.user}",
    )
    await chat.run(
        f"""
        > 我要退款
        < {order.order_no}
        < 要取消吗
        > 行 帮我取消掉
        < 已取消
        <! {AGAIN}
        """
    )
    cancelled = await shop.db.orders.staff_get_order(order.order_no)
    assert cancelled is not None and cancelled.status is OrderStatus.CANCELLED
