"""On 微信客服 a card is a text with a menu: a spec question on it is answered from the
product's specs and stock, not taken as an order."""

from __future__ import annotations

from tests.kf.conftest import MakeKf


async def test_white_l_on_a_t_shirt_card_is_answered_before_any_ordering(make_kf: MakeKf) -> None:
    kf = await make_kf()
    card = "\n".join(await kf.say("我想看看T恤"))
    assert "纯棉圆领短袖T恤" in card
    answer = "\n".join(await kf.say("有白色L码吗"))
    assert "白色L码有货" in answer
    assert "要买几件" not in answer
    added = "\n".join(await kf.say("买两件"))
    assert "（颜色:白色 尺码:L） ×2" in added


async def test_a_colour_a_hoodie_does_not_come_in_is_said(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await kf.say("有没有卫衣")
    await kf.say("第一个")
    answer = "\n".join(await kf.say("有白色L码吗"))
    assert "这款没有白色" in answer
    assert "请选择颜色" not in answer
