""" "多少钱啊总共" at the order check is the total, with the coupon that still helps."""

from tests.dialogs.transcript import Shop


async def test_the_total_asked_the_other_way_round_at_the_check(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 车厘子多少钱一斤
        > 好吧 那寄到北京 买个5斤礼盒
        > 王五
        > 13700002222
        > 北京朝阳区建国路1号
        < 请核对订单
        > 多少钱啊总共
        < 合计¥159.00
        < 用FRUIT20还能再减¥20.00，只要¥139.00
        <! 答不上来
        """
    )
