"""On a card, a question comparing it with another product named outright ("那个和保湿修护面霜有啥
区别") is a comparison of the two, not a question about the named one alone (it got "不太确定"
about 保湿修护面霜 once a question naming another product was taken to be about that one)."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_the_card_compared_with_a_named_product(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 油皮夏天用什么面霜
        < 控油清爽啫喱面霜
        > 那个和保湿修护面霜有啥区别
        < 保湿修护面霜
        < 控油清爽啫喱面霜
        <! 不太确定
        """
    )
