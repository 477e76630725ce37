"""Wishes about delivery and the parcel said at checkout without the word 备注 were not noted:
"能周末送吗 放门卫" got "要改什么直接告诉我", "送人的别放价格单哈" the gift FAQ again, "包装好点"
and "打电话前联系一下" were taken for a wrong name. They are now a remark on the order, said back
with what the shop can honestly promise (no delivery on chosen days, no courier bound to call,
no price slip in a gift, electronic invoices only, no extra gift box)."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import database_url, make_shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_delivery_wishes_at_the_name_question_go_on_the_order(
    make_shop,  # noqa: F811
    database_url: str,  # noqa: F811
) -> None:
    shop: Shop = await make_shop(database=database_url)
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 能周末送吗 放门卫
        < 好的，已备注：周末送；放门卫
        < 快递不保证能按指定时间送到
        < 收货人姓名
        <! 要改什么直接告诉我
        > 送人的别放价格单哈
        < 已备注：送礼；别放价格单
        < 包裹里不放价格单
        <! 免费手写贺卡
        > 李娜
        < 手机号
        > 13700002222
        > 江苏省南京市鼓楼区中山路18号
        < 备注：周末送；放门卫；送礼；别放价格单
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.note == "周末送；放门卫；送礼；别放价格单"
    assert order.receiver_name == "李娜"


@pytest.mark.parametrize(
    ("said", "noted", "honest"),
    [
        ("包装好点", "包装好点", "店里没有另加的礼盒包装"),
        ("打电话前联系一下", "打电话前联系一下", "提前来电我们保证不了"),
        ("送货前先打个电话", "送货前先打个电话", "提前来电我们保证不了"),
        ("别放发票", "别放发票", "只开电子发票"),
        ("放快递柜就行", "放快递柜就行", "尽量按备注安排"),
        ("工作日送吧", "工作日送", "快递不保证能按指定时间送到"),
    ],
)
async def test_each_kind_of_wish_is_noted_with_what_can_be_promised(
    make_shop,  # noqa: F811
    said: str,
    noted: str,
    honest: str,
) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:confirm")
    await chat.run(
        f"""
        > {said}
        < 已备注：{noted}
        < {honest}
        < 备注：{noted}
        <! 收货人：{said}
        """
    )


async def test_a_wish_beside_the_receiver_leaves_the_receiver_whole(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 王强 13911112222 北京市海淀区中关村大街1号 放门卫
        < 已备注：放门卫
        < 请核对订单
        < 地址：北京市海淀区中关村大街1号
        < 备注：放门卫
        """
    )


async def test_a_labelled_note_for_a_day_is_honest_too(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 备注周六送
        < 已备注：周六送
        < 快递不保证能按指定时间送到
        """
    )
