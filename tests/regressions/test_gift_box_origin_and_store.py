"""Shop facts asked in plain words get the shop's answer from its FAQ: a gift box (right after
the gift-wrapping rule, or a gift question) was "我们店不卖包装" or the wrapping rule again; where
the parcels ship from was "您问的是哪件商品呢" (a product's origin) or the fallback; a physical
store asked as 开没开实体店 / 有线下店吗 was the fallback."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_gift_box_after_the_wrapping_rule(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 能帮忙包装成礼物吗
        < 免费手写贺卡
        > 有礼盒包装吗
        < 自带礼盒的有
        < 5斤礼盒
        <! 我们店不卖
        <! 礼盒包装仅限有礼盒规格的商品
        > 可以加礼盒吗
        < 没有单独加购的礼盒包装
        """
    )


async def test_gift_box_in_other_words(shop: Shop) -> None:
    for asked in ("有没有礼盒", "送人的有礼盒吗", "能用礼盒装吗"):
        await shop.chat().run(
            f"""
            > {asked}
            < 自带礼盒的有
            <! 我们店不卖
            <! 我不太确定您的意思
            """
        )


async def test_where_parcels_ship_from(shop: Shop) -> None:
    for asked in ("你们是哪里发货的", "从哪发货", "货从哪里发", "发货地在哪"):
        await shop.chat().run(
            f"""
            > {asked}
            < 浙江嘉兴的仓库发出
            <! 您问的是哪件商品
            <! 这个问题我还没学会
            <! 我不太确定您的意思
            """
        )


async def test_a_physical_store(shop: Shop) -> None:
    for asked in ("你们开没开实体店", "有线下店吗", "有没有线下门店"):
        await shop.chat().run(
            f"""
            > {asked}
            < 没有实体门店
            <! 这个问题我还没学会
            <! 我不太确定您的意思
            """
        )
