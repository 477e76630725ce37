"""On a card, a spec value of the card's product is its order even when another product's name
holds the word (原味 of 原味巴旦木); 再加 / 再来 with a value beside a line in the cart adds a new
line of that value and never changes the line there."""

from tests.dialogs.transcript import Shop


async def test_the_cards_flavour_beats_a_name_holding_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 海苔脆片
        > 来两包原味的
        < 海苔脆片（口味:原味） ×2
        <! 巴旦木
        > 哦 那再加一包芝麻的
        < 海苔脆片（口味:原味） ×2
        < 海苔脆片（口味:芝麻） ×1
        <! 改成芝麻
        """
    )


async def test_other_flavours_on_their_cards(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 灯影牛肉丝
        > 要两包麻辣的
        < 灯影牛肉丝（口味:麻辣 规格:150g） ×2
        <! 牛肉干
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 手工牛轧糖
        > 拿一盒蔓越莓的
        < 手工牛轧糖（口味:蔓越莓 规格:300g） ×1
        <! 蔓越莓干
        > 那再来一盒原味的
        < 手工牛轧糖（口味:蔓越莓 规格:300g） ×1
        < 手工牛轧糖（口味:原味 规格:300g） ×1
        """
    )
