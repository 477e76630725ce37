"""The pipeline counts today's shopper messages, recognised intents and fallbacks for /stats."""

from __future__ import annotations

from bot.gateway import SERVICES, create_app
from bot.simulator import CallbackBuilder
from tests.factories import sample_config


async def test_messages_intents_and_fallbacks_are_counted_once_each(aiohttp_client):
    config = sample_config()
    client = await aiohttp_client(create_app(config))
    builder = CallbackBuilder(config, "oa")
    retried = builder.text("oStats", "怎么退货", msg_id=9001)
    for callback in (retried, retried, builder.text("oStats", "qwzx vbnm")):
        await client.post(callback.path, params=callback.query, data=callback.body)
    stats = client.app[SERVICES].stats
    assert await stats.get("messages") == 2  # the retry is not a new message
    assert await stats.get("fallback") == 1
    assert sum(count for _, count in await stats.top_intents()) == 1
