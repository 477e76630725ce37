"""One contract for every state store: memory and a real Redis."""

from __future__ import annotations

import asyncio

import pytest

from bot.state import LockTimeout, StateStore, open_state_store


@pytest.fixture(params=["memory", "redis"])
async def store(request):
    url = "memory://" if request.param == "memory" else request.getfixturevalue("redis_url")
    store = open_state_store(url)
    yield store
    await store.close()


async def test_get_set_delete(store: StateStore):
    assert await store.get("k") is None
    await store.set("k", b"v")
    assert await store.get("k") == b"v"
    await store.delete("k")
    assert await store.get("k") is None


async def test_values_expire(store: StateStore):
    await store.set("short", b"1", ttl_s=0.05)
    await store.set("long", b"1", ttl_s=60)
    assert 0 < (await store.ttl("long") or 0) <= 60
    await asyncio.sleep(0.12)
    assert await store.get("short") is None
    assert await store.get("long") == b"1"


async def test_set_if_absent_lets_exactly_one_of_many_win(store: StateStore):
    results = await asyncio.gather(
        *(store.set_if_absent("claim", str(i).encode(), 5) for i in range(20))
    )
    assert results.count(True) == 1
    winner = results.index(True)
    assert await store.get("claim") == str(winner).encode()


async def test_set_if_absent_succeeds_again_after_expiry(store: StateStore):
    assert await store.set_if_absent("once", b"a", ttl_s=0.05)
    await asyncio.sleep(0.12)
    assert await store.set_if_absent("once", b"b", ttl_s=5)


async def test_delete_if_equals_only_deletes_its_own_value(store: StateStore):
    await store.set("lock", b"mine")
    assert not await store.delete_if_equals("lock", b"theirs")
    assert await store.get("lock") == b"mine"
    assert await store.delete_if_equals("lock", b"mine")
    assert await store.get("lock") is None


async def test_incr_counts_atomically_and_sets_ttl_on_create(store: StateStore):
    values = await asyncio.gather(*(store.incr("n", 1, ttl_s=30) for _ in range(50)))
    assert sorted(values) == list(range(1, 51))
    assert 0 < (await store.ttl("n") or 0) <= 30
    assert await store.incr("n", -10) == 40


async def test_lock_is_exclusive(store: StateStore):
    inside = 0
    peak = 0

    async def worker() -> None:
        nonlocal inside, peak
        async with store.lock("user:1", ttl_s=5, wait_s=5):
            inside += 1
            peak = max(peak, inside)
            await asyncio.sleep(0.01)
            inside -= 1

    await asyncio.gather(*(worker() for _ in range(8)))
    assert peak == 1


async def test_lock_times_out_and_a_dead_holders_lock_expires(store: StateStore):
    await store.set("lock:held", b"someone-else", ttl_s=0.3)
    with pytest.raises(LockTimeout):
        async with store.lock("held", wait_s=0.05):
            pass
    async with store.lock("held", wait_s=2):  # the TTL frees it
        assert await store.get("lock:held") not in (None, b"someone-else")
    assert await store.get("lock:held") is None


async def test_memory_store_forgets_expired_keys_without_being_asked():
    """Dedup records must not pile up in a busy worker: writes drop what has expired."""
    from bot.clock import TestClock
    from bot.state.memory import MemoryStore

    clock = TestClock()
    store = MemoryStore(clock)
    for i in range(500):
        await store.set(f"dedup:{i}", b"x", ttl_s=0.01)
    await store.set("kept", b"1", ttl_s=60)
    await store.set("rewritten", b"1", ttl_s=0.01)
    await store.set("rewritten", b"2", ttl_s=60)
    clock.advance(1.05)  # past the second they expired in: expiry is swept a second at a time
    await store.set("trigger", b"1")
    assert len(store._data) == 3
    assert await store.get("rewritten") == b"2"


async def test_take_spends_only_a_positive_counter_and_keeps_its_expiry(store: StateStore):
    assert not await store.take("quota")  # no counter: nothing to spend, nothing created
    assert await store.get("quota") is None
    await store.set("quota", b"2", ttl_s=30)
    results = await asyncio.gather(*(store.take("quota") for _ in range(5)))
    assert results.count(True) == 2
    assert await store.get("quota") == b"0"
    assert 0 < (await store.ttl("quota") or 0) <= 30


async def test_memory_store_expiry_index_stays_bounded_for_a_key_rewritten_often():
    from bot.state.memory import MemoryStore

    store = MemoryStore()
    for i in range(20_000):
        await store.set("session", str(i).encode(), ttl_s=3600)
    # A rewritten key leaves its old expiry's bucket: one entry for one key, however often.
    assert sum(len(bucket) for bucket in store._buckets.values()) == 1
    assert await store.get("session") == b"19999"


