"""Orders: ownership, idempotent confirmation, stock under concurrency, the state machine."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import (
    Database,
    InvalidTransition,
    LineIn,
    Order,
    OrderNotFound,
    OrderStatus,
    OutOfStock,
    open_database,
)

Place = Callable[..., Awaitable[Order]]
ORDER_NO = re.compile(r"^SB\d{8}[0-9A-HJKMNP-TV-Z]{12}$")


async def test_create_then_read_back_own_order(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10), ("B", 10)])
    lines = [LineIn("A", "苹果", {"规格": "5斤装"}, 2, 1990), LineIn("B", "梨", "大果", 1, 1500)]
    order = await place(db, lines=lines, coupon_code="NEW10", discount_fen=500)

    assert ORDER_NO.match(order.order_no)
    assert order.status is OrderStatus.CREATED
    assert (order.subtotal_fen, order.discount_fen, order.total_fen) == (5480, 500, 4980)
    assert [(x.sku, x.qty, x.amount_fen) for x in order.lines] == [("A", 2, 3980), ("B", 1, 1500)]
    assert order.lines[0].spec == {"规格": "5斤装"}
    assert order.lines[1].spec_text == "大果"
    assert order.created_at.tzinfo is not None
    assert await db.orders.get_order(order.order_no, "u1") == order
    assert await db.orders.get_order(order.order_no.lower(), "u1") == order
    assert await db.stock.get_stock("A") == 8


async def test_nobody_sees_another_shoppers_order(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    mine = await place(db, user="u1")
    await place(db, user="u2")

    assert await db.orders.get_order(mine.order_no, "u2") is None
    assert await db.orders.get_order(mine.order_no, "u1", channel="wecom") is None
    assert [o.user for o in await db.orders.list_orders("u2")] == ["u2"]
    with pytest.raises(OrderNotFound):
        await db.orders.cancel_order(mine.order_no, "u2")
    kept = await db.orders.get_order(mine.order_no, "u1")
    assert kept is not None
    assert kept.status is OrderStatus.CREATED


async def test_list_orders_newest_first_with_limit(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    placed = [await place(db) for _ in range(3)]
    listed = await db.orders.list_orders("u1", limit=2)
    assert [o.order_no for o in listed] == [placed[2].order_no, placed[1].order_no]


async def test_personal_data_stays_out_of_repr(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 1)])
    order = await place(db)
    assert order.phone == "13812345678" and order.masked_phone == "138****5678"
    assert "13812345678" not in repr(order) and "浦东" not in repr(order)
    assert "张三" not in repr(order)


async def test_retried_confirmation_returns_the_same_order(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    first = await place(db, key="msg-1")
    again = await place(db, key="msg-1")
    assert again == first
    assert await db.stock.get_stock("A") == 4
    assert len(await db.orders.list_orders("u1")) == 1


async def test_concurrent_retries_create_one_order(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 1)])
    orders = await asyncio.gather(*(place(db, key="msg-race") for _ in range(10)))
    assert len({o.order_no for o in orders}) == 1
    assert await db.stock.get_stock("A") == 0


async def test_idempotency_key_is_per_shopper(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    a = await place(db, user="u1", key="same")
    b = await place(db, user="u2", key="same")
    assert a.order_no != b.order_no and b.user == "u2"


async def test_out_of_stock_creates_nothing(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5), ("B", 1)])
    lines = [LineIn("A", "苹果", "", 2, 100), LineIn("B", "梨", "", 2, 100)]
    with pytest.raises(OutOfStock) as caught:
        await place(db, lines=lines)
    assert (caught.value.sku, caught.value.available) == ("B", 1)
    assert await db.stock.get_stock("A") == 5
    assert await db.orders.list_orders("u1") == []


async def test_unknown_sku_is_out_of_stock(db: Database, place: Place) -> None:
    with pytest.raises(OutOfStock) as caught:
        await place(db, lines=[LineIn("NOPE", "?", "", 1, 100)])
    assert caught.value.available == 0


async def test_two_lines_of_one_sku_reserve_together(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 3)])
    with pytest.raises(OutOfStock):
        await place(db, lines=[LineIn("A", "a", "红", 2, 100), LineIn("A", "a", "蓝", 2, 100)])
    await place(db, lines=[LineIn("A", "a", "红", 2, 100), LineIn("A", "a", "蓝", 1, 100)])
    assert await db.stock.get_stock("A") == 0


async def _race(db: Database, place: Place, shoppers: int) -> list[Order | BaseException]:
    return await asyncio.gather(
        *(place(db, user=f"u{i}") for i in range(shoppers)), return_exceptions=True
    )


async def test_twenty_shoppers_five_in_stock(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    results = await _race(db, place, 20)
    won = [r for r in results if isinstance(r, Order)]
    lost = [r for r in results if isinstance(r, OutOfStock)]
    assert (len(won), len(lost)) == (5, 15), [r for r in results if not isinstance(r, Order)]
    assert await db.stock.get_stock("A") == 0


async def test_two_workers_share_the_stock(store_url: str, place: Place) -> None:
    """Two Database objects on one store behave like two worker processes."""
    async with await open_database(store_url) as one, await open_database(store_url) as two:
        await one.stock.seed_stock([("A", 5)])
        results = await asyncio.gather(_race(one, place, 10), _race(two, place, 10))
        flat = [r for batch in results for r in batch]
        assert sum(isinstance(r, Order) for r in flat) == 5
        assert sum(isinstance(r, OutOfStock) for r in flat) == 15
        assert await two.stock.get_stock("A") == 0


async def test_cancel_releases_stock_once(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    order = await place(db, lines=[LineIn("A", "a", "", 3, 100)])
    cancelled = await db.orders.cancel_order(order.order_no, "u1")
    assert cancelled.status is OrderStatus.CANCELLED and cancelled.closed_at is not None
    assert await db.stock.get_stock("A") == 5
    with pytest.raises(InvalidTransition):
        await db.orders.cancel_order(order.order_no, "u1")
    assert await db.stock.get_stock("A") == 5


async def test_expire_unpaid_releases_stock(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    unpaid = await place(db)
    paid = await place(db)
    await db.orders.mark_paid(paid.order_no, actor="staff:li")
    cutoff = datetime.now(UTC) + timedelta(microseconds=1)
    await asyncio.sleep(0.01)
    fresh = await place(db)

    expired = await db.orders.expire_unpaid(cutoff)

    assert [o.order_no for o in expired] == [unpaid.order_no]
    assert expired[0].status is OrderStatus.EXPIRED
    kept = await db.orders.get_order(fresh.order_no, "u1")
    assert kept is not None
    assert kept.status is OrderStatus.CREATED
    assert await db.stock.get_stock("A") == 3
    assert await db.orders.expire_unpaid(cutoff) == []


async def test_paid_shipped_done(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    order = await place(db)
    paid = await db.orders.mark_paid(order.order_no, actor="staff:li")
    shipped = await db.orders.mark_shipped(order.order_no, "顺丰", "SF123", actor="staff:li")
    done = await db.orders.mark_done(order.order_no, actor="staff:li")
    assert paid.status is OrderStatus.PAID and paid.paid_at is not None
    assert (shipped.carrier, shipped.tracking_no) == ("顺丰", "SF123")
    assert done.status is OrderStatus.DONE and done.done_at is not None
    assert (done.user, done.channel) == ("u1", "oa")  # who to notify
    assert await db.stock.get_stock("A") == 4


@pytest.mark.parametrize(
    ("steps", "bad"),
    [
        ([], "ship"),
        ([], "done"),
        (["pay"], "pay"),
        (["pay"], "cancel"),
        (["cancel"], "pay"),
        (["pay", "ship"], "cancel"),
        (["pay", "ship", "done"], "ship"),
    ],
)
async def test_invalid_transitions(db: Database, place: Place, steps: list[str], bad: str) -> None:
    await db.stock.seed_stock([("A", 5)])
    order_no = (await place(db)).order_no
    moves = {
        "pay": lambda: db.orders.mark_paid(order_no, actor="staff"),
        "ship": lambda: db.orders.mark_shipped(order_no, "SF", "1", actor="staff"),
        "done": lambda: db.orders.mark_done(order_no, actor="staff"),
        "cancel": lambda: db.orders.cancel_order(order_no, "u1"),
    }
    for step in steps:
        await moves[step]()
    before = await db.orders.get_order(order_no, "u1")
    assert before is not None
    with pytest.raises(InvalidTransition) as caught:
        await moves[bad]()
    assert caught.value.current == before.status
    assert await db.orders.get_order(order_no, "u1") == before


async def test_unknown_order_is_not_found(db: Database) -> None:
    with pytest.raises(OrderNotFound):
        await db.orders.mark_paid("SB20250101AAAAAAAAAAAA", actor="staff")


async def test_racing_payment_and_expiry_one_wins(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 1)])
    order = await place(db)
    cutoff = datetime.now(UTC) + timedelta(seconds=1)
    paid, expired = await asyncio.gather(
        db.orders.mark_paid(order.order_no, actor="staff"),
        db.orders.expire_unpaid(cutoff),
        return_exceptions=True,
    )
    final = await db.orders.get_order(order.order_no, "u1")
    assert final is not None
    if isinstance(paid, Order):
        assert expired == [] and final.status is OrderStatus.PAID
        assert await db.stock.get_stock("A") == 0
    else:
        assert isinstance(paid, InvalidTransition) and final.status is OrderStatus.EXPIRED
        assert await db.stock.get_stock("A") == 1


@pytest.mark.parametrize(
    ("lines", "discount"),
    [
        ([], 0),
        ([LineIn("A", "a", "", 0, 100)], 0),
        ([LineIn("A", "a", "", 1, -1)], 0),
        ([LineIn("A", "a", "", 1, 19.9)], 0),  # type: ignore[arg-type]  # money is integer fen, never float yuan
        ([LineIn("A", "a", "", 1, 100)], 101),
        ([LineIn("A", "a", "", 1, 100)], -1),
    ],
)
async def test_bad_input_is_refused(db: Database, lines: list[LineIn], discount: int) -> None:
    await db.stock.seed_stock([("A", 5)])
    with pytest.raises(ValueError):
        await db.orders.create_order(
            "u1",
            "oa",
            lines,
            receiver_name="张三",
            phone="13812345678",
            address="x",
            idempotency_key="k",
            discount_fen=discount,
        )
    assert await db.stock.get_stock("A") == 5


async def test_seed_stock_never_overwrites_live_stock(db: Database, place: Place) -> None:
    assert await db.stock.seed_stock([("A", 5), ("B", 2)]) == 2
    await place(db)
    assert await db.stock.seed_stock([("A", 5), ("C", 1)]) == 1
    assert [await db.stock.get_stock(s) for s in "ABC"] == [4, 2, 1]
    await db.stock.set_stock("A", 50, actor="staff:li")
    await db.stock.set_stock("NEW", 3, actor="staff:li")
    assert (await db.stock.get_stock("A"), await db.stock.get_stock("NEW")) == (50, 3)
    with pytest.raises(ValueError):
        await db.stock.set_stock("A", -1, actor="staff:li")


async def test_orders_survive_reopening(store_url: str, place: Place) -> None:
    async with await open_database(store_url) as db:
        await db.stock.seed_stock([("A", 5)])
        order = await place(db)
    async with await open_database(store_url) as db:
        assert await db.orders.get_order(order.order_no, "u1") == order
        assert await db.stock.seed_stock([("A", 5)]) == 0
        assert await db.stock.get_stock("A") == 4


async def test_staff_reads_any_order(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    order = await place(db, user="u9")
    await db.orders.mark_paid(order.order_no, actor="staff")
    stored = await db.orders.staff_get_order(order.order_no)
    assert stored is not None
    assert stored.user == "u9"
    paid = await db.orders.staff_list_orders(OrderStatus.PAID)
    assert [o.order_no for o in paid] == [order.order_no]
    assert await db.orders.count_orders(OrderStatus.CREATED) == 0
