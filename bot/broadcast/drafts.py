"""A broadcast waiting for the staff member's 确认: preview, compliance check, confirmation.

`prepare` checks the words (bot/compliance.py), counts the audience without spending any cap,
moves a send time that falls in the quiet hours to their end, and answers with a preview; the
draft waits in the staff member's session (`broadcast:confirm`) for `CONFIRM_TTL_S`. 确认 (or
/confirm) stores it as a campaign in the database and wakes the scheduler, which sends it now or
at its time; anything else, another command, or the timeout drops it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.broadcast.audience import LookupFailed
from bot.broadcast.content import Content
from bot.broadcast.spec import KIND_BROADCAST, CampaignSpec
from bot.compliance import WordList, quiet_hours
from bot.protocol import Inbound
from bot.router import normalise_command_word
from bot.shoptime import shop_zone
from bot.step import Context, Step

CONFIRM_TTL_S = 300
CONFIRM_STATE = "broadcast:confirm"
CONFIRM_WORDS = frozenset({"确认", "confirm"})
PREVIEW_CHARS = 500  # a passive WeCom reply holds 2048 bytes; the rest of the text is not shown


def _zone(ctx: Context) -> ZoneInfo:
    return shop_zone(ctx.services.config)


def _shortened(text: str) -> str:
    if len(text) <= PREVIEW_CHARS:
        return text
    return f"{text[:PREVIEW_CHARS]}…（全文 {len(text)} 字，预览只显示开头）"


async def audit(
    ctx: Context, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
) -> None:
    await ctx.services.db.audit.record(actor, action, target, detail)


@dataclass(frozen=True)
class Draft:
    name: str
    spec: CampaignSpec
    run_at: datetime | None = None  # None: now (or a cron)
    cron: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "payload": self.spec.to_payload(),
            "run_at": self.run_at.isoformat() if self.run_at else None,
            "cron": self.cron,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        run_at = data.get("run_at")
        return cls(
            str(data["name"]),
            CampaignSpec.from_payload(dict(data["payload"])),
            datetime.fromisoformat(run_at) if run_at else None,
            data.get("cron"),
        )


def default_name(content: Content) -> str:
    base = content.text or (content.card.title if content.card else "")
    return "群发 " + base.replace("\n", " ")[:16]


def _title(draft: Draft) -> str:
    """The preview's title: the campaign's name, unless it is only the start of the text shown
    right below it (a /broadcast names its campaign so)."""
    if draft.name == default_name(draft.spec.content):
        return "【群发预览】"
    return f"【群发预览】{draft.name}"


async def prepare(draft: Draft, msg: Inbound, ctx: Context) -> Step:
    """Compliance check, audience count, quiet hours → a preview waiting for 确认."""
    services = ctx.services
    words = WordList.from_config(services.config.compliance).check(
        draft.spec.content.checked_text()
    )
    if words.blocked:
        await audit(
            ctx, f"staff:{msg.user}", "broadcast.blocked", "compliance", {"words": words.hits}
        )
        return Step.say(words.describe())
    try:
        preview = await services.broadcaster.planner.preview(draft.spec.audience)
    except LookupFailed as exc:
        return Step.say(f"查询发送对象失败：{exc}")
    when_text, draft = _when(draft, ctx)
    lines = [
        _title(draft),
        _shortened(draft.spec.content.preview()),
        "—" * 8,
        preview.describe(draft.spec.audience),
        when_text,
        words.describe(),
        f"回复“确认”或 /confirm 发送；回复其他任何内容取消（{CONFIRM_TTL_S // 60} 分钟内有效）。",
    ]
    slots = {"draft": draft.to_json(), "expires": ctx.services.clock.time() + CONFIRM_TTL_S}
    return Step.say("\n".join(lines), next_state=CONFIRM_STATE, slots=slots)


def _when(draft: Draft, ctx: Context) -> tuple[str, Draft]:
    zone = _zone(ctx)
    if draft.cron:
        return f"时间：按计划 {draft.cron}（{zone.key}），免打扰时段内的那次不发", draft
    quiet = quiet_hours(ctx.services.config)
    moment = draft.run_at or ctx.services.clock.now()
    if quiet is not None and quiet.contains(moment):
        later = quiet.end_after(moment)
        text = f"时间：现在是免打扰时段（{quiet.describe()}），将于 {later.astimezone(zone):%m-%d %H:%M} 发送"
        return text, dataclasses.replace(draft, run_at=later)
    if draft.run_at is None:
        return "时间：确认后立即发送", draft
    return f"时间：{draft.run_at.astimezone(zone):%m-%d %H:%M}", draft


async def confirm_or_cancel(msg: Inbound, ctx: Context) -> Step:
    """The dialog step of `broadcast:confirm` (and /confirm, /cancel)."""
    raw = ctx.session.slots.get("draft")
    if ctx.session.state != CONFIRM_STATE or not isinstance(raw, dict):
        return Step.say("没有待确认的群发。")
    word = normalise_command_word(msg.text)
    if word not in CONFIRM_WORDS:
        await audit(ctx, f"staff:{msg.user}", "broadcast.cancel", "draft")
        return Step.say("已取消，这条群发不会发送。", next_state=None, reset_slots=True)
    clock = ctx.services.clock
    if clock.time() > float(ctx.session.slots.get("expires", 0)):
        return Step.say("确认已超时，群发已取消，请重新发起。", next_state=None, reset_slots=True)
    db = ctx.services.db
    draft = Draft.from_json(raw)
    run_at = None if draft.cron else (draft.run_at or clock.now())
    campaign = await db.campaigns.create_campaign(
        draft.name,
        KIND_BROADCAST,
        draft.spec.to_payload(),
        created_by=f"staff:{msg.user}",
        cron=draft.cron,
        run_at=run_at,
    )
    wake_scheduler(ctx)
    if draft.cron:
        text = f"已确认：活动 #{campaign.id}「{campaign.name}」已按计划 {draft.cron} 排期。"
    elif run_at is not None and run_at > clock.now() + timedelta(seconds=60):
        text = (
            f"已确认：活动 #{campaign.id} 将于 {run_at.astimezone(_zone(ctx)):%m-%d %H:%M} 发送。"
        )
    else:
        text = f"已确认：活动 #{campaign.id} 开始发送，完成后把报告发给您。"
    return Step.say(text, next_state=None, reset_slots=True)


def wake_scheduler(ctx: Context) -> None:
    """Let this process's scheduler (if it runs one) see a new campaign now."""
    scheduler = ctx.services.scheduler.current
    if scheduler is not None:
        scheduler.wake()
