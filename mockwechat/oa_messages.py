"""OA sending endpoints: customer-service messages and mass sends (api.weixin.qq.com).

- 客服消息 · 客服接口-发消息 (Message_Management/Service_Center_messages):
  `POST /cgi-bin/message/custom/send`. Validates the body of each message type; a news
  message carries exactly 1 article (45008 otherwise); an openid that is not a follower
  answers 40003 when the mock knows the followers.
- 群发接口 · 根据标签进行群发 (Message_Management/Batch_Sends_and_Originality_Checks):
  `POST /cgi-bin/message/mass/sendall`. 60 requests a minute (45009); a repeated
  `clientmsgid` answers 45065 with the msg_id of the first send, and sends nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.endpoints import (
    Answer,
    ApiRequest,
    Endpoint,
    need_list,
    need_obj,
    need_str,
    opt_int,
    opt_str,
)
from mockwechat.errors import ApiError

if TYPE_CHECKING:
    from mockwechat.state import MockState

BAD = errors.DATA_FORMAT
MAX_CLIENTMSGID = 64

# msgtype → the fields its object must carry (news and msgmenu are checked separately).
CUSTOM_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("content",),
    "image": ("media_id",),
    "voice": ("media_id",),
    "video": ("media_id",),
    "music": ("musicurl", "thumb_media_id"),
    "mpnews": ("media_id",),
    "mpnewsarticle": ("article_id",),
    "wxcard": ("card_id",),
    "miniprogrampage": ("title", "appid", "pagepath", "thumb_media_id"),
    "link": ("title", "description", "url", "thumb_url"),
    "news": (),
    "msgmenu": (),
}
# msgtype → (the body key of its object, a field it must carry); images go under "images".
MASS_FIELDS: dict[str, tuple[str, str]] = {
    "text": ("text", "content"),
    "mpnews": ("mpnews", "media_id"),
    "voice": ("voice", "media_id"),
    "image": ("images", "media_ids"),
    "mpvideo": ("mpvideo", "media_id"),
    "wxcard": ("wxcard", "card_id"),
}


MIN_OPENIDS, MAX_OPENIDS = 2, 10_000  # 根据OpenID列表群发


def _check_news(news: Mapping[str, Any]) -> None:
    articles = news.get("articles")
    if not isinstance(articles, list) or len(articles) != 1:
        raise ApiError(errors.ARTICLE_SIZE_LIMIT, "a customer-service news message has 1 article")
    article = articles[0]
    if not isinstance(article, dict):
        raise ApiError(BAD, "news.articles[0] is not an object")
    need_str(article, "title", BAD)  # url and picurl may be empty


def _check_msgmenu(menu: Mapping[str, Any]) -> None:
    for item in need_list(menu, "list", BAD):
        if not isinstance(item, dict):
            raise ApiError(BAD, "msgmenu.list items are objects")
        need_str(item, "id", BAD)
        need_str(item, "content", BAD)


def check_custom_message(body: Mapping[str, Any]) -> str:
    """Validate a customer-service message body; return its msgtype."""
    msgtype = body.get("msgtype")
    if not isinstance(msgtype, str) or msgtype not in CUSTOM_FIELDS:
        raise ApiError(errors.INVALID_MSGTYPE, f"msgtype {msgtype!r}")
    payload = need_obj(body, msgtype, BAD)
    for key in CUSTOM_FIELDS[msgtype]:
        need_str(payload, key, BAD)
    if msgtype == "news":
        _check_news(payload)
    elif msgtype == "msgmenu":
        _check_msgmenu(payload)
    return msgtype


def custom_send(req: ApiRequest, state: MockState) -> Answer:
    touser = need_str(req.body, "touser", errors.INVALID_OPENID)
    msgtype = check_custom_message(req.body)
    if not state.directory.knows_openid(touser):
        raise ApiError(errors.INVALID_OPENID)
    return Answer(errors.ok(), notes={"msgtype": msgtype})


def _custom_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    touser = req.body.get("touser")
    return (touser,) if isinstance(touser, str) and touser else ()


def _mass_filter(body: Mapping[str, Any], state: MockState) -> tuple[bool, int | None]:
    """(is_to_all, tag_id); an unknown tag is refused when the mock knows the tags."""
    flt = need_obj(body, "filter", BAD)
    if flt.get("is_to_all") is True:
        return True, None
    tag_id = opt_int(flt, "tag_id", BAD, -1)
    if tag_id < 0:
        raise ApiError(BAD, "filter.tag_id missing while is_to_all is false")
    if state.directory.oa_tags and tag_id not in state.directory.oa_tags:
        raise ApiError(errors.INVALID_TAG)
    return False, tag_id


def _mass_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    flt = req.body.get("filter")
    if not isinstance(flt, dict):
        return ()
    if flt.get("is_to_all") is True:
        return tuple(state.directory.follower_order)
    tag_id = flt.get("tag_id")
    return tuple(state.directory.tag_followers(tag_id)) if isinstance(tag_id, int) else ()


def _check_mass_content(body: Mapping[str, Any]) -> str:
    msgtype = body.get("msgtype")
    if not isinstance(msgtype, str) or msgtype not in MASS_FIELDS:
        raise ApiError(errors.INVALID_MSGTYPE, f"msgtype {msgtype!r}")
    key, field = MASS_FIELDS[msgtype]
    payload = need_obj(body, key, BAD)
    if not payload.get(field):
        raise ApiError(BAD, f"{key}.{field} missing")
    return msgtype


def mass_sendall(req: ApiRequest, state: MockState) -> Answer:
    if not state.limits.mass_send.hit("sendall", req.now):
        raise ApiError(errors.FREQ_LIMIT, "mass send is limited to 60 requests a minute")
    to_all, tag_id = _mass_filter(req.body, state)
    return _mass_job(req, state, {"is_to_all": to_all, "tag_id": tag_id})


def _openid_list(body: Mapping[str, Any], state: MockState) -> list[str]:
    """`touser` of 根据OpenID列表群发: 2 to 10,000 openids of followers."""
    touser = body.get("touser")
    if not isinstance(touser, list) or not all(isinstance(o, str) for o in touser):
        raise ApiError(BAD, "touser must be a list of openids")
    if not MIN_OPENIDS <= len(touser) <= MAX_OPENIDS:
        raise ApiError(errors.INVALID_OPENID_LIST_SIZE, f"{len(touser)} openids")
    unknown = [o for o in touser if not state.directory.knows_openid(o)]
    if unknown:
        raise ApiError(errors.INVALID_OPENID, f"not a follower: {unknown[0]}")
    return touser


def mass_send(req: ApiRequest, state: MockState) -> Answer:
    """`POST /cgi-bin/message/mass/send`: mass send to a list of openids (2–10,000)."""
    if not state.limits.mass_send.hit("sendall", req.now):
        raise ApiError(errors.FREQ_LIMIT, "mass send is limited to 60 requests a minute")
    openids = _openid_list(req.body, state)
    return _mass_job(req, state, {"openids": len(openids)})


def _list_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    touser = req.body.get("touser")
    return tuple(o for o in touser if isinstance(o, str)) if isinstance(touser, list) else ()


def _mass_job(req: ApiRequest, state: MockState, audience: dict[str, Any]) -> Answer:
    """What both mass sends share: the content check, clientmsgid de-dup and the job id."""
    msgtype = _check_mass_content(req.body)
    clientmsgid = opt_str(req.body, "clientmsgid", BAD)
    if len(clientmsgid) > MAX_CLIENTMSGID:
        raise ApiError(errors.CLIENTMSGID_TOO_LONG)
    if clientmsgid in state.mass.by_clientmsgid:
        raise ApiError(errors.CLIENTMSGID_EXISTS, msg_id=state.mass.by_clientmsgid[clientmsgid])
    msg_id = state.mass.next_msg_id()
    if clientmsgid:
        state.mass.by_clientmsgid[clientmsgid] = msg_id
    answer = {**errors.ok(msg_id=msg_id), "errmsg": "send job submission success"}
    if msgtype == "mpnews":
        answer["msg_data_id"] = 2_000_000_000 + msg_id % 1_000_000_000
    return Answer(answer, notes={"msgtype": msgtype, **audience})


ENDPOINTS = (
    Endpoint(
        "POST", "/cgi-bin/message/custom/send", "oa", custom_send, addressees=_custom_addressees
    ),
    Endpoint(
        "POST", "/cgi-bin/message/mass/sendall", "oa", mass_sendall, addressees=_mass_addressees
    ),
    Endpoint("POST", "/cgi-bin/message/mass/send", "oa", mass_send, addressees=_list_addressees),
)
