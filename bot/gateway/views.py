"""HTTP handlers: protocol in, pipeline, protocol out. No business logic here.

Bad input gets an answer and changes nothing (DESIGN.md): bad signature, stale timestamp, a
plaintext body where encryption is configured, or a signed query reused with another body → 403;
a body that does not arrive within `server.body_timeout_s` → 408;
malformed, hostile or undecryptable XML → 400; too large → 413 (aiohttp, from client_max_size);
anything WeChat must not see as an error (an unknown type) → `success`.
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiohttp import web

from bot.gateway.keys import KF, OA, PIPELINE, REPLAY, SERVICES, WECOM
from bot.kf import runtime_of
from bot.logs import begin_correlation, end_correlation
from bot.protocol import ProtocolError
from bot.protocol.base import CallbackProtocol
from bot.protocol.kf import KfProtocol
from bot.protocol.oa import OAProtocol
from bot.protocol.wecom import WeComProtocol

log = logging.getLogger(__name__)

SUCCESS = "success"
XML = "application/xml"


def _refuse(request: web.Request, channel: str, exc: ProtocolError) -> web.Response:
    request.app[SERVICES].metrics.rejected.labels(channel, str(exc.status)).inc()
    log.warning("%s callback refused (%d): %s", channel, exc.status, exc)
    return web.Response(status=exc.status, text=str(exc))


def _oa(request: web.Request) -> OAProtocol:
    protocol = request.app[OA]
    if protocol is None:
        raise web.HTTPNotFound(text="the Official Account channel is not configured (oa.token)")
    return protocol


def _wecom(request: web.Request) -> WeComProtocol:
    protocol = request.app[WECOM]
    if protocol is None:
        raise web.HTTPNotFound(text="the WeCom channel is not configured (wecom.*)")
    return protocol


async def oa_verify(request: web.Request) -> web.Response:
    return _verify(request, "oa", _oa(request))


async def oa_message(request: web.Request) -> web.Response:
    return await _message(request, "oa", _oa(request), SUCCESS)


async def wecom_verify(request: web.Request) -> web.Response:
    return _verify(request, "wecom", _wecom(request))


async def wecom_message(request: web.Request) -> web.Response:
    # WeCom: HTTP 200 with an empty body means success.
    return await _message(request, "wecom", _wecom(request), "")


def _kf(request: web.Request) -> KfProtocol:
    protocol = request.app[KF]
    if protocol is None:
        raise web.HTTPNotFound(text="the 微信客服 channel is not configured (kf.*)")
    return protocol


async def kf_verify(request: web.Request) -> web.Response:
    return _verify(request, "kf", _kf(request))


async def kf_message(request: web.Request) -> web.Response:
    """kf_msg_or_event carries no message: verify it, start the pull, answer at once."""
    correlation = begin_correlation()  # the pull it starts logs under this callback's id
    try:
        return await _kf_answer(request, _kf(request))
    finally:
        end_correlation(correlation)


async def _kf_answer(request: web.Request, protocol: KfProtocol) -> web.Response:
    body = await request.read()
    try:
        decoded = protocol.decode(request.query, body)
        await request.app[REPLAY].admit("kf", request.query, body)
    except ProtocolError as exc:
        return _refuse(request, "kf", exc)
    services = request.app[SERVICES]
    services.metrics.inbound.labels("kf", decoded.inbound.kind).inc()
    runtime = runtime_of(services)
    if runtime is not None:
        runtime.on_callback(decoded.inbound)
    log.info("kf kf_msg_or_event answered at once; pulling in the background")
    return web.Response(text="")


def _verify(request: web.Request, channel: str, protocol: CallbackProtocol) -> web.Response:
    try:
        return web.Response(text=protocol.verify_url(request.query))
    except ProtocolError as exc:
        return _refuse(request, channel, exc)


async def _message(
    request: web.Request, channel: str, protocol: CallbackProtocol, success: str
) -> web.Response:
    correlation = begin_correlation()  # every log line of this callback's handling carries it
    try:
        return await _answer(request, channel, protocol, success)
    finally:
        end_correlation(correlation)


async def _answer(
    request: web.Request, channel: str, protocol: CallbackProtocol, success: str
) -> web.Response:
    clock = request.app[SERVICES].clock
    started = clock.monotonic()
    try:
        body = await _read_body(request)
    except TimeoutError:
        log.warning("%s callback body did not arrive in time; connection closed", channel)
        return web.Response(
            status=408, text="request body timeout", headers={"Connection": "close"}
        )
    try:
        decoded = protocol.decode(request.query, body)
        await request.app[REPLAY].admit(channel, request.query, body)
    except ProtocolError as exc:
        return _refuse(request, channel, exc)
    msg = decoded.inbound
    request.app[SERVICES].metrics.inbound.labels(channel, msg.kind).inc()
    xml = await request.app[PIPELINE].handle(msg)
    log.info(
        "%s %s%s answered %s in %.0f ms",
        channel,
        msg.raw_type or msg.kind,
        f"/{msg.event}" if msg.event else "",
        "passively" if xml else "success",
        (clock.monotonic() - started) * 1000,
    )
    if xml is None:
        return web.Response(text=success)
    encoded = protocol.encode(decoded, xml, str(int(clock.time())))
    return web.Response(text=encoded, content_type=XML)


async def _read_body(request: web.Request) -> bytes:
    """The body, within `server.body_timeout_s`. WeChat's arrives with its headers: then there
    is nothing to wait for, and no timer to set."""
    if request.content.is_eof():
        return await request.read()
    async with asyncio.timeout(request.app[SERVICES].config.server.body_timeout_s):
        return await request.read()


async def healthz(request: web.Request) -> web.Response:
    # The pid tells which worker answered when `serve --workers N` shares one port.
    return web.json_response({"status": "ok", "pid": os.getpid()})


async def metrics(request: web.Request) -> web.Response:
    body = request.app[SERVICES].metrics.render()
    return web.Response(body=body, content_type="text/plain", charset="utf-8")
