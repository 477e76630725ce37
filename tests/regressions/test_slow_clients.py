"""Issue 14, item 5: half-sent requests were held forever, and 1,100 of them stopped all service.

The real listener of `shopbot serve` (bot/gateway/server.py) on a free port: slow headers are
cut at `header_timeout_s`, a slow body gets 408 at `body_timeout_s`, connections over
`max_connections` get 503 at once, and a normal callback is still answered meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp

from bot.gateway import create_app
from bot.gateway.server import Listener, ThrottledLog
from bot.simulator import CallbackBuilder
from tests.factories import sample_config

CAP = 16


async def _listener(**server):
    config = sample_config(port=1, **server)
    listener = Listener(create_app(config), config.server, port=0)
    await listener.start()
    return config, listener


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bytes:
    """What the server sent before closing; raises TimeoutError if it kept the connection."""
    return await asyncio.wait_for(reader.read(), seconds)


async def _callback_answered(config, port: int) -> int:
    callback = CallbackBuilder(config, "oa").text("oPatient", "你好")
    async with aiohttp.ClientSession() as http:
        url = f"http://127.0.0.1:{port}{callback.path}"
        async with http.post(url, params=callback.query, data=callback.body) as response:
            return response.status


async def test_half_sent_headers_are_cut_and_others_still_served():
    config, listener = await _listener(header_timeout_s=0.5)
    try:
        slow = [await asyncio.open_connection("127.0.0.1", listener.bound_port) for _ in range(5)]
        for _, writer in slow:
            writer.write(b"POST /wechat/oa HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # never finished
            await writer.drain()
        assert await _callback_answered(config, listener.bound_port) == 200
        started = time.monotonic()
        for reader, _ in slow:
            await _closed_within(reader, 3.0)
        assert time.monotonic() - started < 2.5
        for _, writer in slow:
            writer.close()
    finally:
        await listener.stop()


async def test_a_body_that_never_arrives_gets_408():
    config, listener = await _listener(body_timeout_s=0.5)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", listener.bound_port)
        callback = CallbackBuilder(config, "oa").text("oSlowBody", "你好")
        query = "&".join(f"{k}={v}" for k, v in callback.query.items())
        writer.write(
            f"POST /wechat/oa?{query} HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n<xml>".encode()
        )
        await writer.drain()
        answer = await _closed_within(reader, 3.0)
        assert answer.startswith(b"HTTP/1.1 408")
        writer.close()
    finally:
        await listener.stop()


async def test_connections_over_the_cap_get_503_and_the_log_says_so_once(caplog):
    config, listener = await _listener(max_connections=CAP, header_timeout_s=5.0)
    caplog.set_level(logging.ERROR, logger="bot.gateway.server")
    held = []
    try:
        for _ in range(CAP):
            held.append(await asyncio.open_connection("127.0.0.1", listener.bound_port))
        await asyncio.sleep(0.05)
        refused = []
        for _ in range(5):
            reader, writer = await asyncio.open_connection("127.0.0.1", listener.bound_port)
            refused.append(await _closed_within(reader, 2.0))
            writer.close()
        assert all(answer.startswith(b"HTTP/1.1 503") for answer in refused)
        cap_lines = [r for r in caplog.records if "max_connections" in r.getMessage()]
        assert len(cap_lines) == 1
        for _, writer in held:
            writer.close()
        await asyncio.sleep(0.1)
        assert await _callback_answered(config, listener.bound_port) == 200
    finally:
        await listener.stop()


def test_a_repeated_error_is_logged_once_per_interval_with_a_count(caplog):
    caplog.set_level(logging.ERROR, logger="bot.gateway.server")
    say = ThrottledLog(every_s=0.2)
    said = [say("accept", "socket.accept() out of system resource") for _ in range(1000)]
    assert said.count(True) == 1
    time.sleep(0.25)
    assert say("accept", "socket.accept() out of system resource")
    assert "999 more" in caplog.records[-1].getMessage()
