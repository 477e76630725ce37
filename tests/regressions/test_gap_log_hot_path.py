"""Issue 14, performance: counting an unanswered question awaited a database commit inside the
shopper's message, under their lock; the reply now never waits for it, and staff reading the list
still see every question asked before they asked."""

from __future__ import annotations

import asyncio
import time

from tests.dialogs.transcript import Shop


async def test_a_slow_gap_write_does_not_hold_the_fallback_reply(shop: Shop, monkeypatch):
    original = shop.db.unanswered.record

    async def slow_record(*args, **kwargs):
        await asyncio.sleep(1.0)  # a commit stuck behind a busy disk
        return await original(*args, **kwargs)

    monkeypatch.setattr(shop.db.unanswered, "record", slow_record)
    chat = shop.chat()
    callback = chat.builder.text(chat.user, "你们老板是哪里人")
    started = time.monotonic()
    response = await shop.client.post(callback.path, params=callback.query, data=callback.body)
    assert response.status == 200
    assert time.monotonic() - started < 0.8  # the reply did not wait for the commit
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        """
        > /unanswered
        < 你们老板是哪里人 ×1（没听懂）
        """
    )


async def test_a_failed_gap_write_is_logged_without_the_question(shop: Shop, monkeypatch, caplog):
    async def broken_record(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(shop.db.unanswered, "record", broken_record)
    chat = shop.chat()
    await chat.run(
        """
        > 你们老板是哪里人 13812345678
        < 人工
        """
    )
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        """
        > /unanswered
        < 没有答不上的问题
        """
    )
    failures = [r for r in caplog.records if "could not be written" in r.getMessage()]
    assert failures
    assert all("13812345678" not in r.getMessage() for r in caplog.records)
    assert all("老板" not in r.getMessage() for r in caplog.records)
