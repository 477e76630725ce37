"""The phone model chosen for one product fills the same spec of the next one (a case for
iPhone 15 Pro, then a screen protector: no 型号 question), when that product comes in it; and
the wishes a search honours are said in the shopper's words (夏天, not the bare 夏 of the data)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_model_of_the_case_is_the_films_too(shop: Shop) -> None:  # noqa: F811
    for case, film, model in (
        ("有iphone15pro的手机壳吗\n> 要远峰蓝", "再来个防窥膜", "iPhone 15 Pro"),
        ("有iphone15promax的手机壳吗\n> 白色", "再来个钢化膜 高清的", "iPhone 15 Pro Max"),
    ):
        chat = shop.chat()
        await chat.run(
            f"""
            > {case}
            > {film}
            < iPhone15高清钢化膜（型号:{model} 规格
            <! 请选择型号
            """
        )


async def test_a_model_is_not_carried_to_a_product_without_it(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有iphone15pro的手机壳吗
        > 要黑色 再来个T恤
        < 纯棉圆领短袖T恤
        <! iPhone 15 Pro）
        """
    )


async def test_wishes_are_said_in_words(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 油皮夏天用什么面霜
        < 夏天也能用
        <! 夏的是这款
        <! 夏）
        """
    )
