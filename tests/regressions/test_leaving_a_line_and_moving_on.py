"""Leaving a line and moving on: "算了裤子不要了" got "没太明白" (the line was named by its kind
of goods, not its name); a spec question the shopper ignored took the receiver's details and
确认 while an earlier line was itself unfinished (the rule that lets an unfinished line go wanted
every earlier line complete); and in a list, "黑色来一个" asked which one, after which the
receiver's details and 确认 got "没太明白" and the order was lost."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

RECEIVER = "收货人赵敏 电话13611112222 地址江苏省南京市鼓楼区中山路5号"


async def test_a_line_named_by_its_kind_is_taken_out(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < 已加入购物车
        > 再来条加绒裤 黑色
        < 请选择尺码
        > 算了裤子不要了
        < 已从购物车删除“儿童加绒运动裤”
        < 原木抽纸24包（规格:24包整箱） ×2
        <! 没太明白
        <! 请选择尺码
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 要一件黑色M码的T恤
        < 已加入购物车
        > 再来个保温杯
        < 请选择颜色
        > 杯子不要了
        < 已从购物车删除“316不锈钢保温杯”
        <! 请选择颜色
        """
    )


async def test_what_is_left_is_said_when_the_next_step_does_not_show_it(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 要一件黑色M码的T恤
        < 已加入购物车
        > 再来个保温杯
        < 请选择颜色
        > T恤不要了
        < 已从购物车删除“纯棉圆领短袖T恤”
        < 购物车里还有：316不锈钢保温杯
        < 请选择颜色
        """
    )


async def test_a_product_waiting_its_turn_is_taken_out(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买保温杯
        < 请选择颜色
        > 再加条加绒裤 黑色
        < 先把316不锈钢保温杯选好
        > 裤子不要了
        < 儿童加绒运动裤不要了
        < 请选择颜色
        > 白色500ml
        < 已加入购物车
        <! 儿童加绒运动裤
        """
    )


async def test_an_unfinished_earlier_line_does_not_hold_the_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < 已加入购物车
        > 再来个保温杯
        < 请选择颜色
        > 再加条加绒裤 黑色
        < 先把316不锈钢保温杯选好
        > 小王 13812345678 浙江省杭州市西湖区文三路100号
        < 316不锈钢保温杯还没选好颜色、容量
        < 儿童加绒运动裤还没选好尺码
        < 先不加了
        < 请核对订单
        <! 请选择
        > 确认
        < 下单成功
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < 已加入购物车
        > 再来个保温杯
        < 请选择颜色
        > 再加条加绒裤 黑色
        < 请选择颜色
        > 结算
        < 先不加了
        < 收货人
        """
    )


async def test_checkout_in_a_list_after_which_one_was_asked(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 降噪耳机和头戴的哪个好
        < 续航40小时
        > 黑色来一个
        < 您要哪一款
        > 收货 孙丽 15811112222 四川省成都市武侯区天府大道100号
        < 收货信息记下了
        < 您要哪一件
        <! 没太明白
        > 确认
        < 还差这一步
        <! 没太明白
        > 1
        < 主动降噪蓝牙耳机（颜色:黑色） ×1
        < 请核对订单
        > 确认
        < 下单成功
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 降噪耳机和头戴的哪个好
        < 续航40小时
        > 买一个
        < 您要哪一款
        > 下单
        < 您要哪一件
        > 2
        < 头戴式蓝牙耳机，请选择颜色
        """
    )
