"""From one HTTP call to one answer: the order in which Tencent's checks apply.

1. Unknown path → HTTP 404 with a JSON error naming the path (recorded, so a missing
   emulation shows up in /_mock/calls instead of as a silent hang).
2. An injected errcode / HTTP fault answers before anything else.
3. Wrong method → 43001 / 43002.
4. The token: 41001 missing, 40014 unknown (or the other platform's), 40001 superseded,
   42001 expired.
5. The body: 44002 empty, 47001 not a JSON object.
6. The endpoint's own checks and answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mockwechat import (
    account_reads,
    errors,
    kf,
    media,
    oa_messages,
    oa_users,
    tokens,
    wecom_contacts,
    wecom_groupmsg,
    wecom_messages,
)
from mockwechat.endpoints import ApiRequest, Endpoint
from mockwechat.errors import ApiError
from mockwechat.faults import Fault
from mockwechat.state import MockState
from mockwechat.tokens import AccessToken

ALL_ENDPOINTS: tuple[Endpoint, ...] = (
    *tokens.ENDPOINTS,
    *oa_messages.ENDPOINTS,
    *oa_users.ENDPOINTS,
    *wecom_messages.ENDPOINTS,
    *wecom_contacts.ENDPOINTS,
    *wecom_groupmsg.ENDPOINTS,
    *kf.ENDPOINTS,
    *account_reads.ENDPOINTS,
    *media.ENDPOINTS,
)


def route_table(endpoints: Iterable[Endpoint]) -> dict[str, tuple[Endpoint, ...]]:
    table: dict[str, tuple[Endpoint, ...]] = {}
    for endpoint in endpoints:
        table[endpoint.path] = (*table.get(endpoint.path, ()), endpoint)
    return table


ROUTES = route_table(ALL_ENDPOINTS)


@dataclass(frozen=True, slots=True)
class Call:
    method: str
    path: str
    query: Mapping[str, str]
    body: Any  # parsed JSON, raw text if not JSON, None if empty
    now: float


@dataclass(slots=True)
class Outcome:
    api: str
    status: int = 200
    answer: dict[str, Any] = field(default_factory=dict)
    text: str | None = None  # a non-JSON answer (an injected HTTP error)
    binary: bytes | None = None  # a file (media/get)
    recipients: tuple[str, ...] = ()
    notes: dict[str, Any] = field(default_factory=dict)


def parse_body(raw: bytes) -> Any:
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:  # includes UnicodeDecodeError
        return raw.decode("utf-8", "replace")


def _platform(endpoints: tuple[Endpoint, ...]) -> str:
    apis = {e.api for e in endpoints}
    return apis.pop() if len(apis) == 1 else "unknown"


def _faulted(outcome: Outcome, fault: Fault) -> Outcome:
    outcome.notes["fault"] = fault.id
    answer = fault.answer()
    if fault.http_status is not None:
        outcome.status = fault.http_status
        if answer is None:
            outcome.text = f"mock fault: HTTP {fault.http_status}"
    outcome.answer = answer or {"http_status": fault.http_status}
    return outcome


def _select(
    state: MockState, endpoints: tuple[Endpoint, ...], call: Call
) -> tuple[Endpoint, AccessToken | None]:
    same = [e for e in endpoints if e.method == call.method]
    if not same:
        raise ApiError(errors.REQUIRE_POST if endpoints[0].method == "POST" else errors.REQUIRE_GET)
    if not same[0].needs_token:
        return same[0], None
    token = state.tokens.check(call.query.get("access_token"), call.now)
    for endpoint in same:
        if endpoint.api == token.api:
            return endpoint, token
    raise ApiError(errors.INVALID_TOKEN)


def _body_object(call: Call) -> dict[str, Any]:
    if call.method != "POST":
        return {}
    if call.body is None:
        raise ApiError(errors.EMPTY_POST_DATA)
    if not isinstance(call.body, dict):
        raise ApiError(errors.DATA_FORMAT, "the body is not a JSON object")
    return call.body


def _addressees_of_refused(
    state: MockState, endpoints: tuple[Endpoint, ...], call: Call
) -> tuple[str, ...]:
    """Whom a faulted call was for, read from its body: a refused send is still "for" them."""
    endpoint = next((e for e in endpoints if e.method == call.method), None)
    if endpoint is None or endpoint.addressees is None or not isinstance(call.body, dict):
        return ()
    req = ApiRequest(call.method, call.path, call.query, call.body, None, call.now)
    try:
        return endpoint.addressees(req, state)
    except (ApiError, KeyError, TypeError, ValueError):
        return ()


def answer_call(state: MockState, call: Call, fault: Fault | None) -> Outcome:
    endpoints = ROUTES.get(call.path)
    if not endpoints:
        hint = f"the mock does not emulate {call.method} {call.path}"
        return Outcome("unknown", 404, errors.error_body(errors.NOT_IMPLEMENTED, hint))
    outcome = Outcome(_platform(endpoints))
    if fault is not None and (fault.errcode is not None or fault.http_status is not None):
        outcome.recipients = _addressees_of_refused(state, endpoints, call)
        return _faulted(outcome, fault)
    try:
        endpoint, token = _select(state, endpoints, call)
        outcome.api = endpoint.api
        req = ApiRequest(call.method, call.path, call.query, _body_object(call), token, call.now)
        if endpoint.addressees is not None:
            outcome.recipients = endpoint.addressees(req, state)
        answer = endpoint.handler(req, state)
        outcome.answer, outcome.notes, outcome.binary = answer.body, answer.notes, answer.binary
    except ApiError as exc:
        outcome.answer = exc.body()
    if fault is not None:
        outcome.notes["fault"] = fault.id
    return outcome
