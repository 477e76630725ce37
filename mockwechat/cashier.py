"""The demo's cashier (收银台): the pay link of a demo order opens this page, and 确认支付 pays the
order the way a payment system would, by calling the bot's `POST /admin/orders/{no}/paid` with
the admin token and the amount paid. Nothing is charged; it exists so that a demo order can be
paid, shipped and taken to after-sales.

    GET  /_mock/cashier?order=SB…&amount=5900     the page (order number, amount, a button)
    POST /_mock/cashier/pay   (form: order, amount) calls the bot, shows what it answered

Only the demo turns it on (`create_mock_app(cashier=CashierSettings(...))`); without it both
paths answer 404, so a mock started for tests never pays anything by itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import aiohttp
from aiohttp import web

_ORDER = re.compile(r"^SB\d{8}[0-9A-Z]{12}$")
_AMOUNT = re.compile(r"^\d{1,10}$")
TIMEOUT_S = 10


@dataclass(frozen=True)
class CashierSettings:
    bot_url: str  # where the bot listens, e.g. http://127.0.0.1:8080
    admin_token: str


CASHIER = web.AppKey("cashier", CashierSettings)


def add_cashier_routes(app: web.Application, settings: CashierSettings) -> None:
    app[CASHIER] = settings
    app.router.add_get("/_mock/cashier", cashier_page)
    app.router.add_post("/_mock/cashier/pay", pay)


def _yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def _page(title: str, body: str, status: int = 200) -> web.Response:
    text = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:28em;margin:3em auto;padding:0 1em;color:#222}}
.amount{{font-size:2.2em;margin:.4em 0}}button{{font-size:1.2em;padding:.6em 2.4em;
background:#07c160;color:#fff;border:0;border-radius:.3em}}.note{{color:#888;font-size:.85em}}</style>
</head><body>{body}<p class="note">演示收银台：不会真的扣款。</p></body></html>"""
    return web.Response(text=text, status=status, content_type="text/html")


def _read(order: str, amount: str) -> tuple[str, int] | None:
    order = order.strip().upper()
    if not _ORDER.match(order) or not _AMOUNT.match(amount.strip()):
        return None
    return order, int(amount)


async def cashier_page(request: web.Request) -> web.Response:
    found = _read(request.query.get("order", ""), request.query.get("amount", ""))
    if found is None:
        return _page("收银台", "<h2>链接不完整</h2><p>请从订单消息里的支付链接打开。</p>", 400)
    order, amount = found
    body = f"""<h2>收银台</h2>
<p>订单 {html.escape(order)}</p><p class="amount">{_yuan(amount)}</p>
<form method="post" action="/_mock/cashier/pay">
<input type="hidden" name="order" value="{html.escape(order)}">
<input type="hidden" name="amount" value="{amount}">
<button type="submit">确认支付</button></form>"""
    return _page("收银台", body)


def _outcome(status: int, answer: dict[str, object]) -> tuple[str, str]:
    if status == 200:
        return "支付成功", "商家已收到付款通知，订单消息会发到您的微信。"
    if status == 404:
        return "找不到这个订单", "请核对支付链接。"
    if status == 409 and answer.get("error") == "amount mismatch":
        return "金额和订单不一致", "没有扣款，请从订单消息里的支付链接重新打开。"
    if status == 409 and answer.get("status") == "paid":
        return "这笔订单已经付过了", "不会重复扣款。"
    if status == 409:
        return "订单已关闭", "超时未付款或已取消的订单不能再支付，没有扣款。"
    return "支付没有完成", f"商家系统返回 {status}，没有扣款。"


async def pay(request: web.Request) -> web.Response:
    settings = request.app[CASHIER]
    form = await request.post()
    found = _read(str(form.get("order", "")), str(form.get("amount", "")))
    if found is None:
        return _page("收银台", "<h2>链接不完整</h2>", 400)
    order, amount = found
    url = f"{settings.bot_url.rstrip('/')}/admin/orders/{order}/paid"
    headers = {"Authorization": f"Bearer {settings.admin_token}"}
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.post(url, json={"amount_fen": amount}, headers=headers) as response,
        ):
            answer = await response.json(content_type=None)
            status = response.status
    except (aiohttp.ClientError, TimeoutError, ValueError):
        status, answer = 502, {}
    title, text = _outcome(status, answer if isinstance(answer, dict) else {})
    return _page(
        title, f"<h2>{title}</h2><p>订单 {html.escape(order)}，{_yuan(amount)}</p><p>{text}</p>"
    )
