"""A describing word opening an A-not-A measure question on a list ("头戴的重不重" over the
earphones, with the in-ear one on screen) is about the listed product it names: "重不重" was no
question to the list's readers, so the product on screen was shown again."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_describing_word_picks_the_listed_one_for_a_weight_question(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有蓝呀耳机么
        < 耳机
        > 降噪那个续航多久
        < 7小时
        > 能连两台手机不
        < 不
        > 头戴的重不重
        < 头戴式蓝牙耳机
        <! 主动降噪蓝牙耳机
        """
    )
