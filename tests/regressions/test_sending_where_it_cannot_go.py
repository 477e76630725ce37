"""Whether a product can be sent to a place it cannot go (fruit to 新疆/西藏: shipping.toml's
override `excluded_provinces`), asked with a wish to buy ("买两斤车厘子寄新疆可以吗"), before
buying or on its card.

Broke because the order form was started anyway after the "no" (the spec asked next), and
"我想买芒果 能寄到西藏吗" got "不太确定" about the mango.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("asked", "name", "place"),
    [
        ("买两斤车厘子寄新疆可以吗", "智利车厘子JJ级", "新疆"),
        ("我想买芒果 能寄到西藏吗", "海南贵妃芒", "西藏"),
    ],
)
async def test_no_and_no_order_started(shop: Shop, asked: str, name: str, place: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < {name}暂不发{place}
        < 别的商品可以发{place}（运费每单¥15.00，不参与包邮）
        <! 请选择规格
        <! 不太确定
        > 1
        <! 已加入购物车
        """
    )


async def test_on_the_card_the_answer_is_about_that_product(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有车厘子
        > 能寄到新疆吗
        < 智利车厘子JJ级暂不发新疆
        """
    )


async def test_goods_that_can_go_there_are_not_refused(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 买两件T恤寄新疆可以吗
        < 可以发货
        <! T恤暂不发
        """
    )
