"""Comparing what is on screen ("这俩有啥区别", "哪个便宜点", "这个和卫衣有啥不一样") and asking
about one product of the list by its place or a describing word ("第二个有什么颜色", "加厚的那款
多少钱"): answered from the products' data, the product asked about becoming the one on screen."""

from __future__ import annotations

from bot.dialogs.compare import Ask, answer, comparison_asked
from bot.dialogs.list_refs import referred
from knowledge.model import Product
from tests.dialogs.transcript import Shop


async def test_the_two_listed_are_compared_by_their_data(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 羽绒服
        < 1. 轻薄白鸭绒羽绒服 ¥399.00
        < 2. 加厚长款羽绒服 ¥699.00
        > 这俩有啥不一样
        < 轻薄白鸭绒羽绒服：¥399.00
        < 充绒量约120g
        < 加厚长款羽绒服：¥699.00
        < 充绒量约260g
        <! 没太明白
        > 哪个便宜点
        < 轻薄白鸭绒羽绒服更便宜，¥399.00
        <! 按价格从低到高
        > 哪个更保暖
        < 按充绒量看，加厚长款羽绒服更保暖
        < 充绒量约120g
        <! 为您找到
        """
    )


async def test_a_quality_only_some_have_picks_those_and_none_says_so(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 外套
        < 4. 冰丝防晒衣
        > 哪个更轻
        < 写明轻的是轻薄白鸭绒羽绒服、冰丝防晒衣
        <! 加厚长款羽绒服：
        > 哪个更适合跑步
        < 不想乱说误导您
        < 人工
        """
    )


async def test_the_card_is_compared_with_a_product_named(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 羽绒服
        > 2
        < [图文] 加厚长款羽绒服
        > 这个和T恤有啥区别
        < 加厚长款羽绒服：¥699.00
        < 纯棉圆领短袖T恤：¥59.00
        <! 库存：充足
        """
    )


async def test_a_listed_product_asked_about_by_place_or_word_becomes_the_card(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 羽绒服
        > 第二个有什么颜色
        < 加厚长款羽绒服：颜色：黑色 / 卡其
        <! 米白
        > 返回
        < 1. 轻薄白鸭绒羽绒服
        > 加厚的那款多少钱
        < 加厚长款羽绒服 ¥699.00
        <! 轻薄白鸭绒羽绒服
        > 买
        < 加厚长款羽绒服，请选择颜色
        """
    )


async def test_a_colour_only_one_listed_has_points_at_it(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 外套
        > 浅粉那件还有货吗
        < 冰丝防晒衣：浅粉有货
        <! 羽绒服
        > 便宜的那个有什么尺码
        < 冰丝防晒衣：尺码：M / L / XL
        """
    )


def _item(sku: str, name: str, price: int, **more: object) -> Product:
    return Product(sku, name, "服饰", "", price, 10, **more)  # type: ignore[arg-type]


def test_references_resolve_only_to_one_product() -> None:
    shown = [
        _item("A", "轻薄羽绒服", 100, specs={"颜色": ("黑色", "白色")}),
        _item("B", "加厚羽绒服", 200, specs={"颜色": ("黑色",)}),
    ]
    assert (ref := referred("加厚的那款多少钱", shown)) and ref.item.sku == "B"
    assert ref.rest("加厚的那款多少钱") == "多少钱"
    assert (ref := referred("白色那个还有吗", shown)) and ref.item.sku == "A"
    assert ref.rest("白色那个还有吗") == "白色还有吗"  # the colour stays in the question
    assert (ref := referred("第2个有什么颜色", shown)) and ref.item.sku == "B"
    assert referred("黑色那个还有吗", shown) is None  # both come in black
    assert referred("第三个呢", shown) is None


def test_comparisons_answer_only_what_the_data_says() -> None:
    cheap = _item("A", "小杯", 100, tags=("便携",))
    dear = _item("B", "大杯", 300, tags=("保温",), description="保温12小时")
    assert comparison_asked("这俩有啥区别") == Ask("")
    assert comparison_asked("哪个更便宜一点呀") == Ask("便宜")
    assert comparison_asked("有L码吗") is None
    assert answer(Ask("贵"), [cheap, dear]).startswith("大杯更贵")
    assert "写明保温的是大杯" in answer(Ask("保温"), [cheap, dear])
    assert "人工" in answer(Ask("耐摔"), [cheap, dear])


async def test_two_products_named_outside_a_dialog_are_compared(shop: Shop) -> None:
    await shop.chat().run(
        """
        > T恤和卫衣有什么区别
        < 纯棉圆领短袖T恤：¥59.00
        < 重磅连帽卫衣：¥159.00
        <! 不太确定
        > T恤跟卫衣哪个便宜
        < 纯棉圆领短袖T恤更便宜，¥59.00
        <! 为您找到
        """
    )


async def test_which_one_can_is_answered_from_each_ones_fact(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 羽绒服
        > 哪个能机洗
        < 轻薄白鸭绒羽绒服：可以用洗衣机轻柔模式
        < 加厚长款羽绒服：建议干洗或手洗
        <! 没有写哪款
        """
    )
