"""Staff on the WeCom app asking in plain words got a pointer or a shopper's answer: "有没有待付款的"
only "订单发 /orders 查看", "怎么同意退款" the shopper's return policy, "我想给大家群发一下双十一活动"
the shop's promotions, "机器人答不上来的问题有哪些" the shopper's category menu, and a category menu
left open then took "有没有待付款的" as a product ("我们店不卖付款哦").

* orders in a state (有没有待付款的, 待发货的有几单) are listed as /orders 待付款 lists them, under
  a heading that says the state and how many there are;
* how to approve, refuse, mark refunded (怎么同意退款, 怎么拒绝售后) names the /ticket move;
* wanting to send to the groups (帮我发个群消息) points to /broadcast with an example of their words;
  the scheduled campaigns (有哪些定时活动) are listed as /campaign list lists them, a campaign not
  sent yet as 待发送, and a broadcast's preview says its text once;
* the questions the bot could not answer (顾客问了啥没答上) are what /unanswered lists;
* what matches nothing staff-like never opens the shopper's browsing for staff, and an open
  shopper dialog never takes a staff question; a staff member on the OA is a shopper there.
"""

from __future__ import annotations

import re

from bot.handlers.staff import COMMANDS
from bot.handlers.staff.chat import HELP_HINT, TICKET_MOVES, broadcast_pointer
from bot.handlers.staff.tickets import ACTION_WORDS, ACTIONS
from bot.session import Session
from bot.shop.stock import seed_catalogue_stock
from bot.step import Context
from bot.storage import LineIn, Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

STAFF = "zhangsan"


async def _unpaid_order(shop: Shop, user: str, sku: str = "AP-1001") -> Order:  # noqa: F811
    await seed_catalogue_stock(shop.services)
    item = shop.services.knowledge.current.kb.products[sku]
    return await shop.db.orders.create_order(
        user,
        "oa",
        [LineIn(sku, item.name, {}, 1, item.price_fen)],
        receiver_name="李四",
        phone="13900001111",
        address="北京市朝阳区建国路88号",
        idempotency_key=f"unpaid-{user}-{sku}",
    )


async def test_orders_in_a_state_asked_in_words_are_listed_with_their_count(shop: Shop) -> None:  # noqa: F811
    first = await _unpaid_order(shop, "u-a")
    second = await _unpaid_order(shop, "u-b")
    paid = await paid_order(shop, "u-c")
    staff = shop.chat(STAFF, channel="wecom")
    await staff.run(
        f"""
        > 有没有待付款的
        < 待付款订单 2 个：
        < {first.order_no}
        < {second.order_no}
        <! {paid.order_no}
        <! 最近
        > 待发货的有几单
        < 待发货订单 1 个：
        < {paid.order_no}
        <! {first.order_no}
        > 还有没付款的吗
        < 待付款订单 2 个
        > 已发货的订单呢
        < 没有已发货的订单
        > /orders 待付款
        < 待付款订单 2 个：
        > /orders 待付款 --limit 1
        < 待付款订单 2 个，最近 1 个：
        > /orders
        < 最近 3 个订单：
        > 今天有多少订单
        < 今天新订单3个，其中已付款1个
        """
    )


async def test_how_to_move_a_ticket_names_the_ticket_command(shop: Shop) -> None:  # noqa: F811
    staff = shop.chat(STAFF, channel="wecom")
    await staff.run(
        """
        > 怎么同意退款
        < /ticket 售后单号 同意
        < /ticket 售后单号 已退款
        <! 无理由退货
        <! 如需申请
        > 退款怎么通过
        < /ticket 售后单号 同意
        > 怎么拒绝售后
        < /ticket 售后单号 拒绝 理由
        <! 同意（
        > 不同意退货怎么弄
        < /ticket 售后单号 拒绝 理由
        > 顾客寄回的退货收到了怎么操作
        < /ticket 售后单号 已收到
        """
    )


