"""One clock: the bot reads the time only through bot/clock.py (`services.clock`), so a test can
move it and every part agrees on what time it is. A direct reading elsewhere is refused, except
the few listed here with the reason they must stay."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.clock import SystemClock, TestClock
from bot.shoptime import DEFAULT_ZONE
from bot.state import open_state_store

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "knowledge", "scheduler")
CLOCK_READ = re.compile(
    r"\b(?:time\.(?:time|time_ns|monotonic|monotonic_ns|perf_counter|perf_counter_ns)"
    r"|datetime\.(?:now|utcnow|today)|date\.today|loop\.time|utcnow)\s*\("
    r"|\bfrom\s+time\s+import\b"
)

# Module -> why it may read the time itself.
ALLOWED = {
    "bot/clock.py": "the clock itself",
    "bot/background.py": "a Coalescer's wait is an asyncio.sleep: read on the loop's own clock",
    "bot/supervisor.py": "the parent of the workers: no services, its stop grace is its own",
    "bot/doctor/callbacks.py": "plays WeChat against a running server: real timestamps",
    "bot/doctor/local.py": "times the state store's round trips for the report (a benchmark)",
    "bot/simulator/callbacks.py": "MsgIds unique across runs are seeded from the real clock",
    "bot/simulator/chat.py": "the chat client waits for replies on the real clock",
}


def _reads(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("#", 1)[0]
        if CLOCK_READ.search(code):
            found.append(f"{path}:{number}: {line.strip()}")
    return found


def test_no_module_reads_the_clock_directly() -> None:
    found = [
        hit
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if str(path.relative_to(ROOT)) not in ALLOWED
        for hit in _reads(path)
    ]
    assert not found, "read services.clock (bot/clock.py) instead:\n" + "\n".join(found)


def test_every_allowed_module_still_needs_its_exception() -> None:
    stale = [name for name in ALLOWED if not _reads(ROOT / name)]
    assert not stale, f"no direct reading left; drop from ALLOWED: {stale}"


def test_the_check_sees_what_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import time\nx = time.monotonic()\ny = datetime.now(UTC)  # a read\n")
    assert len(_reads(sample)) == 2


def test_a_test_clock_moves_wall_and_monotonic_time_together() -> None:
    clock = TestClock(datetime(2026, 12, 1, 15, 59, 30, tzinfo=UTC))
    before = clock.monotonic()
    assert clock.today() == date(2026, 12, 1)  # 23:59:30 in Shanghai
    clock.advance(60)
    assert clock.now() == datetime(2026, 12, 1, 16, 0, 30, tzinfo=UTC)
    assert clock.time() == clock.now().timestamp()
    assert clock.today() == date(2026, 12, 2)
    assert clock.local_now().hour == 0 and clock.zone == DEFAULT_ZONE
    assert clock.monotonic() - before == 60
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_a_running_test_clock_keeps_up_with_real_time() -> None:
    clock, real = TestClock(frozen=False), SystemClock()
    assert abs(clock.time() - real.time()) < 1
    clock.advance(3600)
    assert 3599 < clock.time() - real.time() < 3601


async def test_the_memory_store_expires_on_its_clock() -> None:
    clock = TestClock()
    store = open_state_store("memory://", clock)
    await store.set("k", b"v", ttl_s=30)
    clock.advance(29)
    assert await store.get("k") == b"v" and await store.ttl("k") == 1
    clock.advance(1)
    assert await store.get("k") is None
    await store.close()
