"""The business tests run the whole bot like the dialog tests (tests/dialogs/conftest.py), with
the admin endpoint on, and read what staff were sent in the WeCom app."""

from __future__ import annotations

from typing import Any

import pytest

from bot.storage import Order, Ticket, TicketKind
from mockwechat import MOCK_STATE
from tests.dialogs.conftest import (  # noqa: F401  (fixtures used by these tests)
    database_url,
    knowledge,
    make_shop,
    pinned_today,
)
from tests.dialogs.transcript import Shop, paid_order, render_api

TOKEN = "admin-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STAFF = "zhangsan"


@pytest.fixture
async def shop(make_shop: Any, database_url: str) -> Shop:  # noqa: F811
    """SQLite and PostgreSQL, admin endpoint on."""
    made: Shop = await make_shop(database=database_url, admin_token=TOKEN)
    return made


def staff_messages(shop: Shop, since: int = 0, staff: str = STAFF) -> list[str]:
    """App messages the bot sent one staff member on its own (alerts, reminders)."""
    recorder = shop.mock.app[MOCK_STATE].recorder
    calls = recorder.calls(path="/cgi-bin/message/send", touser=staff, since=since)
    return [render_api(call.body) for call in calls if call.errcode == 0]


def last_seq(shop: Shop) -> int:
    return int(shop.mock.app[MOCK_STATE].recorder.last_seq)


async def ticket_on(
    shop: Shop, user: str, kind: TicketKind = TicketKind.RETURN, sku: str = "AP-1001"
) -> tuple[Order, Ticket]:
    order = await paid_order(shop, user, sku)
    ticket = await shop.db.tickets.create_ticket(
        order.order_no, user, kind, "尺码偏小，穿不上", ["MEDIA-1", "MEDIA-2"]
    )
    return order, ticket
