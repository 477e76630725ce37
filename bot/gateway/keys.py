"""Typed keys of what the app holds."""

from __future__ import annotations

from aiohttp import web

from bot.gateway.replay import ReplayGuard
from bot.pipeline import Pipeline
from bot.protocol.kf import KfProtocol
from bot.protocol.oa import OAProtocol
from bot.protocol.wecom import WeComProtocol
from bot.services import Services

OA: web.AppKey[OAProtocol | None] = web.AppKey("oa")
WECOM: web.AppKey[WeComProtocol | None] = web.AppKey("wecom")
KF: web.AppKey[KfProtocol | None] = web.AppKey("kf")
SERVICES = web.AppKey("services", Services)
PIPELINE = web.AppKey("pipeline", Pipeline)
REPLAY = web.AppKey("replay", ReplayGuard)
