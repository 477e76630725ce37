"""On a product's card, "两个一共多少" / "买三个多少钱" is the total for that many as the cart
would charge it (promotion, shipping or the free-shipping threshold, and the coupon that takes
most off), and "能用券吗" is which coupons this product can use from how many; they were
"不太确定", the single price, or the general coupon rule."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_count_on_the_card_is_its_total(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 两个一共多少
        < ¥99.00×2=¥198.00
        < 包邮
        < 合计¥198.00
        <! 不太确定
        > 买三个多少钱
        < ¥99.00×3=¥297.00
        < 全店满199减20减¥20.00
        < 合计¥277.00
        < 还能再减
        """
    )


async def test_another_product_and_a_single_one(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 纯棉圆领短袖T恤
        > 两件多少钱
        < ¥59.00×2=¥118.00
        < 包邮
        > 买1件多少钱
        < ¥59.00
        <! ×1
        """
    )


async def test_coupons_for_the_product_on_the_card(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 保温杯
        > 能用券吗
        < 316不锈钢保温杯可以用券
        < XIAOHE10
        < NEWBIE15
        < 每单限用一张券
        <! FRUIT20
        > 这个能用优惠券不
        < 可以用券
        <! 满减活动可以和一张优惠券叠加使用
        """
    )


async def test_a_category_coupon_shows_for_its_own_products(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 智利车厘子JJ级
        > 可以用券吗
        < FRUIT20
        < 买1件就能用
        """
    )
