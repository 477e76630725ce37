""" "啥时候发货" about the shopper's own order is answered with the shop's dispatch rule applied to
that order's payment time (shipping.toml `same_day_before`, an override's `ships_within_hours`);
it was a warehouse nudge ("已经提醒仓库") for a question, or the shop's general policy with
nothing about the order. Only a paid order past its dispatch time tells the warehouse."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.business.conftest import staff_messages
from tests.dialogs.transcript import Shop, paid_order


def _move_to(shop: Shop, at: time) -> None:
    """Move the bot's clock on to the next `at`, shop time (today's, when it is still ahead)."""
    now = shop.clock.now().astimezone(shop.clock.zone)
    target = datetime.combine(now.date(), at, tzinfo=shop.clock.zone)
    if target <= now:
        target += timedelta(days=1)
    shop.clock.advance((target - now).total_seconds())


def _staff_heard(shop: Shop, order_no: str) -> bool:
    return any("发货" in m and order_no in m for m in staff_messages(shop))


async def test_paid_before_the_cut_off_ships_today(shop: Shop) -> None:
    _move_to(shop, time(10, 0))
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    for asked in ("啥时候发货", "什么时候能发", "今天能发出吗"):
        await chat.run(
            f"""
            > {asked}
            < 订单 {order.order_no}（纯棉圆领短袖T恤）今天10:00付款
            < 16:00前付款当天发出
            < 今天发出
            < 发“我的订单”就能看到快递单号
            <! 已经提醒仓库
            <! 明天发出
            """
        )
    await shop.settle()
    assert not _staff_heard(shop, order.order_no)


async def test_paid_after_the_cut_off_ships_tomorrow(shop: Shop) -> None:
    _move_to(shop, time(17, 30))
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 几号发货
        < 订单 {order.order_no}
        < 今天17:30付款
        < 明天发出
        <! 今天发出
        <! 已经提醒仓库
        """
    )


async def test_fruit_ships_within_its_own_hours(shop: Shop) -> None:
    _move_to(shop, time(9, 0))
    chat = shop.chat()
    await paid_order(shop, chat.user, "FR-4001")
    await chat.run(
        """
        > 车厘子什么时候发货
        < 付款后48小时内发出
        < 09:00前发出
        <! 16:00前付款当天发出
        """
    )


async def test_past_its_dispatch_time_the_warehouse_is_told(shop: Shop) -> None:
    _move_to(shop, time(11, 0))
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    shop.clock.advance(2 * 24 * 3600)
    await chat.run(
        f"""
        > 什么时候发货
        < 订单 {order.order_no}
        < 应该已经发出，现在还没发
        < 已经提醒仓库尽快给您发出
        < 人工
        """
    )
    await shop.settle()
    assert _staff_heard(shop, order.order_no)


async def test_an_unpaid_order_ships_once_paid_and_no_order_hears_the_policy(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 啥时候发货
        < 16:00前付款当天发出
        <! 您还没有待发货的订单
        <! 订单 SB
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 张三 13812345678 上海市浦东新区世纪大道100号
        > 确认
        < 下单成功
        > 什么时候能发货
        < 还没付款，现在付款的话
        < 16:00前付款当天发出
        """
    )
