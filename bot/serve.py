"""`shopbot serve`: one worker process (`--workers N`: bot/supervisor.py forks N of them)."""

from __future__ import annotations

import asyncio
import gc
import logging
import socket

from aiohttp import web

from bot.config import Config
from bot.gateway import SERVICES, create_app
from bot.gateway.server import run
from bot.services import load_knowledge_holder
from knowledge import KnowledgeHolder

log = logging.getLogger(__name__)


def serve(config: Config) -> int:
    """One worker on its own port."""
    return serve_on(config, prepare_knowledge(config))


def prepare_knowledge(config: Config) -> KnowledgeHolder:
    """Build the knowledge index first: a broken file stops start-up (exit 2, file and line)."""
    holder = load_knowledge_holder(config)
    # The index lives as long as the process: keep the garbage collector from walking it again
    # and again (a full collection over it paused every request for milliseconds), and, under
    # `--workers`, from touching its pages so that forked workers keep sharing them.
    gc.collect()
    gc.freeze()
    return holder


def serve_on(config: Config, holder: KnowledgeHolder, sock: socket.socket | None = None) -> int:
    """Serve until SIGINT or SIGTERM, on `sock` when a supervisor opened it for its workers."""
    app = create_app(config, knowledge=holder)
    app.on_startup.append(_reload_on_sighup)
    log.info("shopbot listening on http://%s:%d", config.server.host, config.server.port)
    # Header/body timeouts and a connection cap (bot/gateway/server.py), on the supervisor's
    # socket when there is one.
    run(app, config.server, sock=sock)
    return 0


async def _reload_on_sighup(app: web.Application) -> None:
    holder = app[SERVICES].knowledge
    if holder is not None:
        holder.install_sighup(asyncio.get_running_loop())
