"""What the card or the description answers is answered, not "不太确定": a material asked in
one character ("是铝的吗" of a stand of 铝合金), how much a kettle boils ("能烧多少水": its 1.7L);
and a measure stated by two facts is said once ("容量多大的" of the kettle)."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_material_in_one_character(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 桌面手机支架
        > 是铝的吗
        < 铝合金
        <! 不太确定
        """
    )


async def test_how_much_a_kettle_boils(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 电热水壶
        > 能烧多少水
        < 1.7L
        <! 不太确定
        """
    )


async def test_a_measure_two_facts_state_is_said_once(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 电热水壶
        > 容量多大的
        < 1.7L
        <! 一满壶
        <1 5分钟烧开
        """
    )
