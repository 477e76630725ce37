"""A need said with no goods named was answered with the category menu or "没学会": dry skin
in winter (脸很干 冬天起皮) listed a T恤, nuts and cherries, and 有啥解暑的 was not understood,
though the shop tags its watermelon and cold-brew tea 清凉."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("said", ["脸很干 冬天起皮 推荐点", "皮肤很干 冬天起皮 有什么推荐的"])
async def test_dry_skin_in_winter_lists_the_creams_for_it(shop: Shop, said: str) -> None:
    await shop.chat().run(
        f"""
        > {said}
        < 保湿修护面霜
        < 保湿身体乳
        <! T恤
        <! 羽绒服
        <! 车厘子
        """
    )


async def test_something_against_the_heat_lists_the_cooling_goods(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有啥解暑的
        < 海南麒麟西瓜
        < 冷泡绿茶茶包
        <! 没学会
        """
    )
