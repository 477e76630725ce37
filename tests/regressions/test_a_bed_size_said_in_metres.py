""" "1米8的床" is a 1.8米 bed (not 1米, and no body height): on the sheets' card, whose sizes are
1.5米床 / 1.8米床, "1米8的床能用吗" is answered that it fits, however the metres are written."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_bed_of_1_mi_8(shop: Shop) -> None:
    for said in ("1米8的床能用吗", "一米八的床能用吗", "1.8米的床能用吗"):
        await shop.chat().run(
            f"""
            > 四件套
            < 1.8米床
            > {said}
            < 可以用
            < 1.8米床有货
            <! 不太确定
            <! 米色
            <! 身高
            """
        )


async def test_a_height_in_metres_is_still_a_height(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 我身高1米8 穿什么码的卫衣
        < 180cm
        """
    )
