"""WeCom lookups of customer groups (qyapi.weixin.qq.com).

- 获取客户群列表 (`POST /cgi-bin/externalcontact/groupchat/list`, path 92120): cursor paging,
  `limit` 1–1000 required, `owner_filter.userid_list`.
- 获取客户群详情 (`POST /cgi-bin/externalcontact/groupchat/get`, path 92122).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.data import CustomerGroup
from mockwechat.endpoints import (
    Answer,
    ApiRequest,
    Endpoint,
    need_str,
    opt_int,
    opt_str,
    page,
    str_list,
)
from mockwechat.errors import ApiError

if TYPE_CHECKING:
    from mockwechat.state import MockState

BAD = errors.INVALID_PARAMETER
MAX_GROUP_PAGE = 1000


def groupchat_list(req: ApiRequest, state: MockState) -> Answer:
    limit = opt_int(req.body, "limit", BAD, 0)
    if not 1 <= limit <= MAX_GROUP_PAGE:
        raise ApiError(BAD, f"limit must be 1-{MAX_GROUP_PAGE}")
    owner_filter = req.body.get("owner_filter")
    owners = (
        set(str_list(owner_filter, "userid_list", BAD)) if isinstance(owner_filter, dict) else set()
    )
    ids = [
        chat_id
        for chat_id in state.directory.group_order
        if not owners or state.directory.groups[chat_id].owner in owners
    ]
    chunk, next_cursor = page(ids, opt_str(req.body, "cursor", BAD), limit)
    chats = [{"chat_id": chat_id, "status": 0} for chat_id in chunk]
    return Answer(errors.ok(group_chat_list=chats, next_cursor=next_cursor))


def _members(group: CustomerGroup, state: MockState, need_name: bool) -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = []
    for userid in group.staff_members:
        staff = state.directory.staff.get(userid)
        members.append(
            {"userid": userid, "type": 1, "join_time": group.create_time, "join_scene": 1}
        )
        if need_name and staff is not None:
            members[-1]["name"] = staff.name
    for uid in group.external_members:
        contact = state.directory.contacts.get(uid)
        member: dict[str, Any] = {
            "userid": uid,
            "type": 2,
            "join_time": group.create_time + 3600,
            "join_scene": 3,
            "invitor": {"userid": group.owner},
            "group_nickname": "",
        }
        if need_name and contact is not None:
            member["name"] = contact.name
        members.append(member)
    return members


def groupchat_get(req: ApiRequest, state: MockState) -> Answer:
    group = state.directory.groups.get(need_str(req.body, "chat_id", BAD))
    if group is None:
        raise ApiError(errors.CHAT_NOT_FOUND)
    need_name = opt_int(req.body, "need_name", BAD, 0) == 1
    chat = {
        "chat_id": group.chat_id,
        "name": group.name,
        "owner": group.owner,
        "create_time": group.create_time,
        "notice": group.notice,
        "member_list": _members(group, state, need_name),
        "admin_list": [],
        "member_version": f"v{len(group.external_members)}",
    }
    return Answer(errors.ok(group_chat=chat))


ENDPOINTS = (
    Endpoint("POST", "/cgi-bin/externalcontact/groupchat/list", "wecom", groupchat_list),
    Endpoint("POST", "/cgi-bin/externalcontact/groupchat/get", "wecom", groupchat_get),
)
