"""Inside the after-sales form, "还要寄回去啊" / "要我自己寄吗" / "运费谁出" are questions about
the return policy: answered from it (return.send_back, return.shipping_fee), and the form stays
at its step and asks its one question again. "还要寄回去啊" was taken as the reason, and "要我自己
寄吗" was "这个问题我还答不上来"."""

from __future__ import annotations

from tests.dialogs.transcript import Shop, paid_order


async def test_send_back_questions_at_the_reason(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.reach("aftersales:reason")
    for asked in ("还要寄回去啊", "要我自己寄吗", "东西要寄回去吗"):
        await chat.run(
            f"""
            > {asked}
            < 要把商品寄回
            < 无理由退货的寄回运费由买家承担
            < 请简单说一下原因
            <! 这个问题我还答不上来
            """
        )
        assert await chat.state() == "aftersales:reason"
    await chat.run(
        """
        > 运费谁出
        < 无理由退货的寄回运费由买家承担
        < 请简单说一下原因
        > 尺码不合适
        < 照片
        """
    )


async def test_send_back_questions_at_the_photos(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.reach("aftersales:photos")
    await chat.run(
        """
        > 那还要我自己寄回去吗
        < 要把商品寄回
        < 最多9张
        <! 这个问题我还答不上来
        > 寄回的运费谁出
        < 寄回运费由买家承担
        < 最多9张
        """
    )
    assert await chat.state() == "aftersales:photos"
