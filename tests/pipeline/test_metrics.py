"""GET /metrics speaks Prometheus and counts what happened."""

from __future__ import annotations

from bot.gateway import create_app
from bot.simulator import CallbackBuilder
from tests.factories import sample_config


async def test_metrics_count_inbound_duplicates_and_refusals(aiohttp_client):
    config = sample_config()
    client = await aiohttp_client(create_app(config))
    callback = CallbackBuilder(config, "oa").text("oMetrics", "你好", msg_id=777)
    for _ in range(2):
        await client.post(callback.path, params=callback.query, data=callback.body)
    await client.post("/wechat/oa", params={"timestamp": "1", "nonce": "1"}, data=b"<xml/>")
    response = await client.get("/metrics")
    assert response.status == 200
    assert response.content_type == "text/plain"
    text = await response.text()
    assert 'shopbot_inbound_total{channel="oa",kind="text"} 2.0' in text
    assert 'shopbot_duplicates_total{channel="oa"} 1.0' in text
    assert 'shopbot_rejected_total{channel="oa",status="403"} 1.0' in text
    assert 'shopbot_replies_total{channel="oa",mode="passive"} 1.0' in text
    assert "shopbot_handle_seconds_bucket" in text
