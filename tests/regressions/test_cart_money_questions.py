"""Money questions asked at the cart were answered by whatever product their words named:
"满99减10是自动减的吗 现在够了没" got the 真皮自动扣腰带's 自动扣, "现在多少钱 还差多少能满199减20" the
belt's card, "为啥用不了 那再加点啥能用" after a refused coupon "不太确定", "两张券一起用行不"
nothing. They are answered from the cart, with the order's own pricing."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop

MANGO_CART = """
    > 买三包芒果干 200g
    < 芒果干（规格:200g） ×3  ¥77.70
"""


async def test_a_promotion_question_says_how_much_is_short(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(MANGO_CART)
    await chat.run(
        """
        > 满99减10是自动减的吗 现在够了没
        < 满减是下单时自动减的
        < 零食满99减10：您的零食现在¥77.70，还差¥21.30，再加1件芒果干就够
        <! 腰带
        > 零食满减能减吗
        < 还差¥21.30
        <! 全店满199减20
        > 现在多少钱 还差多少能满199减20
        < 合计¥77.70
        < 全店满199减20：您购物车现在¥77.70，还差¥121.30
        <! 零食满99减10
        <! 腰带
        """
    )


async def test_a_reached_promotion_is_said_taken(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买四包芒果干 200g
        < ×4
        > 满减够了没
        < 零食满99减10已经够了，下单自动减¥10.00
        <! 还差¥
        """
    )


async def test_a_refused_coupon_says_the_shortfall_and_what_reaches_it(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(MANGO_CART)
    await chat.run(
        """
        > 用NEWBIE15
        < 需满¥99.00才能使用，现在¥77.70，还差¥21.30
        > 为啥用不了 那再加点啥能用
        < XIAOHE10、NEWBIE15都要满¥99.00才能用，现在¥77.70，还差¥21.30，再加1件芒果干就够
        <! FRUIT20
        <! 不太确定
        > FRUIT20能用在零食上吗 两张券一起用行不
        < 只能用在水果生鲜商品上
        < 每单限用一张券，可以和满减一起用
        """
    )


async def test_free_shipping_shortfall_is_still_the_postage(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买一包芒果干 200g
        < ×1
        > 还差多少包邮
        < 还差
        < 就包邮
        <! 满99减10
        """
    )


async def test_a_line_still_choosing_its_spec_is_no_money_in_the_cart(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买钢化膜
        < 请选择
        > 一共多少钱
        < 购物车里还没有选好的商品
        <! 合计¥
        """
    )


async def test_the_total_and_free_shipping_asked_together_are_said_once(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买四包芒果干 200g
        < ×4
        > 一共多少钱啊 包邮吗
        <1 包邮
        < 合计¥93.60
        """
    )


async def test_a_count_asked_of_the_one_product_is_its_total(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 想买个保温杯 黑色500ml
        < ×1
        > 两个 一共多少钱
        < ¥99.00×2=¥198.00
        < 改成2件
        <! 合计¥99.00
        """
    )


async def test_the_total_with_the_free_shipping_shortfall(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买两包芒果干 200g
        < ×2
        > 现在多少钱 还差多少包邮
        < 合计¥57.80
        < 还差¥17.20就包邮
        <! 满199减20
        """
    )
