"""On a card, an order said with this product's colour and a correction is this product's order,
even when the colour's word (燕麦 of 燕麦色) is also the name of another product."""

from tests.dialogs.transcript import Shop


async def test_a_food_word_colour_with_a_correction_orders_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有卫衣
        > 1
        > 要两件燕麦色的 L码 不对 XL
        < 重磅连帽卫衣（颜色:燕麦色 尺码:XL） ×2
        <! 想买哪件商品呢
        """
    )
