"""Questions about the list on screen, in the forms shoppers use: a describing word and 的 picking
some of the listed products (头戴的有白色吗), 这俩 with more than two listed, a measure (多长, 裤长,
能装多少), a yes-no question ending in 不, a body weight, 哪个降噪好, and whether a Type-C cable
works with the listed chargers.

Broke because a describing word was read only before 那个/那款, "这俩" compared everything listed
and showed the search tags, a body weight was read as the kids' size 130, and a measure, a
question ending in 不 and a Type-C question fell through to the whole card or a new search.
"""

from __future__ import annotations

from bot.dialogs.card_questions import measure_answer, plain_question
from bot.dialogs.list_refs import described_among
from knowledge.model import Product
from tests.dialogs.transcript import Shop


async def test_a_describing_word_picks_the_listed_ones_it_fits(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有耳机
        < 3. Type-C有线耳机
        > 头戴的有白色吗
        < 头戴式蓝牙耳机：这款没有白色
        <! Type-C有线耳机
        <! 主动降噪蓝牙耳机
        > 返回
        > 蓝牙的有白色吗
        < 主动降噪蓝牙耳机白色有货
        < 头戴式蓝牙耳机没有白色
        <! Type-C有线耳机
        > 这俩有啥区别
        < 主动降噪蓝牙耳机：¥299.00
        < 头戴式蓝牙耳机：¥259.00
        <! Type-C有线耳机
        """
    )


async def test_a_describing_word_then_a_price_or_a_spec_value_then_a_capacity(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 办公室用的有什么
        < 3. 挂耳咖啡
        > 挂耳的多少钱
        < 挂耳咖啡 ¥69.00
        <! 为您找到
        """
    )
    await shop.chat().run(
        """
        > 有没有水杯
        < 2. 耐热玻璃水杯
        > 350的能装多少水
        < 316不锈钢保温杯：350ml的容量就是350ml（还有500ml可选）
        <! 耐热玻璃水杯
        """
    )
    await shop.chat().run(
        """
        > 有没有羽绒服
        > 长款的有白色吗
        < 加厚长款羽绒服：这款没有白色
        <! 轻薄白鸭绒羽绒服
        > 返回
        > 长款的能机洗不
        < 不能机洗甩干
        """
    )


async def test_this_pair_with_five_listed_asks_which_two(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有外套
        < 5. 三合一户外冲锋衣
        > 这俩有啥区别
        < 您想比哪两款
        <! ¥
        > 1和2
        < 轻薄白鸭绒羽绒服：¥399.00
        < 加厚长款羽绒服：¥699.00
        <! 冰丝防晒衣
        <! 过冬
        """
    )


async def test_measures_and_facts_are_answered_from_the_product_on_screen(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有牛仔裤
        > 裤长多少
        < 裤长约98cm
        <! 库存
        > 洗了会缩水不
        < 不太确定
        < 人工
        """
    )
    await shop.chat().run(
        """
        > 有没有皮带
        > 皮带有多长的
        < 长度有110cm、120cm、130cm；可自行裁剪长度
        <! 库存
        """
    )
    await shop.chat().run(
        """
        > 有没有T恤
        > 洗了会缩水不
        < 第一次洗略有缩水
        """
    )


async def test_a_body_weight_is_for_the_size_never_a_size(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有卫衣
        < 2. 儿童纯棉卫衣
        > 130斤
        < 重磅连帽卫衣：130斤的话建议选L
        <! 请选择颜色
        """
    )
    await shop.chat().run(
        """
        > 有没有T恤
        > 我130斤穿什么码
        < 130斤的话M和L都可以
        <! 没有130
        """
    )


async def test_which_cancels_noise_and_type_c_are_answered_from_the_data(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有耳机
        > 哪个降噪好
        < 写明降噪的是主动降噪蓝牙耳机
        <! 没有写哪款
        """
    )
    await shop.chat().run(
        """
        > 有没有充电器
        > 有type-c的线能用吗
        < 65W氮化镓充电器：能用，写的是“2C1A三口”
        < 没有写明支不支持Type-C
        <! 不卖
        """
    )


def _item(sku: str, name: str, **more: object) -> Product:
    return Product(sku, name, "数码配件", "", 100, 10, **more)  # type: ignore[arg-type]


def test_the_words_that_pick_and_the_measures() -> None:
    cups = [
        _item("A", "保温杯", specs={"容量": ("350ml", "500ml")}),
        _item("B", "玻璃杯", specs={"规格": ("400ml×2只",)}),
    ]
    picked = described_among("350的能装多少水", cups)
    assert picked is not None and [p.sku for p in picked.items] == ["A"]
    assert picked.question == "350ml能装多少水"
    assert described_among("杯的有吗", cups) is None  # fits both: nothing picked
    assert described_among("有的吗", cups) is None
    assert measure_answer("能装多少水", cups[0]) == "容量有350ml、500ml。"
    assert measure_answer("保温多长时间", cups[0]) is None
    assert plain_question("能机洗不") == "能机洗吗"
    assert plain_question("包邮不") == "包邮吗"  # the clause rewrite of a card question too
