"""The campaign scheduler: APScheduler 3 (AsyncIOScheduler) in exactly one process at a time.

What it runs:
- **Campaigns** from the config file (`[[campaigns]]`, cron) and from staff commands (cron or a
  one-off `run_at`), all kept in the database: config campaigns are mirrored there at start
  (kind "config"), so both kinds have an id for `claim_run` and survive restarts alike.
- **Sync** every `sync_every_s`: campaigns created, paused, resumed or cancelled by any worker
  are picked up. A staff member's "send now" is a one-off campaign that this picks up, or that
  `wake()` hands over at once when it was confirmed in the leading process.
- **Reminders** for group-message tasks still unconfirmed (bot/broadcast/reminders.py).
- **Order expiry** every minute: unpaid orders past `[shop] unpaid_expiry_min`.
- **After-sales**: staff alerted about new tickets every `ticket_alert_every_s` (15 s); reminded
  every 5 minutes of tickets nobody moved for `[shop] ticket_remind_h` hours (bot/business/).

Exactly once: each fire computes a run key (the scheduled time, e.g. `2025-03-14T20:00+08:00`)
and sends only if `claim_run(campaign, key)` says this caller won. Which process fires is decided
by a lease (scheduler/lease.py); the database claim is what makes a second firing harmless.

Missed runs (the process was down): when a campaign is (re)loaded, the fire times since its last
run are computed. The latest runs now, once, if it is less than `[scheduler] misfire_grace_s`
old; older ones are recorded as missed runs (so they are reported once, not at every restart)
and reported to staff. A run that was under way when the process died is resumed (the batches it
had sent are not sent again; bot/broadcast/runner.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.background import TaskSet
from bot.broadcast.reminders import REMIND_AFTER_S, remind_unconfirmed
from bot.broadcast.spec import CONFIG_ACTOR, KIND_CONFIG, CampaignSpec
from bot.business.tickets import alert_new_tickets, remind_untouched
from bot.services import Services
from bot.shop.expiry import expire_unpaid_orders
from bot.storage import Campaign, CampaignStatus, Database, InvalidTransition
from bot.storage.broadcasts import MirroredCampaign
from scheduler.lease import Lease

log = logging.getLogger(__name__)

STOP_WAIT_S = 5.0

SYNC_EVERY_S = 5.0
RENEW_EVERY_S = 10.0
LEASE_TTL_S = 30.0
REMIND_EVERY_S = 300.0
EXPIRY_EVERY_S = 60.0
TICKET_ALERT_EVERY_S = 15.0
TICKET_REMIND_EVERY_S = 300.0
RESUME_AFTER_S = 120.0  # a run claimed this long ago and not running here is taken over
MAX_MISSED_SHOWN = 20  # missed fire times recorded one by one; older ones are only counted
MAX_LOOKBACK = timedelta(days=7)

TriggerFactory = Callable[[str, ZoneInfo], BaseTrigger]


def cron_trigger(cron: str, zone: ZoneInfo) -> BaseTrigger:
    """A 5-field crontab (minute hour day month weekday) in the scheduler's time zone."""
    return CronTrigger.from_crontab(cron, timezone=zone)


def run_key(moment: datetime, zone: ZoneInfo) -> str:
    """The idempotency key of the run scheduled at `moment`, the same in every worker."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _scheduled(key: str, fallback: datetime) -> datetime:
    """The time a run was scheduled for, read back from its run key."""
    try:
        moment = datetime.fromisoformat(key)
    except ValueError:
        return fallback
    return moment if moment.tzinfo is not None else fallback


def fire_times(
    trigger: BaseTrigger, since: datetime, until: datetime, limit: int = 10_000
) -> list[datetime]:
    """The trigger's fire times in (since, until], oldest first, at most `limit` of the newest."""
    found: list[datetime] = []
    tick = timedelta(microseconds=1)  # triggers round up to the next whole second
    moment = trigger.get_next_fire_time(None, since + tick)
    while moment is not None and moment <= until:
        found.append(moment)
        if len(found) > limit:
            found.pop(0)
        moment = trigger.get_next_fire_time(moment, moment + tick)
    return found


