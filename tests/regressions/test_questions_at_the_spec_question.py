"""Questions asked while a spec is chosen are answered: "米白的有L码吗" at the colour question put
the cardigan in the cart (a question was read as a pick; now its values are taken and the count
is asked), and "有没有别的" / "还有别的颜色吗" got "这个问题我还答不上来"."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_stock_question_is_answered_and_its_values_taken(make_shop) -> None:  # noqa: F811
    # Asked whether the values are there while the spec is asked, the shopper has said which
    # (the colour question asked again after "有货" was asked three times in a row in a test):
    # they are taken, the count is still asked, and nothing goes into the cart on its own.
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买羊毛混纺针织开衫
        < 请选择颜色
        > 米白的有L码吗
        < 米白L码有货
        < 要买几件
        <! 请选择颜色
        <! 已加入购物车
        > 返回
        < 请选择
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 我要买羊毛混纺针织开衫
        < 请选择颜色
        > 要米白的
        < 请选择尺码
        > L码有吗
        < L码有货
        < 要买几件
        > 紫色的有吗
        <! 已加入购物车
        """
    )


async def test_other_values_and_other_products_are_listed(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买羊毛混纺针织开衫
        < 请选择颜色
        > 还有别的颜色吗
        < 颜色就这3种：米白、燕麦色、雾霾蓝
        <! 答不上来
        > 有没有别的
        < 同类的还有
        <! 答不上来
        < 请选择颜色
        """
    )
