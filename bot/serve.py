"""`shopbot serve`: one worker process; run several behind a load balancer with Redis state."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal

from aiohttp import web

from bot.config import Config, knowledge_dir
from bot.gateway import SERVICES, create_app
from knowledge import KnowledgeError, KnowledgeHolder

log = logging.getLogger(__name__)


def serve(config: Config) -> int:
    """Build the knowledge index first: a broken file stops start-up (exit 2, file and line)."""
    holder = KnowledgeHolder.load(knowledge_dir(config))
    # The index lives as long as the process: keep the garbage collector from walking it again
    # and again (a full collection over it paused every request for milliseconds).
    gc.collect()
    gc.freeze()
    app = create_app(config, knowledge=holder)
    app.on_startup.append(_reload_on_sighup)
    log.info("shopbot listening on http://%s:%d", config.server.host, config.server.port)
    web.run_app(
        app,
        host=config.server.host,
        port=config.server.port,
        print=None,
        access_log=None,  # query strings carry signatures; the gateway logs what matters
    )
    return 0


async def _reload_on_sighup(app: web.Application) -> None:
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[None]] = set()

    def on_signal() -> None:
        task = loop.create_task(reload_knowledge(app))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    loop.add_signal_handler(signal.SIGHUP, on_signal)


async def reload_knowledge(app: web.Application) -> None:
    """Swap in a rebuilt index; a broken file keeps the old one serving and logs why."""
    holder = app[SERVICES].knowledge
    if holder is None:
        return
    try:
        await holder.reload_async()
    except KnowledgeError as exc:
        log.error("knowledge reload failed, the previous index keeps serving:\n%s", exc)
    else:
        log.info("knowledge reloaded")
