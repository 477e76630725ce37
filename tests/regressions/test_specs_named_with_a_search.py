"""Specs named with a product and no buying word were forgotten: "冲锋衣 墨绿 XL" showed the card,
and "结算" then asked the colour; "卫衣 黑色 L" listed the children's hoodie too, which comes in no
L. The card keeps what was named for 买 / 结算, and a search naming specs only one product has
shows that one."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("search", "buy", "chosen"),
    [
        ("冲锋衣 墨绿 XL", "结算", "三合一户外冲锋衣（颜色:墨绿 尺码:XL）"),
        ("保温杯 雾霾蓝 350ml", "买", "316不锈钢保温杯（颜色:雾霾蓝 容量:350ml）"),
        ("空气炸锅要6L黑色的", "买", "无油空气炸锅（颜色:黑色 容量:6L）"),
    ],
)
async def test_specs_named_with_the_product_are_kept_on_its_card(
    make_shop,  # noqa: F811
    search: str,
    buy: str,
    chosen: str,
) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > {search}
        < ¥
        > {buy}
        < {chosen}
        <! 请选择
        """
    )


async def test_a_search_naming_a_size_only_one_product_has_shows_that_one(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣 黑色 L
        < 重磅连帽卫衣  ¥159.00
        <! 儿童纯棉卫衣
        > 买
        < 重磅连帽卫衣（颜色:黑色 尺码:L）
        """
    )
