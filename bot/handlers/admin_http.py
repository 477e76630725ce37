"""Marking an order paid or shipped over HTTP, for the shop's payment callback or back office.

    POST /admin/orders/{order_no}/paid
    POST /admin/orders/{order_no}/shipped     {"carrier": "顺丰", "tracking_no": "SF123"}
    Authorization: Bearer <shop.admin_token>

404 when `shop.admin_token` is empty (the endpoint is off) or the order does not exist; 401 for a
missing or wrong token (compared in constant time); 400 for a bad body; 409 when the order is not
in a state that allows the move (already paid, cancelled, expired...). On success the shopper is
notified and the answer is `{"order_no", "status"}`: never the receiver's name, phone or address.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web

from bot.dialogs.notices import notify, paid_notice, shipped_notice
from bot.gateway.keys import SERVICES
from bot.services import Services
from bot.storage import Database, InvalidTransition, Order, OrderNotFound

log = logging.getLogger(__name__)

ACTOR = "admin:http"
MAX_FIELD = 64


def add_admin_routes(app: web.Application) -> None:
    app.router.add_post("/admin/orders/{order_no}/paid", mark_paid)
    app.router.add_post("/admin/orders/{order_no}/shipped", mark_shipped)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _authorised(request: web.Request) -> tuple[Services, Database] | web.Response:
    services = request.app[SERVICES]
    token = services.config.shop.admin_token
    if not token or services.db is None:
        return _error(404, "not found")
    header = request.headers.get("Authorization", "")
    # Compared exactly: "token " is another token (stripping it once let a trailing space in).
    given = header.removeprefix("Bearer ") if header.startswith("Bearer ") else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        log.warning("admin request with a missing or wrong token refused")
        return web.json_response(
            {"error": "unauthorised"}, status=401, headers={"WWW-Authenticate": "Bearer"}
        )
    return services, services.db


def _done(order: Order) -> web.Response:
    return web.json_response({"order_no": order.order_no, "status": str(order.status)})


def _refused(exc: OrderNotFound | InvalidTransition) -> web.Response:
    if isinstance(exc, OrderNotFound):
        return _error(404, "order not found")
    return web.json_response(
        {"error": "invalid transition", "status": exc.current, "wanted": exc.target}, status=409
    )


async def mark_paid(request: web.Request) -> web.Response:
    checked = _authorised(request)
    if isinstance(checked, web.Response):
        return checked
    services, db = checked
    try:
        order = await db.orders.mark_paid(request.match_info["order_no"], actor=ACTOR)
    except (OrderNotFound, InvalidTransition) as exc:
        return _refused(exc)
    await notify(services, order, paid_notice(order))
    return _done(order)


async def _shipping(request: web.Request) -> tuple[str, str] | web.Response:
    try:
        body: Any = json.loads(await request.read() or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "the body must be JSON")
    if not isinstance(body, dict):
        return _error(400, 'the body must be {"carrier": ..., "tracking_no": ...}')
    fields = [body.get("carrier"), body.get("tracking_no")]
    if not all(isinstance(f, str) and 0 < len(f.strip()) <= MAX_FIELD for f in fields):
        return _error(400, f"carrier and tracking_no must be non-empty strings of ≤{MAX_FIELD}")
    return str(fields[0]).strip(), str(fields[1]).strip()


async def mark_shipped(request: web.Request) -> web.Response:
    checked = _authorised(request)
    if isinstance(checked, web.Response):
        return checked
    services, db = checked
    shipping = await _shipping(request)
    if isinstance(shipping, web.Response):
        return shipping
    carrier, tracking_no = shipping
    try:
        order = await db.orders.mark_shipped(
            request.match_info["order_no"], carrier, tracking_no, actor=ACTOR
        )
    except (OrderNotFound, InvalidTransition) as exc:
        return _refused(exc)
    await notify(services, order, shipped_notice(order))
    return _done(order)
