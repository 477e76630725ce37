"""App factory: `create_app(config)`; everything with I/O opens in `cleanup_ctx`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

from aiohttp import web

from bot.clock import Clock, shop_clock
from bot.config import Config
from bot.gateway import views
from bot.gateway.keys import KF, OA, PIPELINE, REPLAY, SERVICES, WECOM
from bot.gateway.replay import ReplayGuard
from bot.handlers import register_all
from bot.handlers.admin_http import add_admin_routes
from bot.kf import open_kf
from bot.pipeline import Pipeline
from bot.protocol.kf import KfProtocol
from bot.protocol.oa import OAProtocol
from bot.protocol.wecom import WeComProtocol
from bot.router import Router
from bot.services import Services, open_services
from bot.state import StateStore
from knowledge import INTENT_IDS, KnowledgeHolder
from scheduler import scheduler_ctx

log = logging.getLogger(__name__)

RouterFactory = Callable[[Services], Router]


def default_router(services: Services) -> Router:
    """The app's router; its intent routes are checked against the loaded knowledge's intents
    (a mismatch stops start-up)."""
    holder = services.knowledge
    return register_all(Router(), intents=holder.current.kb.intents if holder else INTENT_IDS)


def create_app(
    config: Config,
    *,
    router_factory: RouterFactory = default_router,
    store: StateStore | None = None,
    knowledge: KnowledgeHolder | None = None,
    clock: Clock | None = None,
) -> web.Application:
    """The server.

    `store` lets tests share one state store between two apps (two workers); `knowledge` passes an
    index already built (the CLI builds it first so a broken file stops start-up with exit 2);
    `clock` is the system clock in the shop's zone unless a test passes its own: the callbacks'
    timestamps are checked against the same clock the services read.
    """
    clock = clock or shop_clock(config)
    app = web.Application(client_max_size=config.server.max_body_bytes)
    app[OA] = _oa_protocol(config, clock)
    app[WECOM] = _wecom_protocol(config, clock)
    app[KF] = _kf_protocol(config, clock)
    app.cleanup_ctx.append(_services_ctx(config, router_factory, store, knowledge, clock))
    app.cleanup_ctx.append(_kf_ctx)
    app.cleanup_ctx.append(scheduler_ctx)
    app.router.add_get("/wechat/oa", views.oa_verify)
    app.router.add_post("/wechat/oa", views.oa_message)
    app.router.add_get("/wechat/wecom", views.wecom_verify)
    app.router.add_post("/wechat/wecom", views.wecom_message)
    app.router.add_get("/wechat/kf", views.kf_verify)
    app.router.add_post("/wechat/kf", views.kf_message)
    app.router.add_get("/healthz", views.healthz)
    app.router.add_get("/metrics", views.metrics)
    add_admin_routes(app)
    return app


def _oa_protocol(config: Config, clock: Clock) -> OAProtocol | None:
    oa = config.oa
    if not oa.token:
        return None
    return OAProtocol(
        oa.token,
        oa.app_id,
        oa.encoding_aes_key,
        config.server.max_clock_skew_s,
        allow_plaintext=oa.allow_plaintext,
        clock=clock,
    )


def _wecom_protocol(config: Config, clock: Clock) -> WeComProtocol | None:
    wecom = config.wecom
    if not (wecom.token and wecom.encoding_aes_key and wecom.corp_id):
        return None
    return WeComProtocol(
        wecom.token,
        wecom.encoding_aes_key,
        wecom.corp_id,
        config.server.max_clock_skew_s,
        clock=clock,
    )


def _kf_protocol(config: Config, clock: Clock) -> KfProtocol | None:
    kf = config.kf
    if not kf.token:
        return None
    return KfProtocol(
        kf.token,
        kf.encoding_aes_key,
        config.wecom.corp_id,
        config.server.max_clock_skew_s,
        clock=clock,
    )


async def _kf_ctx(app: web.Application) -> AsyncIterator[None]:
    """微信客服: pulls, claims and answers in the background of this worker (bot/kf/)."""
    if app[KF] is None:
        yield
        return
    async with open_kf(app[SERVICES], app[PIPELINE].router):
        yield


def _services_ctx(
    config: Config,
    router_factory: RouterFactory,
    shared_store: StateStore | None,
    knowledge: KnowledgeHolder | None,
    clock: Clock,
) -> Callable[[web.Application], AsyncIterator[None]]:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        opened = open_services(config, store=shared_store, knowledge=knowledge, clock=clock)
        async with opened as services:
            app[SERVICES] = services
            app[PIPELINE] = Pipeline(services, router_factory(services))
            app[REPLAY] = ReplayGuard(services.store, config.server.max_clock_skew_s)
            yield

    return ctx
