"""Exactly once on 微信客服, across workers and restarts: each pulled msgid is answered once.

The cursor mistakes other kf bots report (the same message answered several times) come from
pulling the same page twice; here two workers at once, a restart mid-way, a lost cursor and a
lost callback each end with one answer per customer message.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from pathlib import Path

import pytest

from bot.protocol import Inbound
from bot.router import Router
from bot.services import Services
from bot.state import open_state_store
from bot.state.memory import MemoryStore
from bot.step import Context, Step
from tests.kf.conftest import MakeKf
from tests.kf.kit import customer_id
from tests.storage.conftest import store_url

__all__ = ["store_url"]  # the SQLite / PostgreSQL fixture, used by name


class CountingBot:
    """Answers every message with its own text, and counts how often it ran for each msgid."""

    def __init__(self, answer: bool = True) -> None:
        self.runs: Counter[str] = Counter()
        self.answer = answer

    def router(self, services: Services) -> Router:
        router = Router()

        @router.fallback
        async def count(msg: Inbound, ctx: Context) -> Step:
            self.runs[msg.msg_id] += 1
            return Step.say(f"收到：{msg.text}") if self.answer else Step()

        return router


def sqlite_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kf.sqlite3'}"


async def test_two_workers_called_back_at_once_answer_each_message_once(
    make_kf: MakeKf, store_url: str
) -> None:
    """SQLite and PostgreSQL: two workers share the state store and the database."""
    kf = await make_kf(workers=2, store=MemoryStore(), database=store_url)
    users = [customer_id() for _ in range(4)]
    tokens = [(await kf.enqueue(text="你好", external_userid=u))["token"] for u in users]
    # WeChat announces the batch on both workers, several times, all at the same moment.
    await asyncio.gather(*(kf.callback(t, worker=w) for t in tokens for w in (0, 1)))
    await kf.settle()
    for user in users:
        assert len(kf.sent_texts(user)) == 1, kf.sent_texts(user)
    pulls = kf.calls("/cgi-bin/kf/sync_msg")
    assert 1 <= len(pulls) <= 8
    assert pulls[0].body.get("cursor") is None  # the first pull starts from the beginning


async def test_without_a_shared_lease_the_database_still_claims_each_message_once(
    make_kf: MakeKf, tmp_path: Path
) -> None:
    """Two workers that do not share a state store (no lease, no locks in common) pull the
    same cursor at once: the cursor's compare-and-set and the unique msgid keep one answer."""
    bot = CountingBot()
    database = sqlite_file(tmp_path)
    first = await make_kf(database=database, router_factory=bot.router)
    second = await make_kf(database=database, router_factory=bot.router, mock=first.mock)
    users = [customer_id() for _ in range(6)]
    queued = [await first.enqueue(text="在吗", external_userid=u) for u in users]
    token = queued[-1]["token"]
    await asyncio.gather(first.callback(token), second.callback(token))
    await asyncio.gather(first.settle(), second.settle())
    assert sorted(bot.runs.values()) == [1] * len(users)
    for user in users:
        assert len(first.sent_texts(user)) == 1


async def test_restart_between_pull_and_answer_answers_once(
    make_kf: MakeKf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = sqlite_file(tmp_path)
    before = await make_kf(database=database)
    # This worker dies right after claiming: nothing it claimed gets answered by it.
    monkeypatch.setattr(before.runtime().inbox, "spawn_drain", lambda kfid, user: None)
    queued = await before.enqueue(text="有没有保温杯")
    await before.callback(queued["token"])
    await before.settle()
    assert before.sent() == []
    assert await before.runtime().ledger.cursor(before.open_kfid) != ""
    await before.client.close()

    after = await make_kf(database=database, mock=before.mock)  # a new process, a new store
    after.user = before.user
    await after.settle()
    assert len(after.sent()) == 1 and "保温杯" in after.sent_texts()[0]
    # WeChat announcing the same batch again (or the next poll) answers nothing twice.
    await after.callback(queued["token"])
    await after.settle()
    assert len(after.sent()) == 1


async def test_a_lost_cursor_pulls_again_but_answers_nothing_twice(make_kf: MakeKf) -> None:
    bot = CountingBot()
    kf = await make_kf(router_factory=bot.router)
    for text in ("一", "二", "三"):
        queued = await kf.enqueue(text=text)
    await kf.callback(queued["token"])
    await kf.settle()
    await kf.runtime().ledger.forget_cursor(kf.open_kfid)  # a restored backup, a bug
    queued = await kf.enqueue(text="四")
    await kf.callback(queued["token"])
    await kf.settle()
    assert sorted(bot.runs.values()) == [1, 1, 1, 1]
    assert kf.sent_texts() == ["收到：一", "收到：二", "收到：三", "收到：四"]
    assert kf.calls("/cgi-bin/kf/sync_msg")[-1].body.get("cursor") is None


async def test_a_lost_callback_is_caught_up_by_the_next_one(make_kf: MakeKf) -> None:
    kf = await make_kf(router_factory=CountingBot().router)
    await kf.enqueue(text="第一条")  # its callback never arrives
    queued = await kf.enqueue(text="第二条")
    await kf.callback(queued["token"])
    await kf.settle()
    assert kf.sent_texts() == ["收到：第一条", "收到：第二条"]


async def test_the_periodic_pull_catches_up_without_any_callback(make_kf: MakeKf) -> None:
    kf = await make_kf(router_factory=CountingBot().router, poll_interval_s=60)
    await kf.enqueue(text="没有回调的消息")
    await kf.runtime().poll_once()
    await kf.settle()
    assert kf.sent_texts() == ["收到：没有回调的消息"]
    pull = kf.calls("/cgi-bin/kf/sync_msg")[-1]
    assert "token" not in pull.body  # no callback, so no Token: the rate-limited form


async def test_has_more_pages_through_2500_messages_and_answers_each_once(
    make_kf: MakeKf,
) -> None:
    bot = CountingBot(answer=False)
    kf = await make_kf(router_factory=bot.router)
    queued = await kf.enqueue(text="消息", count=2500, users=50)
    await kf.callback(queued["token"])
    await kf.settle(rounds=200)
    assert len(bot.runs) == 2500 and set(bot.runs.values()) == {1}
    pulls = kf.calls("/cgi-bin/kf/sync_msg")
    assert [len(p.answer["msg_list"]) for p in pulls] == [1000, 1000, 500]
    assert [p.answer["has_more"] for p in pulls] == [1, 1, 0]
    for previous, current in itertools.pairwise(pulls):
        assert current.body["cursor"] == previous.answer["next_cursor"]
    ledger = kf.runtime().ledger
    assert await ledger.cursor(kf.open_kfid) == pulls[-1].answer["next_cursor"]
    await kf.callback(queued["token"])  # announced again: one more pull, nothing new
    await kf.settle()
    assert len(bot.runs) == 2500 and set(bot.runs.values()) == {1}


@pytest.mark.redis
async def test_two_workers_sharing_redis_answer_once(
    make_kf: MakeKf, redis_url: str, tmp_path: Path
) -> None:
    store = open_state_store(redis_url)
    try:
        kf = await make_kf(workers=2, store=store, database=sqlite_file(tmp_path))
        users = [customer_id() for _ in range(3)]
        tokens = [(await kf.enqueue(text="你好", external_userid=u))["token"] for u in users]
        await asyncio.gather(*(kf.callback(t, worker=w) for t in tokens for w in (0, 1)))
        await kf.settle()
        for user in users:
            assert len(kf.sent_texts(user)) == 1
    finally:
        await store.close()
