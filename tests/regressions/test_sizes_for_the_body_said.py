"""Sizing from the product data wherever it is asked: "脚背高穿哪个码" gets what the fit note or
the description says of a high instep (over a list, on a card, at the order form's size
question), with the size from the usual one said (平时穿40 → 41); a bare span for kids' clothes
("110-120的有吗", no 元 or 块) is a child's height, answered with the sizes for it, a span with
元 is a price, and a span with nothing to tell the two apart is asked about."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_high_instep_over_a_list_of_shoes(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 服饰
        > 更多
        > 更多
        > 更多
        < 百搭帆布鞋
        > 脚背高穿哪个码
        < 百搭帆布鞋：脚背高建议拍大一码
        < 轻便透气跑步鞋：脚背高或脚偏宽的可以拍大一码
        <! 儿童
        """
    )


async def test_a_high_instep_at_the_size_question(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我要买跑步鞋
        > 全黑
        < 请选择尺码
        > 脚背高穿多大
        < 拍大一码
        <! 不太确定
        < 请选择尺码
        > 偏码吗
        < 标准码
        < 请选择尺码
        """
    )


async def test_the_usual_size_said_gives_the_size(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 帆布鞋
        < 百搭帆布鞋
        > 我脚背高 平时穿40 选哪个
        < 脚背高建议拍大一码
        < 建议选41
        <! 40码有货
        """
    )
    await shop.chat().run(
        """
        > 跑步鞋
        > 脚背高 平时穿44 穿多大
        < 没有再大的码
        < 人工
        """
    )


async def test_a_bare_span_for_kids_clothes_is_a_height(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 儿童卫衣
        < 为您找到2件相关商品
        > 110-120的有吗
        < 儿童纯棉卫衣：身高110-120cm可以选110、120码
        < 儿童加绒运动裤
        <! 元
        > 130到140的呢
        < 130、140码
        <! 元
        """
    )
    await shop.chat().run(
        """
        > 儿童加绒运动裤
        > 100-110的有没有
        < 100、110码
        <! 元
        """
    )
    await shop.chat().run(
        """
        > 儿童卫衣110-120的有吗
        < 儿童纯棉卫衣：身高110-120cm可以选110、120码
        <! 元
        """
    )


async def test_a_span_with_money_words_is_a_price(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 儿童卫衣
        > 80-100元的有吗
        < 80-100元
        <! 身高
        """
    )
    await shop.chat().run(
        """
        > 看看零食
        > 50到100的有吗
        < 50-100元
        <! 身高
        """
    )


async def test_a_span_with_nothing_to_tell_is_asked(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 110-120的有吗
        < 是价格还是孩子的身高
        <! 没学会
        """
    )
    await shop.chat().run(
        """
        > 服饰
        > 120-150的有吗
        < 是价格还是孩子的身高
        """
    )


async def test_a_childs_height_is_never_an_adults(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 孩子身高120 看看儿童卫衣
        > 要哪个码
        < 儿童纯棉卫衣：120cm的话建议选120
        > 冲锋衣
        > 穿哪个码
        < 120cm是孩子的
        <! 建议选
        > T恤
        > 选哪个码
        < 120cm是孩子的
        < 身高体重
        <! 不在这款的尺码表里
        """
    )


async def test_the_shoppers_own_height_is_no_childs(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我170 130斤 想买T恤
        > 穿哪个码
        < 建议选M
        > 儿童卫衣
        > 选哪个码
        < 是您自己的
        <! 170cm的话
        """
    )


async def test_the_fit_asked_naming_the_product(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我平时穿39 脚背高 帆布鞋选哪个码
        < 百搭帆布鞋：脚背高建议拍大一码
        < 建议选40
        """
    )


async def test_a_childs_height_over_a_list_of_both(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 卫衣
        < 为您找到2件相关商品
        > 我女儿身高130 穿哪个码
        < 儿童纯棉卫衣：130cm的话建议选130
        <! 建议选M
        """
    )


async def test_a_childs_height_with_the_search_shows_the_childrens_one(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我女儿身高130 有卫衣吗
        < 儿童纯棉卫衣  ¥99.00
        <! 重磅连帽卫衣
        """
    )


async def test_a_kids_product_named_alone_shows_its_card(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 儿童纯棉卫衣
        < [图文] 儿童纯棉卫衣
        <! 可用
        > 110-120的有吗
        < 身高110-120cm可以选110、120码
        """
    )
