"""Two questions in one message on a card ("多少钱 有黑色吗") got only the colour answered:
the price was dropped. Each is answered, in the order asked, the next step said once."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_price_and_colour_in_one_message(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有没有保温杯
        < 316不锈钢保温杯
        > 多少钱 有黑色吗
        < ¥99.00
        < 黑色有货
        """
    )
    joined = "\n".join(chat.last)
    assert joined.count("回复“买”") == 1, joined  # the next step once, at the end
    assert joined.index("¥99.00") < joined.index("黑色有货"), joined  # in the order asked
    await chat.run(
        """
        > 多少钱，有粉色吗？
        < ¥99.00
        < 这款没有粉色
        """
    )
