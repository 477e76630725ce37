"""A 微信客服 customer chats with the shop: the same router and dialogs as on the OA."""

from __future__ import annotations

from tests.kf.conftest import MakeKf


async def test_a_customer_message_is_answered_through_send_msg(make_kf: MakeKf) -> None:
    kf = await make_kf()
    answer = await kf.say("你好")
    assert len(answer) == 1
    assert "欢迎光临" in answer[0]
    sent = kf.sent()
    assert sent[0]["api"] == "send_msg"
    assert sent[0]["open_kfid"] == kf.open_kfid
