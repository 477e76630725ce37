"""A product named with the cart in mind is that product:

* "加购 护手霜" puts the 护手霜 in the cart (one of it, its only scent taken), not only its card;
* "护手霜改成2个" with no 护手霜 in the cart never changes another line (the 身体乳): the
  护手霜 is added with that count.
"""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_add_to_cart_with_the_product_named(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 加购 护手霜
        < 已加入购物车
        < 护手霜3支装（香型:混合3支） ×1
        > 再加个身体乳 樱花的
        < 护手霜3支装（香型:混合3支） ×1
        < 保湿身体乳（香型:樱花 规格:400ml） ×1
        > 护手霜改成2个
        < 护手霜3支装（香型:混合3支） ×2
        < 保湿身体乳（香型:樱花 规格:400ml） ×1
        """
    )


async def test_a_count_for_a_product_not_in_the_cart(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 再加个身体乳 樱花的
        < 保湿身体乳（香型:樱花 规格:400ml） ×1
        > 护手霜改成2个
        < 保湿身体乳（香型:樱花 规格:400ml） ×1
        < 护手霜3支装（香型:混合3支） ×2
        <! 已把保湿身体乳改成2件
        """
    )
