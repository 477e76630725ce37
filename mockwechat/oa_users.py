"""OA follower and tag lookups (api.weixin.qq.com).

- 获取用户列表 (User_Management/Getting_a_User_List): `GET /cgi-bin/user/get?next_openid=`,
  10,000 openids a page; `next_openid` is the last openid of the page, and the page after the
  last one has count 0 and no data.
- 用户标签管理 (User_Management/User_Tag_Management): `GET /cgi-bin/tags/get`,
  `POST /cgi-bin/user/tag/get` (followers of a tag, paged like user/get).
Like Tencent, these successful answers carry no errcode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.endpoints import Answer, ApiRequest, Endpoint, opt_int, opt_str
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
    Endpoint("GET", "/cgi-bin/tags/get", "oa", tags_get),
    Endpoint("POST", "/cgi-bin/user/tag/get", "oa", tag_users),
)
