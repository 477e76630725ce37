"""Product questions answered from what the product's data says, and never against it: a model
the product does not list is 不能 (the iPhone 15 case was "支持的" for a 14), a fact recorded for
the product is used for the question it answers, and what a sentence says is whole (no pasted
spec value after the name)."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("card", "said", "fits"),
    [
        ("iPhone15液态硅胶手机壳", "iPhone14能用吗", "iPhone 15 Pro Max"),
        ("iPhone15液态硅胶手机壳", "苹果13可以用不", "iPhone 15 Pro"),
        ("iPhone15高清钢化膜", "iphone 14 pro能用吗", "iPhone 15"),
        ("磁吸无线充电宝", "iPhone11能用吗", "iPhone 12及以上"),
    ],
)
async def test_a_model_the_product_does_not_list_is_no(
    shop: Shop, card: str, said: str, fits: str
) -> None:
    await shop.chat().run(
        f"""
        > {card}
        > {said}
        < 不能
        < {fits}
        <! 支持的
        <! 能用，
        """
    )


@pytest.mark.parametrize(
    ("card", "said", "fits"),
    [
        ("iPhone15液态硅胶手机壳", "15pro能用吗", "iPhone 15 Pro"),
        ("iPhone15液态硅胶手机壳", "苹果15promax可以用吗", "iPhone 15 Pro Max"),
        ("磁吸无线充电宝", "苹果14能用吗", "iPhone 12及以上"),
        ("20W苹果快充充电器", "iPhone15能用吗", "iPhone 8以上"),
    ],
)
async def test_a_model_the_product_lists_is_yes(
    shop: Shop, card: str, said: str, fits: str
) -> None:
    await shop.chat().run(
        f"""
        > {card}
        > {said}
        < 能用
        < {fits}
        <! 不能
        <! 支持的，
        """
    )
