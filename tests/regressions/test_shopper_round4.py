"""Shopper test, round 4: a bad reaction after use (过敏, 起痘) is a complaint that gets an apology,
care advice and after-sales, never the product's card; a question whether it may cause one
(敏感肌会过敏吗) stays a product question."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

MASK = "BT-2002"


@pytest.mark.parametrize("said", ["面膜用了过敏 脸都红了", "用了你们的面膜起痘了", "敷完脸上好痒"])
async def test_a_reaction_after_use_opens_after_sales_with_an_apology(
    shop: Shop,  # noqa: F811
    said: str,
) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, MASK)
    await chat.run(
        f"""
        > {said}
        < 非常抱歉
        < 请先停用
        < 请问是哪个订单要售后
        < {order.order_no}
        <! [图文]
        """
    )
    assert await chat.state() == "aftersales:order"


async def test_a_reaction_with_no_order_is_still_met_with_care(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 面膜用了过敏 脸都红了
        < 非常抱歉
        < 请先停用
        < 别的微信号
        <! [图文]
        """
    )


async def test_asking_whether_it_may_cause_a_reaction_is_a_product_question(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user, MASK)
    await chat.run(
        """
        > 补水面膜敏感肌用了会过敏吗
        <! 请问是哪个订单要售后
        <! 请先停用
        """
    )
