""" "32的" at a 28cm / 32cm size question chooses 32cm (the unit left out, as shoppers say it)."""

from tests.dialogs.transcript import Shop


async def test_a_size_said_without_its_unit(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买个炒锅
        < 请选择尺寸
        > 32的
        < 麦饭石不粘炒锅（尺寸:32cm） ×1
        <! 没太明白
        """
    )
