"""What runs beside the bot: the knowledge files, the database and the state store."""

from __future__ import annotations

import asyncio
import statistics
import time

from bot.clock import shop_clock
from bot.config import Config, database_url, knowledge_dir
from bot.doctor.report import Check, failed, ok, warned
from bot.state import StateStore, keys, open_state_store
from bot.storage import StorageError, open_database
from knowledge import KnowledgeError, load_knowledge

SLOW_STATE_MS = 50.0  # every callback makes a few state-store round trips
BROKEN_STATE_MS = 1000.0  # a few of these and the 5-second window is gone


async def knowledge_check(config: Config) -> Check:
    folder = knowledge_dir(config)
    try:
        kb = await asyncio.to_thread(load_knowledge, folder)
    except KnowledgeError as exc:
        shown = "; ".join(str(issue) for issue in exc.errors[:3])
        more = f" (and {len(exc.errors) - 3} more)" if len(exc.errors) > 3 else ""
        return failed(
            "knowledge", "files", f"{shown}{more}", "run `shopbot kb check` and fix each line"
        )
    where = str(folder) if folder else "the demo shop"
    return ok("knowledge", "files", f"{where}: {kb.summary()}")


async def database_check(config: Config) -> Check:
    try:
        db = await open_database(database_url(config), shop_clock(config))
    except (StorageError, OSError) as exc:
        return failed("database", "storage.database", str(exc), _DB_FIX)
    except Exception as exc:  # driver errors: refused connection, unknown database, bad auth
        return failed("database", "storage.database", f"{type(exc).__name__}: {exc}", _DB_FIX)
    async with db:
        return ok("database", "storage.database", f"{db.backend} reachable, schema up to date")


_DB_FIX = "check storage.database (or SHOPBOT_DATABASE_URL) and that the server is running"


async def state_check(config: Config) -> Check:
    url = config.storage.state
    if url == "memory://":
        return ok("state", "storage.state", "memory:// (one worker process only)")
    store = open_state_store(url)
    try:
        await store.set(
            keys.DOCTOR_PING.key(), b"1", keys.DOCTOR_PING.life_s
        )  # connects: not part of the latency
        if await store.get(keys.DOCTOR_PING.key()) != b"1":
            return failed("state", "storage.state", "Redis did not return what was stored")
        elapsed_ms = await _median_round_trip_ms(store)
    except Exception as exc:  # redis-py's connection and timeout errors
        return failed(
            "state",
            "storage.state",
            f"Redis is not reachable ({type(exc).__name__})",
            "check storage.state (or SHOPBOT_STATE_URL) and that Redis is running",
        )
    finally:
        await store.close()
    detail = f"Redis answered in {elapsed_ms:.1f} ms"
    if elapsed_ms > BROKEN_STATE_MS:
        return failed("state", "storage.state", f"{detail}: too slow for the 5-second rule")
    if elapsed_ms > SLOW_STATE_MS:
        return warned(
            "state",
            "storage.state",
            f"{detail}: slow (a callback makes several round trips)",
            "run Redis on the same host or network as the workers",
        )
    return ok("state", "storage.state", detail)


async def _median_round_trip_ms(store: StateStore, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await store.get(keys.DOCTOR_PING.key())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
