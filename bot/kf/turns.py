"""One customer message through the router, as the pipeline runs OA and WeCom ones.

The same steps as `Pipeline._run` — load the session, route, handle, save — without what does
not exist on 微信客服: the dedup record (the ledger claims each msgid), the reply budget and the
passive reply (every reply goes through kf/send_msg). The caller holds the customer's lock.
A failing handler becomes the pipeline's apology, never an exception.
"""

from __future__ import annotations

import logging

from bot.pipeline import SORRY
from bot.protocol import Inbound, Reply
from bot.router import Router
from bot.services import Services
from bot.session import Session
from bot.step import Context

log = logging.getLogger(__name__)


def _empty(session: Session) -> bool:
    return session.state is None and not session.slots and not session.expired


async def run_turn(services: Services, router: Router, msg: Inbound) -> tuple[Reply, ...]:
    try:
        session = await services.sessions.load(msg)
        ctx = Context.begin(session, services)
        route = router.resolve(msg, ctx)
        if route is None:
            log.info("no handler for a kf %s message; not answered", msg.raw_type or msg.kind)
            return ()
        step = await router.dispatch(route, msg, ctx)
        after = step.apply(session)
        if not (_empty(session) and _empty(after)):
            await services.sessions.save(msg, after)
        return step.replies
    except Exception:
        services.metrics.handler_errors.labels(msg.channel).inc()
        log.exception("handler failed for a kf %s message", msg.kind)
        return (SORRY,)