async def test_memory_store_holds_nothing_the_garbage_collector_walks():
    """A busy worker's store holds hundreds of thousands of keys: full collections walked every
    one of them (10-70 ms each) while the store kept a tuple per key and an expiry heap."""
    import gc

    from bot.state.memory import MemoryStore

    store = MemoryStore()
    for i in range(5_000):
        await store.set_if_absent(f"dedup:{i}", b'{"s": "pending"}', ttl_s=3)
        await store.set(f"dedup:{i}", b'{"s": "none"}', ttl_s=120)
        await store.write_many({f"session:{i % 50}": (b"{}", 1800), f"seen:{i % 50}": (b"1", None)})
        await store.incr("stats:messages", 1, ttl_s=86400)
    gc.collect()
    assert not gc.is_tracked(store._data)
    assert not gc.is_tracked(store._expires)
    assert not any(gc.is_tracked(bucket) for bucket in store._buckets.values())
    assert len(store._buckets) < 100  # one per second keys expire in, not one per key
    assert len(store._data) == 5_000 + 100 + 1


async def test_memory_store_drops_a_bucket_only_once_its_second_has_passed():
    from bot.clock import TestClock
    from bot.state.memory import MemoryStore

    clock = TestClock()
    store = MemoryStore(clock)
    await store.set("soon", b"1", ttl_s=10)
    await store.set("moved", b"1", ttl_s=10)
    await store.set("moved", b"2", ttl_s=100)  # rewritten: out of the first bucket
    await store.set("later", b"1", ttl_s=11)
    clock.advance(10.5)
    assert await store.get("soon") is None  # expired, whether or not its bucket is dropped
    await store.set("trigger", b"1")
    assert set(store._data) >= {"moved", "later", "trigger"}
    clock.advance(2)
    await store.set("trigger", b"2")
    assert set(store._data) == {"moved", "trigger"}
    assert await store.get("moved") == b"2"
    assert 87 < (await store.ttl("moved") or 0) <= 88
    clock.advance(90)
    await store.delete("trigger")
    await store.set("trigger", b"3")
    assert set(store._data) == {"trigger"}
    assert not store._expires


async def test_memory_store_sweeps_long_ttls_in_coarser_buckets():
    from bot.clock import TestClock
    from bot.state.memory import MemoryStore

    clock = TestClock()
    store = MemoryStore(clock)
    for i in range(2_000):  # a marker kept a day, written every second by someone
        await store.set(f"seen:{i}", b"1", ttl_s=86_400)
        clock.advance(1)
    assert len(store._buckets) <= 10  # 256-second spans, not one per second
    await store.set("seen:3", b"2", ttl_s=60)  # rewritten with a short TTL: out of the long bucket
    assert sum(len(bucket) for bucket in store._buckets.values()) == 2_000
    clock.advance(86_400 - 2_000 + 1_000)
    assert await store.get("seen:999") is None and await store.get("seen:1500") == b"1"
    clock.advance(1_300)
    await store.set("trigger", b"1")
    assert set(store._data) == {"trigger"}


async def test_get_many_reads_several_keys_at_once(store: StateStore):
    await store.set("a", b"1")
    await store.set("c", b"3", ttl_s=30)
    assert await store.get_many(["a", "b", "c"]) == [b"1", None, b"3"]


async def test_write_many_sets_and_deletes_in_one_step(store: StateStore):
    await store.set("old", b"x")
    await store.write_many({"new": (b"1", 30), "other": (b"2", None), "old": None})
    assert await store.get_many(["new", "other", "old"]) == [b"1", b"2", None]
    assert 0 < (await store.ttl("new") or 0) <= 30
    assert await store.ttl("other") is None
    await store.write_many({"new": None, "other": None})
    assert await store.get_many(["new", "other"]) == [None, None]


async def test_set_if_equals_replaces_only_what_it_expects(store: StateStore):
    assert not await store.set_if_equals("claim", b"mine", b"done")  # nothing there
    assert await store.get("claim") is None
    await store.set("claim", b"mine", ttl_s=5)
    assert not await store.set_if_equals("claim", b"theirs", b"done", 60)
    assert await store.get("claim") == b"mine"
    assert await store.set_if_equals("claim", b"mine", b"done", 60)
    assert await store.get("claim") == b"done"
    assert 5 < (await store.ttl("claim") or 0) <= 60


async def test_a_held_lock_is_renewed_past_its_ttl_and_freed_after(store: StateStore):
    async with store.lock("long", ttl_s=0.3, wait_s=1):
        await asyncio.sleep(0.6)  # twice the TTL: the holder's renewals keep it
        with pytest.raises(LockTimeout):
            async with store.lock("long", ttl_s=0.3, wait_s=0.1):
                pass
    assert await store.get("lock:long") is None
