"""An address sent in two messages ("福建厦门思明区", then "思明区莲前西路2号") is one address; a
whole one after the short one replaces it."""

from tests.dialogs.transcript import Shop


async def test_an_address_in_two_messages_keeps_its_province(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        """
        > 福建厦门思明区
        < 地址好像不完整
        > 思明区莲前西路2号
        < 地址：福建厦门思明区莲前西路2号
        <! 没看出是哪个省份
        """
    )


async def test_a_whole_address_after_a_short_one_replaces_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        """
        > 福建厦门思明区
        > 浙江省杭州市西湖区文三路100号
        < 地址：浙江省杭州市西湖区文三路100号
        """
    )
