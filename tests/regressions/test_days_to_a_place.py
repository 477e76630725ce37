"""How many days a parcel takes to the place asked about ("寄拉萨要几天", "发新疆几天到"), from
shipping.toml's `transit_days` (the region's, else the shop's).

Broke because a remote place named made the remote-regions FAQ (fees, which provinces) the
answer, which says nothing of days; a card answered the same FAQ.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.handlers.answers import transit_answer
from knowledge.holder import KnowledgeHolder
from knowledge.shipping import Region
from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ("寄拉萨要几天", "寄到西藏拉萨（偏远地区），发出后一般5-7天能到"),
        ("发新疆几天到", "寄到新疆（偏远地区），发出后一般5-7天能到"),
        ("寄到嘉兴要几天", "1-2天"),
        ("寄到北京要几天", "寄到北京，发出后一般2-4天能到"),
    ],
)
async def test_the_days_of_the_place_asked(shop: Shop, asked: str, said: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < {said}
        <! 运费每单15元
        """
    )


async def test_on_a_card_the_days_or_that_it_does_not_go_there(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有T恤
        > 寄拉萨要几天
        < 5-7天
        <! 运费每单15元
        """
    )
    await shop.chat().run(
        """
        > 有没有车厘子
        > 寄新疆几天能到
        < 智利车厘子JJ级暂不发新疆
        <! 5-7天
        """
    )


def test_no_figure_for_the_place_is_not_sure_with_a_human(knowledge: KnowledgeHolder) -> None:
    shop_kb = knowledge.current.kb
    rules = replace(
        shop_kb.shipping,
        transit_days=None,
        regions=(Region("江浙沪", ("江苏", "浙江", "上海"), transit_days="1-2"),),
    )
    said = transit_answer("寄拉萨要几天", replace(shop_kb, shipping=rules)) or ""
    assert "人工" in said
    assert "天能到" not in said
    nothing = replace(shop_kb, shipping=replace(rules, regions=()))
    assert transit_answer("寄拉萨要几天", nothing) is None  # no figures at all: the FAQ answers
