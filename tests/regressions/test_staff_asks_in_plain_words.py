"""Staff asking in plain words on the WeCom app got the shopper's answers: "今天有没有人退货" the
return policy, "发货怎么操作" the refund steps, "怎么给订单发货" "您目前没有已发货的订单", and a
second question like the first an apology ("真的很抱歉，让您一直等着") with 人工 offered.

* a day's after-sales (今天有退款吗, 昨天有人退货吗) lists that day's tickets as /tickets does;
  as they stand (现在有退款要处理吗) the tickets in progress;
* how a task is done (怎么给订单发货, 退款怎么操作) names the documented commands;
* today's sales (今天卖了多少, 今天几单) give the count and the amount, /stats the amount too;
* a shopper asking the same words still gets the shopper's answers, never a staff command.
"""

from __future__ import annotations

import re

from bot.handlers.staff import COMMANDS
from bot.handlers.staff.chat import TOPICS
from bot.shop.texts import yuan
from bot.storage import Ticket, TicketKind
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

DAY = 86400


async def _return_asked(shop: Shop, user: str) -> Ticket:  # noqa: F811
    order = await paid_order(shop, user, "AP-1002")
    return await shop.db.tickets.create_ticket(
        order.order_no, user, TicketKind.RETURN, "尺码偏大", channel="oa"
    )


async def test_a_days_after_sales_asked_in_words_lists_that_days_tickets(shop: Shop) -> None:  # noqa: F811
    buyer = shop.chat("u-returns")
    ticket = await _return_asked(shop, buyer.user)
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        f"""
        > 今天有没有人退货
        < 今天的售后单（1个
        < {ticket.ticket_no}
        < /ticket 售后单号
        <! 无理由退货
        <! {buyer.user}
        > 今天有退款吗
        < {ticket.ticket_no}
        <! 抱歉
        <! 人工
        > 今日有人申请售后没
        < {ticket.ticket_no}
        > 现在有退款要处理吗
        < 处理中的售后单（1个
        < {ticket.ticket_no}
        > 昨天有人退货吗
        < 昨天没有新的售后单
        < /tickets
        """
    )
    shop.clock.advance(DAY)
    await staff.run(
        f"""
        > 昨天有人退货吗
        < 昨天的售后单（1个
        < {ticket.ticket_no}
        > 今天有退换货吗
        < 今天没有新的售后单
        """
    )


async def test_how_to_ship_names_the_documented_commands(shop: Shop) -> None:  # noqa: F811
    staff = shop.chat("lisi", channel="wecom")
    await staff.run(
        """
        > 怎么给订单发货
        < /ship 订单号 快递 单号
        < /orders 已付款
        < /help ship
        <! 您目前没有已发货的订单
        > 发货怎么操作
        < /ship 订单号 快递 单号
        <! 退货
        <! 抱歉
        > 快递单号在哪里填，怎么弄
        < /ship 订单号 快递 单号
        > 退款怎么操作
        < /ticket 售后单号
        < 已退款
        <! 1个工作日内退款
        > 顾客转人工了我怎么交还给机器人
        < /handback 顾客编号
        """
    )


async def test_todays_sales_in_words_give_the_count_and_the_amount(shop: Shop) -> None:  # noqa: F811
    buyer = shop.chat("u-sales")
    first = await paid_order(shop, buyer.user, "AP-1001")
    second = await paid_order(shop, buyer.user, "AP-1001", qty=2)
    amount = yuan(first.total_fen + second.total_fen)
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        f"""
        > 今天卖了多少
        < 今天新订单2个，其中已付款2个
        < 已付款{amount}
        <! 抱歉
        > 今天几单
        < 今天新订单2个
        > 今儿成交了多少
        < {amount}
        > /stats
        < 新订单 2（{amount}），其中已付款 2（{amount}）
        """
    )


async def test_a_shopper_asking_the_same_words_gets_the_shoppers_answers(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 怎么给订单发货
        <! /ship
        <! /orders
        > 今天有退款吗
        <! /tickets
        <! 售后单（
        > 今天卖了多少
        <! 今天新订单
        """
    )


def test_the_how_to_answers_name_only_commands_the_shop_has() -> None:
    for topic in TOPICS:
        named = set(re.findall(r"/([a-z]+)", topic.how + topic.hint))
        if topic.command:
            named.add(topic.command)
        assert named <= set(COMMANDS.commands), (topic.how, named - set(COMMANDS.commands))
