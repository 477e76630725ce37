"""The kf/* calls, async, against `[api] wecom_base_url` with the 微信客服 token.

wechatpy's kf client is synchronous and partly wrong (its link, location and mini-program
payloads use the wrong keys), so the shapes here follow Tencent's pages: 读取消息 (94670),
发送消息 (94677), 发送欢迎语等事件响应消息 (95122), 获取/变更会话状态 (94669), 获取客服账号列表
(94661), 获取客户基础信息 (95159). Nothing here retries: the puller backs off on its own
schedule, and a send is never repeated blindly (bot/kf/sender.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.outbound import ApiCaller, ApiResult, Outbound

SYNC_LIMIT = 1000  # sync_msg's maximum and default page


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str
    has_more: bool

    @classmethod
    def of(cls, data: dict[str, Any]) -> Page:
        items = data.get("msg_list")
        return cls(
            [i for i in items if isinstance(i, dict)] if isinstance(items, list) else [],
            str(data.get("next_cursor") or ""),
            bool(data.get("has_more")),
        )


@dataclass
class KfApi:
    outbound: Outbound
    caller: ApiCaller = field(init=False)

    def __post_init__(self) -> None:
        self.caller = self.outbound.caller.without_retries()

    async def _post(self, path: str, payload: dict[str, Any]) -> ApiResult:
        # Whole paths, not built from a suffix: tests/mockapi/test_mock_covers_the_bot.py reads
        # them from the source to check that the mock emulates every call.
        return await self.caller.wecom(path, payload)

    async def sync_msg(self, open_kfid: str, cursor: str, token: str) -> ApiResult:
        payload: dict[str, Any] = {"open_kfid": open_kfid, "limit": SYNC_LIMIT}
        if cursor:
            payload["cursor"] = cursor
        if token:
            payload["token"] = token
        return await self._post("/cgi-bin/kf/sync_msg", payload)

    async def send_msg(
        self, open_kfid: str, user: str, body: dict[str, Any], msgid: str = ""
    ) -> ApiResult:
        payload = {"touser": user, "open_kfid": open_kfid, **({"msgid": msgid} if msgid else {})}
        return await self._post("/cgi-bin/kf/send_msg", payload | body)

    async def send_msg_on_event(
        self, code: str, body: dict[str, Any], msgid: str = ""
    ) -> ApiResult:
        payload = {"code": code, **({"msgid": msgid} if msgid else {})}
        return await self._post("/cgi-bin/kf/send_msg_on_event", payload | body)

    async def service_state(self, open_kfid: str, user: str) -> ApiResult:
        return await self._post(
            "/cgi-bin/kf/service_state/get", {"open_kfid": open_kfid, "external_userid": user}
        )

    async def trans(
        self, open_kfid: str, user: str, service_state: int, servicer: str = ""
    ) -> ApiResult:
        payload: dict[str, Any] = {
            "open_kfid": open_kfid,
            "external_userid": user,
            "service_state": service_state,
        }
        if servicer:
            payload["servicer_userid"] = servicer
        return await self._post("/cgi-bin/kf/service_state/trans", payload)

    async def accounts(self, offset: int = 0, limit: int = 100) -> ApiResult:
        return await self._post("/cgi-bin/kf/account/list", {"offset": offset, "limit": limit})

    async def customers(self, users: list[str]) -> ApiResult:
        return await self._post(
            "/cgi-bin/kf/customer/batchget", {"external_userid_list": users[:100]}
        )
