"""Running one claimed campaign run: plan, send batch by batch, report. Exactly once, resumable.

The caller has won `db.campaigns.claim_run(campaign_id, run_key)`, so no other worker runs this
key. The plan is stored before the first call; each batch is claimed in the database before its
API call (bot/storage/broadcasts.py). After a crash, `run` on the same key resumes: batches
already sent are skipped, the one that was in flight is reported as unknown, the rest are sent.

Every call waits for room in its rate limit (bot/broadcast/limits.py) and 45009 backs off and
retries (api.py); whatever still fails is recorded on its batch with the reason and shows in the
report the staff member receives, with progress messages on the way for long runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.broadcast.audience import FollowerDirectory, GroupDirectory, LookupFailed
from bot.broadcast.content import Content
from bot.broadcast.notify import Notifier
from bot.broadcast.plan import GROUP_TASK, OA_CS, OA_MASS_LIST, OA_MASS_TAG, Planner
from bot.broadcast.report import RunReport, build_report
from bot.broadcast.spec import CampaignSpec, ProductMissing
from bot.compliance import quiet_hours
from bot.outbound.caller import ApiResult, Outcome
from bot.outbound.limits import (
    OA_CUSTOM_PER_ACCOUNT,
    OA_MASS_PER_ACCOUNT,
    WECOM_API_PER_CORP,
    RateLimited,
)
from bot.services import Services
from bot.storage import Campaign, Database, InvalidTransition
from bot.storage.broadcasts import Batch, BatchStatus, BroadcastPlan

log = logging.getLogger(__name__)

ADD_MSG_TEMPLATE = "/cgi-bin/externalcontact/add_msg_template"
MASS_SENDALL = "/cgi-bin/message/mass/sendall"
MASS_SEND = "/cgi-bin/message/mass/send"
CUSTOM_SEND = "/cgi-bin/message/custom/send"
CLIENTMSGID_EXISTS = 45065
CS_CONCURRENCY = 8
PROGRESS_EVERY_S = 10.0
MAX_RATE_WAIT_S = 300.0

Outcome3 = tuple[BatchStatus, dict[str, Any], str | None]


@dataclass
class Broadcaster:
    """Plans and sends campaign runs; one per process, `services.broadcaster`."""

    services: Services
    progress_every_s: float = PROGRESS_EVERY_S
    max_rate_wait_s: float = MAX_RATE_WAIT_S
    _active: set[tuple[int, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        services = self.services
        self.limiter = services.outbound.rates
        self.api = services.outbound.caller
        corp = services.config.wecom.corp_id
        self.groups = GroupDirectory(self.api, services.store, self.limiter, corp)
        self.followers = FollowerDirectory(self.api)
        self.planner = Planner(services, self.groups, self.followers)
        self.notifier = Notifier(services, self.limiter)
        self.clock = services.clock
        self.zone = self.clock.zone

    def running(self, campaign_id: int, run_key: str) -> bool:
        return (campaign_id, run_key) in self._active

    async def run(self, campaign: Campaign, run_key: str) -> RunReport | None:
        """Send (or resume) a claimed run; None when this process is already running it."""
        key = (campaign.id, run_key)
        if key in self._active:
            return None
        self._active.add(key)
        try:
            return await self._run(campaign, run_key)
        finally:
            self._active.discard(key)

    async def _run(self, campaign: Campaign, run_key: str) -> RunReport | None:
        db = self._db()
        spec = CampaignSpec.from_payload(campaign.payload)
        try:
            content = spec.resolved(self.services).content  # before any cap is spent
        except ProductMissing as exc:
            await self._give_up(campaign, run_key, spec, str(exc))
            return None
        plan = await db.broadcasts.get_plan(campaign.id, run_key)
        verb = "开始"
        if plan is None:
            plan = await self._make_plan(campaign, run_key, spec)
            if plan is None:
                return None
        else:
            verb = "继续"
            interrupted = await db.broadcasts.interrupt(campaign.id, run_key)
            log.info(
                "resuming campaign %d run %s (%d interrupted)", campaign.id, run_key, interrupted
            )
            plan = await db.broadcasts.get_plan(campaign.id, run_key) or plan
        report = build_report(campaign.name, plan)
        await self.notifier.report(
            spec.notify,
            f"{verb}群发「{campaign.name}」：{report.audience}，共 {report.targets} 个，分 {report.batches} 批",
        )
        await self._send_all(campaign, plan, content, spec)
        return await self._finish(campaign, run_key, spec)

    async def _make_plan(
        self, campaign: Campaign, run_key: str, spec: CampaignSpec
    ) -> BroadcastPlan | None:
        db = self._db()
        now = self.clock.now()
        quiet = quiet_hours(self.services.config)
        if quiet is not None and quiet.contains(now):
            await self._give_up(
                campaign, run_key, spec, f"免打扰时段（{quiet.describe()}）内不发送促销"
            )
            return None
        try:
            made = await self.planner.plan(spec.audience, now.astimezone(self.zone).date())
        except LookupFailed as exc:
            await self._give_up(campaign, run_key, spec, f"查询发送对象失败：{exc}")
            return None
        await db.broadcasts.save_plan(campaign.id, run_key, made.summary(), made.batches)
        return await db.broadcasts.get_plan(campaign.id, run_key)

    async def _send_all(
        self, campaign: Campaign, plan: BroadcastPlan, content: Content, spec: CampaignSpec
    ) -> None:
        db = self._db()
        last_progress = self.clock.monotonic()
        pending = [b for b in plan.batches if b.status is BatchStatus.PLANNED]
        for index, batch in enumerate(pending, start=1):
            if not await db.broadcasts.start_batch(campaign.id, batch.run_key, batch.batch_no):
                continue
            status, result, error = await self._send(batch, content, plan)
            await db.broadcasts.finish_batch(
                campaign.id, batch.run_key, batch.batch_no, status, result, error
            )
            if status is BatchStatus.FAILED:
                await self._give_back(batch, plan)
            now = self.clock.monotonic()
            if index < len(pending) and now - last_progress >= self.progress_every_s:
                last_progress = now
                current = await db.broadcasts.get_plan(campaign.id, batch.run_key)
                if current is not None and _unfinished(current):
                    await self.notifier.report(
                        spec.notify, build_report(campaign.name, current).progress()
                    )

    async def _finish(
        self, campaign: Campaign, run_key: str, spec: CampaignSpec
    ) -> RunReport | None:
        db = self._db()
        plan = await db.broadcasts.get_plan(campaign.id, run_key)
        if plan is None:
            return None
        report = build_report(campaign.name, plan)
        try:
            await db.campaigns.finish_run(
                campaign.id, run_key, sent=report.reached, failed=report.failures
            )
        except InvalidTransition:
            log.info("campaign %d run %s was finished elsewhere", campaign.id, run_key)
            return report
        await self._complete_one_off(campaign)
        await self.notifier.report(spec.notify, report.text())
        return report

    async def _give_up(
        self, campaign: Campaign, run_key: str, spec: CampaignSpec, why: str
    ) -> None:
        try:
            await self._db().campaigns.finish_run(campaign.id, run_key, sent=0, failed=0, error=why)
        except InvalidTransition:
            return
        await self._complete_one_off(campaign)
        await self.notifier.report(spec.notify, f"群发「{campaign.name}」未发送：{why}")

    async def _complete_one_off(self, campaign: Campaign) -> None:
        if campaign.run_at is None:
            return
        with contextlib.suppress(InvalidTransition):  # paused or cancelled meanwhile: stays so
            await self._db().campaigns.complete_campaign(campaign.id)

    async def _give_back(self, batch: Batch, plan: BroadcastPlan) -> None:
        """A refused call sent nothing: its targets get back the cap units planning took."""
        day = plan.created_at.astimezone(self.zone).date()
        if batch.channel == GROUP_TASK:
            caps = self.planner.group_caps(day)
        elif batch.channel == OA_MASS_LIST:
            caps = self.planner.follower_caps(day)
        else:
            return
        for cap in caps:
            await cap.give_back(batch.targets, day)

    # --- sending one batch -----------------------------------------------------------------

    async def _send(self, batch: Batch, content: Content, plan: BroadcastPlan) -> Outcome3:
        try:
            if batch.channel == GROUP_TASK:
                return await self._group_task(batch, content)
            if batch.channel == OA_CS:
                return await self._customer_service(batch, content)
            if batch.channel in (OA_MASS_TAG, OA_MASS_LIST):
                return await self._mass(batch, content, plan)
        except RateLimited as exc:
            return BatchStatus.FAILED, {}, f"等待发送额度超时（{exc.name}）"
        except Exception as exc:  # a bug must not leave the run half-done and unreported
            log.exception("batch %d of campaign %d failed", batch.batch_no, batch.campaign_id)
            return BatchStatus.UNKNOWN, {}, f"内部错误（{type(exc).__name__}），未重发"
        return BatchStatus.FAILED, {}, f"unknown channel {batch.channel}"

    async def _group_task(self, batch: Batch, content: Content) -> Outcome3:
        corp = self.services.config.wecom.corp_id
        await self.limiter.acquire(
            f"wecom:{corp}:api:add_msg_template", WECOM_API_PER_CORP, self.max_rate_wait_s
        )
        body = {
            "chat_type": "group",
            "sender": batch.sender,
            "chat_id_list": list(batch.targets),
            **content.group_task(),
        }
        result = await self.api.wecom(ADD_MSG_TEMPLATE, body)
        self._count("group_task", result)
        if result.ok:
            fail_list = [str(c) for c in result.data.get("fail_list", [])]
            return (
                BatchStatus.SENT,
                {"msgid": result.data.get("msgid", ""), "fail_list": fail_list},
                None,
            )
        return _failed(result)

    async def _mass(self, batch: Batch, content: Content, plan: BroadcastPlan) -> Outcome3:
        body: dict[str, Any] = {
            "msgtype": "text",
            "text": {"content": content.oa_text()},
            "send_ignore_reprint": 0,
            "clientmsgid": _clientmsgid(batch),
        }
        if batch.channel == OA_MASS_TAG:
            target = batch.targets[0]
            if target == "all":
                body["filter"] = {"is_to_all": True}
            else:
                body["filter"] = {"is_to_all": False, "tag_id": int(target.removeprefix("tag:"))}
            path = MASS_SENDALL
        else:
            if len(batch.targets) < 2:
                return BatchStatus.FAILED, {}, "按粉丝列表群发至少需要2人"
            body["touser"] = list(batch.targets)
            path = MASS_SEND
        app_id = self.services.config.oa.app_id
        await self.limiter.acquire(f"oa:{app_id}:mass", OA_MASS_PER_ACCOUNT, self.max_rate_wait_s)
        # clientmsgid makes a repeat harmless (45065 names the first send), so retries are safe.
        result = await self.api.oa(path, body, idempotent=True)
        self._count("mass", result)
        if result.ok or result.errcode == CLIENTMSGID_EXISTS:
            return BatchStatus.SENT, {"msg_id": result.data.get("msg_id", 0)}, None
        return _failed(result)

    async def _customer_service(self, batch: Batch, content: Content) -> Outcome3:
        quota = self.services.outbound.cs_quota
        app_id = self.services.config.oa.app_id
        semaphore = asyncio.Semaphore(CS_CONCURRENCY)
        outcomes: Counter[str] = Counter()

        async def one(openid: str) -> None:
            async with semaphore:
                if not await quota.take(openid):
                    outcomes["客服消息额度已用完"] += 1
                    return
                name = f"oa:{app_id}:api:custom_send"
                await self.limiter.acquire(name, OA_CUSTOM_PER_ACCOUNT, self.max_rate_wait_s)
                result = await self.api.oa(CUSTOM_SEND, content.oa_custom(openid))
                self._count("customer_service", result)
                if result.ok:
                    outcomes["sent"] += 1
                elif result.outcome is Outcome.UNKNOWN:
                    outcomes["unknown"] += 1
                else:
                    outcomes[_reason(result)] += 1

        await asyncio.gather(*(one(openid) for openid in batch.targets))
        sent, unknown = outcomes.pop("sent", 0), outcomes.pop("unknown", 0)
        result = {"sent": sent, "unknown": unknown, "failed": dict(outcomes)}
        status = BatchStatus.SENT if sent or unknown else BatchStatus.FAILED
        return status, result, None if status is BatchStatus.SENT else "全部发送失败"

    def _count(self, kind: str, result: ApiResult) -> None:
        code = "0" if result.ok else str(result.errcode) if result.errcode else "none"
        self.services.metrics.broadcast_sends.labels(kind, code).inc()

    def _db(self) -> Database:
        return self.services.db


def _unfinished(plan: BroadcastPlan) -> bool:
    """Batches still to send. A leader paused long enough for another to take over and finish
    the run must not report progress after the final report has gone out."""
    return any(b.status in (BatchStatus.PLANNED, BatchStatus.SENDING) for b in plan.batches)


def _reason(result: ApiResult) -> str:
    return f"{result.errcode} {result.reason}".strip() if result.errcode else result.reason


def _failed(result: ApiResult) -> Outcome3:
    if result.outcome is Outcome.UNKNOWN:
        return BatchStatus.UNKNOWN, {}, f"无应答（{result.reason}），未重发"
    return BatchStatus.FAILED, {}, _reason(result)


def _clientmsgid(batch: Batch) -> str:
    """≤ 64 characters, the same for every attempt at this batch (OA de-duplicates on it)."""
    digest = hashlib.sha256(f"{batch.campaign_id}|{batch.run_key}|{batch.batch_no}".encode())
    return f"shopbot-{batch.campaign_id}-{batch.batch_no}-{digest.hexdigest()[:24]}"
