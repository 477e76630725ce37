"""A phone correction at the confirmation ("电话错了 是133…") also replaced the street with the
phone number, and the order was placed to "浙江省杭州市上城区13322225555"; a receiver correction
must not touch the address either."""

from __future__ import annotations

from tests.dialogs.transcript import Shop

ORDER = "我要一件白色L码的T恤，寄到浙江省杭州市上城区解放路10号，刘九，13322224444"
ADDRESS = "浙江省杭州市上城区解放路10号"


async def test_a_phone_correction_at_the_confirmation_changes_only_the_phone(make_shop) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > {ORDER}
        < 请核对订单
        > 电话错了 是13322225555
        < 已把手机号改成133****5555
        <! 已把地址改成
        < 地址：{ADDRESS}
        > 名字写错了 是刘久
        <! 已把地址改成
        < 地址：{ADDRESS}
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.address == ADDRESS
    assert order.phone == "13322225555"
    assert order.receiver_name == "刘久"
