"""An answer given on a list that shows no numbers (the comparison of two headphones, then
"续航呢") does not say "回复序号": the shopper picks one by its name."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_battery_after_a_comparison(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 降噪耳机和头戴的哪个好 通勤用
        > 续航呢
        < 40小时
        <! 回复序号
        < 直接说名字
        """
    )
