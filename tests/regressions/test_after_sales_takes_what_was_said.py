"""The after-sales form takes what the shopper already said: the only order is not asked for,
"想退" is a return and "补发" an exchange, the problem in the first message is the reason (also
when it says "好几个"), more said about it later is kept for staff, "好了" after a photo is not
the reason, and questions inside the form ("能退多少钱", "钱什么时候到") get the FAQ's answer.
A question about the policy ("…能退不") is answered, never taken as a request."""

from __future__ import annotations

from bot.storage import Order, TicketKind
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

WHICH_ORDER = "请问是哪个订单要售后"
KIND_QUESTION = "请问您想怎么处理"


async def _shipped(shop: Shop, user: str, sku: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    return await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1357924680", actor="t")


async def test_wanting_it_gone_with_the_reason_said_first(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped(shop, chat.user, "AP-1001")
    await chat.run(
        f"""
        > T恤到了 有点小了 想退掉
        < 售后订单：{order.order_no}（纯棉圆领短袖T恤，已发货）
        < 可以发几张照片
        <! {WHICH_ORDER}
        <! {KIND_QUESTION}
        > 其实就是码数不合适 一次没穿过 标签还在
        < 这些情况也记下了
        < 可以发几张照片
        > 没拍照
        < 处理方式：退货退款
        < 原因：T恤到了 有点小了；其实就是码数不合适 一次没穿过 标签还在
        > 确认
        < 售后申请已提交
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert ticket.kind is TicketKind.RETURN
    assert ticket.reason.startswith("T恤到了 有点小了")
    assert "标签还在" in ticket.reason


async def test_sending_it_again_is_an_exchange(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "HM-5002")
    await chat.run(
        f"""
        > 杯子到手裂了一只 咋办
        < 非常抱歉给您添麻烦了
        < 售后订单：
        < {KIND_QUESTION}
        > 给我补寄一只就好
        < 补发按换货办理
        < 可以发几张照片
        <! {KIND_QUESTION}
        > 跳过
        < 处理方式：换货
        < 原因：杯子到手裂了一只
        """
    )


async def test_a_fruit_problem_its_refund_question_and_done_with_photos(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "FR-4003")
    await chat.run(
        """
        > 脐橙到了发现坏了好几个
        < 售后订单：
        < 按“仅退款”给您登记
        < 请拍一下坏果和外包装
        > 坏果能退多少钱
        < 坏果按比例退款
        < 请拍一下坏果和外包装
        <! 原因记下了
        > [image] ORANGE-1
        > 好了
        < 原因：脐橙到了发现坏了好几个
        < 照片：1张
        > 钱什么时候到
        < 1个工作日内发起退款
        < 售后申请还没提交
        """
    )


async def test_done_with_photos_at_the_reason_step_is_not_the_reason(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "FR-4003")
    await chat.run(
        """
        > 我要退款
        < 请简单说一下原因
        > [image] ORANGE-2
        < 请简单说一下原因
        > 好了
        < 1张照片收好了
        < 请简单说一下原因
        > 有三个是烂的
        < 请确认售后申请
        < 原因：有三个是烂的
        <! 原因：好了
        """
    )


async def test_with_two_orders_the_order_is_still_asked(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "AP-1001")
    await _shipped(shop, chat.user, "HM-5002")
    await chat.run(
        f"""
        > 东西收到了不想要了 想退
        < {WHICH_ORDER}
        <! 售后订单：
        """
    )


async def test_a_policy_question_without_its_own_faq_gets_the_policy(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶开了封还能退不
        < 个护用品不支持无理由退货
        <! 没有可以申请售后的订单
        """
    )
    assert await chat.state() is None


async def test_a_reaction_to_a_cosmetic_opens_after_sales_with_care_first(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "BT-2002")
    await chat.run(
        """
        > 这面膜敷了两次 用了以后脸发红
        < 先停用
        < 售后订单：
        <! [卡片]
        <! ¥69.00
        > 过敏体质能用吗
        <! 先停用
        """
    )
