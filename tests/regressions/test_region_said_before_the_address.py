"""A region said before the address sets the cart's shipping: "5斤礼盒来一份 送新疆乌鲁木齐" put
the cherries in the cart "包邮" although the shop does not send fresh fruit to 新疆; the fee of a
remote region was only heard once the address came."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_fresh_fruit_to_a_region_it_cannot_go_to(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 车厘子多少钱一斤
        < 智利车厘子JJ级
        > 5斤礼盒来一份 送新疆乌鲁木齐
        < 暂不发新疆
        <! 运费：包邮
        > 那换成坚果可以发吗
        < 换成每日坚果
        > 每日坚果30袋礼盒 一盒
        < 偏远地区附加费：¥9.00
        < 合计：¥144.00
        > 收货人阿依 电话13500003333 新疆乌鲁木齐市天山区人民路1号
        < 应付：¥144.00
        <! 寄到新疆运费
        > 确认
        < 下单成功
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 买车厘子 寄西藏
        < 暂不发西藏
        < 请选择规格
        """
    )


async def test_a_remote_region_says_its_fee(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸 寄到内蒙古呼和浩特
        < 寄到内蒙古运费是¥15.00
        > 王芳 13812345678 浙江省杭州市西湖区文三路100号
        < 寄到浙江包邮
        < 应付：¥99.80
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < 运费：包邮
        > 发青海的话
        < 寄到青海运费是¥15.00
        """
    )
