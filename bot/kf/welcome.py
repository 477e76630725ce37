"""enter_session: the customer opened the chat, from a 视频号 shop, a mini-program, a web page.

Tencent's event carries `scene` (set when the kf link was made: kf/add_contact_way) and
`scene_param` (appended by the page to the link), and a `welcome_code` when the bot may greet
(no welcome set in the admin, none sent to this customer in 48 h). The code works once, within
20 s, through kf/send_msg_on_event (text or msgmenu): so the welcome is one message, sent as
soon as the event is pulled, and not at all once 20 s have passed.

A product page links with `scene_param=sku_<SKU>` (or a link made with scene `sku_<SKU>`), as
an OA parameter QR code does: the welcome then shows that product, and the browse dialog opens
on its card, so 买 or "多少钱" that follow are about it — even when no welcome may be sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.dialogs import build_dialogs
from bot.handlers import shopper
from bot.handlers.starts import Starts
from bot.kf.metrics import KfMetrics
from bot.kf.sender import KfSender, reply_msgid
from bot.protocol import Inbound, Reply, TextReply
from bot.services import Services
from bot.session import Session
from bot.shop import catalog
from bot.step import Context, Step

log = logging.getLogger(__name__)

CODE_TTL_S = 20.0
SKU_PREFIX = "sku_"


def scene_sku(scene: str, scene_param: str) -> str:
    for value in (scene_param, scene):
        if value.startswith(SKU_PREFIX):
            return value.removeprefix(SKU_PREFIX)
    return ""


@dataclass
class Welcome:
    services: Services
    sender: KfSender
    metrics: KfMetrics

    def __post_init__(self) -> None:
        self.starts = Starts(build_dialogs())

    async def enter(self, msg: Inbound) -> None:
        """Open the scene's product (if any) and send the welcome while its code is good."""
        replies: list[Reply] = [
            TextReply(shopper.welcome_text(Context.begin(Session(), self.services)))
        ]
        sku = scene_sku(msg.extra.get("scene", ""), msg.extra.get("scene_param", ""))
        if sku:
            replies += await self._open_product(msg, sku)
        code = msg.extra.get("welcome_code", "")
        if not code:
            log.info("enter_session without a welcome_code (a welcome went out in 48 h)")
            return
        age = self.services.clock.time() - msg.received_at
        if age > CODE_TTL_S:
            self.metrics.skipped.labels("welcome_late").inc()
            log.warning("kf welcome_code is %.0f s old (good for 20 s); not used", age)
            return
        msgid = reply_msgid(msg.account, msg.msg_id, 0)
        await self.sender.on_event(code, replies, msgid, what="welcome")

    async def _open_product(self, msg: Inbound, sku: str) -> tuple[Reply, ...]:
        session = await self.services.sessions.load(msg)
        ctx = Context.begin(session, self.services)
        if catalog.product(ctx, sku) is None:
            log.info("enter_session for a product the catalogue does not have")
            return ()
        step: Step = await self.starts.product(msg, ctx, sku)
        await self.services.sessions.save(msg, step.apply(session))
        return step.replies
