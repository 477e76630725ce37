"""Bad input and platform faults on 微信客服: refused callbacks change nothing; a failing pull
keeps the cursor and retries with back-off; 95018 and the 48 h window are told apart, counted
and never retried blindly."""

from __future__ import annotations

import base64
import time
from typing import Any

import aiohttp
from werobot.crypto import PrpCrypto

from bot.outbound import Outcome
from bot.protocol import Channel, TextReply
from bot.protocol.signing import sha1_signature
from mockwechat import ManualClock, create_mock_app
from tests.kf.conftest import MakeKf
from tests.kf.kit import KfShop

SYNC = "/cgi-bin/kf/sync_msg"
SEND = "/cgi-bin/kf/send_msg"


async def _fault(kf: KfShop, path: str, **spec: Any) -> None:
    async with kf.http.post(kf.mock_url("/_mock/faults"), json={"path": path, **spec}) as r:
        assert r.status == 200


def _fast_backoff(kf: KfShop) -> None:
    kf.runtime().puller.backoff_s = (0.01, 0.02, 0.04)


# ------------------------------------------------------------------ callbacks


async def test_a_forged_callback_signature_is_403_and_pulls_nothing(make_kf: MakeKf) -> None:
    kf = await make_kf()
    queued = await kf.enqueue(text="你好")
    callback = kf.builder.kf_event(kf.open_kfid, queued["token"])
    forged = {**callback.query, "msg_signature": "0" * 40}
    response = await kf.client.post(callback.path, params=forged, data=callback.body)
    assert response.status == 403
    await kf.settle()
    assert kf.calls(SYNC) == [] and kf.sent() == []
    assert kf.metric("shopbot_rejected_total", channel="kf", status="403") == 1


async def test_a_callback_signed_with_another_token_is_403(make_kf: MakeKf) -> None:
    kf = await make_kf()
    callback = kf.builder.kf_event(kf.open_kfid, "ENCAwhatever")
    query = dict(callback.query)
    encrypted = callback.body.decode().split("<Encrypt><![CDATA[")[1].split("]]>")[0]
    query["msg_signature"] = sha1_signature(
        "nottheone", query["timestamp"], query["nonce"], encrypted
    )
    response = await kf.client.post(callback.path, params=query, data=callback.body)
    assert response.status == 403


async def test_a_signed_callback_that_is_not_kf_msg_or_event_is_400(make_kf: MakeKf) -> None:
    kf = await make_kf()
    builder = kf.builder
    callback = builder.wrap("<xml><ToUserName>x</ToUserName><MsgType>text</MsgType></xml>")
    response = await kf.client.post(callback.path, params=callback.query, data=callback.body)
    assert response.status == 400


