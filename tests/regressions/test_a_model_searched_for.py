"""A search naming a phone model the shop has nothing for ("有没有iPhone14的手机壳") listed the
iPhone 15 case and film without a word: the shopper took them for 14's. It is said first that
nothing fits that model; a model that does fit lists the products that fit it."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_model_nothing_fits_is_said_first(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 有没有iPhone14的手机壳
        < 店里暂时没有适配iPhone 14的款
        """
    )


async def test_a_model_that_fits_lists_what_fits(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 有没有iPhone15 Pro的手机壳
        < iPhone15液态硅胶手机壳
        <! 没有专门适配
        <! 暂时没有适配
        """
    )
