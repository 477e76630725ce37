""" "运费谁出" / "要自己出运费吗" right after the return or exchange policy was answered asks who
pays to send the goods back: the postage rule is the answer (with the free 运费险 for
clothing), never "我不太确定您的意思" with a menu."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

MENU = "我不太确定您的意思"


async def test_who_pays_after_the_return_policy(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        f"""
        > 衣服不合适能退吗
        < 无理由退货
        > 运费谁出
        < 寄回运费由买家承担
        < 运费险
        <! {MENU}
        """
    )


async def test_paying_it_yourself_after_an_exchange_answer(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user, "AP-1001")
    await chat.run(
        f"""
        > 衣服收到了 有点小 能换个XXL吗
        > 要自己出运费吗
        < 寄回运费由买家承担
        < 运费险
        <! {MENU}
        """
    )


async def test_postage_to_a_place_is_still_the_delivery_fee(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 衣服不合适能退吗
        > 寄新疆运费多少
        <! 寄回运费由买家承担
        """
    )
