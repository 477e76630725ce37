"""Name, phone and address said in one breath, without spaces (as voice input types them):
"…寄到河南郑州金水区花园路8号李桂兰电话136…" gives all three, and "来五斤" names the 5斤 spec."""

from tests.dialogs.transcript import Shop


async def test_an_order_with_the_receiver_in_one_run(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买一个保温杯黑色500ml寄到河南郑州金水区花园路8号李桂兰电话13607710000
        < 请核对订单
        < 收货人：李**
        < 地址：河南郑州金水区花园路8号
        <! 花园路8号李
        <! 请告诉我收货人姓名
        """
    )


async def test_the_name_before_the_address_in_one_run(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 王建国浙江省杭州市西湖区文三路100号13812345678
        < 收货人：王**
        < 地址：浙江省杭州市西湖区文三路100号
        """
    )


async def test_a_spec_said_in_words_with_the_receiver(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 冰糖心苹果
        < 阿克苏冰糖心苹果
        > 给我来五斤寄到河南郑州金水区花园路8号李桂兰电话13607710000
        < 阿克苏冰糖心苹果（规格:5斤） ×1
        < 收货人：李**
        <! 请选择规格
        """
    )
