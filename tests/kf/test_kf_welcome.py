"""enter_session: the welcome goes out once, within the code's 20 s, with the scene's product."""

from __future__ import annotations

import time

from knowledge import KnowledgeHolder
from tests.kf.conftest import MakeKf
from tests.kf.kit import describe


async def test_a_customer_from_a_product_page_is_welcomed_with_that_product_within_20_s(
    make_kf: MakeKf, knowledge: KnowledgeHolder
) -> None:
    item = knowledge.current.kb.products["AP-1001"]
    kf = await make_kf()
    queued = await kf.enqueue(kind="enter_session", scene="shop", scene_param="sku_AP-1001")
    started = time.monotonic()
    await kf.callback(queued["token"])
    await kf.settle()
    assert time.monotonic() - started < 20
    [welcome] = kf.sent()
    assert welcome["api"] == "send_msg_on_event"
    assert welcome["code"] == queued["welcome_code"]
    assert kf.world.codes[queued["welcome_code"]].used  # the mock took it: inside its 20 s
    shown = describe(welcome)
    assert "欢迎光临" in shown and item.name in shown and "¥" in shown
    assert "[买]" in shown  # a tap away from ordering it
    # The product's card is open: 买 is about it.
    answer = await kf.say("买", menu_id="买")
    assert item.name in answer[0] and "请选择" in answer[0]


async def test_without_a_welcome_code_nothing_is_sent_but_the_product_is_open(
    make_kf: MakeKf, knowledge: KnowledgeHolder
) -> None:
    item = knowledge.current.kb.products["AP-1001"]
    kf = await make_kf()
    queued = await kf.enqueue(kind="enter_session", scene_param="sku_AP-1001", welcome=False)
    await kf.callback(queued["token"])
    await kf.settle()
    assert kf.sent() == []  # Tencent gave no code: a welcome was set in the admin, or sent
    answer = await kf.say("买")
    assert item.name in answer[0]


async def test_a_welcome_code_older_than_20_s_is_not_used(make_kf: MakeKf) -> None:
    kf = await make_kf()
    queued = await kf.enqueue(kind="enter_session", send_time=time.time() - 25)
    await kf.callback(queued["token"])
    await kf.settle()
    assert kf.calls("/cgi-bin/kf/send_msg_on_event") == []
    assert kf.metric("shopbot_kf_skipped_total", reason="welcome_late") == 1


async def test_a_scene_without_a_known_product_gets_the_plain_welcome(make_kf: MakeKf) -> None:
    kf = await make_kf()
    queued = await kf.enqueue(kind="enter_session", scene_param="sku_NO-SUCH")
    await kf.callback(queued["token"])
    await kf.settle()
    [welcome] = kf.sent_texts()
    assert "欢迎光临" in welcome and "[逛逛]" in welcome
