"""The same complaint twice ("都三天了还没到") got the identical reply twice, with no apology.
An impatient complaint is apologised for at once; said again it gets another apology, where
the order stands, and 人工 offered, never the reply before word for word."""

from __future__ import annotations

from bot.storage import Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


async def _shipped(shop: Shop, user: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, "HM-5022")
    return await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF2468013579", actor="t")


async def test_the_same_complaint_twice(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped(shop, chat.user)
    first = await chat.say("都三天了还没到")
    second = await chat.say("都三天了还没到")
    third = await chat.say("都三天了还没到")
    for said in (first, second, third):
        joined = "\n".join(said)
        assert order.order_no in joined and "SF2468013579" in joined, said
        assert "抱歉" in joined and "人工" in joined, said
    assert first != second and second != third


async def test_an_order_still_being_packed_asked_twice(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.run(
        """
        > 快递到哪了
        < 正在备货
        <! 抱歉
        > 快递到哪了
        < 抱歉
        < 正在备货
        < 人工
        """
    )
