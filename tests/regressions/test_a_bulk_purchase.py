"""A bulk purchase ("公司想采购一批保温杯 大概80个左右 有优惠吗") got the coupon FAQ, not the
shop's group-price rule (单款50件以上走团购价, 转人工); "80个现货够不够" on the card then sent
the card again ("库存：充足") instead of answering for 80."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    "asked", ["你好 我们公司想采购一批保温杯 大概80个左右 有优惠吗", "保温杯批量买能便宜吗"]
)
async def test_a_bulk_purchase_gets_the_group_price_rule(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 团购价
        """
    )


async def test_a_count_asked_against_the_stock(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 80个现货够不够
        < 80个够的
        < 团购价
        <! 库存：充足
        > 三个有吗
        < 3个够的
        <! 团购价
        """
    )
