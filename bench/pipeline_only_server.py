"""Where the pipeline ends and the shop begins: `shopbot serve`'s app (protocol, dedup, per-user
lock, session, router, reply budget) with one handler that echoes the text, no matcher, no
database work. `python bench/pipeline_only_server.py CONFIG`."""

from __future__ import annotations

import sys
from pathlib import Path

from aiohttp import web

from bot.config import load_config
from bot.gateway import create_app
from bot.protocol import Inbound
from bot.router import Router
from bot.services import Services
from bot.step import Context, Step


def echo_router(services: Services) -> Router:
    router = Router()

    @router.fallback
    async def echo(msg: Inbound, ctx: Context) -> Step:
        return Step.say(msg.text)

    return router


if __name__ == "__main__":
    config = load_config(Path(sys.argv[1]))
    app = create_app(config, router_factory=echo_router)
    web.run_app(app, host="127.0.0.1", port=config.server.port, print=None, access_log=None)
