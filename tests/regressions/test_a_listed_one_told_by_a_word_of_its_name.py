"""A listed product picked by a word of its name before 的 ("长款的", "就要那个长的吧"): its card
opens, not "没太明白" or "您要哪一款"."""

from tests.dialogs.transcript import Shop


async def test_a_word_of_the_name_picks_the_listed_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 在吗 问下羽绒服
        < 加厚长款羽绒服
        > 我165 120斤穿啥码
        > 长款的
        < [图文] 加厚长款羽绒服
        <! 没太明白
        """
    )


async def test_one_character_of_the_name_picks_the_listed_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 羽绒服
        < 轻薄白鸭绒羽绒服
        > 就要那个长的吧要大号
        < [图文] 加厚长款羽绒服
        <! 没太明白
        <! 您要哪一款
        > 黑色
        < 加厚长款羽绒服，请选择尺码
        """
    )


async def test_a_character_that_is_a_colour_picks_nothing_by_name(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 羽绒服
        < 轻薄白鸭绒羽绒服
        > 白的
        <! [图文] 轻薄白鸭绒羽绒服
        """
    )
