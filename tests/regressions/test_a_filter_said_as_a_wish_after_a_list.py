"""A filter said as a wish after a list ("要不辣的", "就要不甜的吧") narrows the list, as "不要辣的"
does; it is no pick of one listed product."""

from tests.dialogs.transcript import Shop


async def test_a_wish_for_not_spicy_narrows_the_list(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 零食
        < 零食
        > 要不辣的
        < 去掉辣的，还有这
        <! 您要哪一款
        """
    )


async def test_a_wish_for_not_spicy_over_a_list_none_is(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我想买点零食 办公室同事一起吃
        < 每日坚果
        > 要不辣的
        < 上面这些都不是辣的
        <! 您要哪一款
        """
    )
