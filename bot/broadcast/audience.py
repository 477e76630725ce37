"""Who a broadcast is for: the target syntax, and the WeCom / OA directory lookups behind it.

Targets (`[[campaigns]] target`, `/broadcast --to`):

    groups              every customer group (客户群)
    groups:<word>       customer groups whose name contains <word> (e.g. groups:老客)
    followers           every OA follower
    followers:<tag>     OA followers with that tag (by name, e.g. followers:会员)

Chinese aliases work too: 群 / 客户群 for groups, 粉丝 / 公众号 for followers.

Lookups (Tencent docs): 获取客户群列表 `groupchat/list` (path 92120, ≤ 1000 a page, `status` 0 =
normal, 1-3 = the owner left), 获取客户群详情 `groupchat/get` (path 92122); OA 获取用户列表
`user/get` (10,000 a page), 获取公众号已创建的标签 `tags/get`, 获取标签下粉丝列表 `user/tag/get`.
A group's name and owner are cached in the state store for `GROUP_CACHE_S`, so re-planning 2,000
groups does not cost 2,000 calls each time.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Literal

from bot.outbound.caller import ApiCaller
from bot.outbound.limits import WECOM_API_PER_CORP, SlidingLimiter
from bot.state import StateStore

GROUP_CACHE_S = 6 * 3600
LOOKUP_CONCURRENCY = 16
GROUPS_PAGE = 1000
# groupchat/list status: 0 normal, 1 owner left, 2 being handed over, 3 handed over (normal again).
ACTIVE_STATUSES = (0, 3)

Kind = Literal["groups", "followers"]
_ALIASES: dict[str, Kind] = {
    "groups": "groups",
    "group": "groups",
    "群": "groups",
    "客户群": "groups",
    "followers": "followers",
    "follower": "followers",
    "粉丝": "followers",
    "公众号": "followers",
}


class LookupFailed(Exception):
    """A directory lookup the plan depends on was refused; nothing was sent."""


@dataclass(frozen=True)
class Audience:
    kind: Kind
    filter: str = ""

    @classmethod
    def parse(cls, spec: str) -> Audience:
        head, _, rest = spec.strip().replace("：", ":").partition(":")
        kind = _ALIASES.get(head.strip().lower())
        if kind is None:
            raise ValueError(
                f"unknown target {spec!r}: use groups, groups:<名称>, followers or followers:<标签>"
            )
        return cls(kind, rest.strip())

    def __str__(self) -> str:
        return f"{self.kind}:{self.filter}" if self.filter else self.kind

    def describe(self) -> str:
        if self.kind == "groups":
            return f"名称含“{self.filter}”的客户群" if self.filter else "全部客户群"
        return f"标签“{self.filter}”的公众号粉丝" if self.filter else "全部公众号粉丝"


@dataclass(frozen=True)
class Group:
    chat_id: str
    name: str
    owner: str
    active: bool = True  # False when the owner left (status 1-3): nobody can send to it


@dataclass
class GroupDirectory:
    api: ApiCaller
    store: StateStore
    limiter: SlidingLimiter
    corp_id: str

    async def groups(self, name_filter: str = "") -> list[Group]:
        listed = await self._list()
        semaphore = asyncio.Semaphore(LOOKUP_CONCURRENCY)

        async def one(chat_id: str, status: int) -> Group:
            async with semaphore:
                group = await self.group(chat_id)
            return Group(group.chat_id, group.name, group.owner, active=status in ACTIVE_STATUSES)

        found = await asyncio.gather(*(one(chat_id, status) for chat_id, status in listed))
        return [g for g in found if name_filter in g.name]

    async def _list(self) -> list[tuple[str, int]]:
        listed: list[tuple[str, int]] = []
        cursor = ""
        while True:
            body = {"status_filter": 0, "limit": GROUPS_PAGE, "cursor": cursor}
            await self.limiter.acquire(
                f"wecom:{self.corp_id}:api:groupchat_list", WECOM_API_PER_CORP
            )
            result = await self.api.wecom(
                "/cgi-bin/externalcontact/groupchat/list", body, idempotent=True
            )
            if not result.ok:
                raise LookupFailed(f"groupchat/list: {result.errcode} {result.reason}")
            for chat in result.data.get("group_chat_list", []):
                listed.append((str(chat["chat_id"]), int(chat.get("status", 0))))
            cursor = str(result.data.get("next_cursor") or "")
            if not cursor:
                return listed

    async def group(self, chat_id: str, *, fresh: bool = False) -> Group:
        key = f"wecom:group:{chat_id}"
        cached = None if fresh else await self.store.get(key)
        if cached is not None:
            data = json.loads(cached)
            return Group(chat_id, data["name"], data["owner"])
        chat = await self.details(chat_id)
        group = Group(chat_id, str(chat.get("name", "")), str(chat.get("owner", "")))
        value = json.dumps({"name": group.name, "owner": group.owner}, ensure_ascii=False)
        await self.store.set(key, value.encode(), GROUP_CACHE_S)
        return group

    async def details(self, chat_id: str) -> dict[str, object]:
        """The whole `group_chat` object of groupchat/get (members included)."""
        await self.limiter.acquire(f"wecom:{self.corp_id}:api:groupchat_get", WECOM_API_PER_CORP)
        body = {"chat_id": chat_id, "need_name": 1}
        result = await self.api.wecom(
            "/cgi-bin/externalcontact/groupchat/get", body, idempotent=True
        )
        if not result.ok:
            raise LookupFailed(f"groupchat/get: {result.errcode} {result.reason}")
        chat = result.data.get("group_chat")
        if not isinstance(chat, dict):
            raise LookupFailed("groupchat/get: no group_chat in the answer")
        return chat


@dataclass
class FollowerDirectory:
    api: ApiCaller

    async def followers(self, tag: str = "") -> tuple[list[str], int | None]:
        """(openids, tag id or None for everyone). Raises LookupFailed for an unknown tag."""
        if not tag:
            return await self._paged("/cgi-bin/user/get", None), None
        tag_id = await self.tag_id(tag)
        return await self._paged("/cgi-bin/user/tag/get", tag_id), tag_id

    async def tag_id(self, name: str) -> int:
        result = await self.api.oa_get("/cgi-bin/tags/get", {})
        if not result.ok:
            raise LookupFailed(f"tags/get: {result.errcode} {result.reason}")
        for tag in result.data.get("tags", []):
            if str(tag.get("name")) == name or str(tag.get("id")) == name:
                return int(tag["id"])
        raise LookupFailed(f"公众号没有名为“{name}”的标签")

    async def _paged(self, path: str, tag_id: int | None) -> list[str]:
        openids: list[str] = []
        after = ""
        while True:
            if tag_id is None:
                result = await self.api.oa_get(path, {"next_openid": after} if after else {})
            else:
                body = {"tagid": tag_id, "next_openid": after}
                result = await self.api.oa(path, body, idempotent=True)
            if not result.ok:
                raise LookupFailed(f"{path}: {result.errcode} {result.reason}")
            page = result.data.get("data", {}).get("openid", []) if result.data.get("count") else []
            openids.extend(str(o) for o in page)
            after = str(result.data.get("next_openid") or "")
            total = result.data.get("total")
            if not page or not after or (isinstance(total, int) and len(openids) >= total):
                return openids
