"""A height and weight said with no product in talk ("尺码怎么选" → "我175 140斤 平时穿L") got
"还没学会", though the size FAQ had just asked for them; "我175 140斤穿什么码" got the FAQ again.
Now the size most of the shop's charts give is said (only when most agree), the product asked
for, and the body kept for the size asked on the list that follows."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


async def test_the_body_the_size_faq_asked_for_is_answered(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 尺码怎么选
        < 身高、体重
        > 我175 140斤 平时穿L
        < 175cm、140斤的话，我们家大部分款选L
        < 您看中哪件
        <! 没学会
        > 卫衣
        > 要哪个码
        < 重磅连帽卫衣：175cm、140斤的话建议选L
        """
    )


@pytest.mark.parametrize("asked", ["我175 140斤穿什么码", "身高175 体重140斤 穿多大"])
async def test_a_body_asked_alone_gets_a_size_not_the_faq(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 大部分款选L
        <! 告诉我身高、体重
        """
    )


async def test_a_body_beside_a_product_is_that_products_size(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 卫衣
        > 我175 140斤 平时穿L
        < 重磅连帽卫衣：175cm、140斤的话建议选L
        <! 大部分款
        """
    )
