"""OA follower and tag lookups (api.weixin.qq.com).

- 获取用户列表 (User_Management/Getting_a_User_List): `GET /cgi-bin/user/get?next_openid=`,
  10,000 openids a page; `next_openid` is the last openid of the page, and the page after the
  last one has count 0 and no data.
- 获取用户基本信息 批量 (User_Management/Get_users_basic_information_UnionID):
  `POST /cgi-bin/user/info/batchget`, at most 100 users.
- 用户标签管理 (User_Management/User_Tag_Management): `GET /cgi-bin/tags/get`,
  `POST /cgi-bin/user/tag/get` (followers of a tag, paged like user/get).
Like Tencent, these successful answers carry no errcode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.data import Follower
from mockwechat.endpoints import Answer, ApiRequest, Endpoint, need_list, opt_int, opt_str
from mockwechat.errors import ApiError

if TYPE_CHECKING:
    from mockwechat.state import MockState


def _page(ids: list[str], start: int, size: int, total: int) -> dict[str, Any]:
    chunk = ids[start : start + size]
    if not chunk:
        return {"total": total, "count": 0, "next_openid": ""}
    return {
        "total": total,
        "count": len(chunk),
        "data": {"openid": chunk},
        "next_openid": chunk[-1],
    }


def user_get(req: ApiRequest, state: MockState) -> Answer:
    ids = state.directory.follower_order
    after = req.query.get("next_openid", "")
    start = 0
    if after:
        pos = state.directory.follower_position(after)
        if pos is None:
            raise ApiError(errors.INVALID_OPENID, "next_openid")
        start = pos + 1
    return Answer(_page(ids, start, state.settings.follower_page_size, len(ids)))


def user_info(follower: Follower) -> dict[str, Any]:
    info: dict[str, Any] = {
        "subscribe": 1,
        "openid": follower.openid,
        "language": follower.language,
        "subscribe_time": follower.subscribe_time,
        "remark": follower.remark,
        "groupid": 0,
        "tagid_list": list(follower.tag_ids),
        "subscribe_scene": follower.subscribe_scene,
        "qr_scene": 0,
        "qr_scene_str": "",
    }
    if follower.unionid:
        info["unionid"] = follower.unionid
    return info


def batchget(req: ApiRequest, state: MockState) -> Answer:
    wanted = need_list(req.body, "user_list", errors.DATA_FORMAT)
    if len(wanted) > state.settings.batchget_max:
        raise ApiError(errors.INVALID_OPENID_LIST_SIZE, "at most 100 users a call")
    infos = []
    for item in wanted:
        openid = item.get("openid") if isinstance(item, dict) else None
        follower = state.directory.followers.get(openid) if isinstance(openid, str) else None
        if follower is None:
            if isinstance(openid, str) and state.directory.knows_openid(openid):
                follower = Follower(openid)  # followers unknown: answer with defaults
            else:
                raise ApiError(errors.INVALID_OPENID, str(openid))
        infos.append(user_info(follower))
    return Answer({"user_info_list": infos})


def tags_get(req: ApiRequest, state: MockState) -> Answer:
    d = state.directory
    tags = [
        {"id": t.id, "name": t.name, "count": len(d.tag_followers(t.id))}
        for t in d.oa_tags.values()
    ]
    return Answer({"tags": tags})


def tag_users(req: ApiRequest, state: MockState) -> Answer:
    tag_id = opt_int(req.body, "tagid", errors.DATA_FORMAT, -1)
    if tag_id not in state.directory.oa_tags:
        raise ApiError(errors.INVALID_TAG)
    ids = state.directory.tag_followers(tag_id)
    after = opt_str(req.body, "next_openid", errors.DATA_FORMAT)
    start = ids.index(after) + 1 if after in ids else 0
    page = _page(ids, start, state.settings.follower_page_size, len(ids))
    del page["total"]  # this endpoint answers count, data and next_openid only
    return Answer(page)


ENDPOINTS = (
    Endpoint("GET", "/cgi-bin/user/get", "oa", user_get),
    Endpoint("POST", "/cgi-bin/user/info/batchget", "oa", batchget),
    Endpoint("GET", "/cgi-bin/tags/get", "oa", tags_get),
    Endpoint("POST", "/cgi-bin/user/tag/get", "oa", tag_users),
)
