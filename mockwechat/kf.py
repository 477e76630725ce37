"""微信客服 endpoints (qyapi.weixin.qq.com/cgi-bin/kf/…), on the state of kf_world.py.

- 读取消息 `POST kf/sync_msg` (path 94670): {cursor, token, limit ≤ 1000, open_kfid}. The token
  is a callback's (10 min; 95007 once stale); without one, at most
  `kf_tokenless_pulls_per_min` pulls a minute per account (45009). A cursor of another account
  or one the mock never issued is 40058. Answers {next_cursor, has_more, msg_list}.
- 发送消息 `POST kf/send_msg` (path 94677): text ≤ 2048 bytes, image/voice/video/file media_id,
  link (title, url, thumb_media_id), miniprogram, msgmenu (head/tail ≤ 1024 bytes, ≤ 10 items:
  click id 1–64 bytes and content 1–128 bytes, view, miniprogram, text), location. Only while
  the session is 0 or 1 (else 95018), within 48 h of the customer's last message (else 95002),
  at most 5 since it (else 95001). A given msgid must be new in the account (else 40058).
- 发送事件响应消息 `POST kf/send_msg_on_event` (path 95122): text or msgmenu with a code
  (40058 when unknown, used, expired, or the session left the code's state).
- 获取/变更会话状态 `POST kf/service_state/get|trans` (path 94669): trans follows the state
  table (95016 otherwise); state 3 needs a servicer of the account who is on duty (95014);
  a change to 2, 3 or 4 answers a msg_code.
- 获取客服账号列表 `POST kf/account/list` {offset, limit ≤ 100}; 获取客户基础信息
  `POST kf/customer/batchget` {external_userid_list ≤ 100}.
kf/* takes a token fetched with the 微信客服 secret or an app's secret (the app in 可调用接口的
应用); the customer-contact secret's token gets 48002.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.endpoints import (
    Addressees,
    Answer,
    ApiRequest,
    Endpoint,
    Handler,
    need_obj,
    need_str,
    opt_int,
    opt_str,
    utf8_len,
)
from mockwechat.errors import ApiError
from mockwechat.kf_world import BOT, ENDED, HUMAN, NEW, QUEUED, TRANSITIONS, KfWorld

if TYPE_CHECKING:
    from mockwechat.state import MockState

BAD = errors.INVALID_PARAMETER
MAX_LIMIT = 1000
MSGID = re.compile(r"[0-9a-zA-Z_-]{1,32}")
MENU_ITEMS = 10
MEDIA_TYPES = ("image", "voice", "video", "file")


def _world(req: ApiRequest, state: MockState) -> KfWorld:
    if req.token is None or (req.token.agent_id is None and not req.token.kf):
        raise ApiError(errors.API_FORBIDDEN, "kf/* needs the 微信客服 secret's or an app's token")
    return state.kf


def _account(world: KfWorld, body: Mapping[str, Any]) -> str:
    open_kfid = opt_str(body, "open_kfid", errors.KF_INVALID_OPEN_KFID)
    if not open_kfid:
        raise ApiError(errors.KF_INVALID_OPEN_KFID, "open_kfid missing")
    if open_kfid not in world.accounts:
        raise ApiError(errors.KF_OPEN_KFID_NOT_EXIST)
    return open_kfid


def _customer(world: KfWorld, open_kfid: str, body: Mapping[str, Any], key: str) -> str:
    customer = need_str(body, key, errors.INVALID_EXTERNAL_USERID)
    if not world.knows_customer(open_kfid, customer):
        raise ApiError(errors.INVALID_EXTERNAL_USERID, f"{key} never wrote to this account")
    return customer


# ------------------------------------------------------------------------ sync_msg


def sync_msg(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    body = req.body
    open_kfid = opt_str(body, "open_kfid", BAD) or "*"
    if open_kfid != "*" and open_kfid not in world.accounts:
        raise ApiError(errors.KF_OPEN_KFID_NOT_EXIST)
    limit = opt_int(body, "limit", BAD, MAX_LIMIT) or MAX_LIMIT
    if not 0 < limit <= MAX_LIMIT:
        raise ApiError(BAD, f"limit must be 1 to {MAX_LIMIT}")
    _check_pull_token(world, opt_str(body, "token", BAD), open_kfid, req.now)
    cursor = opt_str(body, "cursor", BAD)
    start = world.position(open_kfid, cursor) if cursor else 0
    if start is None:
        raise ApiError(BAD, "cursor was not issued for this open_kfid")
    items, end, more = world.page(open_kfid, start, limit, req.now)
    answer = errors.ok(next_cursor=world.cursor(open_kfid, end), has_more=int(more), msg_list=items)
    return Answer(answer, notes={"returned": len(items), "from": start, "to": end})


def _check_pull_token(world: KfWorld, token: str, open_kfid: str, now: float) -> None:
    if token:
        if not world.callback_token_ok(token, now):
            raise ApiError(errors.KF_INVALID_MSG_TOKEN, "the callback Token is unknown or stale")
        return
    if not world.tokenless.hit(open_kfid, now):
        raise ApiError(errors.FREQ_LIMIT, "sync_msg without a callback token is rate-limited")


# ------------------------------------------------------------------------ sending


def send_msg(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    open_kfid = _account(world, req.body)
    customer = _customer(world, open_kfid, req.body, "touser")
    msgid = _msgid(world, open_kfid, req.body)
    msgtype = _content(req.body, allowed=None)
    session = world.session(open_kfid, customer)
    if session.state not in (NEW, BOT):  # 0 new or 1 bot: nobody else has the session
        raise ApiError(errors.KF_SESSION_STATE, f"session state is {session.state}")
    last = session.last_customer_at
    if last is None or req.now - last > world.settings.kf_window_s:
        raise ApiError(errors.KF_SEND_TIME_LIMIT, "48 hours passed since the customer wrote")
    if session.sends >= world.settings.kf_sends_per_customer_message:
        raise ApiError(errors.KF_SEND_COUNT_LIMIT, "5 messages since the customer wrote")
    session.sends += 1
    world.used_msgids.setdefault(open_kfid, set()).add(msgid)
    world.sent.append({"api": "send_msg", "to": customer, "open_kfid": open_kfid, **req.body})
    return Answer(errors.ok(msgid=msgid), notes={"msgtype": msgtype, "sends": session.sends})


def send_msg_on_event(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    code_value = need_str(req.body, "code", BAD)
    code = world.codes.get(code_value)
    if code is None or code.used:
        raise ApiError(BAD, "code unknown or already used")
    if req.now >= code.expires_at:
        raise ApiError(BAD, "code expired")
    session = world.session(code.open_kfid, code.customer)
    if code.state is not None and session.state != code.state:
        raise ApiError(BAD, "the session left the state this code was issued for")
    msgid = _msgid(world, code.open_kfid, req.body)
    msgtype = _content(req.body, allowed=("text", "msgmenu"))
    code.used = True
    world.used_msgids.setdefault(code.open_kfid, set()).add(msgid)
    sent = {"api": "send_msg_on_event", "to": code.customer, "open_kfid": code.open_kfid}
    world.sent.append({**sent, **req.body})
    return Answer(errors.ok(msgid=msgid), notes={"msgtype": msgtype, "to": code.customer})


def _msgid(world: KfWorld, open_kfid: str, body: Mapping[str, Any]) -> str:
    msgid = opt_str(body, "msgid", BAD)
    if not msgid:
        return world.next_id("mockkfsent")
    if not MSGID.fullmatch(msgid):
        raise ApiError(BAD, "msgid must be 1-32 of [0-9a-zA-Z_-]")
    if msgid in world.used_msgids.get(open_kfid, set()):
        raise ApiError(BAD, "msgid already used in this account")
    return msgid


def _content(body: Mapping[str, Any], allowed: tuple[str, ...] | None) -> str:
    msgtype = need_str(body, "msgtype", errors.INVALID_MSGTYPE)
    check = _CHECKS.get(msgtype)
    if check is None or (allowed is not None and msgtype not in allowed):
        raise ApiError(errors.INVALID_MSGTYPE, f"msgtype {msgtype!r} is not sent here")
    check(need_obj(body, msgtype, BAD))
    return msgtype


def _text(content: Mapping[str, Any]) -> None:
    text = need_str(content, "content", errors.EMPTY_CONTENT)
    if utf8_len(text) > 2048:
        raise ApiError(BAD, "text.content exceeds 2048 bytes")


def _media(content: Mapping[str, Any]) -> None:
    need_str(content, "media_id", errors.INVALID_PARAMETER)


def _link(content: Mapping[str, Any]) -> None:
    for key in ("title", "url", "thumb_media_id"):
        need_str(content, key, BAD)


def _miniprogram(content: Mapping[str, Any]) -> None:
    for key in ("appid", "thumb_media_id", "pagepath"):
        need_str(content, key, BAD)


def _location(content: Mapping[str, Any]) -> None:
    for key in ("latitude", "longitude"):
        if not isinstance(content.get(key), int | float):
            raise ApiError(BAD, f"location.{key} must be a number")


def _bytes_at_most(content: Mapping[str, Any], key: str, most: int) -> None:
    value = opt_str(content, key, BAD)
    if utf8_len(value) > most:
        raise ApiError(BAD, f"{key} exceeds {most} bytes")


def _menu(content: Mapping[str, Any]) -> None:
    _bytes_at_most(content, "head_content", 1024)
    _bytes_at_most(content, "tail_content", 1024)
    items = content.get("list", [])
    if not isinstance(items, list) or len(items) > MENU_ITEMS:
        raise ApiError(BAD, f"msgmenu.list must be a list of at most {MENU_ITEMS} items")
    if not items and not content.get("head_content"):
        raise ApiError(errors.EMPTY_CONTENT, "msgmenu has neither head_content nor items")
    for item in items:
        _menu_item(item)


def _menu_item(item: Any) -> None:
    kind = item.get("type") if isinstance(item, dict) else None
    detail = item.get(kind) if isinstance(item, dict) and isinstance(kind, str) else None
    if not isinstance(detail, dict):
        raise ApiError(BAD, "a msgmenu item needs a type and its object")
    label = need_str(detail, "content", BAD)
    if kind == "click":
        item_id = need_str(detail, "id", BAD)
        if utf8_len(item_id) > 64 or utf8_len(label) > 128:
            raise ApiError(BAD, "click id ≤ 64 bytes, content ≤ 128 bytes")
    elif kind == "view":
        need_str(detail, "url", BAD)
    elif kind == "miniprogram":
        need_str(detail, "appid", BAD)
        need_str(detail, "pagepath", BAD)
    elif kind != "text":
        raise ApiError(BAD, f"unknown msgmenu item type {kind!r}")
    if utf8_len(label) > 1024:
        raise ApiError(BAD, "item content exceeds 1024 bytes")


_CHECKS = {
    "text": _text,
    **dict.fromkeys(MEDIA_TYPES, _media),
    "link": _link,
    "miniprogram": _miniprogram,
    "msgmenu": _menu,
    "location": _location,
}


def _send_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    touser = req.body.get("touser")
    return (touser,) if isinstance(touser, str) and touser else ()


def _event_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    code = state.kf.codes.get(str(req.body.get("code", "")))
    return (code.customer,) if code is not None else ()


# ------------------------------------------------------------------------ session state


def state_get(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    open_kfid = _account(world, req.body)
    session = world.session(open_kfid, _customer(world, open_kfid, req.body, "external_userid"))
    servicer = session.servicer if session.state == HUMAN else ""
    return Answer(errors.ok(service_state=session.state, servicer_userid=servicer))


def state_trans(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    open_kfid = _account(world, req.body)
    customer = _customer(world, open_kfid, req.body, "external_userid")
    target = opt_int(req.body, "service_state", BAD, -1)
    session = world.session(open_kfid, customer)
    if target not in TRANSITIONS or target not in TRANSITIONS[session.state]:
        raise ApiError(errors.KF_INVALID_TRANSITION, f"{session.state} → {target}")
    servicer = opt_str(req.body, "servicer_userid", BAD)
    if target == HUMAN:
        account = world.accounts[open_kfid]
        if servicer not in account.servicers or servicer in world.off_duty:
            raise ApiError(errors.KF_NOT_SERVICER, "servicer_userid is no servicer on duty")
    session.state, session.servicer = target, servicer if target == HUMAN else ""
    answer = errors.ok()
    if target in (QUEUED, HUMAN, ENDED):
        s = world.settings
        ttl = s.kf_end_code_ttl_s if target == ENDED else s.kf_session_code_ttl_s
        answer["msg_code"] = world.issue_code(open_kfid, customer, target, ttl, req.now)
    return Answer(answer, notes={"state": target, "servicer": session.servicer})


# ------------------------------------------------------------------------ accounts, customers


def account_list(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    offset = opt_int(req.body, "offset", BAD, 0)
    limit = opt_int(req.body, "limit", BAD, 100)
    if offset < 0 or not 1 <= limit <= 100:
        raise ApiError(BAD, "offset ≥ 0, limit 1 to 100")
    accounts = list(world.accounts.values())[offset : offset + limit]
    listed = [
        {"open_kfid": a.open_kfid, "name": a.name, "avatar": "", "manage_privilege": True}
        for a in accounts
    ]
    return Answer(errors.ok(account_list=listed))


def customer_batchget(req: ApiRequest, state: MockState) -> Answer:
    world = _world(req, state)
    ids = req.body.get("external_userid_list")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise ApiError(BAD, "external_userid_list must be a non-empty list of strings")
    if len(ids) > 100:
        raise ApiError(BAD, "at most 100 external_userid a call")
    known = {customer for (_, customer) in world.sessions}
    found = [i for i in ids if i in known]
    customers = [
        {"external_userid": i, "nickname": f"微信用户{i[-4:]}", "avatar": "", "gender": 0}
        for i in found
    ]
    invalid = [i for i in ids if i not in known]
    return Answer(errors.ok(customer_list=customers, invalid_external_userid=invalid))


def _post(path: str, handler: Handler, addressees: Addressees | None = None) -> Endpoint:
    return Endpoint("POST", f"/cgi-bin/kf/{path}", "wecom", handler, addressees=addressees)


ENDPOINTS = (
    _post("sync_msg", sync_msg),
    _post("send_msg", send_msg, _send_addressees),
    _post("send_msg_on_event", send_msg_on_event, _event_addressees),
    _post("service_state/get", state_get),
    _post("service_state/trans", state_trans),
    _post("account/list", account_list),
    _post("customer/batchget", customer_batchget),
)