@dataclass(frozen=True)
class CatchUp:
    """What (re)loading a campaign decided about the fire times it missed."""

    run_now: datetime | None = None
    missed: int = 0


class SchedulerService:
    def __init__(
        self,
        services: Services,
        *,
        trigger_factory: TriggerFactory = cron_trigger,
        sync_every_s: float = SYNC_EVERY_S,
        renew_every_s: float = RENEW_EVERY_S,
        lease_ttl_s: float = LEASE_TTL_S,
        remind_every_s: float = REMIND_EVERY_S,
        remind_after_s: float = REMIND_AFTER_S,
        ticket_alert_every_s: float = TICKET_ALERT_EVERY_S,
    ) -> None:
        self.services = services
        self.clock = services.clock  # moved by tests instead of waited for
        self.trigger_factory = trigger_factory
        self.zone = ZoneInfo(services.config.scheduler.timezone)
        self.grace = timedelta(seconds=services.config.scheduler.misfire_grace_s)
        self.sync_every_s = sync_every_s
        self.renew_every_s = renew_every_s
        self.remind_every_s = remind_every_s
        self.remind_after_s = remind_after_s
        self.ticket_alert_every_s = ticket_alert_every_s
        self.broadcaster = services.broadcaster
        self.lease = Lease(services.store, lease_ttl_s)
        self._scheduler: AsyncIOScheduler | None = None
        self._known: dict[int, BaseTrigger | None] = {}
        self._loop: asyncio.Task[None] | None = None
        self._tasks = TaskSet("scheduler task")
        self._sync_lock = asyncio.Lock()

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def is_leader(self) -> bool:
        return self._scheduler is not None

    async def start(self) -> None:
        """Start competing for the lease; returns at once (leading starts in the background)."""
        # APScheduler logs every run of every job at INFO: the 5-second sync would flood the log.
        logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
        if self._loop is None:
            self._loop = asyncio.create_task(self._lead())

    async def stop(self) -> None:
        """Stop firing, cancel runs under way (their batches resume after a restart), let go."""
        if self._loop is not None:
            self._loop.cancel()
            # Shutdown must finish: a lease check stuck in a store call is named, not awaited
            # for ever (the lease lapses by itself within its TTL).
            _, stuck = await asyncio.wait({self._loop}, timeout=STOP_WAIT_S)
            if stuck:
                log.error("the scheduler's lease loop did not stop when cancelled")
            self._loop = None
        self._step_down()
        await self._tasks.close()
        try:
            await asyncio.wait_for(self.lease.release(), STOP_WAIT_S)
        except (TimeoutError, OSError, ConnectionError) as exc:
            log.warning("the scheduler lease was not released (%s); it lapses by itself", exc)

    def wake(self) -> None:
        """A campaign was just created or changed here: sync now rather than at the next tick."""
        if self.is_leader:
            self._tasks.spawn(self.sync())

    async def _lead(self) -> None:
        while True:
            try:
                if await self.lease.acquire():
                    if not self.is_leader:
                        await self._become_leader()
                elif self.is_leader:
                    log.warning("scheduler lease lost; another process leads now")
                    self._step_down()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduler lease check failed")
            await asyncio.sleep(self.renew_every_s)

    async def _become_leader(self) -> None:
        log.info("this process runs the scheduler")
        scheduler = AsyncIOScheduler(timezone=self.zone)
        scheduler.start()
        self._scheduler = scheduler
        self._known.clear()
        try:
            await self._set_up(scheduler)
        except BaseException:
            self._step_down()  # the next lease check tries again
            raise

    async def _set_up(self, scheduler: AsyncIOScheduler) -> None:
        await self.mirror_config()
        scheduler.add_job(
            self._tick, IntervalTrigger(seconds=self.sync_every_s), id="sync", coalesce=True
        )
        scheduler.add_job(
            self._remind, IntervalTrigger(seconds=self.remind_every_s), id="remind", coalesce=True
        )
        scheduler.add_job(
            self._expire_orders, IntervalTrigger(seconds=EXPIRY_EVERY_S), id="expiry", coalesce=True
        )
        scheduler.add_job(
            self._alert_tickets,
            IntervalTrigger(seconds=self.ticket_alert_every_s),
            id="ticket-alerts",
            coalesce=True,
        )
        scheduler.add_job(
            self._remind_tickets,
            IntervalTrigger(seconds=TICKET_REMIND_EVERY_S),
            id="ticket-reminders",
            coalesce=True,
        )
        # In the background, so that catching up (which may wait on rate limits to report missed
        # runs) never holds up the lease renewal in `_lead`.
        self._tasks.spawn(self.sync(resume_all=True))

    def _step_down(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
        self._known.clear()

    def _db(self) -> Database:
        return self.services.db

    # --- campaigns ----------------------------------------------------------------------

    async def mirror_config(self) -> None:
        """Make the database hold exactly the config file's campaigns (kind "config")."""
        wanted = [
            MirroredCampaign(
                entry.name,
                " ".join(entry.cron.split()),
                CampaignSpec.from_config(entry).to_payload(),
            )
            for entry in self.services.config.campaigns
        ]
        await self._db().broadcasts.mirror_campaigns(KIND_CONFIG, CONFIG_ACTOR, wanted)

    async def _tick(self) -> None:
        await self.sync()

    async def sync(self, *, resume_all: bool = False) -> None:
        """Bring the jobs in line with the active campaigns; resume runs left unfinished."""
        if not self.is_leader:
            return
        async with self._sync_lock:
            db = self._db()
            active = {
                c.id: c for c in await db.campaigns.list_campaigns(CampaignStatus.ACTIVE, 1000)
            }
            for campaign_id in [cid for cid in self._known if cid not in active]:
                self._remove(campaign_id)
            for campaign in active.values():
                if campaign.id not in self._known:
                    await self._add(campaign)
            await self._resume(resume_all)

    def _remove(self, campaign_id: int) -> None:
        self._known.pop(campaign_id, None)
        if self._scheduler is not None:
            with contextlib.suppress(Exception):  # a one-off job removes itself after firing
                self._scheduler.remove_job(f"campaign:{campaign_id}")

    async def _add(self, campaign: Campaign) -> None:
        if campaign.cron is not None:
            try:
                trigger: BaseTrigger | None = self.trigger_factory(campaign.cron, self.zone)
            except ValueError:
                log.error(
                    "campaign %d has a bad cron %r; not scheduled", campaign.id, campaign.cron
                )
                self._known[campaign.id] = None
                return
        else:
            trigger = None
        self._known[campaign.id] = trigger
        decision = await self.catch_up(campaign, trigger)
        if decision.run_now is not None:
            self._tasks.spawn(self.fire(campaign.id, decision.run_now))
        if self._scheduler is None:
            return
        grace = int(self.grace.total_seconds()) or 1
        job_id = f"campaign:{campaign.id}"
        if trigger is not None:
            self._scheduler.add_job(
                self._cron_job,
                trigger,
                args=[campaign.id],
                id=job_id,
                replace_existing=True,
                misfire_grace_time=grace,
                coalesce=True,
            )
        elif campaign.run_at is not None and campaign.run_at > self.clock.now():
            self._scheduler.add_job(
                self._once_job,
                DateTrigger(campaign.run_at),
                args=[campaign.id],
                id=job_id,
                replace_existing=True,
                misfire_grace_time=grace,
            )

    async def catch_up(self, campaign: Campaign, trigger: BaseTrigger | None) -> CatchUp:
        """Decide about the fire times missed while no scheduler ran this campaign."""
        db = self._db()
        now = self.clock.now()
        runs = await db.campaigns.list_runs(campaign.id, limit=5)
        if trigger is None:
            if campaign.run_at is None or campaign.run_at > now:
                return CatchUp()
            if runs:  # it ran; only its completion was lost
                with contextlib.suppress(InvalidTransition):
                    await db.campaigns.complete_campaign(campaign.id)
                return CatchUp()
            due = [campaign.run_at]
        else:
            since = max(campaign.created_at, campaign.updated_at, now - MAX_LOOKBACK)
            since = max([since, *(_scheduled(run.run_key, run.claimed_at) for run in runs)])
            due = fire_times(trigger, since, now)
        if not due:
            return CatchUp()
        latest = due[-1]
        run_now = latest if now - latest <= self.grace else None
        missed = due[:-1] if run_now is not None else due
        if missed:
            await self._record_missed(campaign, missed, trigger is None)
        return CatchUp(run_now, len(missed))

    async def _record_missed(self, campaign: Campaign, missed: list[datetime], once: bool) -> None:
        db = self._db()
        for moment in missed[-MAX_MISSED_SHOWN:]:
            key = run_key(moment, self.zone)
            if await db.campaigns.claim_run(campaign.id, key):
                await db.campaigns.finish_run(campaign.id, key, sent=0, failed=0, error="missed")
        if once:
            with contextlib.suppress(InvalidTransition):
                await db.campaigns.complete_campaign(campaign.id)
        latest = missed[-1].astimezone(self.zone)
        text = (
            f"活动「{campaign.name}」在服务停止期间错过了 {len(missed)} 次发送"
            f"（最近一次 {latest:%m-%d %H:%M}），超过补发时限，未补发。"
        )
        log.warning("campaign %d missed %d runs while no scheduler ran", campaign.id, len(missed))
        spec = CampaignSpec.from_payload(campaign.payload)
        await self.broadcaster.notifier.report(spec.notify, text)

    async def _resume(self, resume_all: bool) -> None:
        db = self._db()
        stale_before = self.clock.now() - timedelta(seconds=RESUME_AFTER_S)
        for run in await db.broadcasts.running_runs():
            if self.broadcaster.running(run.campaign_id, run.run_key):
                continue
            if not resume_all and run.claimed_at > stale_before:
                continue
            campaign = await db.campaigns.get_campaign(run.campaign_id)
            if campaign is not None:
                log.info("resuming campaign %d run %s", run.campaign_id, run.run_key)
                self._tasks.spawn(self.broadcaster.run(campaign, run.run_key))

    # --- firing -------------------------------------------------------------------------

    async def _cron_job(self, campaign_id: int) -> None:
        trigger = self._known.get(campaign_id)
        if trigger is None:
            return
        now = self.clock.now()
        due = fire_times(trigger, now - self.grace - timedelta(seconds=1), now, limit=1)
        if due:
            self._tasks.spawn(self.fire(campaign_id, due[-1]))

    async def _once_job(self, campaign_id: int) -> None:
        campaign = await self._db().campaigns.get_campaign(campaign_id)
        if campaign is not None and campaign.run_at is not None:
            self._tasks.spawn(self.fire(campaign_id, campaign.run_at))

    async def fire(self, campaign_id: int, scheduled: datetime) -> bool:
        """Send the run scheduled at `scheduled` if nobody has claimed it; True if this did."""
        db = self._db()
        key = run_key(scheduled, self.zone)
        if not await db.campaigns.claim_run(campaign_id, key):
            return False
        campaign = await db.campaigns.get_campaign(campaign_id)
        if campaign is None:
            return False
        log.info("campaign %d run %s claimed", campaign_id, key)
        await self.broadcaster.run(campaign, key)
        return True

    # --- housekeeping -------------------------------------------------------------------

    async def _remind(self) -> None:
        await remind_unconfirmed(self.broadcaster, self.clock.now(), self.remind_after_s)

    async def _expire_orders(self) -> None:
        await expire_unpaid_orders(self.services, self.clock.now())

    async def _alert_tickets(self) -> None:
        await alert_new_tickets(self.services)

    async def _remind_tickets(self) -> None:
        await remind_untouched(self.services, self.clock.now())
