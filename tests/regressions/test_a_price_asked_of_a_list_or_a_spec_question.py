""" "多少钱啊" over a list answers each listed one's price; "多少钱一袋" while the spec is being
chosen says the product's price, and the spec question stays."""

from tests.dialogs.transcript import Shop


async def test_a_bare_price_question_over_a_list(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有蓝牙耳机
        > 降噪的
        < 头戴式蓝牙耳机
        > 多少钱啊
        < 主动降噪蓝牙耳机¥299.00
        < 头戴式蓝牙耳机¥259.00
        <! 答不上来
        """
    )


async def test_a_price_per_bag_at_the_spec_question(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买那个大米
        < 请选择规格
        > 多少钱一袋
        < ¥89.00
        < 请选择规格
        > 1
        < 五常稻花香大米（规格:5kg） ×1
        """
    )
