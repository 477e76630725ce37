"""While queued for a human, a question heard "不想等的话回复“取消人工”，我马上为您解答这个问题",
but after 取消人工 the bot went back to the order form and never answered it. The questions
acknowledged in the queue are answered when the shopper leaves it (inside the dialog that waited,
which then asks its step again), and a question asked in the message that leaves the queue
("算了不用人工了 快递单号多少") is answered with it."""

from __future__ import annotations

from bot.storage import Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def test_a_product_question_kept_while_ordering_is_answered(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 桑蚕丝夏凉被 200x230的要一条
        < 已加入购物车
        > 结算
        < 收货人姓名
        > 转人工
        < [转人工]
        > 这被子可以丢洗衣机洗吗
        < 我马上为您解答这个问题
        > 算了 不等了 取消人工
        < 已切换回智能助手
        < 可机洗
        < 收货人姓名
        """
    )


async def test_a_shop_question_kept_outside_a_dialog_is_answered(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 人工
        < [转人工]
        > 你们发什么快递
        < 我马上为您解答这个问题
        > 好的
        < (silence)
        > 不要人工了
        < 先回答您刚才的问题
        < 中通
        <! 有什么可以帮您
        """
    )


async def _shipped(shop: Shop, user: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, "HM-5022")
    return await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT5566778899", actor="t")


async def test_a_question_in_the_leaving_message_is_answered(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user)
    await chat.run(
        """
        > 转人工
        < [转人工]
        > 算了不用人工了 我自己查吧 快递单号多少
        < 已切换回智能助手
        < ZT5566778899
        <! 有什么可以帮您
        """
    )


async def test_only_leaving_gets_no_answer_to_invent(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 转人工
        < [转人工]
        > 算了等不了 取消人工
        < 有什么可以帮您
        <! 没太明白
        """
    )
