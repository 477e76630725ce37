"""Shopper test, round 4: a bad reaction after use (过敏, 起痘) is a complaint that gets an apology,
care advice and after-sales, never the product's card; a question whether it may cause one
(敏感肌会过敏吗) stays a product question."""

from __future__ import annotations

import pytest

from bot.dialogs.parse import ordinal_in
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

MASK = "BT-2002"


@pytest.mark.parametrize("said", ["面膜用了过敏 脸都红了", "用了你们的面膜起痘了", "敷完脸上好痒"])
async def test_a_reaction_after_use_opens_after_sales_with_an_apology(
    shop: Shop,  # noqa: F811
    said: str,
) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, MASK)
    await chat.run(
        f"""
        > {said}
        < 非常抱歉
        < 先停用
        < 售后订单：{order.order_no}
        <! [图文]
        """
    )
    assert await chat.state() == "aftersales:kind"  # the only order is taken: what to do next


async def test_a_reaction_with_no_order_is_still_met_with_care(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 面膜用了过敏 脸都红了
        < 非常抱歉
        < 先停用
        < 别的微信号
        <! [图文]
        """
    )


async def test_asking_whether_it_may_cause_a_reaction_is_a_product_question(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user, MASK)
    await chat.run(
        """
        > 补水面膜敏感肌用了会过敏吗
        <! 请问是哪个订单要售后
        <! 先停用
        """
    )


@pytest.mark.parametrize(
    ("card", "said", "answer"),
    [
        ("20W苹果快充充电器", "支持苹果吗", "适配iPhone 8以上"),
        ("20W苹果快充充电器", "iphone能用吗", "适配iPhone 8以上"),
        ("65W氮化镓充电器", "能给笔记本充不", "可充笔记本"),
        ("Type-C有线耳机", "安卓可以用吗", "适配安卓"),
    ],
)
async def test_a_compatibility_question_on_a_card_is_about_its_product(
    shop: Shop,  # noqa: F811
    card: str,
    said: str,
    answer: str,
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {card}
        < [图文] {card}
        > {said}
        < 能用
        < {answer}
        <! 红富士
        """
    )
    assert await chat.state() == "browse:card"


async def test_a_device_the_card_does_not_mention_is_not_guessed(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 20W苹果快充充电器
        > 华为手机能用吗
        < 没有写明支不支持华为
        < 人工
        <! 能用
        """
    )


async def test_a_listed_product_told_by_a_word_of_its_name_is_picked(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶有几种
        < 氨基酸温和洗面奶
        < 男士控油洁面乳
        > 男士的那个来一支
        < 男士控油洁面乳
        <! 男士商务休闲裤
        <! 为您找到
        """
    )
    assert str(await chat.state()).startswith("order:")


async def test_the_word_only_picks_when_one_listed_product_has_it(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶有几种
        < 男士控油洁面乳
        > 氨基酸的那个
        < [图文] 氨基酸温和洗面奶
        """
    )
    assert await chat.state() == "browse:card"


async def test_a_kind_word_picks_the_one_listed_for_it(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 服饰
        < 女士高腰直筒牛仔裤
        < 男士商务休闲裤
        > 女款那个
        < [图文] 女士高腰直筒牛仔裤
        """
    )


@pytest.mark.parametrize(
    "said", ["吴磊 13011118888 河南省郑州市金水区花园路1号", "地址是建国路88号3单元501"]
)
def test_digits_of_an_address_choose_nothing_from_a_list(said: str) -> None:
    assert ordinal_in(said, 5) is None
    assert ordinal_in("3号来两件", 5) == 2  # a choice by number still counts


async def test_receiver_details_on_a_list_open_no_listed_product(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶有几种
        < 男士控油洁面乳
        > 吴磊 13011118888 河南省郑州市金水区花园路1号
        <! [图文] 氨基酸温和洗面奶
        """
    )
