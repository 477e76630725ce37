"""The district of the address said again before the order was placed ("不对 是西湖区", "地址错了
是西湖区的") got "没太明白" or "要改什么直接告诉我", and "区改成西湖区" wrote "上城西湖区" into the
address. A district (county, city) said alone now replaces the one of its level in the address;
the province, city and street stay."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    "said", ["不对 是西湖区", "地址错了 是西湖区的", "区改成西湖区", "区写错了，应该是西湖区"]
)
async def test_the_district_is_replaced_and_the_street_kept(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        f"""
        > 浙江省杭州市上城区解放路100号
        < 请核对订单
        > {said}
        < 已把地址改成浙江省杭州市西湖区解放路100号
        <! 上城
        <! 没太明白
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.address == "浙江省杭州市西湖区解放路100号"


async def test_the_district_named_as_written_is_replaced(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        """
        > 浙江省杭州市上城区解放路100号
        > 是西湖区不是上城区
        < 已把地址改成浙江省杭州市西湖区解放路100号
        """
    )
