"""Bad input in the order form: a clear answer in Chinese, and nothing created or changed."""

from __future__ import annotations

from bot.session import Session
from tests.dialogs.transcript import Shop, session_key_of


async def test_absurd_quantities_are_refused_with_the_reason(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        < 请选择颜色
        > 黑色
        > M
        < 要买几件
        > 0
        < 购买数量至少是1件
        < 要买几件
        > -1
        < 购买数量至少是1件
        > 10000
        < 一次最多可以买99件
        > 很多很多
        < 请直接回复数量
        > 2
        < ×2  ¥118.00
        """
    )
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_quantities_beyond_the_stock_are_refused(shop: Shop) -> None:
    chat = shop.chat()
    await shop.db.stock.set_stock("AP-1001", 3, actor="test")
    await chat.run(
        """
        > 我要买T恤
        > 1
        > 1
        < 库存仅剩3件
        > 5
        < 库存只剩3件了
        > 我要200件黑色M码的T恤
        < 一次最多可以买99件
        """
    )


async def test_unknown_spec_values_list_the_choices(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        < 请选择颜色
        > 紫色
        < 这款没有“紫色”这个颜色。
        < 请选择颜色
        > 9
        < 这款没有“9”这个颜色
        > 藏青
        < 请选择尺码
        """
    )


async def test_invalid_phone_name_and_address_are_asked_again(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 1
        < 请告诉我收货人的姓名
        > 张三
        > 12345
        < 手机号格式不对，请发11位手机号
        > 1381234567890
        < 手机号格式不对
        > 23812345678
        < 手机号格式不对
        > 138 1234 5678
        < 收货地址
        > 上海
        < 地址好像不完整
        > 上海市浦东新区世纪大道100号
        < 请核对订单
        < 138****5678
        """
    )
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_sold_out_product_cannot_be_ordered(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买
        > 羊绒围巾
        < 暂时缺货
        < 想买哪件商品
        """
    )


async def test_a_message_after_the_session_expired_is_told_so(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm")
    # 30 idle minutes: the session is gone, its "seen" marker (one day) is not.
    await shop.services.store.delete(session_key_of(chat.user))
    await chat.run(
        """
        > 确认
        < 超过30分钟没有继续，已经自动结束了
        < 没有提交任何订单
        <! 下单成功
        > 有没有保温杯
        < 316不锈钢保温杯
        """
    )
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_a_colour_the_product_lacks_is_named(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件红色M码的T恤
        < 这款没有“红色”
        < 请选择颜色
        < 1. 白色
        > 白色
        < 已加入购物车
        < 纯棉圆领短袖T恤（颜色:白色 尺码:M） ×2
        """
    )


async def test_a_session_an_older_version_wrote_starts_the_form_over(shop: Shop) -> None:
    chat = shop.chat()
    old = Session("order:phone", {"cart": [{"sku": "AP-1001", "qty": 2}], "name": "张三"}, 0.0)
    await shop.services.store.set(session_key_of(chat.user), old.to_json(), 600)
    await chat.run(
        """
        > 13812345678
        < 刚才的流程已失效，我们重新开始
        < 想买哪件商品
        """
    )
    assert await chat.state() == "order:product"
