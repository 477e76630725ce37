"""Group-message tasks (企业群发) and welcome codes: the WeCom state staff and events create.

A task made by `externalcontact/add_msg_template` is not sent: each sender sees it in the
WeCom client and must confirm it. The mock keeps every sender's part pending until a test
(or the demo) calls `POST /_mock/confirm_tasks`, which plays the staff member tapping 发送.

Statuses are Tencent's: in 获取群发成员发送任务列表 a sender's task is 0 (未发送) or 2 (已发送).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, Literal

TASK_PENDING, TASK_SENT = 0, 2

ChatType = Literal["single", "group"]


@dataclass(slots=True)
class SenderTask:
    """One staff member's share of a task: the customers or groups they are to send to."""

    userid: str
    targets: list[str]
    sent_at: float | None = None

    @property
    def status(self) -> int:
        return TASK_PENDING if self.sent_at is None else TASK_SENT


@dataclass(slots=True)
class GroupMsgTask:
    msgid: str
    chat_type: ChatType
    created_at: float
    senders: dict[str, SenderTask]
    fail_list: list[str]
    content: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "msgid": self.msgid,
            "chat_type": self.chat_type,
            "created_at": self.created_at,
            "fail_list": self.fail_list,
            "senders": [
                {"userid": s.userid, "status": s.status, "sent_at": s.sent_at, "targets": s.targets}
                for s in self.senders.values()
            ],
            "content": self.content,
        }


class TaskBook:
    def __init__(self) -> None:
        self._tasks: dict[str, GroupMsgTask] = {}

    def create(
        self,
        chat_type: ChatType,
        by_sender: dict[str, list[str]],
        fail_list: list[str],
        content: dict[str, Any],
        now: float,
    ) -> GroupMsgTask:
        msgid = f"msgMock{len(self._tasks) + 1:023d}"
        senders = {u: SenderTask(u, targets) for u, targets in by_sender.items()}
        task = GroupMsgTask(msgid, chat_type, now, senders, fail_list, content)
        self._tasks[msgid] = task
        return task

    def get(self, msgid: str) -> GroupMsgTask | None:
        return self._tasks.get(msgid)

    def all(self) -> list[GroupMsgTask]:
        return list(self._tasks.values())

    def confirm(self, msgid: str | None, userid: str | None, now: float) -> list[dict[str, Any]]:
        """Mark pending sender tasks sent (all of them unless narrowed); list what changed."""
        confirmed = []
        for task in self._tasks.values():
            if msgid is not None and task.msgid != msgid:
                continue
            for part in task.senders.values():
                if part.sent_at is None and userid in (None, part.userid):
                    part.sent_at = now
                    confirmed.append(
                        {"msgid": task.msgid, "userid": part.userid, "targets": len(part.targets)}
                    )
        return confirmed


@dataclass(slots=True)
class WelcomeCode:
    """The WelcomeCode of one add_external_contact event: usable once, within 20 s."""

    code: str
    userid: str
    external_userid: str
    issued_at: float
    used: bool = False


class WelcomeCodes:
    def __init__(self) -> None:
        self._codes: dict[str, WelcomeCode] = {}

    def issue(self, userid: str, external_userid: str, now: float) -> WelcomeCode:
        code = WelcomeCode(secrets.token_urlsafe(32), userid, external_userid, now)
        self._codes[code.code] = code
        return code

    def get(self, code: str) -> WelcomeCode | None:
        return self._codes.get(code)