def test_every_ticket_move_named_is_one_the_ticket_command_takes() -> None:
    for _, how in TICKET_MOVES:
        assert set(re.findall(r"/([a-z]+)", how)) <= set(COMMANDS.commands), how
        for move in re.findall(r"/ticket 售后单号 (\S+?)[（，。 ]", how):
            assert move in ACTION_WORDS or move in ACTIONS, (move, how)


async def test_broadcasts_and_campaigns_asked_in_words(shop: Shop) -> None:  # noqa: F811
    staff = shop.chat(STAFF, channel="wecom")
    await staff.run(
        """
        > 我想给大家群发一下双十一活动
        < /broadcast 双十一活动
        < 确认
        <! 正在进行的优惠
        > 帮我发个群消息
        < /broadcast 全店满199减20
        > 有哪些定时活动
        < 没有进行中或暂停的活动
        > /broadcast --at 2099-12-31 20:00 周末全场8折 欢迎选购
        < 【群发预览】
        < 回复“确认”
        """
    )
    preview = "\n".join(staff.last)
    assert preview.count("周末全场8折 欢迎选购") == 1, preview
    await staff.run(
        """
        > 确认
        < 已确认
        > 现在有几个定时推送
        < 活动列表
        < 周末全场8折 欢迎选购 [待发送] 12-31 20:00
        <! 进行中
        > 有哪些定时活动
        < [待发送]
        """
    )


def test_the_broadcast_pointer_names_a_command_the_shop_has(shop: Shop) -> None:  # noqa: F811
    said = broadcast_pointer(
        "帮我给客户群发个通知 明天上新", Context.begin(Session(), shop.services)
    )
    assert "/broadcast 明天上新" in said
    assert set(re.findall(r"/([a-z]+)", said)) <= set(COMMANDS.commands)


async def test_unanswered_questions_asked_in_words(shop: Shop) -> None:  # noqa: F811
    buyer = shop.chat("u-gap")
    await buyer.run(
        """
        > 你们有洗碗机吗
        < 不卖
        """
    )
    staff = shop.chat(STAFF, channel="wecom")
    await staff.run(
        """
        > 机器人答不上来的问题有哪些
        < 答不上的问题
        < 你们有洗碗机吗
        <! 想看哪一类
        > 顾客问了啥没答上
        < 你们有洗碗机吗
        <! 顾客问了啥没答上
        > 有洗碗机吗
        <! 想看哪一类
        <! 不卖
        > 最近有哪些没回答的问题
        < 你们有洗碗机吗
        <! 2.
        """
    )


async def test_staff_never_get_the_shoppers_browsing(shop: Shop) -> None:  # noqa: F811
    await _unpaid_order(shop, "u-a")
    staff = shop.chat(STAFF, channel="wecom")
    hint = HELP_HINT[:12]
    await staff.run(
        f"""
        > 帮我看看那个东西
        < {hint}
        < /help
        <! 想看哪一类
        > 我想买东西
        < {hint}
        <! 想看哪一类
        > 有拖拉机吗
        < {hint}
        <! 不卖
        > 有保温杯吗
        < 316不锈钢保温杯
        > 有没有待付款的
        < 待付款订单 1 个
        <! 不卖
        > 有保温杯吗
        < 316不锈钢保温杯
        > 有售后单要处理吗
        < 没有处理中的售后单
        > 有保温杯吗
        < 316不锈钢保温杯
        > 帮我弄一下那个
        < {hint}
        > 今天有多少订单
        < 今天新订单1个
        <! 答不上来
        """
    )


async def test_a_staff_member_on_the_oa_is_answered_as_a_shopper(shop: Shop) -> None:  # noqa: F811
    shopper = shop.chat(STAFF)
    await shopper.run(
        """
        > 有拖拉机吗
        < 不卖
        > 有没有待付款的
        <! 待付款订单
        <! /orders
        > 怎么同意退款
        <! /ticket
        > 帮我发个群消息
        <! /broadcast
        """
    )
