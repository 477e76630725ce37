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

GC_YOUNG_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation (Python's default: 700). A
message allocates hundreds of objects, nearly all freed by reference counting; at the default a
busy worker ran a collection every message or two and a full one every few seconds, each full
one a pause of several milliseconds that the messages behind it waited out (bench_pipeline at
1,000 msg/s: collections' CPU 0.76 s → 0.3 s over a run, full ones 13 → 4)."""


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
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)
    return holder


def serve_on(config: Config, holder: KnowledgeHolder, sock: socket.socket | None = None) -> int:
    """Serve until SIGINT or SIGTERM, on `sock` when a supervisor opened it for its workers."""
    app = create_app(config, knowledge=holder)
    app.on_startup.append(_reload_on_sighup)
    app.on_startup.append(_freeze_what_started)
    log.info("shopbot listening on http://%s:%d", config.server.host, config.server.port)
    # Header/body timeouts and a connection cap (bot/gateway/server.py), on the supervisor's
    # socket when there is one.
    run(app, config.server, sock=sock)
    return 0


async def _reload_on_sighup(app: web.Application) -> None:
    holder = app[SERVICES].knowledge
    if holder is not None:
        holder.install_sighup(asyncio.get_running_loop())


async def _freeze_what_started(app: web.Application) -> None:
    """What start-up built (services, routes, the database engine, the modules imported on first
    use) lives as long as the worker, like the index: out of the collector's walks too."""
    gc.collect()
    gc.freeze()
