""" "草莓脆" is the 冻干草莓脆 it is a piece of, not the sold-out 草莓 whose alias it holds."""

from tests.dialogs.transcript import Shop


async def test_a_piece_of_a_name_beats_a_shorter_alias(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有零食 不要辣的 给小孩吃
        > 芒果干多少g的
        > 两包 500g的
        > 再来一个草莓脆
        < 冻干草莓脆（规格:60g×2） ×1
        <! 丹东99草莓
        """
    )


async def test_the_strawberries_themselves_are_still_found(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 草莓
        < 丹东99草莓
        """
    )
