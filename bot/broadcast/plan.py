"""Planning a broadcast: the audience, who is skipped and why, and the API calls as batches.

Customer groups (`channel = "group_task"`): one `add_msg_template` task per group owner and per
2000 groups (the most one call takes), since only a group's owner can be the task's `sender`.
Groups whose owner left are skipped; each group's weekly cap (`[compliance]`) and the platform's
monthly cap (as many group messages a month as the month has days) are spent at planning.

OA followers: opted-out followers (退订) and those at the weekly cap are skipped. A follower who
wrote to the shop recently and still has customer-service quota to spare gets a customer-service
message (`oa_cs`, batches of `CS_BATCH`), keeping `CS_RESERVE` messages for the conversation;
the rest get a mass send, at most 4 a month each (`OA_MASS_PER_USER_MONTH`). When nobody needs
to be left out, one mass send by tag (`oa_mass_tag`, or to everyone) reaches them all; otherwise
the mass send lists the openids (`oa_mass_list`, ≤ 10,000 a call), so no opted-out follower gets it.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.broadcast.audience import Audience, FollowerDirectory, Group, GroupDirectory
from bot.compliance import PeriodCap, weekly_promotion_cap
from bot.outbound.limits import MAX_CHAT_IDS_PER_TASK, MAX_OPENIDS_PER_MASS, OA_MASS_PER_USER_MONTH
from bot.services import Services
from bot.storage.broadcasts import BatchIn

CS_BATCH = 100
CS_RESERVE = 2  # customer-service messages left for answering the shopper, never used to promote

GROUP_TASK = "group_task"
OA_CS = "oa_cs"
OA_MASS_TAG = "oa_mass_tag"
OA_MASS_LIST = "oa_mass_list"


def days_in_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


@dataclass
class Plan:
    audience: Audience
    targets: int = 0  # everyone the audience named
    skipped: dict[str, int] = field(default_factory=dict)  # reason → how many
    batches: list[BatchIn] = field(default_factory=list)
    by_tag: int = 0  # followers one mass send by tag reaches (its batch names only the tag)

    def skip(self, reason: str, count: int) -> None:
        if count:
            self.skipped[reason] = self.skipped.get(reason, 0) + count

    def summary(self) -> dict[str, Any]:
        return {
            "audience": str(self.audience),
            "targets": self.targets,
            "skipped": self.skipped,
            "by_tag": self.by_tag,
        }


def chunks(items: list[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


@dataclass(frozen=True)
class Preview:
    """What a broadcast would reach, for the staff member's preview (no cap is spent)."""

    total: int  # everyone the audience names
    reachable: int  # less groups whose owner left / followers who opted out
    tasks: int = 0  # group-message tasks it would create
    senders: int = 0  # owners who would be asked to confirm

    def describe(self, audience: Audience) -> str:
        text = f"目标：{audience.describe()}，共 {self.total} 个"
        if self.reachable != self.total:
            text += f"（可发送 {self.reachable} 个）"
        if audience.kind == "groups" and self.tasks:
            text += f"\n将创建 {self.tasks} 个群发任务，需 {self.senders} 位群主在企业微信确认发送"
        return text


@dataclass
class Planner:
    services: Services
    groups: GroupDirectory
    followers: FollowerDirectory

    async def plan(self, audience: Audience, day: date) -> Plan:
        if audience.kind == "groups":
            return await self.plan_groups(audience, day)
        return await self.plan_followers(audience, day)

    async def preview(self, audience: Audience) -> Preview:
        if audience.kind == "groups":
            found = await self.groups.groups(audience.filter)
            active = [g for g in found if g.active]
            batches = group_batches(active)
            senders = len({b.sender for b in batches})
            return Preview(len(found), len(active), len(batches), senders)
        openids, _ = await self.followers.followers(audience.filter)
        opted = await self.services.db.opt_outs.opted_out("oa", openids)
        return Preview(len(openids), len(openids) - len(opted))

    def group_caps(self, day: date) -> tuple[PeriodCap, PeriodCap]:
        store = self.services.store
        weekly = weekly_promotion_cap(store, self.services.config, "wecom_group")
        monthly = PeriodCap(store, "wecom:groupmsg", days_in_month(day), "month")
        return weekly, monthly

    async def plan_groups(self, audience: Audience, day: date) -> Plan:
        plan = Plan(audience)
        found = await self.groups.groups(audience.filter)
        plan.targets = len(found)
        active = [g for g in found if g.active]
        plan.skip("owner_left", len(found) - len(active))
        weekly, monthly = self.group_caps(day)
        allowed, capped = await weekly.take([g.chat_id for g in active], day)
        plan.skip("weekly_cap", len(capped))
        allowed, over = await monthly.take(allowed, day)
        await weekly.give_back(over, day)
        plan.skip("monthly_cap", len(over))
        keep = set(allowed)
        plan.batches = group_batches([g for g in active if g.chat_id in keep])
        return plan

    def follower_caps(self, day: date) -> tuple[PeriodCap, PeriodCap]:
        store = self.services.store
        weekly = weekly_promotion_cap(store, self.services.config, "oa")
        monthly = PeriodCap(store, "oa:mass", OA_MASS_PER_USER_MONTH, "month")
        return weekly, monthly

    async def plan_followers(self, audience: Audience, day: date) -> Plan:
        plan = Plan(audience)
        openids, tag_id = await self.followers.followers(audience.filter)
        plan.targets = len(openids)
        opted = await self.services.db.opt_outs.opted_out("oa", openids)
        plan.skip("opted_out", len(opted))
        weekly, monthly = self.follower_caps(day)
        allowed, capped = await weekly.take([o for o in openids if o not in opted], day)
        plan.skip("weekly_cap", len(capped))
        quota = self.services.outbound.cs_quota
        by_cs = [o for o in allowed if await quota.remaining(o) > CS_RESERVE]
        chosen = set(by_cs)
        rest = [o for o in allowed if o not in chosen]
        by_mass, over = await monthly.take(rest, day)
        await weekly.give_back(over, day)
        plan.skip("monthly_cap", len(over))
        plan.batches = [BatchIn(OA_CS, batch) for batch in chunks(by_cs, CS_BATCH)]
        everyone_left = len(by_mass) == len(openids)
        if by_mass and everyone_left:
            target = "all" if tag_id is None else f"tag:{tag_id}"
            plan.batches.append(BatchIn(OA_MASS_TAG, (target,)))
            plan.by_tag = len(by_mass)
        else:
            plan.batches += [
                BatchIn(OA_MASS_LIST, b) for b in chunks(by_mass, MAX_OPENIDS_PER_MASS)
            ]
        return plan


def group_batches(groups: list[Group]) -> list[BatchIn]:
    """One task per owner and per 2000 groups, owners and chat ids in a stable order."""
    by_owner: dict[str, list[str]] = defaultdict(list)
    for group in groups:
        by_owner[group.owner].append(group.chat_id)
    return [
        BatchIn(GROUP_TASK, batch, sender=owner)
        for owner in sorted(by_owner)
        for batch in chunks(sorted(by_owner[owner]), MAX_CHAT_IDS_PER_TASK)
    ]
