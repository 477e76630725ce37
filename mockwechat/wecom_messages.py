"""WeCom sending endpoints for staff and their group robots (qyapi.weixin.qq.com).

- 发送应用消息 (`POST /cgi-bin/message/send`, path 90236): to staff by `touser` "a|b" (or
  `@all`); unknown ids come back in `invaliduser`, 81013 when nobody is valid. Per member
  30 messages a minute and 1000 an hour: the excess is dropped *silently* (errcode 0), as
  Tencent does; the record notes whom it dropped.
- 群机器人 (`POST /cgi-bin/webhook/send?key=KEY`, path 91770): the key is the credential
  (no access_token); 20 messages a minute per robot, 45009 beyond.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockwechat import errors
from mockwechat.endpoints import Answer, ApiRequest, Endpoint, opt_int, opt_str
from mockwechat.errors import ApiError
from mockwechat.ratelimit import hit_all
from mockwechat.wecom_content import APP, WEBHOOK, check_content

if TYPE_CHECKING:
    from mockwechat.state import MockState

BAD = errors.INVALID_PARAMETER
MAX_TOUSER = 1000


def _split(value: object) -> list[str]:
    return [v for v in value.split("|") if v] if isinstance(value, str) else []


def _touser(req: ApiRequest, state: MockState) -> list[str]:
    users = _split(req.body.get("touser"))
    return list(state.directory.staff) if users == ["@all"] else users


def _check_agent(req: ApiRequest, state: MockState) -> int:
    agentid = opt_int(req.body, "agentid", errors.INVALID_AGENTID, -1)
    if agentid < 0:
        raise ApiError(errors.MISSING_AGENTID)
    if agentid not in state.data.wecom_agents:
        raise ApiError(errors.INVALID_AGENTID)
    if req.token is None or req.token.agent_id != agentid:
        raise ApiError(errors.NO_PERMISSION, "access_token was not issued for this agentid")
    return agentid


def _invalid_parties(parties: list[str], state: MockState) -> list[str]:
    known = {str(d) for s in state.directory.staff.values() for d in s.department}
    return [p for p in parties if state.directory.staff and p not in known]


def message_send(req: ApiRequest, state: MockState) -> Answer:
    _check_agent(req, state)
    _, notes = check_content(req.body, APP)
    users = _touser(req, state)
    if len(users) > MAX_TOUSER:
        raise ApiError(BAD, f"touser exceed max size {MAX_TOUSER}")
    parties, tags = _split(req.body.get("toparty")), _split(req.body.get("totag"))
    invalid = [u for u in users if not state.directory.knows_staff(u)]
    valid = [u for u in users if u not in invalid]
    bad_parties = _invalid_parties(parties, state)
    result = {
        "invaliduser": "|".join(invalid),
        "invalidparty": "|".join(bad_parties),
        "invalidtag": "|".join(tags),  # the mock has no address-book tags
    }
    if not valid and len(bad_parties) == len(parties):
        raise ApiError(errors.ALL_RECEIVERS_INVALID, **result)
    dropped = [u for u in valid if not hit_all(state.limits.app_msg, u, req.now)]
    if dropped:
        notes["dropped"] = dropped
    msgid = f"mockmsg{state.next_id():010d}"
    return Answer(errors.ok(**result, unlicenseduser="", msgid=msgid), notes=notes)


def _message_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    return tuple(_touser(req, state))


def webhook_send(req: ApiRequest, state: MockState) -> Answer:
    key = opt_str(req.query, "key", errors.INVALID_WEBHOOK_KEY)
    if not key or (state.directory.robots and key not in state.directory.robots):
        raise ApiError(errors.INVALID_WEBHOOK_KEY)
    if not state.limits.webhook.hit(key, req.now):
        raise ApiError(errors.FREQ_LIMIT, "a robot sends at most 20 messages a minute")
    _, notes = check_content(req.body, WEBHOOK)
    return Answer(errors.ok(), notes=notes)


def _webhook_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    key = req.query.get("key")
    return (key,) if key else ()


ENDPOINTS = (
    Endpoint(
        "POST", "/cgi-bin/message/send", "wecom", message_send, addressees=_message_addressees
    ),
    Endpoint(
        "POST",
        "/cgi-bin/webhook/send",
        "wecom",
        webhook_send,
        needs_token=False,
        addressees=_webhook_addressees,
    ),
)
