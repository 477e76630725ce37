"""Running the scheduler: inside `shopbot serve` (a cleanup context) or on its own
(`shopbot scheduler --config FILE`).

    app.cleanup_ctx.append(scheduler_ctx)        # after the services context (bot/gateway/app.py)
    exit_code = run_scheduler(config)            # the `shopbot scheduler` command

Inside the server it starts only with `[scheduler] enabled = true`; every worker then competes
for the lease and one runs it. The separate process runs it whatever `enabled` says, so a
deployment can set `enabled = false` and run exactly one `shopbot scheduler`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from aiohttp import web

from bot.config import Config
from bot.services import open_services
from scheduler.service import SchedulerService

log = logging.getLogger(__name__)


async def scheduler_ctx(app: web.Application) -> AsyncIterator[None]:
    """Start the scheduler with the app (if enabled) and stop it before the services close."""
    from bot.gateway.keys import SERVICES  # here: bot.gateway imports this module

    services = app[SERVICES]
    service: SchedulerService | None = None
    if services.config.scheduler.enabled:
        service = SchedulerService(services)
        services.scheduler.attach(service)
        await service.start()
    try:
        yield
    finally:
        if service is not None:
            await service.stop()
            services.scheduler.detach()


def run_scheduler(config: Config) -> int:
    """`shopbot scheduler --config FILE`: the scheduler alone, until SIGINT or SIGTERM."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(config))
    return 0


async def _serve(config: Config) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with open_services(config, http_timeout_s=10) as services:
        service = SchedulerService(services)
        services.scheduler.attach(service)
        await service.start()
        log.info("scheduler process started; waiting for the lease")
        try:
            await stop.wait()
        finally:
            await service.stop()
