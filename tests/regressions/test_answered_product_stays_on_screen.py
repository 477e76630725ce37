"""A question about one product named in the message (牛仔裤穿几码, 保温杯能保温多久) is answered
from its facts, and that product is then the one on screen: the next question ("有没有黑色26的",
"多少钱") is about it, as it would be after its card."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_size_question_about_a_named_product_keeps_it_on_screen(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我一米六五 一百斤 牛仔裤穿几码
        < 不太确定
        > 有没有黑色26的
        < 黑色
        < 26
        <! 不太确定您的意思
        """
    )
    assert await chat.state() == "browse:card"
