"""人工 on 微信客服: state 3 with a servicer by the documented rule, silence, and back at 4."""

from __future__ import annotations

from bot.handlers.handoff import HANDED_BACK, NO_HUMAN_NOW, STAFF_HANDED_BACK
from bot.kf.sessions import KfSessions
from bot.simulator import CallbackBuilder
from bot.state.memory import MemoryStore
from mockwechat import MOCK_STATE
from tests.kf.conftest import MakeKf
from tests.kf.kit import KfShop, customer_id


async def _ask_for_a_human(kf: KfShop) -> list[str]:
    await kf.say("你好")
    return await kf.say("人工")


async def test_handoff_goes_to_state_3_the_bot_is_silent_and_resumes_when_it_ends(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    answer = await _ask_for_a_human(kf)
    assert "正在为您转接人工客服" in answer[0]
    assert kf.sent()[-1]["api"] == "send_msg_on_event"  # send_msg no longer works in state 3
    session = kf.world.session(kf.open_kfid, kf.user)
    assert (session.state, session.servicer) == (3, "zhangsan")  # the first servicer listed
    trans = kf.calls("/cgi-bin/kf/service_state/trans")[-1].body
    assert trans["service_state"] == 3 and trans["servicer_userid"] == "zhangsan"

    assert await kf.say("有没有保温杯") == []  # the servicer answers this one
    assert await kf.say("在吗") == []
    assert kf.metric("shopbot_kf_silenced_total", state="3") == 2

    # The servicer ends the session in the WeCom client.
    ended = await kf.enqueue(kind="session_status_change", change_type=3)
    await kf.callback(ended["token"])
    await kf.settle()
    assert kf.sent()[-1]["code"] == ended["msg_code"]
    assert STAFF_HANDED_BACK in kf.sent_texts()[-1]
    assert kf.metric("shopbot_kf_events_total", event="session_status_change") == 1

    answer = await kf.say("有没有保温杯")
    assert answer and "保温杯" in answer[0]


async def test_the_customer_says_cancel_and_the_human_session_ends(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await _ask_for_a_human(kf)
    answer = await kf.say("取消人工", menu_id="取消人工")
    assert HANDED_BACK in answer[0]
    assert kf.world.session(kf.open_kfid, kf.user).state == 4
    answer = await kf.say("逛逛")
    assert "想看哪一类" in answer[0]


async def test_staff_hand_back_ends_the_session_from_the_wecom_app(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await _ask_for_a_human(kf)
    alert = kf.mock.app[MOCK_STATE].recorder.calls(path="/cgi-bin/message/send", touser="lisi")
    text = alert[-1].body["text"]["content"]
    number = await kf.services().db.shoppers.number_for("kf", kf.user)
    assert f"顾客 #{number}（微信客服）" in text and kf.user not in text
    assert f"/handback {number}" in text  # the number says the channel: no --channel kf

    staff = CallbackBuilder(kf.config, "wecom").text("zhangsan", f"/handback {number}")
    response = await kf.client.post(staff.path, params=staff.query, data=staff.body)
    assert response.status == 200
    await kf.settle()
    assert kf.world.session(kf.open_kfid, kf.user).state == 4
    assert STAFF_HANDED_BACK in kf.sent_texts()[-1]
    assert kf.metric("shopbot_kf_handoffs_total", result="released") == 1


async def test_with_every_servicer_off_duty_the_customer_waits_in_the_queue(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    for servicer in ("zhangsan", "lisi"):
        queued = await kf.enqueue(kind="servicer_status_change", servicer_userid=servicer, status=2)
    await kf.callback(queued["token"])
    await kf.settle()
    answer = await _ask_for_a_human(kf)
    assert "正在为您转接人工客服" in answer[0]
    assert kf.world.session(kf.open_kfid, kf.user).state == 2
    assert kf.metric("shopbot_kf_handoffs_total", result="queue") == 1
    assert await kf.say("还要等多久") == []
    assert kf.metric("shopbot_kf_events_total", event="servicer_status_change") == 2


async def test_when_no_human_can_take_it_the_bot_says_so_and_carries_on(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await kf.say("你好")
    for _ in range(2):  # neither the servicer nor the queue will take the session
        await kf.http.post(
            kf.mock_url("/_mock/faults"),
            json={"path": "/cgi-bin/kf/service_state/trans", "errcode": -1},
        )
    answer = await kf.say("人工")
    assert NO_HUMAN_NOW in answer[0]
    assert kf.metric("shopbot_kf_handoffs_total", result="failed") == 1
    answer = await kf.say("逛逛")
    assert "想看哪一类" in answer[0]  # not silenced: nobody else is there


async def test_a_servicer_taking_the_session_in_wecom_silences_the_bot(make_kf: MakeKf) -> None:
    kf = await make_kf()
    await kf.say("你好")
    taken = await kf.enqueue(kind="session_status_change", change_type=1, servicer_userid="lisi")
    await kf.callback(taken["token"])
    await kf.settle()
    assert await kf.say("我的快递到哪了") == []
    said = await kf.enqueue(kind="servicer_text", servicer_userid="lisi", text="我帮您查一下")
    await kf.callback(said["token"])
    await kf.settle()
    assert await kf.say("好的") == []
    assert kf.metric("shopbot_kf_events_total", event="servicer_message") == 1


async def test_the_servicer_rule_keeps_a_customers_servicer_and_rotates_the_others() -> None:
    store = MemoryStore()
    sessions = KfSessions(store, api=None, servicers=("zhangsan", "lisi", "wangwu"))  # type: ignore[arg-type]
    first, second, third = customer_id(), customer_id(), customer_id()
    picked = [await sessions.pick_servicer("wk1", u) for u in (first, second, third)]
    assert picked == ["zhangsan", "lisi", "wangwu"]
    await sessions.set_state("wk1", second, 3, "lisi")
    assert await sessions.pick_servicer("wk1", second) == "lisi"  # the one who served them
    await sessions.set_duty("lisi", on_duty=False)
    assert await sessions.pick_servicer("wk1", second) in ("zhangsan", "wangwu")
    for servicer in ("zhangsan", "wangwu"):
        await sessions.set_duty(servicer, on_duty=False)
    assert await sessions.pick_servicer("wk1", second) is None  # → the queue (state 2)
