"""A go-on word said with a count beside it ("好 下单一个", "行 下单两台") on a card takes
the order with that count, never "没太明白"."""

from tests.dialogs.transcript import Shop


async def test_order_one_on_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 无线除螨仪
        > 好 下单一个
        < 无线除螨仪（颜色:白色） ×1
        <! 没太明白
        """
    )


async def test_order_two_on_another_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 静音加湿器
        > 行 下单两台
        < 静音加湿器
        < ×2
        <! 没太明白
        """
    )
