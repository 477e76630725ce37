"""Searches whose wish no product states, or whose words name the product, get the product.

给我爸买个枕头 once answered 没有标明男款的商品…建议先问问客服 (no pillow states a 性别, so 男
hid the one that fits); 哪个面霜好 compared the creams on 面霜 (资料分不出哪款更面霜); 每日坚果30袋礼盒
read the spec 礼盒 as a gift search.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    "asked",
    ["想给我爸买个枕头 他颈椎不好 两百以内有吗", "给我老公买个枕头", "帮我妈挑个枕头 300以内"],
)
async def test_a_wish_no_product_states_does_not_hide_the_fit(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 天然乳胶枕
        <! 没有标明
        <! 建议先问问客服
        """
    )


@pytest.mark.parametrize(
    ("asked", "first"),
    [
        ("我大油皮 夏天用哪个面霜好", "推荐控油清爽啫喱面霜"),
        ("干皮冬天用哪个面霜好", "推荐保湿修护面霜"),
    ],
)
async def test_which_cream_is_good_for_a_skin_type(shop: Shop, asked: str, first: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < {first}
        <! 资料分不出
        <! 更面霜
        """
    )


@pytest.mark.parametrize("asked", ["每日坚果30袋礼盒", "每日坚果 30袋礼盒的"])
async def test_a_spec_value_with_a_gift_word_is_no_gift_search(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 每日坚果
        <! 适合送礼
        """
    )
