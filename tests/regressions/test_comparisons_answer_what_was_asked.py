"""A comparison or "which one" question is answered from the products' data, not with a bare
list: the kind said once ("10000和20000的充电宝") or a describing word ("头戴的") names the
products compared, a measured quality (续航, 暖和) is ranked by the numbers their texts state,
and the products compared stay on screen, so "哪个能带上飞机" and "入耳那个…" next are about
them (and only them)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_two_power_banks_named_by_their_capacity_are_compared(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 10000和20000的充电宝有啥区别
        < · 10000mAh超薄充电宝：¥89.00
        < · 20000mAh大容量充电宝：¥129.00
        <! 充电器
        <! 为您找到
        > 哪个能带上飞机
        < 10000mAh超薄充电宝：额定能量37Wh
        < 20000mAh大容量充电宝：额定能量74Wh
        <! 充电器
        <! 没有写这一点
        > 那要粉色的小的那个 一个
        < 10000mAh超薄充电宝（颜色:粉色） ×1
        """
    )


async def test_capacities_said_in_words_name_the_power_banks_too(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 一万毫安和两万毫安的充电宝有什么不同
        < · 10000mAh超薄充电宝
        < · 20000mAh大容量充电宝
        <! 磁吸无线充电宝
        > 哪个能上飞机
        < 可以随身带上飞机
        <! 充电器
        """
    )


async def test_a_fact_over_a_mixed_list_names_only_products_of_its_kind(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 充电宝
        < 65W氮化镓充电器
        > 哪个能带上飞机
        < 10000mAh超薄充电宝：额定能量37Wh
        < 磁吸无线充电宝没有写这一点
        <! 充电器没有写
        <! 氮化镓
        """
    )


async def test_which_down_jacket_is_warmer_is_ranked_by_fill_weight(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 北方冬天穿 哪件羽绒服暖和点
        < 按充绒量看，加厚长款羽绒服更暖和
        < 充绒量约260g
        < 充绒量约120g
        <! 为您找到
        > 加厚那款充绒量多少
        < 充绒量约260g
        """
    )
    await shop.chat().run(
        """
        > 哪件羽绒服更保暖
        < 加厚长款羽绒服更保暖
        <! 资料分不出
        """
    )


async def test_earphones_compared_then_battery_then_the_in_ear_one(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 降噪耳机和头戴的哪个好
        < · 主动降噪蓝牙耳机：¥299.00
        < · 头戴式蓝牙耳机：¥259.00
        <! 为您找到
        > 通勤用 续航哪个长
        < 头戴式蓝牙耳机续航更长
        < 续航40小时
        < 单次续航7小时
        <! 没有写哪款
        > 入耳那个有什么颜色
        < 主动降噪蓝牙耳机
        < 白色 / 黑色
        <! 米白
        > 黑色来一个
        < 主动降噪蓝牙耳机（颜色:黑色） ×1
        """
    )


async def test_the_other_order_and_other_words_for_the_same_comparison(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 头戴的和降噪耳机有啥区别
        < · 头戴式蓝牙耳机
        < · 主动降噪蓝牙耳机
        > 哪个续航久
        < 头戴式蓝牙耳机续航更长
        > 入耳的有白色吗
        < 主动降噪蓝牙耳机：白色有货
        <! 头戴式蓝牙耳机没有白色
        """
    )


async def test_dresses_for_a_date_are_all_listed_and_which_is_slimming(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 约会穿的裙子有哪些
        < 碎花雪纺连衣裙
        < 法式方领泡泡袖连衣裙
        <! [图文]
        > 第一个和第二个哪个显瘦
        < 写明显瘦的是碎花雪纺连衣裙
        < V领收腰
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 裙子有哪些
        < 碎花雪纺连衣裙
        < 法式方领泡泡袖连衣裙
        < 百褶半身裙
        """
    )
