""" "自热小火锅辣吗" showed only the card: jieba cuts the name into 自 热 小火锅, and the two
loose characters left beside 辣吗 made it like no question the facts know. A name cut into
pieces is joined again before the question is read, so any short question after it is heard."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["自热小火锅辣吗", "自热小火锅辣不辣", "自热小火锅很辣吗"])
async def test_the_spiciness_question_after_the_full_name(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 麻辣锅底偏辣
        """
    )


async def test_another_fact_after_the_full_name(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 自热小火锅保质期多久
        < 保质期9个月
        """
    )
