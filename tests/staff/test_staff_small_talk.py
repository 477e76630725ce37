"""Staff writing plain words to the WeCom app that the shopper routes would not understand get a
staff reply (today's numbers, the command that answers, the /help hint), never a shopper's
fallback: it used to offer them 查订单 / 逛逛 / 人工. What a shopper would ask still works."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop
from tests.dialogs.transcript import Shop

__all__ = ["knowledge", "make_shop", "pinned_today", "shop"]


async def test_staff_words_get_staff_replies(shop: Shop) -> None:
    buyer = shop.chat("u-buyer")
    await buyer.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 结算 张三 13812345678 上海市浦东新区世纪大道100号
        < 请核对订单
        > 确认
        < 下单成功
        """
    )
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        """
        > 今天单多不多
        < 今天新订单1个，其中已付款0个
        < /stats
        <! 我的订单
        > 你好
        < 在的
        <! 逛逛
        > 最近顾客问了啥答不上来
        < 最近7天没有答不上的问题
        > 帮我看看那个
        < /help
        <! 人工
        <! 想买什么
        > 谢谢
        < 不客气
        <! 随时找我
        > 有保温杯吗
        < 316不锈钢保温杯
        """
    )


async def test_a_wecom_member_not_on_the_staff_list_is_not_answered_as_staff(shop: Shop) -> None:
    member = shop.chat("wangwu", channel="wecom")
    await member.run(
        """
        > 今天单多不多
        <! 今天新订单
        """
    )