async def test_the_url_check_answers_the_decrypted_echostr_and_refuses_a_forged_one(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    key = base64.b64decode(kf.config.kf.encoding_aes_key + "=")
    echostr = PrpCrypto(key).encrypt("1616140317555161061", kf.config.wecom.corp_id).decode()
    timestamp, nonce = str(int(time.time())), "12345"
    signature = sha1_signature(kf.config.kf.token, timestamp, nonce, echostr)
    query = {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": echostr}
    response = await kf.client.get("/wechat/kf", params=query)
    assert response.status == 200 and await response.text() == "1616140317555161061"
    response = await kf.client.get("/wechat/kf", params={**query, "msg_signature": "1" * 40})
    assert response.status == 403


async def test_a_callback_for_an_account_the_bot_does_not_serve_is_acknowledged_only(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    status = await kf.callback("ENCAtoken", open_kfid="wkSomebodyElse000000000000001")
    assert status == 200
    await kf.settle()
    assert kf.calls(SYNC) == []


# ------------------------------------------------------------------ pulling


async def test_a_sync_msg_error_keeps_the_cursor_and_is_retried_with_back_off(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    _fast_backoff(kf)
    await _fault(kf, SYNC, errcode=-1, count=2)
    queued = await kf.enqueue(text="你好")
    await kf.callback(queued["token"])
    await kf.settle()
    pulls = kf.calls(SYNC)
    assert [p.errcode for p in pulls] == [-1, -1, 0]
    assert all(p.body.get("cursor") is None for p in pulls)  # the same (empty) cursor each time
    assert len(kf.sent()) == 1
    assert kf.metric("shopbot_kf_pulls_total", result="error") == 2


async def test_a_sync_msg_that_keeps_failing_gives_up_and_the_next_callback_resumes(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    _fast_backoff(kf)
    await _fault(kf, SYNC, http_status=502, count=-1)  # not even JSON: no answer at all
    queued = await kf.enqueue(text="你好")
    await kf.callback(queued["token"])
    await kf.settle()
    assert len(kf.calls(SYNC)) == 4  # the first try and three back-offs
    assert kf.sent() == []
    assert await kf.runtime().ledger.cursor(kf.open_kfid) == ""
    await kf.http.delete(kf.mock_url("/_mock/faults"))
    await kf.callback(queued["token"])
    await kf.settle()
    assert len(kf.sent()) == 1


async def test_a_sync_msg_timeout_keeps_the_cursor_and_is_retried(make_kf: MakeKf) -> None:
    kf = await make_kf()
    _fast_backoff(kf)
    outbound = kf.services().outbound
    patient = outbound.transport.http
    outbound.transport.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.3))
    try:
        await _fault(kf, SYNC, delay_s=1.0, count=1)
        queued = await kf.enqueue(text="你好")
        await kf.callback(queued["token"])
        await kf.settle()
    finally:
        await outbound.transport.http.close()
        outbound.transport.http = patient
    assert kf.metric("shopbot_kf_pulls_total", result="unknown") == 1
    assert len(kf.sent()) == 1


async def test_a_stale_callback_token_is_dropped_and_the_pull_goes_on_without_it(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    await kf.enqueue(text="你好")
    await kf.callback("ENCAnotatokenthemockeverminted")
    await kf.settle()
    first, second = kf.calls(SYNC)
    assert first.errcode == 95007 and "token" not in second.body
    assert len(kf.sent()) == 1
    assert kf.metric("shopbot_kf_pulls_total", result="token_stale") == 1


# ------------------------------------------------------------------ sending


async def test_95018_refreshes_the_state_is_counted_and_never_retried(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await kf.say("你好")  # the bot now believes the session is new (0)
    # A servicer took the session and the bot missed the event.
    async with kf.http.post(
        kf.mock_url("/_mock/kf/sessions"),
        json={"external_userid": kf.user, "service_state": 3, "servicer_userid": "lisi"},
    ) as response:
        assert response.status == 200
    sends_before = len(kf.calls(SEND))
    assert await kf.say("有没有保温杯") == []
    refused = kf.calls(SEND)[sends_before:]
    assert [c.errcode for c in refused] == [95018]  # once, not again
    assert kf.metric("shopbot_kf_sends_total", api="send_msg", result="session_state") == 1
    assert await kf.say("在吗") == []  # the bot now knows: silent, without trying
    assert len(kf.calls(SEND)) == sends_before + 1


async def test_the_48_h_window_told_apart_counted_and_closed(
    make_kf: MakeKf, aiohttp_server: Any
) -> None:
    clock = ManualClock(start=time.time())
    mock = await aiohttp_server(create_mock_app(clock=clock))
    kf = await make_kf(mock=mock)
    queued = await kf.enqueue(text="你好")
    clock.advance(48 * 3600 + 60)  # Tencent's clock says the 48 h passed before the answer
    await kf.callback(queued["token"])
    await kf.settle()
    [refused] = kf.calls(SEND)
    assert refused.errcode == 95002
    assert kf.metric("shopbot_kf_sends_total", api="send_msg", result="window_expired") == 1
    assert kf.metric("shopbot_kf_sends_total", api="send_msg", result="session_state") == 0
    # The window is closed: a notice for this customer is not even tried.
    result = await kf.services().outbound.send(Channel.KF, kf.user, TextReply("订单已发货"))
    assert not result.ok and result.outcome is Outcome.REFUSED
    assert len(kf.calls(SEND)) == 1


async def test_a_message_older_than_48_h_is_not_answered(make_kf: MakeKf) -> None:
    kf = await make_kf()
    queued = await kf.enqueue(text="你好", send_time=time.time() - 49 * 3600)
    await kf.callback(queued["token"])
    await kf.settle()
    assert kf.calls(SEND) == []
    assert kf.metric("shopbot_kf_skipped_total", reason="expired") == 1


async def test_at_most_five_messages_follow_one_customer_message(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await kf.say("你好")  # one of the five
    outbound = kf.services().outbound
    results = [await outbound.send(Channel.KF, kf.user, TextReply(f"通知{i}")) for i in range(6)]
    assert [r.ok for r in results] == [True] * 4 + [False] * 2
    assert len(kf.calls(SEND)) == 5
    assert kf.metric("shopbot_kf_sends_total", api="send_msg", result="not_allowed") == 2
    await kf.say("好的")  # the customer writes again: five more
    assert len(kf.calls(SEND)) == 6


async def test_tencents_own_count_limit_closes_the_window(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await _fault(kf, SEND, errcode=95001)
    assert await kf.say("你好") == []
    assert kf.metric("shopbot_kf_sends_total", api="send_msg", result="count_limit") == 1
    result = await kf.services().outbound.send(Channel.KF, kf.user, TextReply("再发一条"))
    assert not result.ok and len(kf.calls(SEND)) == 1


async def test_a_send_without_an_answer_is_counted_and_not_sent_again(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await _fault(kf, SEND, http_status=504)
    assert await kf.say("你好") == []
    assert len(kf.calls(SEND)) == 1
    assert kf.metric("shopbot_kf_sends_total", api="send_msg", result="unknown") == 1


async def test_msg_send_fail_events_are_counted_by_fail_type(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await kf.say("你好")
    failed = await kf.enqueue(kind="msg_send_fail", fail_msgid="sbx", fail_type=10)
    await kf.callback(failed["token"])
    await kf.settle()
    assert kf.metric("shopbot_kf_send_failures_total", fail_type="10") == 1
    response = await kf.client.get("/metrics")
    body = await response.text()
    assert 'shopbot_kf_events_total{event="msg_send_fail"} 1.0' in body
