"""Reminding group owners of group-message tasks they have not confirmed yet.

A task from 创建企业群发 reaches no group until its sender taps 发送 in the WeCom client. Some
time after a task was created (`REMIND_AFTER_S`), 获取群发成员发送任务列表 (`get_groupmsg_task`,
path 93338) tells which senders have not (status 0); each of them gets one app message. A batch
is reminded about once; a lookup that fails is tried again at the next check.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from bot.broadcast.plan import GROUP_TASK
from bot.broadcast.runner import Broadcaster

log = logging.getLogger(__name__)

REMIND_AFTER_S = 30 * 60
TASK_PAGE = 1000
SENDER_PENDING = 0
GET_TASK = "/cgi-bin/externalcontact/get_groupmsg_task"


async def remind_unconfirmed(
    broadcaster: Broadcaster, now: datetime, after_s: float = REMIND_AFTER_S
) -> int:
    """Remind the senders of tasks still unconfirmed `after_s` after creation; how many were."""
    db = broadcaster.services.db
    reminded = 0
    due = await db.broadcasts.awaiting_confirmation(GROUP_TASK, now - timedelta(seconds=after_s))
    for batch in due:
        msgid = str(batch.result.get("msgid") or "")
        pending = await _pending_senders(broadcaster, msgid) if msgid else []
        if pending is None:
            continue
        campaign = await db.campaigns.get_campaign(batch.campaign_id)
        name = campaign.name if campaign else f"#{batch.campaign_id}"
        for userid in pending:
            text = (
                f"提醒：群发任务「{name}」（{len(batch.targets)} 个客户群）还未确认发送。\n"
                "请在企业微信「客户联系 → 群发助手」中确认发送；不发可忽略。"
            )
            if await broadcaster.notifier.tell(userid, text):
                reminded += 1
        await db.broadcasts.mark_reminded(batch.campaign_id, batch.run_key, batch.batch_no)
    return reminded


async def _pending_senders(broadcaster: Broadcaster, msgid: str) -> list[str] | None:
    """Senders with the task still pending; None when the lookup failed (try again later)."""
    pending: list[str] = []
    cursor = ""
    while True:
        body: dict[str, Any] = {"msgid": msgid, "limit": TASK_PAGE, "cursor": cursor}
        result = await broadcaster.api.wecom(GET_TASK, body, idempotent=True)
        if not result.ok:
            log.warning("get_groupmsg_task failed: %d %s", result.errcode, result.reason)
            return None
        for entry in result.data.get("task_list", []):
            if int(entry.get("status", SENDER_PENDING)) == SENDER_PENDING:
                pending.append(str(entry.get("userid", "")))
        cursor = str(result.data.get("next_cursor") or "")
        if not cursor:
            return [p for p in pending if p]
