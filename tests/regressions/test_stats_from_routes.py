"""/stats counts from the routing result: a shopper's "confirm" (a staff word, passed on to the intent
and the fallback) is a fallback like any other message the bot did not understand; it used to
be hidden behind the staff word's handler."""

from __future__ import annotations

from bot.gateway import SERVICES, create_app
from bot.simulator import CallbackBuilder
from tests.factories import sample_config


async def test_a_shoppers_confirm_word_that_falls_back_counts_as_a_fallback(aiohttp_client):
    config = sample_config()
    client = await aiohttp_client(create_app(config))
    callback = CallbackBuilder(config, "oa").text("oConfirmStats", "confirm")
    response = await client.post(callback.path, params=callback.query, data=callback.body)
    assert response.status == 200
    stats = client.app[SERVICES].stats
    assert await stats.get("messages") == 1
    assert await stats.get("fallback") == 1
