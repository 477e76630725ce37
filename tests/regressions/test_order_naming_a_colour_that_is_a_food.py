"""'我要一件燕麦色卫衣': 燕麦色 is a colour of the hoodie, but 燕麦 is also what the oats are called,
so the product search counted half the message against the hoodie and named no product at all;
the order form asked "想买哪件商品呢" and the colour was lost. A word that is a spec value the
message names is no longer searched for by its parts."""

from __future__ import annotations

from knowledge import KnowledgeHolder
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_one_message_with_count_colour_and_product(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件燕麦色卫衣
        < 重磅连帽卫衣，请选择尺码
        <! 想买哪件商品
        > L
        < 重磅连帽卫衣（颜色:燕麦色 尺码:L） ×1
        """
    )


async def test_a_shade_names_only_the_product_that_comes_in_it(make_shop) -> None:  # noqa: F811
    """雾霾蓝 is the hoodie's colour; the 蓝 in it is no 蓝色 of the children's hoodie."""
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 来一件雾霾蓝的卫衣
        < 重磅连帽卫衣，请选择尺码
        <! 儿童纯棉卫衣
        > XL
        < 重磅连帽卫衣（颜色:雾霾蓝 尺码:XL） ×1
        """
    )


def test_the_colour_does_not_search_for_the_oats(knowledge: KnowledgeHolder) -> None:  # noqa: F811
    matcher = knowledge.current.matcher
    assert "AP-1002" in matcher.match("燕麦色卫衣").entities.skus
    assert "SN-3019" in matcher.match("燕麦片").entities.skus
    assert "SN-3019" in matcher.match("燕麦").entities.skus
