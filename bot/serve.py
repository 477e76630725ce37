"""`shopbot serve`: one worker process; run several behind a load balancer with Redis state."""

from __future__ import annotations

import asyncio
import gc
import logging

from aiohttp import web

from bot.config import Config
from bot.gateway import SERVICES, create_app
from bot.gateway.server import run
from bot.services import load_knowledge_holder

log = logging.getLogger(__name__)


def serve(config: Config) -> int:
    """Build the knowledge index first: a broken file stops start-up (exit 2, file and line)."""
    holder = load_knowledge_holder(config)
    # The index lives as long as the process: keep the garbage collector from walking it again
    # and again (a full collection over it paused every request for milliseconds).
    gc.collect()
    gc.freeze()
    app = create_app(config, knowledge=holder)
    app.on_startup.append(_reload_on_sighup)
    log.info("shopbot listening on http://%s:%d", config.server.host, config.server.port)
    run(app, config.server)  # header/body timeouts, a connection cap (bot/gateway/server.py)
    return 0


async def _reload_on_sighup(app: web.Application) -> None:
    holder = app[SERVICES].knowledge
    if holder is not None:
        holder.install_sighup(asyncio.get_running_loop())
