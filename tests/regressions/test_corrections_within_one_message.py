"""A correction said inside one message ("白色的 不对要黑色", "M码 哦不 L码", "三个 不对 两个"):
the value after the correction word replaces the one before it. The variants reader used to
make two lines of it (白色×1 and 黑色×1), the spec reader kept the first value and the count
reader the first count."""

from __future__ import annotations

from bot.dialogs.order.specs import spec_values_in
from bot.dialogs.order.variants import variant_lines
from bot.dialogs.parse import quantity_in
from knowledge import KnowledgeHolder
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_colour_corrected_in_the_first_message_is_one_line(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 要两个保温杯 白色的 不对要黑色
        <! 白色×1
        < 请选择容量
        > 500ml
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×2
        <! 白色
        """
    )


async def test_second_thoughts_with_suanle_and_a_size_with_o_bu(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 要两个保温杯 白色的吧 算了还是黑色 500ml
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×2
        <! 白色
        > 再来一件T恤 M码 哦不 L码 白色
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        """
    )


async def test_a_count_corrected_at_the_quantity_question(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣要黑色L码的
        < 要买几件
        > 三个 不对 两个
        < 重磅连帽卫衣（颜色:黑色 尺码:L） ×2
        """
    )


def test_the_readers_take_the_value_said_last(knowledge: KnowledgeHolder) -> None:  # noqa: F811
    cup = knowledge.current.kb.products["HM-5001"]
    assert spec_values_in("白色的 不对 黑色", cup) == {"颜色": "黑色"}
    assert spec_values_in("不要白色的 要黑色", cup) == {"颜色": "黑色"}
    assert spec_values_in("不是白色是黑色", cup) == {"颜色": "黑色"}
    assert variant_lines("要两个 白色的 不对要黑色", cup) is None
    both = variant_lines("一个白的一个黑的", cup)
    assert both is not None and [x.spec["颜色"] for x in both.lines] == ["白色", "黑色"]
    assert quantity_in("三个 不对 两个") == 2
    assert quantity_in("来两件 不对") == 2


async def test_corrections_at_the_cart_and_of_the_product(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件白色M码T恤
        < 已加入购物车
        > 三件 不对 两件
        < 已把纯棉圆领短袖T恤改成2件
        > M码 哦不 L码
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×2
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 要个保温杯 不对 要T恤
        < 纯棉圆领短袖T恤，请选择颜色
        <! 保温杯
        """
    )
