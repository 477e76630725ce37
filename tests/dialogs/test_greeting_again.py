"""你好 / 在吗 after the first greeting gets a short "在的，您说", never the whole welcome again (in
a dialog the step then asks again); the welcome is for a first contact, 帮助 / 菜单 always get it,
and 在吗 on a product card is small talk, not a question about the product."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_the_welcome_once_then_a_short_reply(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 你好
        < 欢迎光临小禾良品
        > 我的订单
        < 您还没有订单
        > 在吗
        < 在的，您说
        <! 欢迎光临
        > 您好
        < 在的，您说
        <! 欢迎光临
        > 帮助
        < 欢迎光临小禾良品
        """
    )


async def test_a_greeting_on_a_card_is_no_product_question(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有T恤吗
        < [图文] 纯棉圆领短袖T恤
        > 在吗
        < 在的，您说
        <! 不太确定
        <! 欢迎光临
        > 有人吗
        < 在的，您说
        <! 不太确定
        """
    )


async def test_a_first_contact_is_welcomed(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 在吗
        < 欢迎光临小禾良品
        """
    )
