"""Two products compared by part of their names were not found: "10000的和20000的差多少钱" over
a list of power banks compared all five and gave no difference; "控油清爽啫喱面霜和保湿修护面霜有啥区
别" on the second one's card got "不太确定". The two are compared, and a price gap asked is said."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_two_of_a_list_by_part_of_their_names_and_the_gap(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 充电宝
        < 为您找到
        > 10000的和20000的差多少钱
        < 20000mAh大容量充电宝¥129.00，10000mAh超薄充电宝¥89.00，差¥40.00
        <! 磁吸无线充电宝
        > 10000mAh和20000mAh的充电宝贵多少
        < 差¥40.00
        """
    )


async def test_a_comparison_naming_both_on_one_of_their_cards(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 保湿修护面霜
        < 保湿修护面霜  ¥139.00
        > 控油清爽啫喱面霜和保湿修护面霜有啥区别
        < 控油清爽啫喱面霜：¥119.00
        < 保湿修护面霜：¥139.00
        <! 不太确定
        """
    )
