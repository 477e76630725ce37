"""Two products named in one search ("我想买保温杯和T恤") showed only the cup's card: neither
product explained the whole message, and 保温 inside 保温杯 was taken for a wish the T-shirt
does not meet. Each product named gets its place in the list."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["我想买保温杯和T恤", "T恤和保温杯", "有没有保温杯跟T恤"])
async def test_both_products_are_listed(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 316不锈钢保温杯
        < 纯棉圆领短袖T恤
        < 回复序号看详情
        """
    )


async def test_a_kind_and_a_product_list_every_one_of_the_kind(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 想看看卫衣和T恤
        < 重磅连帽卫衣
        < 儿童纯棉卫衣
        < 纯棉圆领短袖T恤
        """
    )


async def test_a_wish_said_apart_from_the_name_still_sifts(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温的杯子吗
        < 316不锈钢保温杯
        <! 耐热玻璃水杯
        """
    )
