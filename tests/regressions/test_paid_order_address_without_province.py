"""A paid order's new address said without its province ("应该是朝阳区…") got "地址里没看出是哪个
省份"; the order's own address has it: the completed address is asked back, a yes changes it,
and "改好了吗" before the yes is told it has not been changed."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop, paid_order

# paid_order's address: 北京市朝阳区建国路88号


@pytest.mark.parametrize(
    ("said", "whole"),
    [
        (
            "地址填错了 应该是朝阳区望京街道阜通东大街6号 能改吗",
            "北京市朝阳区望京街道阜通东大街6号",
        ),
        ("地址写错了，是建国路99号", "北京市朝阳区建国路99号"),
        ("收货地址不对 改成海淀区中关村大街27号", "北京市海淀区中关村大街27号"),
    ],
)
async def test_the_address_is_completed_from_the_order_and_asked(
    shop: Shop, said: str, whole: str
) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > {said}
        < 还没发货，地址可以改
        < 是改成{whole}吗
        <! 没看出是哪个省份
        <! 已改为
        > 对的 改吧
        < 订单 {order.order_no} 的收货地址已改为：{whole}
        """
    )
    changed = await shop.db.orders.get_order(order.order_no, chat.user)
    assert changed is not None and changed.address == whole


async def test_anything_but_a_yes_leaves_the_address(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        """
        > 地址填错了 应该是朝阳区望京街道阜通东大街6号
        < 是改成北京市朝阳区望京街道阜通东大街6号吗
        > 改好了没 什么时候发货
        < 还没改
        <! 已改为
        > 改好了吗
        < 还没有改过
        > 几天能到
        <! 已改为
        """
    )
    changed = await shop.db.orders.get_order(order.order_no, chat.user)
    assert changed is not None and changed.address == "北京市朝阳区建国路88号"
