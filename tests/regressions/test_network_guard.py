"""The test suite cannot reach beyond loopback (a guard in tests/conftest.py)."""

from __future__ import annotations

import socket

import aiohttp
import pytest


def test_a_connect_beyond_loopback_fails_at_once():
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError, match="loopback"):
        sock.connect(("203.0.113.9", 443))  # TEST-NET-3: never routable anyway


async def test_aiohttp_to_the_real_api_host_address_fails_at_once():
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.ClientConnectorError) as refused:
            await http.get("http://101.89.47.18/cgi-bin/token", timeout=aiohttp.ClientTimeout(2))
    assert "loopback" in str(refused.value.os_error.args)


def test_loopback_still_works():
    with socket.create_server(("127.0.0.1", 0)) as server, socket.socket() as sock:
        sock.connect(server.getsockname())
