"""An order's payment, shipping and logistics over HTTP, for the shop's payment system or back
office.

    POST /admin/orders/{order_no}/paid        optional {"amount_fen": 5900}: what was collected
    POST /admin/orders/{order_no}/shipped     {"carrier": "顺丰", "tracking_no": "SF123"}
    POST /admin/orders/{order_no}/logistics   {"text": "快件已到达杭州转运中心",
                                               "at": "2025-03-14T10:00:00+08:00", "delivered": false}
    Authorization: Bearer <shop.admin_token>

404 when `shop.admin_token` is empty (the endpoints are off) or the order does not exist; 401 for
a missing or wrong token (compared in constant time); 400 for a bad body; 409 when the order is
not in a state that allows the move (already paid, cancelled, not shipped yet for logistics...).
On success the shopper is notified (bot/business/logistics.py: a payment first opens the 48-hour
unlimited customer-service quota; a notice the quota cannot carry waits for the shopper's next
message) and the answer is `{"order_no", "status", "notified"}`: never the receiver's name, phone
or address. `delivered: true` on a logistics update completes the order (status done). A
payment whose `amount_fen` is not the order's total is 409 `{"error": "amount mismatch",
"total_fen"}` and the order stays unpaid.
"""

from __future__ import annotations

import hmac
import json
import logging
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.business import logistics
from bot.gateway.keys import SERVICES
from bot.services import Services
from bot.storage import Database, InvalidTransition, Order, OrderNotFound

log = logging.getLogger(__name__)

ACTOR = "admin:http"
MAX_FIELD = 64
MAX_TEXT = 500


def add_admin_routes(app: web.Application) -> None:
    app.router.add_post("/admin/orders/{order_no}/paid", mark_paid)
    app.router.add_post("/admin/orders/{order_no}/shipped", mark_shipped)
    app.router.add_post("/admin/orders/{order_no}/logistics", logistics_update)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _authorised(request: web.Request) -> tuple[Services, Database] | web.Response:
    services = request.app[SERVICES]
    token = services.config.shop.admin_token
    if not token:
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


def _done(order: Order, notified: bool) -> web.Response:
    return web.json_response(
        {"order_no": order.order_no, "status": str(order.status), "notified": notified}
    )


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
    services, _db = checked
    paid = await _paid_amount(request)
    if isinstance(paid, web.Response):
        return paid
    try:
        order, told = await logistics.mark_paid(
            services, request.match_info["order_no"], actor=ACTOR, paid_fen=paid
        )
    except (OrderNotFound, InvalidTransition) as exc:
        return _refused(exc)
    except logistics.AmountMismatch as exc:
        log.warning("payment of %s with the wrong amount refused", exc.order.order_no)
        return web.json_response(
            {"error": "amount mismatch", "total_fen": exc.order.total_fen}, status=409
        )
    return _done(order, told)


async def _paid_amount(request: web.Request) -> int | web.Response | None:
    """The optional `{"amount_fen": N}` of a payment callback (no body: not checked)."""
    if not await request.read():
        return None
    body = await _json(request)
    if isinstance(body, web.Response):
        return body
    amount = body.get("amount_fen") if isinstance(body, dict) else None
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        return _error(400, 'the body must be {"amount_fen": <whole fen>} or empty')
    return amount


async def _json(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "the body must be JSON")


async def _shipping(request: web.Request) -> tuple[str, str] | web.Response:
    body = await _json(request)
    if isinstance(body, web.Response):
        return body
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
    services, _db = checked
    shipping = await _shipping(request)
    if isinstance(shipping, web.Response):
        return shipping
    carrier, tracking_no = shipping
    try:
        order, told = await logistics.mark_shipped(
            services, request.match_info["order_no"], carrier, tracking_no, actor=ACTOR
        )
    except (OrderNotFound, InvalidTransition) as exc:
        return _refused(exc)
    return _done(order, told)


def _update(body: Any) -> tuple[str, datetime | None, bool] | web.Response:
    if not isinstance(body, dict):
        return _error(400, 'the body must be {"text": ..., "at"?: ..., "delivered"?: ...}')
    text, at, delivered = body.get("text"), body.get("at"), body.get("delivered", False)
    if not isinstance(text, str) or not 0 < len(text.strip()) <= MAX_TEXT:
        return _error(400, f"text must be a non-empty string of ≤{MAX_TEXT}")
    if not isinstance(delivered, bool):
        return _error(400, "delivered must be true or false")
    moment = None
    if at is not None:
        try:
            moment = datetime.fromisoformat(str(at)) if isinstance(at, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            return _error(400, "at must be an ISO 8601 time with its offset, e.g. ...T10:00+08:00")
    return text.strip(), moment, delivered


async def logistics_update(request: web.Request) -> web.Response:
    checked = _authorised(request)
    if isinstance(checked, web.Response):
        return checked
    services, _db = checked
    body = await _json(request)
    if isinstance(body, web.Response):
        return body
    update = _update(body)
    if isinstance(update, web.Response):
        return update
    text, at, delivered = update
    try:
        recorded, told = await logistics.record_update(
            services, request.match_info["order_no"], text, at=at, delivered=delivered, actor=ACTOR
        )
    except (OrderNotFound, InvalidTransition) as exc:
        return _refused(exc)
    return _done(recorded.order, told)
