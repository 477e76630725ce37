""" "买两个枕头" then "一对的" is one pair (said so it can be changed); a count said with the pack
stands, and single ones keep the count."""

from tests.dialogs.transcript import Shop


async def test_two_pillows_then_a_pair_is_one_pair(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买两个枕头
        < 请选择规格
        > 一对的
        < 一对就是两只，先按1对算
        < 天然乳胶枕（规格:一对） ×1
        <! ×2
        """
    )


async def test_a_pair_with_its_own_count_stands(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买两个枕头
        > 一对的 要两对
        < 天然乳胶枕（规格:一对） ×2
        """
    )


async def test_two_single_pillows_stay_two(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买两个枕头
        > 单只
        < 天然乳胶枕（规格:单只） ×2
        <! 先按1
        """
    )
