"""The `/_mock/*` control API: what tests, the demo and the terminal chat use to look inside.

None of these calls is recorded. Bodies are JSON; a bad body answers HTTP 400 `{"error": …}`.

    GET    /_mock/calls?path=&touser=&since=   {"calls": [call…], "last_seq": N}
    DELETE /_mock/calls                        {"cleared": n, "last_seq": N}
    GET    /_mock/faults                       {"faults": [fault…]}
    POST   /_mock/faults   {"path", "errcode"?, "errmsg"?, "http_status"?, "delay_s"?, "count"?}
                                               {"fault": fault}
    DELETE /_mock/faults                       {"cleared": n}
    GET    /_mock/tasks                        {"tasks": [task…]}
    POST   /_mock/confirm_tasks {"msgid"?, "userid"?}   {"confirmed": [{msgid, userid, targets}]}
    POST   /_mock/welcome_codes {"userid"?, "external_userid"?}
                                               {"welcome_code", "userid", "external_userid", "expires_in"}
    POST   /_mock/followers {"openid", "tag_ids"?: [int], "if_absent"?: bool}   {"follower": {...}}
    POST   /_mock/expire_tokens {"api"?: "oa"|"wecom"}      {"expired": n}
    GET    /_mock/data                         credentials and directory summary
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from mockwechat.data import Follower
from mockwechat.faults import FaultSpecError
from mockwechat.state import MOCK_STATE, MockState


def _bad_request(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": message}), content_type="application/json")


def _json_response(data: dict[str, Any]) -> web.Response:
    return web.json_response(data, dumps=lambda d: json.dumps(d, ensure_ascii=False))


async def _body(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise _bad_request(f"body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _bad_request("body must be a JSON object")
    return data


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _bad_request(f"{key} must be a string")
    return value or None


async def list_calls(request: web.Request) -> web.Response:
    state = request.app[MOCK_STATE]
    since = request.query.get("since", "0")
    if not since.isdigit():
        raise _bad_request("since must be a non-negative integer")
    calls = state.recorder.calls(
        path=request.query.get("path") or None,
        touser=request.query.get("touser") or None,
        since=int(since),
    )
    return _json_response(
        {"calls": [c.to_json() for c in calls], "last_seq": state.recorder.last_seq}
    )


async def clear_calls(request: web.Request) -> web.Response:
    recorder = request.app[MOCK_STATE].recorder
    return _json_response({"cleared": recorder.clear(), "last_seq": recorder.last_seq})


async def list_faults(request: web.Request) -> web.Response:
    faults = request.app[MOCK_STATE].faults.active()
    return _json_response({"faults": [f.to_json() for f in faults]})


async def add_fault(request: web.Request) -> web.Response:
    try:
        fault = request.app[MOCK_STATE].faults.add(await _body(request))
    except FaultSpecError as exc:
        raise _bad_request(str(exc)) from exc
    return _json_response({"fault": fault.to_json()})


async def clear_faults(request: web.Request) -> web.Response:
    return _json_response({"cleared": request.app[MOCK_STATE].faults.clear()})


async def list_tasks(request: web.Request) -> web.Response:
    tasks = request.app[MOCK_STATE].tasks.all()
    return _json_response({"tasks": [t.to_json() for t in tasks]})


async def confirm_tasks(request: web.Request) -> web.Response:
    """Play the staff member who taps 发送 on a pending group-message task."""
    state = request.app[MOCK_STATE]
    body = await _body(request)
    confirmed = state.tasks.confirm(
        _optional_str(body, "msgid"), _optional_str(body, "userid"), state.clock()
    )
    return _json_response({"confirmed": confirmed})


def _welcome_pair(state: MockState, body: dict[str, Any]) -> tuple[str, str]:
    """Default: the first bot staff member (else any) and their first customer."""
    d = state.directory
    userid = _optional_str(body, "userid") or next(iter(state.data.bot_staff_ids or d.staff), "")
    external = _optional_str(body, "external_userid")
    if external is None:
        contacts = d.contacts_of(userid)
        external = contacts[0] if contacts else ""
    if not userid or not external:
        raise _bad_request("give userid and external_userid (no defaults in this directory)")
    return userid, external


async def issue_welcome_code(request: web.Request) -> web.Response:
    """Stand in for an add_external_contact event: mint the WelcomeCode it would carry."""
    state = request.app[MOCK_STATE]
    userid, external = _welcome_pair(state, await _body(request))
    code = state.welcome.issue(userid, external, state.clock())
    return _json_response(
        {
            "welcome_code": code.code,
            "userid": userid,
            "external_userid": external,
            "expires_in": state.settings.welcome_code_ttl_s,
        }
    )


async def add_follower(request: web.Request) -> web.Response:
    body = await _body(request)
    openid = _optional_str(body, "openid")
    tag_ids = body.get("tag_ids", [])
    if openid is None:
        raise _bad_request("openid is required")
    if not isinstance(tag_ids, list) or not all(isinstance(t, int) for t in tag_ids):
        raise _bad_request("tag_ids must be a list of integers")
    state = request.app[MOCK_STATE]
    known = state.directory.followers.get(openid)
    if known is not None and body.get("if_absent") is True:  # a chat joining keeps the seed's tags
        return _json_response({"follower": {"openid": openid, "tag_ids": list(known.tag_ids)}})
    follower = Follower(openid, tag_ids=tuple(tag_ids))
    state.directory.add_follower(follower)
    return _json_response({"follower": {"openid": openid, "tag_ids": tag_ids}})


async def expire_tokens(request: web.Request) -> web.Response:
    state = request.app[MOCK_STATE]
    api = (await _body(request)).get("api")
    if api not in (None, "oa", "wecom"):
        raise _bad_request('api must be "oa" or "wecom"')
    return _json_response({"expired": state.tokens.expire_all(state.clock(), api)})


async def data_summary(request: web.Request) -> web.Response:
    state = request.app[MOCK_STATE]
    data, d = state.data, state.directory
    return _json_response(
        {
            "oa": {"app_id": data.oa_app_id, "app_secret": data.oa_app_secret},
            "wecom": {
                "corp_id": data.wecom_corp_id,
                "agents": {str(a): s for a, s in data.wecom_agents.items()},
                "contact_secret": data.wecom_contact_secret,
                "bot_staff": list(data.bot_staff_ids),
            },
            "staff": [{"userid": s.userid, "name": s.name} for s in d.staff.values()],
            "groups": [
                {"chat_id": g.chat_id, "name": g.name, "owner": g.owner}
                for g in list(d.groups.values())[:50]
            ],
            "group_count": len(d.groups),
            "follower_count": len(d.followers),
            "sample_followers": d.follower_order[:5],
            "oa_tags": [{"id": t.id, "name": t.name} for t in d.oa_tags.values()],
            "robots": [{"key": r.key, "name": r.name} for r in d.robots.values()],
        }
    )


def add_control_routes(app: web.Application) -> None:
    app.router.add_get("/_mock/calls", list_calls)
    app.router.add_delete("/_mock/calls", clear_calls)
    app.router.add_get("/_mock/faults", list_faults)
    app.router.add_post("/_mock/faults", add_fault)
    app.router.add_delete("/_mock/faults", clear_faults)
    app.router.add_get("/_mock/tasks", list_tasks)
    app.router.add_post("/_mock/confirm_tasks", confirm_tasks)
    app.router.add_post("/_mock/welcome_codes", issue_welcome_code)
    app.router.add_post("/_mock/followers", add_follower)
    app.router.add_post("/_mock/expire_tokens", expire_tokens)
    app.router.add_get("/_mock/data", data_summary)
