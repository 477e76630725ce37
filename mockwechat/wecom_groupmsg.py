"""WeCom messages to customers: group-message tasks and welcome messages.

No API posts straight into a customer group (PLATFORM.md): `add_msg_template` makes a task a
staff member confirms in the WeCom client. The mock keeps tasks pending until
`POST /_mock/confirm_tasks` (tasks.py).

- 创建企业群发 (`POST /cgi-bin/externalcontact/add_msg_template`, path 92135): chat_type
  single (external_userid, ≤ 10000) or group (chat_id_list, ≤ 2000; `sender` required);
  more ids answer 40058. Ids the sender cannot reach (unknown, not their customer, not their
  group) go to `fail_list`. Text ≤ 4000 bytes, ≤ 9 attachments, not both empty.
  With chat_type single and no sender, each customer goes to the first staff member who
  added them. The monthly per-customer cap is not enforced.
- 获取群发成员发送任务列表 (`POST …/get_groupmsg_task`, path 93338): one entry per sender.
- 发送新客户欢迎语 (`POST /cgi-bin/externalcontact/send_welcome_msg`, path 92137): a code is
  good once (41051 after) and for 20 s (41096 after, and for a code never issued). Codes come
  from add_external_contact events; here from `POST /_mock/welcome_codes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mockwechat import errors
from mockwechat.endpoints import (
    Answer,
    ApiRequest,
    Endpoint,
    need_str,
    opt_int,
    opt_str,
    page,
    str_list,
    utf8_len,
)
from mockwechat.errors import ApiError
from mockwechat.tasks import ChatType

if TYPE_CHECKING:
    from mockwechat.state import MockState

BAD = errors.INVALID_PARAMETER
MAX_TEXT_BYTES = 4000
MAX_ATTACHMENTS = 9
ATTACHMENT_TYPES = frozenset({"image", "link", "miniprogram", "video", "file"})
MAX_TASK_PAGE = 1000


def check_template_content(body: Mapping[str, Any]) -> dict[str, Any]:
    """text and/or attachments, as add_msg_template and send_welcome_msg take them."""
    text = body.get("text") or {}
    content = text.get("content", "") if isinstance(text, dict) else None
    if not isinstance(content, str):
        raise ApiError(BAD, "text.content must be a string")
    if utf8_len(content) > MAX_TEXT_BYTES:
        raise ApiError(BAD, f"text.content exceed max length {MAX_TEXT_BYTES}")
    attachments = body.get("attachments") or []
    if not isinstance(attachments, list) or len(attachments) > MAX_ATTACHMENTS:
        raise ApiError(BAD, f"attachments: a list of at most {MAX_ATTACHMENTS}")
    for item in attachments:
        msgtype = item.get("msgtype") if isinstance(item, dict) else None
        if msgtype not in ATTACHMENT_TYPES or not isinstance(item.get(msgtype), dict):
            raise ApiError(BAD, f"attachment msgtype {msgtype!r} or its object")
    if not content and not attachments:
        raise ApiError(BAD, "text and attachments are both empty")
    return {"text": content, "attachments": attachments}


def _chat_type(body: Mapping[str, Any]) -> ChatType:
    chat_type = body.get("chat_type", "single")
    if chat_type == "single":
        return "single"
    if chat_type == "group":
        return "group"
    raise ApiError(BAD, "chat_type must be single or group")


def _requested(body: Mapping[str, Any], state: MockState) -> tuple[ChatType, str, list[str]]:
    """chat_type, sender and the ids asked for (all of the sender's, if none are listed)."""
    chat_type = _chat_type(body)
    sender = opt_str(body, "sender", BAD)
    d = state.directory
    if chat_type == "group":
        ids = str_list(body, "chat_id_list", BAD)
        if not ids and sender:
            ids = [c for c in d.group_order if d.groups[c].owner == sender]
    else:
        ids = str_list(body, "external_userid", BAD)
        if not ids and sender:
            ids = d.contacts_of(sender)
    return chat_type, sender, ids


def _check_limits(chat_type: ChatType, sender: str, ids: list[str], state: MockState) -> None:
    s = state.settings
    limit = s.max_chat_ids if chat_type == "group" else s.max_external_userids
    if len(ids) > limit:
        field = "chat_id_list" if chat_type == "group" else "external_userid"
        raise ApiError(BAD, f"{field} exceed max size {limit}")
    if chat_type == "group" and not sender:
        raise ApiError(BAD, "sender is required when chat_type is group")
    if sender and not state.directory.knows_staff(sender):
        raise ApiError(errors.USER_NOT_FOUND, "sender")
    if not ids and not sender:
        raise ApiError(BAD, "external_userid and sender are both empty")


def _assign(
    chat_type: ChatType, sender: str, ids: list[str], state: MockState
) -> tuple[dict[str, list[str]], list[str]]:
    """Split the ids into each sender's targets and the fail_list."""
    by_sender: dict[str, list[str]] = {}
    fail: list[str] = []
    for target in ids:
        owner = _owner(chat_type, sender, target, state)
        if owner is None:
            fail.append(target)
        else:
            by_sender.setdefault(owner, []).append(target)
    return by_sender, fail


def _owner(chat_type: ChatType, sender: str, target: str, state: MockState) -> str | None:
    if chat_type == "group":
        group = state.directory.groups.get(target)
        return sender if group is not None and group.owner == sender else None
    contact = state.directory.contacts.get(target)
    if contact is None or not contact.follow_users:
        return None
    if not sender:
        return contact.follow_users[0]
    return sender if sender in contact.follow_users else None


def add_msg_template(req: ApiRequest, state: MockState) -> Answer:
    chat_type, sender, ids = _requested(req.body, state)
    _check_limits(chat_type, sender, ids, state)
    content = check_template_content(req.body)
    by_sender, fail = _assign(chat_type, sender, ids, state)
    task = state.tasks.create(chat_type, by_sender, fail, content, req.now)
    notes = {"chat_type": chat_type, "targets": len(ids) - len(fail)}
    return Answer(errors.ok(fail_list=fail, msgid=task.msgid), notes=notes)


def _template_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    try:
        _, sender, ids = _requested(req.body, state)
    except ApiError:
        return ()
    return (*ids, sender) if sender else tuple(ids)


def _limit(body: Mapping[str, Any]) -> int:
    limit = opt_int(body, "limit", BAD, 500)
    if not 1 <= limit <= MAX_TASK_PAGE:
        raise ApiError(BAD, f"limit must be 1-{MAX_TASK_PAGE}")
    return limit


def get_groupmsg_task(req: ApiRequest, state: MockState) -> Answer:
    task = state.tasks.get(need_str(req.body, "msgid", BAD))
    if task is None:
        raise ApiError(BAD, "invalid msgid")
    userids, next_cursor = page(
        list(task.senders), opt_str(req.body, "cursor", BAD), _limit(req.body)
    )
    entries = []
    for userid in userids:
        part = task.senders[userid]
        entry: dict[str, Any] = {"userid": userid, "status": part.status}
        if part.sent_at is not None:
            entry["send_time"] = int(part.sent_at)
        entries.append(entry)
    return Answer(errors.ok(next_cursor=next_cursor, task_list=entries))


def send_welcome_msg(req: ApiRequest, state: MockState) -> Answer:
    code = state.welcome.get(need_str(req.body, "welcome_code", BAD))
    if code is None:
        raise ApiError(errors.WELCOME_CODE_INVALID)
    if code.used:
        raise ApiError(errors.WELCOME_ALREADY_SENT)
    if req.now - code.issued_at > state.settings.welcome_code_ttl_s:
        raise ApiError(errors.WELCOME_CODE_INVALID, "welcome_code expired (20 s)")
    content = check_template_content(req.body)
    code.used = True
    notes = {"userid": code.userid, "external_userid": code.external_userid, **content}
    return Answer(errors.ok(), notes=notes)


def _welcome_addressees(req: ApiRequest, state: MockState) -> tuple[str, ...]:
    value = req.body.get("welcome_code")
    code = state.welcome.get(value) if isinstance(value, str) else None
    return (code.external_userid,) if code else ()


_PREFIX = "/cgi-bin/externalcontact/"
ENDPOINTS = (
    Endpoint(
        "POST",
        _PREFIX + "add_msg_template",
        "wecom",
        add_msg_template,
        addressees=_template_addressees,
    ),
    Endpoint("POST", _PREFIX + "get_groupmsg_task", "wecom", get_groupmsg_task),
    Endpoint(
        "POST",
        _PREFIX + "send_welcome_msg",
        "wecom",
        send_welcome_msg,
        addressees=_welcome_addressees,
    ),
)
