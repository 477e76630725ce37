"""`shopbot serve --workers N`: N worker processes on one port, one supervisor over them.

Pre-fork: the supervisor builds the knowledge index and opens the listening socket once, then
forks the workers, which inherit both. The kernel hands each connection to one worker; the index
is shared copy-on-write (frozen out of the garbage collector first, so its pages stay shared).
A worker that dies is replaced; SIGTERM or SIGINT stops every worker gracefully (each finishes the
replies it promised), then exits; SIGHUP makes every worker reload the knowledge files.

Several workers share nothing in memory, so they need Redis for the state store and a database
they can all write (PostgreSQL): `check_workers` refuses anything else before a process starts.
The scheduler runs in whichever worker holds its Redis lease, so campaigns still run once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from types import FrameType
from typing import TYPE_CHECKING

from bot.config import Config, ConfigError

if TYPE_CHECKING:
    from knowledge import KnowledgeHolder

log = logging.getLogger(__name__)

STOP_GRACE_S = 30.0  # a worker gets this long to finish its promised replies before SIGKILL
RESTART_DELAY_S = 1.0  # a worker that keeps crashing is not restarted in a tight loop
MAX_WORKERS = 64


def check_workers(config: Config, workers: int) -> None:
    """Refuse what several workers cannot share (exit 2 naming the key)."""
    if not 1 <= workers <= MAX_WORKERS:
        raise ConfigError("--workers", f"must be between 1 and {MAX_WORKERS}")
    if workers == 1:
        return
    if config.storage.state == "memory://":
        raise ConfigError(
            "storage.state",
            "memory:// lives inside one process: with --workers > 1 a WeChat retry reaching "
            "another worker would be answered twice; use redis://",
        )
    if config.storage.database.startswith("sqlite"):
        raise ConfigError(
            "storage.database",
            "SQLite serialises every write through one file lock, which several workers "
            "contend for; use postgresql:// with --workers > 1",
        )


def listening_socket(host: str, port: int) -> socket.socket:
    sock = socket.create_server((host, port), backlog=1024)
    sock.set_inheritable(True)
    return sock


@dataclass
class Supervisor:
    config: Config
    holder: KnowledgeHolder
    workers: int
    sock: socket.socket
    children: dict[int, int] = field(default_factory=dict)  # pid → worker slot
    stopping: bool = False

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._stop)
        signal.signal(signal.SIGHUP, self._forward_hup)
        for slot in range(self.workers):
            self._spawn(slot)
        log.info(
            "shopbot supervising %d workers on http://%s:%d",
            self.workers,
            self.config.server.host,
            self.config.server.port,
        )
        while self.children:
            self._reap_one()
        return 0

    def _spawn(self, slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)  # until the worker installs its reload
            os._exit(_worker_main(self.config, self.holder, self.sock, slot))
        self.children[pid] = slot

    def _reap_one(self) -> None:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            self.children.clear()
            return
        except InterruptedError:  # a signal arrived; its handler did the work
            return
        slot = self.children.pop(pid, None)
        if slot is None or self.stopping:
            return
        log.error(
            "worker %d (pid %d) exited with %s; starting a new one",
            slot,
            pid,
            _describe(status),
        )
        time.sleep(RESTART_DELAY_S)
        if not self.stopping:
            self._spawn(slot)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return
        self.stopping = True
        log.info("stopping %d workers", len(self.children))
        for pid in list(self.children):
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while self.children and time.monotonic() < deadline:
            self._reap_finished()
            time.sleep(0.05)
        for pid in list(self.children):
            log.warning("worker pid %d did not stop in %.0f s; killing it", pid, STOP_GRACE_S)
            _signal(pid, signal.SIGKILL)
        self._reap_finished(block=True)

    def _reap_finished(self, *, block: bool = False) -> None:
        for pid in list(self.children):
            try:
                done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self.children.pop(pid, None)

    def _forward_hup(self, signum: int, frame: FrameType | None) -> None:
        for pid in list(self.children):
            _signal(pid, signal.SIGHUP)


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # it exited meanwhile
        os.kill(pid, sig)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"code {os.waitstatus_to_exitcode(status)}"


def _worker_main(config: Config, holder: KnowledgeHolder, sock: socket.socket, slot: int) -> int:
    from bot.serve import serve_on

    try:
        return serve_on(config, holder, sock)
    except Exception:
        log.exception("worker %d failed", slot)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def supervise(config: Config, workers: int) -> int:
    """Build the index, open the socket, fork the workers and look after them."""
    from bot.serve import prepare_knowledge

    check_workers(config, workers)
    holder = prepare_knowledge(config)
    sock = listening_socket(config.server.host, config.server.port)
    return Supervisor(config, holder, workers, sock).run()
