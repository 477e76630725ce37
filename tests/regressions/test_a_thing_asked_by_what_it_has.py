"""A thing asked for by what it has ("1.7L的有吗", "有防干烧的吗", "有没有防泼水的"), from a
category list, the category menu or with nothing on screen, is answered by the products whose
own data says so (a spec value, the description), the list's own first, else the shop's, said
so; never "我们店不卖防干烧", never a capacity read as the shopper's height (1.7 → 170cm)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_spec_value_asked_over_a_category_list(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 看看家居日用
        < 家居日用（第1/6页）
        > 1.7L的有吗
        < 有的：电热水壶 ¥99.00，容量1.7L
        <! 尺码表
        <! 不卖
        > 多少钱
        < ¥99.00
        > 返回
        < 家居日用（第1/6页）
        """
    )


async def test_a_feature_in_the_description_over_a_list(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看家居日用
        > 有防干烧的吗
        < 有的：电热水壶 ¥99.00，防干烧
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 看看家居日用
        > 更多
        > 有保温12小时的吗
        < 316不锈钢保温杯
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 看看数码配件
        > 有IPX7的吗
        < 便携蓝牙音箱
        < IPX7防水
        <! 不卖
        """
    )


async def test_off_the_list_it_is_the_shops_said_so(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看零食
        > 有防干烧的吗
        < 零食里没有写防干烧的
        < 电热水壶
        <! 不卖
        """
    )


async def test_from_the_menu_and_with_nothing_on_screen(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 逛逛
        < 想看哪一类
        > 有没有防泼水的
        < 三合一户外冲锋衣
        < 防泼水
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 有防干烧的吗
        < 有的：电热水壶，防干烧
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 1.7L的有吗
        < 电热水壶
        < 1.7L
        <! 没学会
        """
    )


async def test_a_negated_clause_states_nothing(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 有可以进洗碗机的吗
        <! 316不锈钢保温杯
        """
    )


async def test_a_colour_of_many_products_elsewhere_is_no_such_thing(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看零食
        > 有白色的吗
        <! 写明白色的
        """
    )


async def test_a_feature_narrows_the_list_it_is_asked_over(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看零食
        > 有不辣的吗
        < 写明不辣的有这
        <! 辣条大礼包
        """
    )


async def test_a_category_asked_to_look_at_opens_it(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看服饰
        < 服饰（第1/6页）
        <! 没学会
        > 有防泼水的吗
        < 三合一户外冲锋衣
        """
    )


async def test_a_feature_nothing_states_is_honestly_not_known(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看家居日用
        > 有带滤网的吗
        < 资料里没有写滤网的
        < 人工
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 有能定时的吗
        < 资料里没有写定时的
        < 人工
        """
    )
    await shop.chat().run(
        """
        > 有猫粮的吗
        < 不卖猫粮
        """
    )


async def test_a_question_about_a_product_named_over_a_list(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看家居日用
        > 热水壶是304的吗
        < 电热水壶：304内胆
        <! 为您找到
        > 返回
        < 家居日用（第1/6页）
        """
    )
