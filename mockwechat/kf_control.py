"""The 微信客服 part of the control API: play the customer, the servicer and the platform.

    POST /_mock/kf/enqueue   {"kind"?, "open_kfid"?, "external_userid"?, "send_time"?, ...}
         → {"token", "open_kfid", "msgids": [...], "welcome_code"?, "msg_code"?}
    GET  /_mock/kf/sessions?open_kfid=&external_userid=    {"sessions": [...]}
    POST /_mock/kf/sessions  {"open_kfid"?, "external_userid"?, "service_state", "servicer_userid"?}
    GET  /_mock/kf/sent?external_userid=&since=           {"sent": [...], "count": N}

`enqueue` appends to the log sync_msg reads and mints the `Token` of the kf_msg_or_event
callback that would announce it: the caller (the terminal chat, a test) sends that callback to
the bot, signed and encrypted. Kinds:
- `text` (default): {"text", "menu_id"?}; {"count": n, "users": m} appends n messages spread
  over m customers (`wmLoadKf…`), for paging tests. `image`: {"media_id"?}.
- `enter_session`: {"scene"?, "scene_param"?, "welcome"?: true} — with a welcome_code unless
  `welcome` is false (Tencent leaves it out when the admin set a welcome, or one went out in 48 h).
- `servicer_text`: {"servicer_userid", "text"}: a servicer writes in the WeCom client (origin 5);
  the session is theirs (state 3).
- `session_status_change`: {"change_type": 1 take from the queue | 2 transfer | 3 end |
  4 take back an ended session, "servicer_userid"?}: the servicer's move, applied to the
  session, with the msg_code Tencent sends for 1 and 3.
- `servicer_status_change`: {"servicer_userid", "status": 1 on duty | 2 off}.
- `msg_send_fail`: {"fail_msgid", "fail_type"}; `user_recall_msg`: {"recall_msgid"}.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from mockwechat.credentials import DEMO_KF_CUSTOMER
from mockwechat.kf_world import ENDED, HUMAN, KfWorld
from mockwechat.state import MOCK_STATE

Enqueue = Callable[[KfWorld, str, str, dict[str, Any], float], dict[str, Any]]
MAX_COUNT = 100_000


class ControlError(ValueError):
    pass


def _str(body: dict[str, Any], key: str, default: str = "") -> str:
    value = body.get(key, default)
    if not isinstance(value, str):
        raise ControlError(f"{key} must be a string")
    return value


def _int(body: dict[str, Any], key: str, default: int) -> int:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ControlError(f"{key} must be an integer")
    return value


def _text(world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float) -> dict[str, Any]:
    count, users = _int(body, "count", 1), _int(body, "users", 1)
    if not 1 <= count <= MAX_COUNT or not 1 <= users <= count:
        raise ControlError(f"count must be 1 to {MAX_COUNT}, users 1 to count")
    text, menu_id = _str(body, "text", "你好"), _str(body, "menu_id")
    content = {"content": text, **({"menu_id": menu_id} if menu_id else {})}
    if count == 1:
        return {"msgids": [world.customer_message(kfid, user, "text", content, now)]}
    msgids = []
    for n in range(count):
        customer = user if users == 1 else load_customer(n % users)
        numbered = {"content": f"{text} {n + 1}"}
        msgids.append(world.customer_message(kfid, customer, "text", numbered, now))
    return {"msgids": msgids}


def load_customer(i: int) -> str:
    return f"wmLoadKfCustomer{i:016d}"


def _image(
    world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float
) -> dict[str, Any]:
    media = {"media_id": _str(body, "media_id", "mockkfmedia0001")}
    return {"msgids": [world.customer_message(kfid, user, "image", media, now)]}


def _enter(
    world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float
) -> dict[str, Any]:
    world.session(kfid, user)  # the customer is known to the account from now on
    event: dict[str, Any] = {
        "event_type": "enter_session",
        "external_userid": user,
        "scene": _str(body, "scene"),
        "scene_param": _str(body, "scene_param"),
    }
    answer: dict[str, Any] = {}
    if body.get("welcome", True):
        ttl = world.settings.kf_welcome_code_ttl_s
        event["welcome_code"] = answer["welcome_code"] = world.issue_code(
            kfid, user, None, ttl, now
        )
    answer["msgids"] = [world.event(kfid, event, now)]
    return answer


def _servicer_text(
    world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float
) -> dict[str, Any]:
    servicer = _str(body, "servicer_userid") or next(iter(world.accounts[kfid].servicers), "")
    session = world.session(kfid, user)
    session.state, session.servicer = HUMAN, servicer
    item = {
        "open_kfid": kfid,
        "external_userid": user,
        "servicer_userid": servicer,
        "origin": 5,
        "msgtype": "text",
        "text": {"content": _str(body, "text", "您好，我是客服")},
    }
    return {"msgids": [world.append(kfid, now, item)]}


def _session_change(
    world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float
) -> dict[str, Any]:
    change = _int(body, "change_type", 1)
    if change not in (1, 2, 3, 4):
        raise ControlError("change_type must be 1, 2, 3 or 4")
    session = world.session(kfid, user)
    old = session.servicer
    new = _str(body, "servicer_userid") or next(iter(world.accounts[kfid].servicers), "")
    event: dict[str, Any] = {"event_type": "session_status_change", "external_userid": user}
    event["change_type"] = change
    if change in (2, 3):
        event["old_servicer_userid"] = old
    if change == 3:
        session.state, session.servicer = ENDED, ""
    else:
        session.state, session.servicer = HUMAN, new
        event["new_servicer_userid"] = new
    answer: dict[str, Any] = {}
    if change in (1, 3):
        s = world.settings
        ttl = s.kf_end_code_ttl_s if change == 3 else s.kf_session_code_ttl_s
        event["msg_code"] = answer["msg_code"] = world.issue_code(
            kfid, user, session.state, ttl, now
        )
    answer["msgids"] = [world.event(kfid, event, now)]
    return answer


def _duty(world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float) -> dict[str, Any]:
    servicer, status = _str(body, "servicer_userid"), _int(body, "status", 1)
    if not servicer or status not in (1, 2):
        raise ControlError("servicer_status_change needs servicer_userid and status 1 or 2")
    (world.off_duty.discard if status == 1 else world.off_duty.add)(servicer)
    event = {"event_type": "servicer_status_change", "servicer_userid": servicer, "status": status}
    return {"msgids": [world.event(kfid, event, now)]}


def _send_fail(
    world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float
) -> dict[str, Any]:
    event = {
        "event_type": "msg_send_fail",
        "external_userid": user,
        "fail_msgid": _str(body, "fail_msgid"),
        "fail_type": _int(body, "fail_type", 0),
    }
    return {"msgids": [world.event(kfid, event, now)]}


def _recall(
    world: KfWorld, kfid: str, user: str, body: dict[str, Any], now: float
) -> dict[str, Any]:
    event = {
        "event_type": "user_recall_msg",
        "external_userid": user,
        "recall_msgid": _str(body, "recall_msgid"),
    }
    return {"msgids": [world.event(kfid, event, now)]}


KINDS: dict[str, Enqueue] = {
    "text": _text,
    "image": _image,
    "enter_session": _enter,
    "servicer_text": _servicer_text,
    "session_status_change": _session_change,
    "servicer_status_change": _duty,
    "msg_send_fail": _send_fail,
    "user_recall_msg": _recall,
}


async def _body(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    try:
        data = json.loads(raw) if raw.strip() else {}
    except ValueError as exc:
        raise _bad(f"body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _bad("body must be a JSON object")
    return data


def _bad(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": message}), content_type="application/json")


def _json(data: dict[str, Any]) -> web.Response:
    return web.json_response(data, dumps=lambda d: json.dumps(d, ensure_ascii=False))


async def enqueue(request: web.Request) -> web.Response:
    state = request.app[MOCK_STATE]
    world = state.kf
    body = await _body(request)
    try:
        kind = _str(body, "kind", "text")
        kfid = _str(body, "open_kfid") or world.default_account()
        user = _str(body, "external_userid") or DEMO_KF_CUSTOMER
        send_time = body.get("send_time", state.clock())
        if kind not in KINDS:
            raise ControlError(f"kind must be one of {', '.join(KINDS)}")
        if kfid not in world.accounts:
            raise ControlError(f"open_kfid {kfid!r} is not an account of this mock")
        if isinstance(send_time, bool) or not isinstance(send_time, int | float):
            raise ControlError("send_time must be a number")
        answer = KINDS[kind](world, kfid, user, body, float(send_time))
    except ControlError as exc:
        raise _bad(str(exc)) from exc
    token = world.mint_callback_token(state.clock())
    return _json({"token": token, "open_kfid": kfid, **answer})


async def list_sessions(request: web.Request) -> web.Response:
    world = request.app[MOCK_STATE].kf
    kfid, user = request.query.get("open_kfid"), request.query.get("external_userid")
    sessions = [
        {"open_kfid": k, "external_userid": u, **s.to_json()}
        for (k, u), s in world.sessions.items()
        if (kfid is None or k == kfid) and (user is None or u == user)
    ]
    return _json({"sessions": sessions})


async def set_session(request: web.Request) -> web.Response:
    world = request.app[MOCK_STATE].kf
    body = await _body(request)
    try:
        kfid = _str(body, "open_kfid") or world.default_account()
        user = _str(body, "external_userid") or DEMO_KF_CUSTOMER
        target = _int(body, "service_state", -1)
        if not 0 <= target <= ENDED:
            raise ControlError("service_state must be 0 to 4")
    except ControlError as exc:
        raise _bad(str(exc)) from exc
    session = world.session(kfid, user)
    session.state = target
    session.servicer = _str(body, "servicer_userid") if target == HUMAN else ""
    return _json({"session": {"open_kfid": kfid, "external_userid": user, **session.to_json()}})


async def list_sent(request: web.Request) -> web.Response:
    world = request.app[MOCK_STATE].kf
    user = request.query.get("external_userid")
    since = request.query.get("since", "0")
    if not since.isdigit():
        raise _bad("since must be a non-negative integer")
    sent = [
        {"n": n, **item}
        for n, item in enumerate(world.sent, start=1)
        if n > int(since) and (user is None or item["to"] == user)
    ]
    return _json({"sent": sent, "count": len(world.sent)})


def add_kf_control_routes(app: web.Application) -> None:
    app.router.add_post("/_mock/kf/enqueue", enqueue)
    app.router.add_get("/_mock/kf/sessions", list_sessions)
    app.router.add_post("/_mock/kf/sessions", set_session)
    app.router.add_get("/_mock/kf/sent", list_sent)
