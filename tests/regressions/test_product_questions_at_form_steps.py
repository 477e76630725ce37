"""A question about the product while the order form asks its spec or count is answered from
that product's data (specs, description, facts), and the step is asked again: "一箱有几包" at
要几件 is no count of one box, "2箱 一包多少抽" is two boxes and the answer; "有礼盒吗" there is
about that product's own box, and over a list about the listed ones, not the shop's whole
gift-box answer."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_how_many_one_pack_holds_is_no_count(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我要买抽纸
        < 要买几件
        > 一箱有几包
        < 24包整箱
        <! 已加入购物车
        <! 每包100抽
        < 要买几件
        > 3
        < ×3
        """
    )
    await shop.chat().run(
        """
        > 买卷纸
        < 要买几件
        > 一箱几卷啊
        < 27卷
        <! 已加入购物车
        > 几层的
        < 4层
        <! 不太确定
        < 要买几件
        """
    )


async def test_a_count_and_a_question_get_both(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我要买抽纸
        < 要买几件
        > 2箱 一包多少抽
        < 100抽
        < ×2
        """
    )


async def test_questions_at_the_spec_and_count_steps(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 来一双跑步鞋
        > 黑白
        < 请选择尺码
        > 重不重
        < 230g
        <! 没太明白
        < 请选择尺码
        """
    )
    await shop.chat().run(
        """
        > 我要买吐司
        < 要买几件
        > 保质期多久
        < 45天
        < 要买几件
        """
    )


async def test_gift_box_asked_while_ordering_is_about_that_product(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我要买坚果
        > 15袋装
        < 要买几件
        > 有礼盒吗
        < 每日坚果有礼盒装
        < 30袋礼盒
        <! 黄油曲奇
        < 要买几件
        """
    )
    await shop.chat().run(
        """
        > 我要买芒果干
        < 请选择规格
        > 有礼盒吗
        < 芒果干没有礼盒包装
        <! 有的：
        < 请选择规格
        """
    )


async def test_gift_box_asked_over_a_list_is_about_the_listed_ones(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 看看零食
        < 零食（第1/6页）
        > 有礼盒吗
        < 每日坚果有礼盒装
        < 其他几款没有礼盒包装
        < 黄油曲奇礼盒
        <! 木质调淡香水
        > 更多
        > 有礼盒吗
        < 这几款都没有礼盒包装
        """
    )


async def test_a_question_at_the_cart_is_about_what_is_ordered(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 我要买抽纸
        > 2
        < 已加入购物车
        > 一箱多少包
        < 24包整箱
        <! 答不上来
        """
    )
    for asked in ("多大容量", "容量多大"):
        await shop.chat().run(
            f"""
            > 买个电热水壶
            > 白色
            < 已加入购物车
            > {asked}
            < 容量1.7L
            <! 充电宝
            """
        )
