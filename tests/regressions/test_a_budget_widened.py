"""A budget widened in words ("那放宽到300呢", "预算提高到500") was no price: it fell back with a
list on screen. 放宽到 / 提高到 / 加到 a figure is a ceiling like 以内."""

from __future__ import annotations

import pytest

from knowledge.entities import find_price_range
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("said", "ceiling"), [("那放宽到300呢", 30000), ("预算提高到500", 50000), ("加到80吧", 8000)]
)
def test_a_widened_budget_is_a_ceiling(said: str, ceiling: int) -> None:
    assert find_price_range(said) == (None, ceiling)


async def test_a_widened_budget_over_a_list(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 想买个蓝牙耳机 预算200以内有木有
        < 没有200元以内的
        > 那放宽到300呢
        < 300元以内的有这2款
        """
    )
