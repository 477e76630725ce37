"""The knowledge currently serving messages, and its atomic replacement on reload.

A message handler takes `holder.current` once and uses that (kb, matcher) pair for the whole
message, so a reload in the middle of a message cannot mix two catalogues. A reload builds the new
pair off the event loop (`reload_async` runs the build in a worker thread: jieba and the indexes
take about a second), then swaps it in with one reference assignment, which is atomic in CPython;
messages keep flowing on the old pair meanwhile. A broken file leaves the old pair serving and
raises `KnowledgeError` for the caller (staff command, SIGHUP handler) to report.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from pathlib import Path
from typing import NamedTuple

from knowledge.errors import KnowledgeError
from knowledge.loader import load_knowledge
from knowledge.matcher import Matcher
from knowledge.model import KnowledgeBase

log = logging.getLogger("shopbot.knowledge")


class KnowledgeSnapshot(NamedTuple):
    """One consistent pair: unpack it as `kb, matcher = holder.current`."""

    kb: KnowledgeBase
    matcher: Matcher


def build(path: Path | None) -> KnowledgeSnapshot:
    """Load and index a knowledge directory (None: the demo shop); raises KnowledgeError."""
    kb = load_knowledge(path)
    return KnowledgeSnapshot(kb, Matcher(kb))


class KnowledgeHolder:
    """Holds the serving snapshot; see the module docstring for the reload contract."""

    def __init__(self, snapshot: KnowledgeSnapshot, path: Path | None = None) -> None:
        self._snapshot = snapshot
        self.path = path
        self.version = 1
        self._reloading = threading.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    @classmethod
    def load(cls, path: Path | None = None) -> KnowledgeHolder:
        """Build the first snapshot. At startup a KnowledgeError should stop the process (exit 2)."""
        return cls(build(path), path)

    @property
    def current(self) -> KnowledgeSnapshot:
        return self._snapshot

    def reload(self) -> None:
        """Rebuild from `path` and swap; on KnowledgeError the old snapshot keeps serving.

        Reloads are serialised: a second one waits for the first, then reads the files again.
        """
        with self._reloading:
            fresh = build(self.path)
            self._snapshot = fresh
            self.version += 1
        log.info("knowledge reloaded (version %d): %s", self.version, fresh.kb.summary())

    async def reload_async(self) -> None:
        """`reload()` in a worker thread, so the event loop keeps answering messages."""
        await asyncio.to_thread(self.reload)

    def install_sighup(self, loop: asyncio.AbstractEventLoop) -> None:
        """Reload on SIGHUP (Unix); failures are logged with every file:line, never raised."""
        loop.add_signal_handler(signal.SIGHUP, self._on_sighup)

    def _on_sighup(self) -> None:
        task = asyncio.get_running_loop().create_task(self.reload_logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def reload_logged(self) -> None:
        """`reload_async()` that logs a broken file instead of raising (signals, operators)."""
        try:
            await self.reload_async()
        except KnowledgeError as exc:
            log.error("knowledge reload failed, still serving version %d:\n%s", self.version, exc)
