"""The mock WeChat API as one aiohttp app: api.weixin.qq.com and qyapi.weixin.qq.com together.

The bot's `[api] oa_base_url` and `wecom_base_url` both point here; their paths do not
collide (tests/mockapi/test_mock_covers_the_bot.py keeps it so).
Every `/cgi-bin/...` call is recorded (recorder.py); `/_mock/...` is the control API
(control.py). No I/O at import: the app is made by `create_mock_app`, served by
`run_mock_api`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import web

from mockwechat.cashier import CashierSettings, add_cashier_routes
from mockwechat.clock import Clock, system_clock
from mockwechat.control import add_control_routes
from mockwechat.data import MockData
from mockwechat.dispatch import Call, Outcome, answer_call, parse_body
from mockwechat.errors import SYSTEM_ERROR, error_body
from mockwechat.faults import Fault
from mockwechat.kf_control import add_kf_control_routes
from mockwechat.settings import MockSettings
from mockwechat.state import MOCK_STATE, MockState

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 8 * 1024 * 1024  # a 2 MB robot image is ~2.7 MB as base64 in JSON


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _safe_answer(state: MockState, call: Call, fault: Fault | None) -> Outcome:
    """A bug in an endpoint answers -1 like a Tencent hiccup, and is logged and recorded."""
    try:
        return answer_call(state, call, fault)
    except Exception as exc:
        log.exception("mock endpoint %s %s failed", call.method, call.path)
        outcome = Outcome("unknown", 500, error_body(SYSTEM_ERROR))
        outcome.notes["exception"] = repr(exc)
        return outcome


async def _multipart(request: web.Request) -> dict[str, Any]:
    """An upload (media/upload): what was sent, by field; a file as its name, type and size."""
    fields: dict[str, Any] = {}
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            data = value.file.read()
            fields[name] = {"filename": value.filename, "content_type": value.content_type,
                            "size": len(data)}  # fmt: skip
        else:
            fields[name] = str(value)
    return fields


async def handle_api(request: web.Request) -> web.StreamResponse:
    state = request.app[MOCK_STATE]
    if request.content_type.startswith("multipart/"):
        body: Any = await _multipart(request)
    else:
        body = parse_body(await request.read())
    fault = state.faults.take(request.path)
    if fault is not None and fault.delay_s > 0:
        await asyncio.sleep(fault.delay_s)
    call = Call(request.method, request.path, dict(request.query), body, state.clock())
    outcome = _safe_answer(state, call, fault)
    state.recorder.record(
        time=call.now,
        method=call.method,
        path=call.path,
        api=outcome.api,
        query=call.query,
        body=body,
        status=outcome.status,
        answer=outcome.answer,
        recipients=outcome.recipients,
        notes=outcome.notes,
    )
    if outcome.text is not None:
        return web.Response(status=outcome.status, text=outcome.text)
    if outcome.binary is not None and outcome.status == 200 and not outcome.answer.get("errcode"):
        return web.Response(body=outcome.binary, content_type="image/png")
    return web.json_response(outcome.answer, status=outcome.status, dumps=_dumps)


def create_mock_app(
    data: MockData | None = None,
    *,
    settings: MockSettings | None = None,
    clock: Clock | None = None,
    cashier: CashierSettings | None = None,
) -> web.Application:
    """A fresh mock: the demo directory unless `data` is given, Tencent's limits unless
    `settings` shrinks them, wall-clock time unless a test passes a `ManualClock`; the demo's
    cashier page (cashier.py) only with `cashier`."""
    state = MockState.create(
        data if data is not None else MockData.demo(),
        settings if settings is not None else MockSettings(),
        clock if clock is not None else system_clock,
    )
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[MOCK_STATE] = state
    add_control_routes(app)
    add_kf_control_routes(app)
    if cashier is not None:
        add_cashier_routes(app, cashier)
    app.router.add_route("*", "/cgi-bin/{tail:.*}", handle_api)
    return app


async def run_mock_api(
    host: str,
    port: int,
    *,
    data: MockData | None = None,
    settings: MockSettings | None = None,
) -> None:
    """Serve the mock on host:port until cancelled (then close the listener cleanly)."""
    runner = web.AppRunner(create_mock_app(data, settings=settings), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        log.info("mock WeChat API listening on http://%s:%d", host, port)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
