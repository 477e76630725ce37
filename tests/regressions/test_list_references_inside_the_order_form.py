"""While the order form asks a spec or the count, "换成第二个", "第二个" and "刚才那个蓝色的" point
at the list shown before the form. They used to be read as the second colour, refused as a
count ("请直接回复数量") or as a colour this product lacks ("这款没有“蓝色”")."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop

LIST = """
    > 卫衣
    < 1. 重磅连帽卫衣
    < 2. 儿童纯棉卫衣
    > 买第一个
    < 重磅连帽卫衣，请选择颜色
"""


async def test_swapped_for_another_of_the_list_at_a_spec_question(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        LIST
        + """
        > 换成第二个
        < 好的，换成儿童纯棉卫衣
        < 儿童纯棉卫衣，请选择颜色
        > 蓝色 120 两件
        < 儿童纯棉卫衣（颜色:蓝色 尺码:120） ×2
        <! 重磅连帽卫衣
        """
    )


async def test_an_ordinal_at_the_count_question_is_the_product(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        LIST
        + """
        > 黑色 L
        < 要买几件
        > 第二个
        <! 请直接回复数量
        < 换成儿童纯棉卫衣
        < 儿童纯棉卫衣，请选择颜色
        """
    )


async def test_described_by_a_spec_value_only_the_other_has(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        LIST
        + """
        > 刚才那个蓝色的
        <! 这款没有
        < 换成儿童纯棉卫衣
        < 儿童纯棉卫衣，请选择尺码
        """
    )


async def test_a_bare_ordinal_at_a_spec_question_is_asked_about(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        LIST
        + """
        > 第二个
        < 是想换成刚才列表里的第2款“儿童纯棉卫衣”吗
        < 重磅连帽卫衣，请选择颜色
        > 换
        < 儿童纯棉卫衣，请选择颜色
        """
    )
    other = shop.chat()
    await other.run(
        LIST
        + """
        > 第二个
        < 是想换成
        > 黑色
        < 重磅连帽卫衣，请选择尺码
        > 2
        < 重磅连帽卫衣（颜色:黑色 尺码:L）
        """
    )


async def test_a_product_asked_for_since_leaves_the_list_behind(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        LIST
        + """
        > 黑色 L 一件
        < 已加入购物车
        > 再来一个保温杯
        < 316不锈钢保温杯，请选择颜色
        > 第二个
        <! 刚才列表里
        < 316不锈钢保温杯，请选择容量
        """
    )
