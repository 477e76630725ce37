"""The listening socket of `shopbot serve`, hardened against slow and hostile clients.

- Headers: aiohttp closes a connection that is waiting for a request when its keep-alive timer
  runs out, and it starts that timer when the connection opens; a half-sent request line or
  header is still "waiting". So `keepalive_timeout = server.header_timeout_s` bounds both the
  idle time and the time to send the headers (slowloris). The body has its own timeout in the
  view (`server.body_timeout_s` → 408).
- Connections: at most `server.max_connections` at once. One more is answered `503` and closed
  straight away, so a crowd of slow clients cannot take every file descriptor (with the default
  limit of 1,024 they once stopped all service). The open-file limit is raised to fit.
- Accept errors (EMFILE and friends) and other loop errors are logged once per
  `LOG_EVERY_S` with a count, not as a traceback per failed accept (30 MB of log in 20 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.clock import Clock, SystemClock
from bot.config import ServerConfig

log = logging.getLogger(__name__)

LOG_EVERY_S = 60.0
LINGER_S = 1.0
FD_HEADROOM = 64  # files the process needs besides its connections (Redis, database, logs)
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


class _Refuse(asyncio.Protocol):
    """A connection over the cap: one short 503, then closed."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if isinstance(transport, asyncio.WriteTransport):
            transport.write(_BUSY)
        transport.close()


class ThrottledLog:
    """Say it once per interval, with how many times it happened meanwhile."""

    def __init__(self, every_s: float = LOG_EVERY_S, clock: Clock | None = None) -> None:
        self.every_s = every_s
        self.clock = clock or SystemClock()  # the listener runs before and after the services
        self._last: dict[str, float] = {}
        self._quiet: dict[str, int] = {}

    def __call__(self, what: str, message: str, *, exc_info: Any = None) -> bool:
        now = self.clock.monotonic()
        if now - self._last.get(what, -self.every_s) < self.every_s:
            self._quiet[what] = self._quiet.get(what, 0) + 1
            return False
        self._last[what] = now
        quiet = self._quiet.pop(what, 0)
        suffix = f" ({quiet} more since the last report)" if quiet else ""
        log.error("%s%s", message, suffix, exc_info=exc_info)
        return True


class CappedFactory:
    """The protocol factory of the listening socket: aiohttp's handler, or a 503 over the cap."""

    def __init__(self, server: web.Server, cap: int, report: ThrottledLog) -> None:
        self.server = server
        self.cap = cap
        self.report = report

    def __call__(self) -> asyncio.BaseProtocol:
        if len(self.server.connections) >= self.cap:
            self.report("cap", f"{self.cap} connections open (server.max_connections); refused one")
            return _Refuse()
        return self.server()


def loop_error_handler(
    report: ThrottledLog,
) -> Callable[[asyncio.AbstractEventLoop, dict[str, Any]], None]:
    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", "event loop error"))
        exc = context.get("exception")
        what = message if exc is None else f"{message}:{type(exc).__name__}"
        detail = f"{message}: {exc!r}" if exc is not None else message
        # The first of a kind keeps its traceback; the repeats are only counted.
        report(what, detail, exc_info=exc if isinstance(exc, BaseException) else None)

    return handle


def raise_file_limit(wanted: int) -> int:
    """Raise the soft open-file limit towards `wanted` (within the hard limit); the limit now."""
    try:
        import resource
    except ImportError:  # not on this platform
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    return wanted if soft == resource.RLIM_INFINITY else soft


def connection_cap(config: ServerConfig) -> int:
    """`max_connections`, lowered to what the open-file limit leaves room for."""
    limit = raise_file_limit(config.max_connections + FD_HEADROOM)
    cap = min(config.max_connections, max(16, limit - FD_HEADROOM))
    if cap < config.max_connections:
        log.warning("server.max_connections lowered to %d: the open-file limit is %d", cap, limit)
    return cap


class Listener:
    """An app on a host and port, with the protections above; `start`, then `stop`."""

    def __init__(
        self,
        app: web.Application,
        config: ServerConfig,
        *,
        port: int | None = None,
        sock: socket.socket | None = None,
    ) -> None:
        self.app = app
        self.config = config
        self.port = config.port if port is None else port
        self.sock = sock  # already bound and listening (serve --workers shares one)
        self.report = ThrottledLog()
        self.runner = web.AppRunner(
            app,
            access_log=None,  # query strings carry signatures; the gateway logs what matters
            keepalive_timeout=config.header_timeout_s,
            # After an answer, what is left of an unread body is drained for at most this long
            # (aiohttp's default of 10 s would let a slow body hold the connection after its 408).
            lingering_time=LINGER_S,
            handle_signals=False,
        )
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(loop_error_handler(self.report))
        await self.runner.setup()
        server = self.runner.server
        assert server is not None
        factory = CappedFactory(server, connection_cap(self.config), self.report)
        if self.sock is not None:
            self._server = await loop.create_server(factory, sock=self.sock, backlog=128)
        else:
            self._server = await loop.create_server(
                factory, self.config.host, self.port, backlog=128, reuse_address=True
            )

    @property
    def bound_port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        await self.runner.cleanup()


def run(app: web.Application, config: ServerConfig, sock: socket.socket | None = None) -> None:
    """Serve until SIGINT or SIGTERM, then shut down gracefully (what web.run_app did)."""

    async def main() -> None:
        listener = Listener(app, config, sock=sock)
        await listener.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        try:
            await stop.wait()
        finally:
            await listener.stop()

    asyncio.run(main())
