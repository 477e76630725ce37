"""A buying message with nothing but a count ("买一箱", "那来两个吧") buys the product the
shopper was just talking about, also after other questions in between (寄新疆能行吗, 坏了咋办):
its specs are asked, never "想买哪件商品呢"."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

WHICH = "想买哪件商品"


async def test_a_box_of_the_cherries_asked_about(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 车厘子新鲜吗
        < 智利车厘子JJ级
        > 寄新疆能行吗
        > 坏了咋办
        > 买一箱
        < 智利车厘子JJ级，请选择规格
        <! {WHICH}
        > 2斤装
        < 智利车厘子JJ级（规格:2斤装） ×1
        """
    )


async def test_two_of_the_thing_priced(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 保温杯多少钱
        > 那来两个吧
        < 316不锈钢保温杯
        <! {WHICH}
        """
    )
