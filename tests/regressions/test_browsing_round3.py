"""Browsing, round 3: a colour the shop never stocks asked at the colour question is a question
about this product's colours (not "我们店不卖红色"); "送长辈合适不" on a card asks whether this
product suits as a present (not a new gift search); several answers on a card say 有货 once."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_colour_nobody_stocks_is_asked_about_this_product(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我要买羊毛混纺针织开衫
        < 请选择颜色
        > 有红色的吗
        < 没有红色
        < 米白、燕麦色、雾霾蓝
        <! 不卖
        < 请选择颜色
        """
    )
    assert await chat.state() == "order:spec"


async def test_a_colour_nobody_stocks_on_a_card(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 羊毛混纺针织开衫
        < 羊毛混纺针织开衫
        > 有红色的吗
        < 这款没有红色
        <! 不卖
        """
    )


async def test_a_gift_question_on_a_card_is_about_that_product(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有啥零食推荐 不要辣的
        < 每日坚果
        > 第三个是啥
        < 每日坚果
        > 送长辈合适不
        < 每日坚果是店里的送礼款
        < 30袋礼盒
        < 贺卡
        <! 送长辈的礼物有
        <! 第1/
        """
    )
    assert await chat.state() == "browse:card"


async def test_a_gift_question_the_data_cannot_answer_is_not_guessed(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 即食燕麦片
        < 即食燕麦片
        > 送长辈合适不
        < 不太确定
        <! 送长辈的礼物有
        """
    )


async def test_several_answers_on_a_card_say_in_stock_once(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 加厚长款羽绒服
        < 加厚长款羽绒服
        > 有卡其吗 多少钱 包邮不
        < 卡其有货
        < ¥699
        < 包邮
        """
    )
    assert "\n".join(chat.last).count("有货") == 1


async def test_a_budget_search_for_one_shows_its_card_and_others_keep_the_budget(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想给我妈买件保暖的外套 预算300以内
        < 羊毛混纺针织开衫
        <! 请选择颜色
        > 有没有别的
        < 300元以内的同类只有这款
        < 轻薄白鸭绒羽绒服¥399.00
        <! 加厚长款羽绒服
        <! 答不上来
        """
    )
    assert await chat.state() == "browse:card"


async def test_others_at_the_spec_question_keep_the_budget(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 想给我妈买件保暖的外套 预算300以内
        < 羊毛混纺针织开衫
        > 买
        < 请选择颜色
        > 有没有别的
        < 300元以内的同类只有这款
        <! ¥699
        < 请选择颜色
        """
    )


async def test_a_skin_type_question_is_answered_from_the_attributes(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 逛逛
        < 想看哪一类
        > 那洗面奶呢 敏感肌能用不
        < 可以，氨基酸温和洗面奶敏感肌可用
        < ¥49.90
        <! 不太确定
        """
    )
