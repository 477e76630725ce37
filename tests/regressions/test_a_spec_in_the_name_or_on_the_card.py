"""What the product's name or card states is answered, not "不太确定": 纯棉 for the 全棉 sheets
(纯棉 and 全棉 are one word, synonyms.txt), and a colour asked whether there is one in a short
way ("粉的有没") at the colour question of the order form."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_chun_mian_is_quan_mian(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 你好 我想问下你们家的四件套是纯棉的吗
        < 全棉
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 四件套
        > 是纯棉的吗
        < 全棉
        <! 不太确定
        """
    )


async def test_a_colour_asked_with_you_mei(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 孩子五岁 身高115 想买件卫衣
        < 粉色
        > 粉的有没
        < 粉色有货
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 儿童卫衣
        > 粉的有没
        < 儿童纯棉卫衣粉色有货
        <! 不太确定
        """
    )
