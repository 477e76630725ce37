"""One `shopbot serve` worker for the fault suite: the real app, pipeline, Redis store and
listener (bot/gateway/server.py), with the demo shop's router plus one word whose handler is
slow on purpose, so a test can kill the worker while a message is half done.

    python tests/faults/worker.py CONFIG

慢慢来 marks `faults:started:<MsgId>` in the state store, waits `SLOW_S`, counts
`faults:done:<MsgId>` and answers "慢慢来好了：<MsgId>".
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.config import load_config
from bot.gateway import create_app
from bot.gateway.app import default_router
from bot.gateway.server import run
from bot.protocol import Inbound
from bot.router import Router
from bot.services import Services, load_knowledge_holder
from bot.step import Context, Step

SLOW_WORD = "慢慢来"
SLOW_S = 1.0


def fault_router(services: Services) -> Router:
    router = default_router(services)

    async def slow(msg: Inbound, ctx: Context) -> Step:
        store = ctx.services.store
        await store.incr(f"faults:started:{msg.msg_id}", 1, 600)
        await asyncio.sleep(SLOW_S)
        await store.incr(f"faults:done:{msg.msg_id}", 1, 600)
        return Step.say(f"慢慢来好了：{msg.msg_id}")

    router.word(SLOW_WORD)(slow)
    return router


def main() -> None:
    config = load_config(Path(sys.argv[1]))
    app = create_app(config, router_factory=fault_router, knowledge=load_knowledge_holder(config))
    run(app, config.server)


if __name__ == "__main__":
    main()
