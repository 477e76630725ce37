"""Work a handler starts and does not wait for (a group welcome 2 s after a join), kept track of
so that shutdown cancels and awaits it instead of leaving it to die with the event loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from bot.services import Services

log = logging.getLogger(__name__)

EXTRAS_KEY = "background"


class Background:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    @classmethod
    def of(cls, services: Services) -> Background:
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
            log.error("background task failed", exc_info=task.exception())

    async def wait(self, timeout_s: float = 10.0) -> None:
        """Let the tasks under way finish (tests; a graceful shutdown)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout_s)

    async def close(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
