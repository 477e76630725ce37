"""A comparison asked beside another question about the products on screen ("哪个轻 多少钱",
"哪个便宜 哪个暖和", "哪个暖和 能机洗吗") gets every part answered from their data, in the order
asked: the weight they state (单只约230g, never a bag's 25g), their prices, their facts; not
the price alone because "多少钱" ends in 少钱."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_which_is_lighter_and_how_much_over_a_list(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 羽绒服
        < 为您找到2件相关商品
        > 哪个轻 多少钱
        < 写明轻的是轻薄白鸭绒羽绒服
        < 价格：轻薄白鸭绒羽绒服¥399.00；加厚长款羽绒服¥699.00
        <! 更便宜
        """
    )


async def test_two_comparisons_and_a_fact(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 羽绒服
        > 哪个便宜 哪个暖和
        < 轻薄白鸭绒羽绒服更便宜
        < 加厚长款羽绒服更暖和
        """
    )
    await shop.chat().run(
        """
        > 羽绒服
        > 哪个暖和 能机洗吗
        < 加厚长款羽绒服更暖和
        < 轻薄白鸭绒羽绒服：可以用洗衣机轻柔模式
        < 加厚长款羽绒服：建议干洗或手洗
        """
    )
    await shop.chat().run(
        """
        > 耳机
        > 哪个续航长 多少钱
        < 头戴式蓝牙耳机续航更长
        < 价格：
        < Type-C有线耳机¥39.00
        """
    )


async def test_named_products_weight_and_price(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 帆布鞋和跑步鞋哪个轻 多少钱
        < 轻便透气跑步鞋：单只约230g
        < 百搭帆布鞋没有写重量
        < 价格：百搭帆布鞋¥129.00；轻便透气跑步鞋¥259.00
        """
    )
    await shop.chat().run(
        """
        > 帆布鞋和跑步鞋哪个轻
        < 单只约230g
        <! 没学会
        """
    )
    await shop.chat().run(
        """
        > 两款羽绒服哪个轻 哪个便宜
        < 写明轻的是轻薄白鸭绒羽绒服
        < 轻薄白鸭绒羽绒服更便宜
        """
    )
