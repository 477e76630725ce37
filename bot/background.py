"""Work started and not waited for (a reply sent through the API, a group welcome 2 s after a
join, a scheduler run), kept track of so that shutdown lets it finish, then cancels what is
left, instead of leaving it to die with the event loop, and so a failure is logged, not lost."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

from bot.logs import CORRELATION

if TYPE_CHECKING:
    from bot.storage import Database

log = logging.getLogger(__name__)

CANCEL_WAIT_S = 5.0


class TaskSet:
    def __init__(self, what: str = "background task") -> None:
        self.what = what
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed", self.what, exc_info=task.exception())

    async def wait(self, timeout_s: float = 10.0) -> None:
        """Let the tasks under way finish (tests; a graceful shutdown)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout_s)

    async def close(self, grace_s: float = 0.0) -> None:
        """Give the tasks `grace_s` to finish, then cancel the rest and wait for them a while.

        A task that will not stop (one that swallows its cancellation, or waits on something
        that never comes) is named in the log and left behind: shutdown must finish.
        """
        if grace_s:
            await self.wait(grace_s)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if not tasks:
            return
        _, stuck = await asyncio.wait(tasks, timeout=CANCEL_WAIT_S)
        for task in stuck:
            log.error("%s did not stop when cancelled: %s", self.what, task.get_coro())


class WriteBehind:
    """Database writes a reply must not wait for, done off the hot path by one background task.

    An audit entry for an action that changes nothing in the database (a hand-off starting or
    ending) and the count of an unanswered question are worth keeping, but awaiting each one put
    a SQLite commit (through aiosqlite's thread, a handful of turns of a busy event loop, then an
    fsync) inside the shopper's message, under the shopper's lock: with 转人工 in the traffic, p99
    rose to hundreds of milliseconds. Writes are queued and one task does them, oldest first, so
    they never queue for the database's write lock in front of an order. A failed write is one log
    line (its kind, never its text); one killed worker loses at most the writes of its last
    moments, none of which records a change of state. Readers of what was queued (`/unanswered`)
    call `flush` first.
    """

    def __init__(self, db: Database, tasks: TaskSet) -> None:
        self.db = db
        self.tasks = tasks
        self._queue: list[tuple[str, str, Callable[[Database], Awaitable[object]]]] = []
        self._writer: asyncio.Task[None] | None = None

    def submit(self, what: str, write: Callable[[Database], Awaitable[object]]) -> None:
        """Queue `write`; `what` names it in the log if it fails."""
        self._queue.append((what, CORRELATION.get(), write))
        if self._writer is None or self._writer.done():
            self._writer = self.tasks.spawn(self._write())

    def audit(
        self, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
    ) -> None:
        self.submit(
            f"audit entry ({action})", lambda db: db.audit.record(actor, action, target, detail)
        )

    async def _write(self) -> None:
        while self._queue:
            what, cid, write = self._queue.pop(0)
            # The writer task outlives the message that started it: each write runs, and logs,
            # under the correlation id of the message that queued it.
            token = CORRELATION.set(cid)
            try:
                await write(self.db)
            except Exception:  # logged; the next writes still go in
                log.exception("a queued %s could not be written", what)
            finally:
                CORRELATION.reset(token)

    async def flush(self) -> None:
        """Wait until every queued write is done."""
        while self._writer is not None and not self._writer.done():
            await asyncio.wait({self._writer})


class Coalescer:
    """Calls `send(batch)` with what was added, at most once per `every_s`: the first item goes
    at once, those that come while a batch is out or within the pause after it go together.

    Hand-off alerts to staff go through one (bot/handlers/handoff.py): an alert per 转人工 was
    one API call per staff member per shopper, on a busy day more than WeCom's 30 messages a
    minute per member allow (the excess was refused), and most of a hand-off's cost.
    """

    def __init__(
        self,
        tasks: TaskSet,
        send: Callable[[list[str]], Awaitable[None]],
        every_s: float,
    ) -> None:
        self.tasks = tasks
        self.send = send
        self.every_s = every_s
        self._pending: list[str] = []
        self._task: asyncio.Task[None] | None = None
        self._next_at = 0.0

    def add(self, item: str) -> None:
        if item not in self._pending:
            self._pending.append(item)
        if self._task is None or self._task.done():
            self._task = self.tasks.spawn(self._drain())

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            wait_s = self._next_at - loop.time()
            if wait_s > 0:
                await asyncio.sleep(wait_s)
            batch, self._pending = self._pending, []
            self._next_at = loop.time() + self.every_s
            await self.send(batch)


class Coalescers:
    """The app's coalescers by name (`handoff_alerts:oa`, ...): one stream per name and process,
    made by its first user, whose `send` and `every_s` it keeps."""

    def __init__(self, tasks: TaskSet) -> None:
        self.tasks = tasks
        self._streams: dict[str, Coalescer] = {}

    def stream(
        self, name: str, send: Callable[[list[str]], Awaitable[None]], every_s: float
    ) -> Coalescer:
        found = self._streams.get(name)
        if found is None:
            found = self._streams[name] = Coalescer(self.tasks, send, every_s)
        return found
