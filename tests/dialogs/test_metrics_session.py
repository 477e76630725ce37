"""After a scripted shopping session, /metrics tells the merchant what happened."""

from __future__ import annotations

import re

from tests.dialogs.transcript import Shop


def _value(text: str, series: str) -> float:
    found = re.search(rf"^{re.escape(series)} (\S+)$", text, re.M)
    assert found, f"{series} missing from /metrics"
    return float(found.group(1))


async def test_a_session_shows_up_in_the_business_series(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 你好
        < 欢迎
        > 买一箱抽纸 收货人王芳 电话15812345678 地址北京市朝阳区建国路88号
        < 请核对订单
        > 确认
        < 订单号：SB
        > 啊吧啊吧嘟嘟
        > 人工
        """
    )
    response = await shop.client.get("/metrics")
    text = await response.text()
    assert _value(text, 'shopbot_orders_total{event="created"}') == 1
    assert _value(text, 'shopbot_handoffs_total{event="start"}') == 1
    assert _value(text, 'shopbot_fallbacks_total{channel="oa"}') >= 1
    assert _value(text, 'shopbot_intents_total{channel="oa",intent="place_order"}') == 1
    assert _value(text, 'shopbot_token_refreshes_total{token="oa"}') >= 1
    assert 'shopbot_api_calls_total{api="message/custom/send",errcode="0"}' in text
