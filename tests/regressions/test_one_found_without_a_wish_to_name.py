""" "芒果甜不甜": one product found, with a wish no words can name, opens on its card; the reply
never starts with a broken "的只有这一款：" (the price or the wish it would name is missing)."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_is_the_mango_sweet(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 芒果甜不甜
        < 海南贵妃芒
        < 更甜
        <! 的只有这一款
        """
    )
