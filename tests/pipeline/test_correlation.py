"""One correlation id per callback, in every log line of its handling, background sends included."""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest

from bot.gateway import create_app
from bot.logs import CorrelationFilter, JsonFormatter
from bot.simulator import CallbackBuilder
from mockwechat import create_mock_app
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.factories import demo_config


def _url(server) -> str:
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
async def bot(aiohttp_server, aiohttp_client):
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    client = await aiohttp_client(create_app(config))
    return client, mock, config


async def test_a_background_send_logs_under_its_callbacks_id(bot, caplog):
    client, mock, config = bot
    async with aiohttp.ClientSession() as http:
        fault = {"path": "/cgi-bin/message/custom/send", "errcode": 48001, "count": -1}
        await http.post(mock.make_url("/_mock/faults"), json=fault)
    caplog.handler.addFilter(CorrelationFilter())
    builder = CallbackBuilder(config, "oa")
    with caplog.at_level(logging.INFO):
        for text in ("你好", "人工"):
            callback = builder.text("oCorrelation0000000000000001", text)
            response = await client.post(callback.path, params=callback.query, data=callback.body)
            assert response.status == 200
        for _ in range(50):  # the hand-off notice goes out in the background
            if any("48001" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.05)
    answered = [r for r in caplog.records if "answered passively" in r.getMessage()]
    refused = [r for r in caplog.records if "48001" in r.getMessage()]
    assert len(answered) == 2 and refused
    ids = [r.cid for r in answered]
    assert ids[0] != ids[1] and "-" not in ids
    assert refused[0].cid == ids[1]  # the notice belongs to the second callback


def test_json_lines_carry_the_id_and_the_message():
    record = logging.LogRecord("bot.x", logging.WARNING, __file__, 1, "hello %s", ("你",), None)
    CorrelationFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello 你" and line["level"] == "WARNING" and line["cid"] == "-"


async def test_audit_entries_carry_the_id_of_the_callback_that_wrote_them(make_shop, caplog):  # noqa: F811
    shop = await make_shop()
    caplog.handler.addFilter(CorrelationFilter())
    shoppers = [shop.chat(), shop.chat()]
    with caplog.at_level(logging.INFO):
        for shopper in shoppers:  # two hand-offs: both audit entries queued behind the replies
            callback = shopper.builder.text(shopper.user, "人工")
            response = await shop.client.post(
                callback.path, params=callback.query, data=callback.body
            )
            assert response.status == 200
    await shop.services.write_behind.flush()
    answered = [r.cid for r in caplog.records if "answered passively" in r.getMessage()]
    assert len(answered) == 2 and answered[0] != answered[1]
    for shopper, cid in zip(shoppers, answered, strict=True):
        [entry] = await shop.db.audit.recent(target=f"user:oa:{shopper.user}")
        assert entry.action == "handoff.start" and entry.detail["cid"] == cid
