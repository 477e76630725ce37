"""The kf ledger on SQLite and PostgreSQL: a page is claimed with its cursor, or not at all."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.kf.ledger import CursorMoved, KfLedger
from bot.storage import Database, open_database
from tests.storage.conftest import store_url

__all__ = ["store_url"]


def _items(*msgids: str, user: str = "wmA") -> list[dict[str, object]]:
    return [
        {"msgid": m, "external_userid": user, "send_time": 1, "origin": 3, "msgtype": "text"}
        for m in msgids
    ]


@pytest.fixture
async def two(store_url: str) -> AsyncIterator[tuple[KfLedger, KfLedger]]:
    """Two workers' ledgers on one database."""
    first: Database = await open_database(store_url)
    second: Database = await open_database(store_url)  # a second start changes nothing
    try:
        yield KfLedger(first), KfLedger(second)
    finally:
        await first.close()
        await second.close()


async def test_a_page_read_from_an_old_cursor_is_not_claimed(
    two: tuple[KfLedger, KfLedger],
) -> None:
    ledger, _ = two
    assert [c.msgid for c in await ledger.claim("wk1", "", "c1", _items("m1", "m2"))] == [
        "m1",
        "m2",
    ]
    with pytest.raises(CursorMoved):
        await ledger.claim("wk1", "", "c9", _items("m3"))  # read before c1 was stored
    assert await ledger.cursor("wk1") == "c1"
    assert [p.msgid for p in await ledger.take("wk1", "wmA")] == ["m1", "m2"]  # no m3


async def test_two_workers_claiming_the_same_page_at_once_claim_it_once(
    two: tuple[KfLedger, KfLedger],
) -> None:
    page = _items(*(f"m{i}" for i in range(50)))
    outcomes = await asyncio.gather(
        *(ledger.claim("wk1", "", "c1", page) for ledger in two), return_exceptions=True
    )
    claimed = [o for o in outcomes if isinstance(o, list)]
    assert len(claimed) == 1 and len(claimed[0]) == 50
    assert sum(isinstance(o, CursorMoved) for o in outcomes) == 1


async def test_a_msgid_seen_before_is_not_claimed_again(two: tuple[KfLedger, KfLedger]) -> None:
    ledger, _ = two
    await ledger.claim("wk1", "", "c1", _items("m1"))
    await ledger.forget_cursor("wk1")
    again = await ledger.claim("wk1", "", "c1", _items("m1", "m2"))
    assert [c.msgid for c in again] == ["m2"]
    # the same msgid in another account is another message
    assert [c.msgid for c in await ledger.claim("wk2", "", "x", _items("m1"))] == ["m1"]


async def test_each_pending_message_is_taken_by_one_worker(two: tuple[KfLedger, KfLedger]) -> None:
    ledger, other = two
    await ledger.claim("wk1", "", "c1", _items(*(f"m{i}" for i in range(25))))
    batches = await asyncio.gather(*(lg.take("wk1", "wmA") for lg in (ledger, other, ledger)))
    taken = [p.msgid for batch in batches for p in batch]
    assert len(taken) == len(set(taken))
    rest = [p.msgid for p in await other.take("wk1", "wmA", limit=100)]
    assert sorted(taken + rest, key=lambda m: int(m[1:])) == [f"m{i}" for i in range(25)]
    assert await ledger.pending_users("wk1") == []


async def test_taken_messages_keep_no_content_and_old_rows_are_purged(
    two: tuple[KfLedger, KfLedger],
) -> None:
    ledger, _ = two
    secret = {**_items("m1")[0], "text": {"content": "我的电话13800001111"}}
    await ledger.claim("wk1", "", "c1", [secret])
    [taken] = await ledger.take("wk1", "wmA")
    assert taken.item["text"]["content"] == "我的电话13800001111"
    async with ledger._tx.read() as conn:
        from bot.storage.schema import kf_inbox

        stored = await conn.scalar(kf_inbox.select().with_only_columns(kf_inbox.c.item))
    assert stored == ""
    assert await ledger.purge(keep_s=-1) == 1
