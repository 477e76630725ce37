"""Questions asked while a spec is chosen are answered, and choose nothing: "米白的有L码吗" at the
colour question put the cardigan in the cart (a question was read as a pick), and "有没有别的" /
"还有别的颜色吗" got "这个问题我还答不上来"."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_stock_question_is_answered_and_the_colour_asked_again(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买羊毛混纺针织开衫
        < 请选择颜色
        > 米白的有L码吗
        < 米白L码有货
        < 请选择颜色
        <! 已加入购物车
        > 要米白的
        < 请选择尺码
        > L码有吗
        < L码有货
        < 请选择尺码
        > L
        < 要买几件
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
