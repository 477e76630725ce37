"""Small talk and gift searches the tester got "没太明白" or an awkward line for: the shop's
owner asked after, a greeting before "随便看看", a liking that describes who a present is for
("他平时爱喝茶" after "想送我爸个礼物"), and a budget with a recipient ("送女朋友的 三百左右":
"没有标明女的商品", or nothing at all)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_owner_asked_after(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 你们老板是谁
        < 老板
        < 回复“人工”
        <! 还没学会
        > 店主在吗
        < 回复“人工”
        <! 😊
        """
    )
    shopper = shop.chat()
    await shopper.run(
        """
        > 老板在吗
        < 欢迎光临
        <! 老板本人
        """
    )


async def test_the_owner_asked_after_in_the_order_form(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 你们老板叫什么名字？
        < 老板
        < 回复“人工”
        < 请告诉我收货人姓名
        """
    )


async def test_a_greeting_with_a_wish_to_browse(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 嗨 随便看看
        < 您好～欢迎光临
        < 1. 服饰
        <! 还没学会
        <! 没太明白
        """
    )
    again = shop.chat()
    await again.run(
        """
        > 你好
        < 欢迎光临
        > 你好，有保温杯吗
        < 316不锈钢保温杯
        <! 欢迎光临
        """
    )


async def test_a_liking_of_the_one_a_gift_is_for(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 想送我爸个礼物
        < 适合送礼的有这
        <! 不太适合男
        > 好的
        <! 喜欢
        > 他平时爱喝茶
        < 喜欢茶的话
        < 冷泡绿茶茶包
        <! 没太明白
        > 想送我妈个礼物
        > 她喜欢钓鱼
        < 店里暂时没有钓鱼相关的商品
        < 1. 服饰
        """
    )


async def test_a_budget_and_a_recipient(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 送女朋友的 三百左右
        < 300元左右的礼物有这
        < 羊绒围巾
        <! 没有标明
        <! 没有找到完全对得上
        > 送长辈 五百以内
        < 500元以内送长辈的礼物
        < 羊毛混纺针织开衫
        <! 加厚长款羽绒服
        > 送男朋友 200以内
        < 200元以内的礼物
        <! 我不太确定您的意思
        """
    )
