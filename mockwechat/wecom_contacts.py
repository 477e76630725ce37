"""WeCom lookups: staff, customers, customer groups and corp tags (qyapi.weixin.qq.com).

- 读取成员 (`GET /cgi-bin/user/get?userid=`, path 90196) — the same path as OA 获取用户列表;
  app.py tells them apart by the token's platform.
- 获取客户列表 (`GET /cgi-bin/externalcontact/list?userid=`, path 92113): 84061 when the
  member has no customers.
- 获取客户详情 (`GET /cgi-bin/externalcontact/get?external_userid=`, path 92114).
- 获取企业标签库 (`POST /cgi-bin/externalcontact/get_corp_tag_list`, path 92117).
- 获取客户群列表 (`POST /cgi-bin/externalcontact/groupchat/list`, path 92120): cursor paging,
  `limit` 1–1000 required, `owner_filter.userid_list`.
- 获取客户群详情 (`POST /cgi-bin/externalcontact/groupchat/get`, path 92122).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.data import CustomerGroup, ExternalContact
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


def staff_get(req: ApiRequest, state: MockState) -> Answer:
    staff = state.directory.staff.get(req.query.get("userid", ""))
    if staff is None:
        raise ApiError(errors.USER_NOT_FOUND)
    return Answer(
        errors.ok(
            userid=staff.userid,
            name=staff.name,
            department=list(staff.department),
            main_department=staff.department[0] if staff.department else 1,
            position=staff.position,
            status=1,
        )
    )


def external_list(req: ApiRequest, state: MockState) -> Answer:
    userid = req.query.get("userid", "")
    if not userid or (state.directory.staff and userid not in state.directory.staff):
        raise ApiError(errors.USER_NOT_FOUND)
    contacts = state.directory.contacts_of(userid)
    if not contacts:
        raise ApiError(errors.NOT_EXTERNAL_CONTACT)
    return Answer(errors.ok(external_userid=contacts))


def _tag_names(state: MockState) -> dict[str, tuple[str, str]]:
    return {t.id: (g.group_name, t.name) for g in state.directory.corp_tags for t in g.tags}


def _follow_user(contact: ExternalContact, userid: str, state: MockState) -> dict[str, Any]:
    names = _tag_names(state)
    tags = [
        {"group_name": names[t][0], "tag_name": names[t][1], "tag_id": t, "type": 1}
        for t in contact.tag_ids
        if t in names
    ]
    return {
        "userid": userid,
        "remark": "",
        "description": "",
        "createtime": contact.add_time,
        "tags": tags,
        "state": "",
        "add_way": 1,
        "oper_userid": userid,
    }


def external_get(req: ApiRequest, state: MockState) -> Answer:
    contact = state.directory.contacts.get(req.query.get("external_userid", ""))
    if contact is None:
        raise ApiError(errors.INVALID_EXTERNAL_USERID)
    info: dict[str, Any] = {
        "external_userid": contact.external_userid,
        "name": contact.name,
        "type": 1,
        "avatar": "",
        "gender": contact.gender,
    }
    if contact.unionid:
        info["unionid"] = contact.unionid
    follow = [_follow_user(contact, u, state) for u in contact.follow_users]
    return Answer(errors.ok(external_contact=info, follow_user=follow, next_cursor=""))


def corp_tag_list(req: ApiRequest, state: MockState) -> Answer:
    tag_ids = set(str_list(req.body, "tag_id", BAD))
    group_ids = set(str_list(req.body, "group_id", BAD))
    groups = []
    for order, group in enumerate(state.directory.corp_tags):
        if group_ids and group.group_id not in group_ids:
            continue
        tags = [
            {"id": t.id, "name": t.name, "create_time": 1_690_000_000, "order": i, "deleted": False}
            for i, t in enumerate(group.tags)
            if not tag_ids or t.id in tag_ids
        ]
        if tags:
            groups.append(
                {
                    "group_id": group.group_id,
                    "group_name": group.group_name,
                    "create_time": 1_690_000_000,
                    "order": order,
                    "deleted": False,
                    "tag": tags,
                }
            )
    return Answer(errors.ok(tag_group=groups))


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
    Endpoint("GET", "/cgi-bin/user/get", "wecom", staff_get),
    Endpoint("GET", "/cgi-bin/externalcontact/list", "wecom", external_list),
    Endpoint("GET", "/cgi-bin/externalcontact/get", "wecom", external_get),
    Endpoint("POST", "/cgi-bin/externalcontact/get_corp_tag_list", "wecom", corp_tag_list),
    Endpoint("POST", "/cgi-bin/externalcontact/groupchat/list", "wecom", groupchat_list),
    Endpoint("POST", "/cgi-bin/externalcontact/groupchat/get", "wecom", groupchat_get),
)
