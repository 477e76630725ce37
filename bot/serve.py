"""`shopbot serve`: one worker process; run several behind a load balancer with Redis state."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import Config
from bot.gateway import create_app

log = logging.getLogger(__name__)


def serve(config: Config) -> int:
    app = create_app(config)
    log.info("shopbot listening on http://%s:%d", config.server.host, config.server.port)
    web.run_app(
        app,
        host=config.server.host,
        port=config.server.port,
        print=None,
        access_log=None,  # query strings carry signatures; the gateway logs what matters
    )
    return 0
