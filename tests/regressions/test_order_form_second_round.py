"""What a tester still found in the order form: a coupon code in the first message was ignored
(the coupon applies only to a cart, and the cart was filled by that same message), …"""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop

RECEIVER = "寄到浙江省宁波市鄞州区天童路5号 吴一 13288887777"


async def test_a_coupon_in_the_first_message_is_used(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要两个黑色500ml保温杯 用券NEWBIE15
        < 已使用优惠券“新人券 满99减15”
        < 合计：¥183.00
        > {RECEIVER}
        < 应付：¥183.00
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.coupon_code == "NEWBIE15"
