"""Work started and not waited for (a reply sent through the API, a group welcome 2 s after a
join, a scheduler run), kept track of so that shutdown lets it finish, then cancels what is
left, instead of leaving it to die with the event loop, and so a failure is logged, not lost."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

EXTRAS_KEY = "background"


class TaskSet:
    def __init__(self, what: str = "background task") -> None:
        self.what = what
        self._tasks: set[asyncio.Task[Any]] = set()

    @classmethod
    def of(cls, services: Services) -> TaskSet:
        """The app's own set: handlers' and the pipeline's work, drained at shutdown."""
        found = services.extras.get(EXTRAS_KEY)
        if isinstance(found, cls):
            return found
        made = cls()
        services.extras[EXTRAS_KEY] = made
        return made

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
        """Give the tasks `grace_s` to finish, then cancel the rest and wait for them."""
        if grace_s:
            await self.wait(grace_s)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
